import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { RequestPaymentParams } from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { WechatPayClient } from '../wechat/pay/wechatpay.client';
import { WechatPayRefundNotice, WechatPayTransaction } from '../wechat/pay/wechatpay.types';
import { AlreadyPaid, PaymentNotificationRejected } from './payment.errors';
import { RefundService } from './refund.service';

/**
 * WeChat Pay for orders (JSAPI): prepay with signed requestPayment arguments, verified and
 * decrypted notifications applied exactly once, reconciliation by query for late notifications,
 * and closing the prepay before an unpaid order is cancelled.
 */
@Injectable()
export class PaymentService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(WechatPayClient) private readonly wechatPay: WechatPayClient,
    @Inject(RefundService) private readonly refunds: RefundService,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('payment.reconcile', ({ paymentId }) => this.reconcile(paymentId));
    // 对账: payments whose notification is late are asked for by query.
    this.jobs.addSweeper({
      name: 'payments',
      run: async () => {
        const now = this.clock.now().getTime();
        const rows = await this.prisma.client.payment.findMany({
          where: {
            status: 'PENDING',
            prepayId: { not: null },
            createdAt: { lte: new Date(now - 60_000), gte: new Date(now - 3 * 24 * 3600_000) },
          },
          select: { id: true },
          take: 100,
        });
        for (const row of rows) await this.reconcile(row.id);
      },
    });
  }

  /** Creates (or re-creates, same parameters) the prepay and returns the signed wx.requestPayment arguments. */
  async startPayment(input: {
    orderId: number;
    outTradeNo: string;
    amount: number;
    description: string;
    openid: string;
    expiresAt: Date;
  }): Promise<RequestPaymentParams> {
    const existing = await this.prisma.client.payment.findUnique({ where: { outTradeNo: input.outTradeNo } });
    if (existing?.status === 'SUCCESS') throw new AlreadyPaid();
    const payment =
      existing ??
      (await this.prisma.client.payment.create({
        data: { orderId: input.orderId, outTradeNo: input.outTradeNo, amount: input.amount, payerOpenid: input.openid },
      }));
    const prepay = await this.wechatPay.createJsapiPayment({
      outTradeNo: input.outTradeNo,
      description: input.description.slice(0, 127),
      amount: input.amount,
      openid: input.openid,
      notifyUrl: `${this.config.publicBaseUrl}/api/v1/payments/wechat/notify`,
      timeExpire: input.expiresAt,
    });
    if (payment.prepayId !== prepay.prepayId) {
      await this.prisma.client.payment.update({ where: { id: payment.id }, data: { prepayId: prepay.prepayId } });
    }
    await this.jobs.add('payment.reconcile', { paymentId: payment.id }, { key: payment.id, delayMs: 90_000 });
    return prepay.requestPayment;
  }

  /**
   * A notification from WeChat Pay: verified (signature, serial, timestamp) and decrypted before
   * anything is parsed or looked up, then checked and applied. Throws PaymentNotificationRejected
   * (the controller answers 4xx so WeChat retries) for anything not applicable.
   */
  async handleNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<void> {
    let notification: Awaited<ReturnType<WechatPayClient['parseNotification']>>;
    try {
      notification = await this.wechatPay.parseNotification(headers, rawBody, this.clock.now());
    } catch (error) {
      throw new PaymentNotificationRejected(
        `notification rejected: ${(error as { reason?: string }).reason ?? 'invalid'}`,
        401,
      );
    }
    if (notification.eventType === 'TRANSACTION.SUCCESS') {
      const transaction = WechatPayTransaction.safeParse(notification.resource);
      if (!transaction.success) throw new PaymentNotificationRejected("the transaction does not have WeChat's shape");
      await this.applyTransaction(transaction.data);
    } else if (notification.eventType.startsWith('REFUND.')) {
      const notice = WechatPayRefundNotice.safeParse(notification.resource);
      if (!notice.success) throw new PaymentNotificationRejected("the refund does not have WeChat's shape");
      await this.refunds.applyOutcome({ ...notice.data, status: notice.data.refund_status });
    }
    // Other event types are acknowledged and ignored.
  }

  /**
   * Applies a successful transaction exactly once: the payment row is locked, a second delivery
   * finds it SUCCESS and does nothing; the order reacts in the same transaction (`payment.succeeded`).
   */
  async applyTransaction(transaction: WechatPayTransaction): Promise<'APPLIED' | 'DUPLICATE'> {
    const pay = this.config.wechat.pay;
    if (transaction.mchid !== pay?.mchid) throw new PaymentNotificationRejected('mchid does not match');
    if (transaction.appid !== this.config.wechat.appid) throw new PaymentNotificationRejected('appid does not match');
    if (transaction.trade_state !== 'SUCCESS') throw new PaymentNotificationRejected('trade_state is not SUCCESS');
    if (!transaction.out_trade_no || !transaction.transaction_id)
      throw new PaymentNotificationRejected('incomplete transaction');
    const outTradeNo = transaction.out_trade_no;
    return this.prisma.transaction(async (tx, afterCommit) => {
      const [row] = await tx.$queryRaw<
        Array<{ id: number }>
      >`SELECT id FROM payment WHERE out_trade_no = ${outTradeNo} FOR UPDATE`;
      if (!row) throw new PaymentNotificationRejected('unknown out_trade_no');
      const payment = await tx.payment.findUniqueOrThrow({ where: { id: row.id } });
      if (transaction.amount?.total !== payment.amount) throw new PaymentNotificationRejected('amount does not match');
      if (payment.status === 'SUCCESS') return 'DUPLICATE';
      const paidAt = transaction.success_time ? new Date(transaction.success_time) : this.clock.now();
      await tx.payment.update({
        where: { id: payment.id },
        data: { status: 'SUCCESS', transactionId: transaction.transaction_id, paidAt },
      });
      afterCommit(
        await this.events.publish(tx, 'payment.succeeded', {
          paymentId: payment.id,
          orderId: payment.orderId,
          amount: payment.amount,
          paidAt,
          transactionId: transaction.transaction_id!,
        }),
      );
      return 'APPLIED';
    });
  }

  /** Asks WeChat about a pending payment and applies it when it was paid. */
  async reconcile(paymentId: number): Promise<void> {
    const payment = await this.prisma.client.payment.findUnique({ where: { id: paymentId } });
    if (!payment || payment.status === 'SUCCESS') return;
    const transaction = await this.wechatPay.queryByOutTradeNo(payment.outTradeNo);
    if (transaction?.trade_state === 'SUCCESS') await this.applyTransaction(transaction);
  }

  /**
   * Before an unpaid order is cancelled its prepay is closed at WeChat. If WeChat says it was paid
   * meanwhile, the payment is applied instead and 'PAID' returned: the order must not be cancelled.
   */
  async closeForCancel(orderId: number): Promise<'CLOSED' | 'PAID'> {
    const pending = await this.prisma.client.payment.findMany({
      where: { orderId, status: 'PENDING', prepayId: { not: null } },
    });
    for (const payment of pending) {
      const outcome = await this.wechatPay.closeOrder(payment.outTradeNo);
      if (outcome === 'ALREADY_PAID') {
        const transaction = await this.wechatPay.queryByOutTradeNo(payment.outTradeNo);
        if (transaction?.trade_state === 'SUCCESS') {
          await this.applyTransaction(transaction);
          return 'PAID';
        }
      }
      await this.prisma.client.payment.updateMany({
        where: { id: payment.id, status: 'PENDING' },
        data: { status: 'CLOSED' },
      });
    }
    return 'CLOSED';
  }
}
