import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AftersaleListQuery, AftersalePage, AftersaleStatus, AftersaleView } from '@weshop/shared';
import { Clock } from '../infra/clock';
import { DomainEvents, type DomainEventMap, type Tx } from '../infra/events/domain-events';
import { OrderLifecycle } from '../order/order-lifecycle.service';
import { RefundService } from '../payment/refund.service';
import { restockOnRefund } from './aftersale.policy';
import { AftersaleNotFound, AftersaleStateConflict } from './aftersales.errors';
import { AftersalesRepository, type AftersaleRecord } from './aftersales.repository';
import { toAftersaleView } from './aftersales.view';

/**
 * 售后, the merchant's side and the money: approve, reject, receive the returned goods, and apply
 * the WeChat refund's outcome. The refund is created in the same transaction as the step that
 * decides it (idempotent by the key `A<aftersaleId>`), so it exists exactly when the after-sale is
 * REFUNDING. Its success (`refund.succeeded`, in the completing transaction) marks the after-sale
 * REFUNDED and records the refund on the order and line with the restock from the policy.
 *
 * A refund WeChat closes (`refund.failed`) leaves the after-sale REFUNDING and the refund CLOSED;
 * the view shows a note and the merchant retries by hand in WeChat Pay's merchant platform.
 * TODO(schema): a retry from here needs a second refund row per after-sale, which the unique
 * `refund.aftersale_id` forbids today.
 */
@Injectable()
export class AftersaleReviewService implements OnModuleInit {
  private readonly logger = new Logger('Aftersales');

  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(AftersalesRepository) private readonly aftersales: AftersalesRepository,
    @Inject(RefundService) private readonly refunds: RefundService,
    @Inject(OrderLifecycle) private readonly lifecycle: OrderLifecycle,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction('refund.succeeded', (tx, refund) => this.applyRefund(tx, refund));
    this.events.onAfterCommit('refund.failed', async (refund) => {
      if (refund.aftersaleId === null) return;
      this.logger.warn(
        `after-sale ${refund.aftersaleId}: WeChat closed refund ${refund.refundId} (${refund.status}); it stays REFUNDING until the merchant retries`,
      );
    });
  }

  async list(query: AftersaleListQuery): Promise<AftersalePage> {
    const { rows, total } = await this.aftersales.list(query);
    return { items: rows.map(toAftersaleView), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number): Promise<AftersaleView> {
    return toAftersaleView(await this.found(id));
  }

  /**
   * 同意: refund only goes straight on to the refund (APPROVED → REFUNDING in one transaction);
   * a return waits for the buyer to send the goods back.
   */
  async approve(id: number): Promise<AftersaleView> {
    const row = await this.found(id);
    await this.aftersales.transaction(async (tx) => {
      const at = this.clock.now();
      await this.move(tx, row, 'APPROVED', at);
      if (row.type === 'REFUND') await this.startRefund(tx, row, at);
    });
    return this.get(id);
  }

  /** 拒绝: REQUESTED → REJECTED with the merchant's reason. */
  async reject(id: number, reason: string): Promise<AftersaleView> {
    const row = await this.found(id);
    await this.aftersales.transaction((tx) =>
      this.move(tx, row, 'REJECTED', this.clock.now(), { rejectReason: reason }),
    );
    return this.get(id);
  }

  /** 确认收货 of a return: RETURNING → RECEIVED → REFUNDING and the refund, in one transaction. */
  async receive(id: number): Promise<AftersaleView> {
    const row = await this.found(id);
    await this.aftersales.transaction(async (tx) => {
      const at = this.clock.now();
      await this.move(tx, row, 'RECEIVED', at);
      await this.startRefund(tx, row, at);
    });
    return this.get(id);
  }

  private async startRefund(tx: Tx, row: AftersaleRecord, at: Date): Promise<void> {
    await this.move(tx, row, 'REFUNDING', at);
    await this.refunds.createRefund(tx, {
      orderId: row.orderId,
      amount: row.amount,
      reason: 'AFTERSALE',
      key: `A${row.id}`,
      aftersaleId: row.id,
    });
  }

  /**
   * The refund of an after-sale succeeded (in the transaction that records it): REFUNDING →
   * REFUNDED, then the order and line take the amount and the stock comes back per the policy.
   * A second delivery finds the after-sale REFUNDED already and changes nothing.
   */
  private async applyRefund(tx: Tx, refund: DomainEventMap['refund.succeeded']): Promise<void> {
    if (refund.aftersaleId === null) return;
    const row = await this.aftersales.find(refund.aftersaleId, tx);
    if (!row) return;
    if (!(await this.aftersales.transition(tx, row, 'REFUNDED', this.clock.now()))) return;
    const order = await this.aftersales.orderFacts(tx, row.orderId);
    const restock = restockOnRefund({
      type: row.type,
      orderNotYetShipped: OrderLifecycle.notYetShipped(order?.status ?? 'CLOSED'),
      quantity: row.quantity,
    });
    await this.lifecycle.recordRefund(tx, {
      orderId: row.orderId,
      amount: refund.amount,
      line: { id: row.orderLineId, restock, skuId: row.orderLine.skuId },
    });
  }

  private async move(
    tx: Tx,
    row: AftersaleRecord,
    to: AftersaleStatus,
    at: Date,
    fields: { rejectReason?: string } = {},
  ): Promise<void> {
    if (!(await this.aftersales.transition(tx, row, to, at, fields))) {
      throw new AftersaleStateConflict(row.status, to);
    }
  }

  private async found(id: number): Promise<AftersaleRecord> {
    const row = await this.aftersales.find(id);
    if (!row) throw new AftersaleNotFound(id);
    return row;
  }
}
