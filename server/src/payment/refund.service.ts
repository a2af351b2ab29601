import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { RefundReason } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { WechatPayClient } from '../wechat/pay/wechatpay.client';
import type { WechatPayRefund } from '../wechat/pay/wechatpay.types';
import { PaymentNotificationRejected } from './payment.errors';

const REASON_TEXT: Record<RefundReason, string> = {
  AFTERSALE: '售后退款',
  LATE_PAYMENT: '订单已关闭，支付款项原路退回',
  GROUP_FAILED: '拼团失败退款',
  MERCHANT: '商家退款',
};

/** The decrypted REFUND.* notification (or query) we act on. */
export type RefundOutcome = Pick<WechatPayRefund, 'out_refund_no' | 'status' | 'success_time' | 'amount'> & {
  refund_id?: string;
};

/**
 * WeChat Pay refunds. A refund is a row first (created in the caller's transaction, with our
 * out_refund_no, which makes the WeChat call idempotent), then submitted by a retried job, then
 * completed by the verified refund notification or a query. Its effects on orders and after-sales
 * run in the same transaction as the completion (`refund.succeeded`).
 */
@Injectable()
export class RefundService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(WechatPayClient) private readonly wechatPay: WechatPayClient,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('refund.submit', ({ refundId }) => this.submit(refundId));
    this.jobs.addSweeper({
      name: 'refunds',
      run: async () => {
        const stale = new Date(this.clock.now().getTime() - 30_000);
        const rows = await this.prisma.client.refund.findMany({
          where: { status: { in: ['PROCESSING', 'ABNORMAL'] }, createdAt: { lte: stale } },
          select: { id: true, refundId: true, outRefundNo: true },
          take: 100,
        });
        for (const row of rows) {
          if (!row.refundId) await this.submit(row.id);
          else await this.reconcile(row.outRefundNo);
        }
      },
    });
  }

  /**
   * Creates the refund in the caller's transaction (idempotent by `key`: the same order and key
   * give the same refund) and schedules its submission to WeChat.
   */
  async createRefund(
    tx: Tx,
    input: {
      orderId: number;
      paymentId?: number;
      amount: number;
      reason: RefundReason;
      key: string;
      aftersaleId?: number;
    },
  ): Promise<{ id: number; outRefundNo: string }> {
    const order = await tx.order.findUniqueOrThrow({ where: { id: input.orderId }, select: { orderNo: true } });
    const outRefundNo = `R${order.orderNo}${input.key}`.slice(0, 64);
    const existing = await tx.refund.findUnique({ where: { outRefundNo } });
    const refund =
      existing ??
      (await tx.refund.create({
        data: {
          orderId: input.orderId,
          aftersaleId: input.aftersaleId ?? null,
          outRefundNo,
          reason: input.reason,
          amount: input.amount,
        },
      }));
    // Scheduled before commit: if the job runs first it finds no row, throws and is retried.
    await this.jobs.add('refund.submit', { refundId: refund.id }, { key: refund.id, delayMs: 200 });
    return { id: refund.id, outRefundNo };
  }

  /** Calls WeChat's refund API (same out_refund_no every time: one refund however often it runs). */
  async submit(refundId: number): Promise<void> {
    const refund = await this.prisma.client.refund.findUnique({ where: { id: refundId } });
    if (!refund) throw new Error(`refund ${refundId} is not committed yet`);
    if (refund.refundId || refund.status === 'SUCCESS' || refund.status === 'CLOSED') return;
    const payment = await this.prisma.client.payment.findFirst({
      where: { orderId: refund.orderId, status: 'SUCCESS' },
      orderBy: { id: 'desc' },
    });
    if (!payment) throw new Error(`order ${refund.orderId} has no successful payment to refund`);
    const result = await this.wechatPay.createRefund({
      outTradeNo: payment.outTradeNo,
      outRefundNo: refund.outRefundNo,
      amount: refund.amount,
      total: payment.amount,
      reason: REASON_TEXT[refund.reason],
      notifyUrl: `${this.config.publicBaseUrl}/api/v1/payments/wechat/refund-notify`,
    });
    await this.prisma.client.refund.update({ where: { id: refund.id }, data: { refundId: result.refundId } });
    if (result.status === 'SUCCESS') await this.reconcile(refund.outRefundNo);
  }

  async reconcile(outRefundNo: string): Promise<void> {
    const found = await this.wechatPay.queryRefund(outRefundNo);
    if (found) await this.applyOutcome(found);
  }

  /**
   * Applies a refund's final state once: SUCCESS publishes `refund.succeeded` inside the same
   * transaction (orders and after-sales update with it); CLOSED publishes `refund.failed`;
   * ABNORMAL is recorded and waits (it is not final).
   */
  async applyOutcome(outcome: RefundOutcome): Promise<void> {
    const { status } = outcome;
    await this.prisma.transaction(async (tx, afterCommit) => {
      const [row] = await tx.$queryRaw<
        Array<{ id: number }>
      >`SELECT id FROM refund WHERE out_refund_no = ${outcome.out_refund_no} FOR UPDATE`;
      if (!row) throw new PaymentNotificationRejected('unknown out_refund_no');
      const refund = await tx.refund.findUniqueOrThrow({ where: { id: row.id } });
      if (outcome.amount.refund !== refund.amount) {
        throw new PaymentNotificationRejected('refund amount does not match');
      }
      if (refund.status === 'SUCCESS' || refund.status === 'CLOSED') return; // applied already
      const payload = {
        refundId: refund.id,
        orderId: refund.orderId,
        aftersaleId: refund.aftersaleId,
        amount: refund.amount,
      };
      if (status === 'SUCCESS') {
        const at = outcome.success_time ? new Date(outcome.success_time) : this.clock.now();
        await tx.refund.update({
          where: { id: refund.id },
          data: { status: 'SUCCESS', succeededAt: at, refundId: outcome.refund_id ?? refund.refundId },
        });
        afterCommit(await this.events.publish(tx, 'refund.succeeded', payload));
      } else if (status === 'CLOSED') {
        await tx.refund.update({ where: { id: refund.id }, data: { status: 'CLOSED' } });
        afterCommit(await this.events.publish(tx, 'refund.failed', { ...payload, status }));
      } else if (status === 'ABNORMAL') {
        await tx.refund.update({ where: { id: refund.id }, data: { status: 'ABNORMAL' } });
      }
    });
  }
}
