import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { carrierName } from '@weshop/shared';
import { Clock } from '../infra/clock';
import { DomainEvents, type DomainEventMap, type DomainEventName, type Tx } from '../infra/events/domain-events';
import { NotificationOutbox } from './notification-outbox';
import type { NotificationDraft } from './notification.repository';

const REFUND_NOTES: Record<string, string> = {
  AFTERSALE: '售后退款已原路退回',
  LATE_PAYMENT: '订单已关闭，款项原路退回',
  GROUP_FAILED: '拼团未成功，款项原路退回',
  MERCHANT: '商家退款已原路退回',
};

/**
 * Facts other domains publish → messages, written in the fact's own transaction. A handler never
 * fails the transaction that published the fact: its errors are logged and swallowed (the fact
 * matters more than its message).
 */
@Injectable()
export class NotificationEvents implements OnModuleInit {
  private readonly logger = new Logger('notifications');

  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(NotificationOutbox) private readonly outbox: NotificationOutbox,
  ) {}

  onModuleInit(): void {
    this.on('order.shipped', (tx, e) => this.orderShipped(tx, e));
    this.on('refund.succeeded', (tx, e) => this.refundDone(tx, e));
    this.on('groupbuy.succeeded', (tx, e) => this.groupSucceeded(tx, e));
    this.on('groupbuy.failed', (tx, e) => this.groupFailed(tx, e));
    this.on('commission.settled', (tx, e) => this.commissionSettled(tx, e));
    this.on('withdrawal.paid', async (_tx, e) => [
      this.outbox.draft('WITHDRAWAL_PAID', e.distributorId, ['withdrawal', e.withdrawalId], {
        amount: e.amount,
        at: e.paidAt,
      }),
    ]);
  }

  private on<K extends DomainEventName>(
    name: K,
    drafts: (tx: Tx, payload: DomainEventMap[K]) => Promise<NotificationDraft[]>,
  ): void {
    this.events.onInTransaction(name, async (tx, payload) => {
      try {
        await this.outbox.record(tx, await drafts(tx, payload));
      } catch (error) {
        this.logger.warn(`no message for ${name}: ${(error as Error).message}`);
      }
    });
  }

  private async orderShipped(tx: Tx, e: DomainEventMap['order.shipped']): Promise<NotificationDraft[]> {
    const order = await tx.order.findUnique({
      where: { id: e.orderId },
      select: {
        orderNo: true,
        lines: { select: { title: true }, orderBy: { id: 'asc' } },
        shipments: { orderBy: { id: 'desc' }, take: 1 },
      },
    });
    if (!order) return [];
    const parcel = order.shipments[0];
    return [
      this.outbox.draft('ORDER_SHIPPED', e.userId, ['order', e.orderId], {
        orderId: e.orderId,
        orderNo: order.orderNo,
        productTitle: order.lines[0]?.title ?? '',
        lineCount: order.lines.length,
        carrier: parcel ? carrierName(parcel.carrier) : '商家配送',
        trackingNo: parcel?.trackingNo ?? '-',
        shippedAt: parcel?.shippedAt ?? this.clock.now(),
      }),
    ];
  }

  private async refundDone(tx: Tx, e: DomainEventMap['refund.succeeded']): Promise<NotificationDraft[]> {
    const refund = await tx.refund.findUnique({
      where: { id: e.refundId },
      select: { reason: true, succeededAt: true, createdAt: true, order: { select: { userId: true, orderNo: true } } },
    });
    if (!refund) return [];
    return [
      this.outbox.draft('REFUND_DONE', refund.order.userId, ['refund', e.refundId], {
        orderId: e.orderId,
        orderNo: refund.order.orderNo,
        amount: e.amount,
        at: refund.succeededAt ?? refund.createdAt,
        note: REFUND_NOTES[refund.reason] ?? '',
      }),
    ];
  }

  /** Each paid member's product and price (their order's first line). */
  private async memberOrders(tx: Tx, orderIds: number[]) {
    const orders = await tx.order.findMany({
      where: { id: { in: orderIds } },
      select: {
        id: true,
        payable: true,
        lines: { select: { title: true, unitPrice: true }, orderBy: { id: 'asc' }, take: 1 },
      },
    });
    return new Map(orders.map((o) => [o.id, o]));
  }

  private async groupSucceeded(tx: Tx, e: DomainEventMap['groupbuy.succeeded']): Promise<NotificationDraft[]> {
    const orders = await this.memberOrders(
      tx,
      e.members.map((m) => m.orderId),
    );
    const group = await tx.groupBuyGroup.findUnique({ where: { id: e.groupId }, select: { size: true } });
    return e.members.map((m) => {
      const line = orders.get(m.orderId)?.lines[0];
      return this.outbox.draft('GROUP_SUCCEEDED', m.userId, ['group', e.groupId, 'user', m.userId], {
        groupId: e.groupId,
        productTitle: line?.title ?? '',
        unitPrice: line?.unitPrice ?? 0,
        size: group?.size ?? e.members.length,
        at: e.at,
      });
    });
  }

  private async groupFailed(tx: Tx, e: DomainEventMap['groupbuy.failed']): Promise<NotificationDraft[]> {
    const orders = await this.memberOrders(
      tx,
      e.members.map((m) => m.orderId),
    );
    return e.members.map((m) => {
      const order = orders.get(m.orderId);
      return this.outbox.draft('GROUP_FAILED', m.userId, ['group', e.groupId, 'user', m.userId], {
        groupId: e.groupId,
        productTitle: order?.lines[0]?.title ?? '',
        refundAmount: order?.payable ?? 0,
        at: e.at,
      });
    });
  }

  private async commissionSettled(tx: Tx, e: DomainEventMap['commission.settled']): Promise<NotificationDraft[]> {
    const order = await tx.order.findUnique({ where: { id: e.orderId }, select: { orderNo: true } });
    return e.settlements.map((s) =>
      this.outbox.draft('COMMISSION_SETTLED', s.distributorId, ['order', e.orderId, 'user', s.distributorId], {
        orderNo: order?.orderNo ?? String(e.orderId),
        amount: s.amount,
        at: e.at,
      }),
    );
  }
}
