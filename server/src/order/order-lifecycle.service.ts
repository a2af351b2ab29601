import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InventoryRepository } from '../catalog/inventory.repository';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { RefundService } from '../payment/refund.service';
import { NOT_YET_SHIPPED, sourcesOf } from './order-state';
import { OrderRepository, type OrderActor } from './order.repository';
import { lineFact } from './order.view';

/**
 * What happens to an order over time and in answer to WeChat: payment applied (or refunded when
 * it came too late), unpaid timeout, shipping, receipt, the after-sales window, refunds.
 * Every change is a compare-and-set through OrderRepository.transition; jobs and the sweeper call
 * the same methods, so a job that runs twice or a race with a user changes nothing twice.
 */
@Injectable()
export class OrderLifecycle implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(OrderRepository) private readonly orders: OrderRepository,
    @Inject(InventoryRepository) private readonly inventory: InventoryRepository,
    @Inject(RefundService) private readonly refunds: RefundService,
  ) {}

  onModuleInit(): void {
    this.events.onInTransaction('payment.succeeded', (tx, paid) =>
      this.applyPayment(tx, paid.orderId, paid.paymentId, paid.amount, paid.paidAt),
    );
    this.events.onInTransaction('refund.succeeded', async (tx, refund) => {
      // Refunds of an after-sale are applied by the after-sales domain (line, quantity, restock).
      if (refund.aftersaleId === null) await this.recordRefund(tx, { orderId: refund.orderId, amount: refund.amount });
    });
    this.jobs.handle('order.close-unpaid', ({ orderId }) => this.closeIfUnpaidAndDue(orderId));
    this.jobs.handle('order.auto-confirm', ({ orderId }) => this.autoConfirmIfDue(orderId));
    this.jobs.handle('order.close-aftersale-window', ({ orderId }) => this.closeAftersaleWindowIfDue(orderId));
    this.jobs.addSweeper({
      name: 'orders',
      run: async () => {
        const now = this.clock.now();
        for (const { id } of await this.orders.overdueUnpaid(now)) await this.closeIfUnpaidAndDue(id);
        for (const { id } of await this.orders.overdueReceipt(now)) await this.autoConfirmIfDue(id);
        for (const { id } of await this.orders.aftersaleWindowsToClose(now)) await this.closeAftersaleWindowIfDue(id);
      },
    });
  }

  /** Schedules the unpaid timeout (a delayed job with a business-key id; the sweeper backs it up). */
  async scheduleUnpaidTimeout(orderId: number, expiresAt: Date): Promise<void> {
    await this.jobs.add(
      'order.close-unpaid',
      { orderId },
      { key: orderId, delayMs: expiresAt.getTime() - this.clock.now().getTime() },
    );
  }

  /**
   * A verified payment for this order. PENDING_PAYMENT → PAID → TO_SHIP in this transaction; when
   * the order is no longer payable (cancelled after its timeout) the money goes back: a refund is
   * created in the same transaction and submitted after commit. Never silently accepted.
   */
  private async applyPayment(tx: Tx, orderId: number, paymentId: number, amount: number, paidAt: Date): Promise<void> {
    const paid = await this.orders.transition(
      tx,
      orderId,
      ['PENDING_PAYMENT'],
      'PAID',
      { actor: 'WECHAT', note: '支付成功', at: paidAt },
      { paidAt },
    );
    if (!paid) {
      const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, paidAt: true } });
      if (order && order.status !== 'CANCELLED') return; // already paid through another path: nothing to do
      await this.refunds.createRefund(tx, { orderId, paymentId, amount, reason: 'LATE_PAYMENT', key: `L${paymentId}` });
      return;
    }
    await this.afterPaid(tx, orderId, paidAt);
  }

  /**
   * An order with nothing to pay (a 0-fen 积分商城 gift): PENDING_PAYMENT → PAID → TO_SHIP in the
   * caller's transaction, like a payment would. Returns the `order.paid` after-commit handlers.
   */
  async markPaidWithoutPayment(tx: Tx, orderId: number, at: Date): Promise<() => Promise<void>> {
    const paid = await this.orders.transition(
      tx,
      orderId,
      ['PENDING_PAYMENT'],
      'PAID',
      { actor: 'SYSTEM', note: '积分兑换，无需支付', at },
      { paidAt: at },
    );
    if (!paid) return async () => undefined;
    return this.afterPaid(tx, orderId, at);
  }

  private async afterPaid(tx: Tx, orderId: number, paidAt: Date): Promise<() => Promise<void>> {
    const order = await this.orders.findDetail(orderId, tx);
    for (const line of order?.lines ?? []) await this.inventory.recordSales(tx, line.productId, line.quantity);
    const next = order?.kind === 'GROUP_BUY' ? 'GROUPING' : 'TO_SHIP';
    await this.orders.transition(tx, orderId, ['PAID'], next, {
      actor: 'SYSTEM',
      note: next === 'TO_SHIP' ? '待发货' : '拼团中',
      at: paidAt,
    });
    // Published once the order is where payment puts it (TO_SHIP, or GROUPING for a group buy).
    if (!order) return async () => undefined;
    return this.events.publish(tx, 'order.paid', { orderId, userId: order.userId, paidAt });
  }

  /**
   * Cancels an unpaid order and gives its stock back, in one transaction. False when the order
   * was not PENDING_PAYMENT any more (paid, or cancelled already).
   */
  async cancelUnpaid(orderId: number, reason: string, actor: OrderActor): Promise<boolean> {
    return this.prisma.transaction(async (tx, afterCommit) => {
      const at = this.clock.now();
      const cancelled = await this.orders.transition(
        tx,
        orderId,
        ['PENDING_PAYMENT'],
        'CANCELLED',
        { actor, note: reason, at },
        {
          cancelledAt: at,
          cancelReason: reason,
        },
      );
      if (!cancelled) return false;
      const lines = await tx.orderLine.findMany({ where: { orderId }, select: { skuId: true, quantity: true } });
      for (const line of [...lines].sort((a, b) => a.skuId - b.skuId))
        await this.inventory.release(tx, line.skuId, line.quantity);
      const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { userId: true } });
      afterCommit(await this.events.publish(tx, 'order.cancelled', { orderId, userId: order.userId, reason }));
      return true;
    });
  }

  private async closeIfUnpaidAndDue(orderId: number): Promise<void> {
    const order = await this.prisma.client.order.findUnique({
      where: { id: orderId },
      select: { status: true, expiresAt: true },
    });
    if (!order || order.status !== 'PENDING_PAYMENT') return;
    const wait = order.expiresAt.getTime() - this.clock.now().getTime();
    if (wait > 0) {
      // The clock was moved back or the job ran early: come back when it is due.
      await this.jobs.add(
        'order.close-unpaid',
        { orderId },
        { key: `${orderId}-${order.expiresAt.getTime()}`, delayMs: wait },
      );
      return;
    }
    await this.closeUnpaidHook(orderId);
  }

  /** Set by OrderService: closes the WeChat prepay (or applies a payment found there) before cancelling. */
  closeUnpaidHook: (orderId: number) => Promise<void> = async (orderId) => {
    await this.cancelUnpaid(orderId, '超时未支付', 'SYSTEM');
  };

  /** 拼团成功: a paid member's order GROUPING → TO_SHIP (called for every member in one transaction). */
  async releaseFromGrouping(tx: Tx, orderId: number, at: Date): Promise<boolean> {
    return this.orders.transition(tx, orderId, ['GROUPING'], 'TO_SHIP', { actor: 'SYSTEM', note: '拼团成功', at });
  }

  /**
   * 拼团失败: the whole payment goes back through WeChat Pay (a retried job) and the goods, which
   * never left, go back to stock now. The order closes when WeChat confirms the refund.
   */
  async refundNeverShipped(tx: Tx, orderId: number, reason: 'GROUP_FAILED', key: string): Promise<boolean> {
    const order = await tx.order.findUnique({ where: { id: orderId }, include: { lines: true } });
    if (!order || !['GROUPING', 'PAID', 'TO_SHIP'].includes(order.status)) return false;
    const amount = order.payable - order.refundedAmount;
    if (amount <= 0) return false;
    for (const line of [...order.lines].sort((a, b) => a.skuId - b.skuId)) {
      const units = line.quantity - line.restockedQuantity;
      if (units <= 0) continue;
      await this.inventory.release(tx, line.skuId, units);
      await tx.orderLine.update({ where: { id: line.id }, data: { restockedQuantity: line.quantity } });
    }
    await this.refunds.createRefund(tx, { orderId, amount, reason, key });
    return true;
  }

  /** TO_SHIP → SHIPPED with the auto-confirm deadline; the caller writes the parcels. */
  async markShipped(tx: Tx, orderId: number, actor: OrderActor): Promise<Date | null> {
    const at = this.clock.now();
    const autoConfirmAt = new Date(at.getTime() + this.config.orders.autoConfirmMs);
    const shipped = await this.orders.transition(
      tx,
      orderId,
      ['TO_SHIP'],
      'SHIPPED',
      { actor, note: '已发货', at },
      { shippedAt: at, autoConfirmAt },
    );
    if (!shipped) return null;
    const { userId } = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { userId: true } });
    this.prisma.afterCommitOf(tx, await this.events.publish(tx, 'order.shipped', { orderId, userId }));
    return autoConfirmAt;
  }

  async scheduleAutoConfirm(orderId: number, autoConfirmAt: Date): Promise<void> {
    await this.jobs.add(
      'order.auto-confirm',
      { orderId },
      { key: orderId, delayMs: autoConfirmAt.getTime() - this.clock.now().getTime() },
    );
  }

  /** SHIPPED → COMPLETED (the buyer, the auto-confirm job, or WeChat's confirm-receipt event). */
  async complete(orderId: number, actor: OrderActor, note: string): Promise<boolean> {
    let deadline: Date | undefined;
    const done = await this.prisma.transaction(async (tx, afterCommit) => {
      const at = this.clock.now();
      deadline = new Date(at.getTime() + this.config.orders.aftersaleWindowMs);
      const completed = await this.orders.transition(
        tx,
        orderId,
        ['SHIPPED'],
        'COMPLETED',
        { actor, note, at },
        {
          completedAt: at,
          aftersaleDeadline: deadline,
        },
      );
      if (completed) {
        const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { userId: true } });
        afterCommit(
          await this.events.publish(tx, 'order.completed', { orderId, userId: order.userId, completedAt: at }),
        );
      }
      return completed;
    });
    if (done && deadline) {
      await this.jobs.add(
        'order.close-aftersale-window',
        { orderId },
        { key: orderId, delayMs: deadline.getTime() - this.clock.now().getTime() },
      );
    }
    return done;
  }

  private async autoConfirmIfDue(orderId: number): Promise<void> {
    const order = await this.prisma.client.order.findUnique({
      where: { id: orderId },
      select: { status: true, autoConfirmAt: true },
    });
    if (!order || order.status !== 'SHIPPED' || !order.autoConfirmAt) return;
    const wait = order.autoConfirmAt.getTime() - this.clock.now().getTime();
    if (wait > 0) {
      await this.jobs.add(
        'order.auto-confirm',
        { orderId },
        { key: `${orderId}-${order.autoConfirmAt.getTime()}`, delayMs: wait },
      );
      return;
    }
    await this.complete(orderId, 'SYSTEM', '自动确认收货');
  }

  /**
   * The after-sales window closed: emits `order.aftersale-window-closed` once, for commission and
   * points settlement. Lines with an after-sale still open are the listeners' concern.
   */
  private async closeAftersaleWindowIfDue(orderId: number): Promise<void> {
    await this.prisma.transaction(async (tx, afterCommit) => {
      const order = await tx.order.findUnique({ where: { id: orderId }, include: { lines: { select: { id: true } } } });
      if (!order?.aftersaleDeadline || order.aftersaleClosedAt) return;
      const now = this.clock.now();
      if (order.aftersaleDeadline.getTime() > now.getTime()) return; // the sweeper comes back later
      if (!(await this.orders.markAftersaleWindowClosed(tx, orderId, now))) return;
      afterCommit(
        await this.events.publish(tx, 'order.aftersale-window-closed', {
          orderId,
          userId: order.userId,
          lineIds: order.lines.map((l) => l.id),
        }),
      );
    });
  }

  /**
   * A refund succeeded: adds it to the order (and the line, with the units restocked), and closes
   * the order when everything paid has been refunded. Stock comes back only for units that never
   * left (order not shipped) or that were returned: the caller says how many.
   */
  async recordRefund(
    tx: Tx,
    refund: { orderId: number; amount: number; line?: { id: number; restock: number; skuId: number } },
  ): Promise<void> {
    await this.orders.addRefunded(tx, refund.orderId, refund.amount, refund.line);
    if (refund.line?.restock) await this.inventory.release(tx, refund.line.skuId, refund.line.restock);
    const order = await tx.order.findUniqueOrThrow({ where: { id: refund.orderId }, include: { lines: true } });
    const goodsPaid = order.lines.reduce((sum, l) => sum + l.paidAmount, 0);
    const goodsRefunded = order.lines.reduce((sum, l) => sum + l.refundedAmount, 0);
    const everythingRefunded = order.refundedAmount >= order.payable || (goodsPaid > 0 && goodsRefunded >= goodsPaid);
    // In-transaction listeners only (commission reversal); nothing to run after commit.
    await this.events.publish(tx, 'order.refunded', {
      orderId: order.id,
      userId: order.userId,
      lineId: refund.line?.id ?? null,
      amount: refund.amount,
      everythingRefunded,
      lines: order.lines.map((line) => ({ ...lineFact(line), activity: null })),
    });
    if (everythingRefunded && OrderLifecycle.notYetShipped(order.status)) {
      // Gift lines (满赠, 买X送Y) have nothing to refund: once everything paid is back, their units go back too.
      for (const gift of order.lines.filter((l) => l.giftOfPromotionId !== null).sort((a, b) => a.skuId - b.skuId)) {
        const units = gift.quantity - gift.restockedQuantity;
        if (units <= 0) continue;
        await this.inventory.release(tx, gift.skuId, units);
        await tx.orderLine.update({ where: { id: gift.id }, data: { restockedQuantity: gift.quantity } });
      }
    }
    if (everythingRefunded && order.status !== 'CANCELLED') {
      const at = this.clock.now();
      await this.orders.transition(
        tx,
        refund.orderId,
        sourcesOf('CLOSED'),
        'CLOSED',
        { actor: 'SYSTEM', note: '全部退款，交易关闭', at },
        { closedAt: at },
      );
    }
  }

  /** Whether the order's goods are still in the warehouse (a refund then restocks them). */
  static notYetShipped(status: string): boolean {
    return (NOT_YET_SHIPPED as readonly string[]).includes(status);
  }
}
