import { Injectable } from '@nestjs/common';
import type { OrderPreviewRequest } from '@weshop/shared';
import type { CheckoutSku } from '../catalog/inventory.repository';
import type { Tx } from '../infra/events/domain-events';
import type { ActivityKind, PricedLine, PricingStages } from '../pricing/price-order.policy';

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

/** What a marketing domain adds to a checkout's pricing (each part optional). */
export interface PricingContribution {
  /** Step 1 sources besides the group buy (限时折扣/秒杀, 会员日价); the priority of PRODUCT.md picks one. */
  activityPrices?: Partial<Record<Exclude<ActivityKind, 'GROUP_BUY'>, PricingStages['activityPrice']>>;
  /** Step 1 fallback: the member level's discount (basis points kept, 9500 = 5% off). */
  memberDiscountBp?: number;
  /** Step 2: order-level promotions (combined with other contributors'). */
  promotions?: PricingStages['promotions'];
  /** Step 3: the coupon stage (one contributor). */
  coupon?: PricingStages['coupon'];
  /** Step 4: the points stage (one contributor) and the buyer's usable points. */
  points?: PricingStages['points'];
  pointsBalance?: number;
  /** A shorter payment timeout (e.g. a flash sale's); the shortest contribution wins. */
  paymentTimeoutMs?: number;
  /** The activity a priced line was bought under, for the `order.placed` event (commission, points). */
  lineActivity?: (line: PricedLine) => { kind: string; earnsCommission: boolean | null } | null;
  /** False when the line earns no points (a gift, a promotion with earnsPoints off); absent = true. */
  lineEarnsPoints?: (line: PricedLine) => boolean;
}

/** A marketing domain's part in checkout; runs inside the order transaction when `tx` is given. */
/** What a contributor let through its gate before the order's transaction. */
export interface CheckoutHold {
  /** The order was not created after all: give everything back. */
  giveBack(): Promise<void>;
  /** The order was created with these lines: give back what they did not use. */
  settle(lines: ReadonlyArray<{ skuId: string; unitPrice: number; quantity: number }>): Promise<void>;
}

export interface PricingContributor {
  contribute(input: {
    userId: number;
    body: OrderPreviewRequest;
    skus: ReadonlyMap<number, CheckoutSku>;
    now: Date;
    tx?: Tx;
  }): Promise<PricingContribution>;
  /**
   * Before the order's transaction, a rush gate of the contributor's own (e.g. a flash sale's
   * quota): throws the refusal at once, or holds what the order may take. Optional.
   */
  holdBeforeTransaction?(input: { userId: number; body: OrderPreviewRequest; now: Date }): Promise<CheckoutHold>;
}

/**
 * The activities and marketing stages checkout can hand a request to. The group-buy, promotion,
 * coupon, points and membership domains register here at start-up (the order domain depends on
 * none of them); a request for an activity nobody registered is refused.
 */
@Injectable()
export class CheckoutActivities {
  groupBuy?: CheckoutActivity;
  readonly contributors: PricingContributor[] = [];

  register(contributor: PricingContributor): void {
    this.contributors.push(contributor);
  }
}
