import { Injectable } from '@nestjs/common';
import type { OrderPreviewRequest } from '@weshop/shared';
import type { CheckoutSku } from '../catalog/inventory.repository';
import type { Tx } from '../infra/events/domain-events';
import type { PricingStages } from '../pricing/price-order.policy';

/** What an activity (拼团 today; 秒杀 later) decides about a checkout before it is priced. */
export interface ActivityQuote {
  kind: 'GROUP_BUY' | 'FLASH_SALE';
  /** Step 1 of the price pipeline: the activity price per line. */
  activityPrice: PricingStages['activityPrice'];
  /** Activity orders wait a shorter time for payment. */
  paymentTimeoutMs: number;
  /** Copied onto every line of the `order.placed` event (commission rules read it). */
  lineActivity: { kind: string; earnsCommission: boolean | null };
  /** Handed to the activity's own listener of `order.placed` (e.g. the group to join). */
  choice: Record<string, number | null>;
}

export interface CheckoutActivity {
  /** Checks the buyer's choice and prices it; inside the order transaction when `tx` is given. Throws DomainErrors. */
  quote(input: {
    userId: number;
    body: OrderPreviewRequest;
    skus: ReadonlyMap<number, CheckoutSku>;
    now: Date;
    tx?: Tx;
  }): Promise<ActivityQuote>;
}

/**
 * The activities checkout can hand a request to. The group-buy domain registers itself here at
 * start-up (the order domain does not depend on it); a request for an activity nobody registered
 * is refused.
 */
@Injectable()
export class CheckoutActivities {
  groupBuy?: CheckoutActivity;
}
