import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  AdminWithdrawalPage,
  AdminWithdrawalQuery,
  PageQuery,
  WithdrawalPage,
  WithdrawalView,
} from '@weshop/shared';
import type { Withdrawal, WithdrawalStatus } from '../generated/prisma/client';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { DomainEvents, type Tx } from '../infra/events/domain-events';
import { DomainError } from '../infra/http/domain-error';
import { IdempotencyStore, requestFingerprint } from '../infra/idempotency/idempotency';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { orderNumberAt } from '../order/order-number';
import { WechatPayClient, type NotificationHeaders } from '../wechat/pay/wechatpay.client';
import { classifyPayFailure } from '../wechat/pay/wechatpay.errors';
import { WechatTransferBillNotice, type TransferBill } from '../wechat/pay/wechatpay.types';
import { CommissionLedger } from './commission-ledger';
import { DistributionSettingsStore } from './distribution-settings.store';
import {
  BalanceInsufficient,
  DistributorNotFound,
  WithdrawalBelowMinimum,
  WithdrawalDailyCap,
  WithdrawalNotFound,
  WithdrawalRealNameRequired,
  WithdrawalStateConflict,
} from './distribution.errors';
import { zonedFormatter } from '../infra/zoned-format';

/** From 2,000 yuan WeChat needs the payee's real name (encrypted); the shop does not collect it. */
export const REAL_NAME_FROM = 200_000;
/** Money still on its way (counted against the daily cap). */
const LIVE: WithdrawalStatus[] = ['REQUESTED', 'APPROVED', 'PAYING', 'WAITING_USER_CONFIRM', 'PAID'];
const RETRY_AFTER_MS = 60_000;
const RECONCILE_AFTER_MS = 5 * 60_000;

export class TransferNotificationRejected extends DomainError {
  readonly code = 'FAIL';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The shop-local calendar day (YYYY-MM-DD) of a moment. */
export function shopDay(at: Date, timeZone: string): string {
  return zonedFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * 提现: REQUESTED → (APPROVED) → PAYING → WAITING_USER_CONFIRM → PAID | FAILED (or REJECTED by the
 * merchant). The money leaves the balance for "in flight" when requested — under a row lock on the
 * distributor, so two withdrawals can never spend the same money — and comes back when the
 * transfer fails, expires (24 h unconfirmed) or is rejected. Paid by 商家转账 scene 1005, keyed by
 * `outBillNo`: every retry reuses it, so WeChat pays at most once.
 */
@Injectable()
export class WithdrawalService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @Inject(DistributionSettingsStore) private readonly settings: DistributionSettingsStore,
    @Inject(CommissionLedger) private readonly ledger: CommissionLedger,
    @Inject(WechatPayClient) private readonly wechatPay: WechatPayClient,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('distribution.transfer', ({ withdrawalId }) => this.transfer(withdrawalId));
    this.jobs.addSweeper({ name: 'withdrawals', run: () => this.reconcile() });
  }

  async request(userId: number, amount: number, idempotencyKey?: string): Promise<WithdrawalView> {
    const { withdrawal } = await this.settings.get();
    if (amount < withdrawal.minAmount) throw new WithdrawalBelowMinimum(withdrawal.minAmount);
    if (amount >= REAL_NAME_FROM) throw new WithdrawalRealNameRequired(REAL_NAME_FROM);
    const work = async (tx: Tx): Promise<WithdrawalView> => {
      // All debits of a balance queue here: the row lock serializes them.
      const [d] = await tx.$queryRaw<{ status: string; balance: number }[]>`
        SELECT status, balance FROM distributor WHERE user_id = ${userId} FOR UPDATE`;
      if (!d || d.status !== 'APPROVED') throw new DistributorNotFound(userId);
      if (Number(d.balance) < amount) throw new BalanceInsufficient(amount, Math.max(0, Number(d.balance)));
      const now = this.clock.now();
      const day = shopDay(now, this.config.shopTimeZone);
      const used = await tx.withdrawal.aggregate({
        where: { distributorId: userId, day, status: { in: LIVE } },
        _sum: { amount: true },
      });
      const usedToday = used._sum.amount ?? 0;
      if (usedToday + amount > withdrawal.dailyCap) throw new WithdrawalDailyCap(withdrawal.dailyCap, usedToday);
      const row = await tx.withdrawal.create({
        data: {
          distributorId: userId,
          amount,
          status: withdrawal.reviewRequired ? 'REQUESTED' : 'APPROVED',
          outBillNo: `WD${orderNumberAt(now, this.config.shopTimeZone)}`,
          day,
          requestedAt: now,
          approvedAt: withdrawal.reviewRequired ? null : now,
          updatedAt: now,
        },
      });
      await this.ledger.post(tx, {
        distributorId: userId,
        type: 'WITHDRAWAL_REQUESTED',
        withdrawalId: row.id,
        movement: { balance: -amount, inFlight: amount },
        at: now,
        note: `提现 ${row.outBillNo}`,
      });
      return this.view(row, null);
    };
    const schedule = async (view: WithdrawalView) => {
      if (view.status === 'APPROVED') await this.scheduleTransfer(Number(view.id));
    };
    if (!idempotencyKey) {
      const view = await this.prisma.transaction(work);
      await schedule(view);
      return view;
    }
    const { result } = await this.idempotency.inOneTransaction(
      {
        scope: 'withdrawal.create',
        userId,
        key: idempotencyKey,
        fingerprint: requestFingerprint('POST', '/api/v1/distribution/withdrawals', { amount }),
      },
      work,
      { afterCommit: schedule },
    );
    return result;
  }

  private scheduleTransfer(withdrawalId: number, attempt = 0) {
    return this.jobs.add(
      'distribution.transfer',
      { withdrawalId },
      { key: attempt ? `${withdrawalId}-${attempt}` : withdrawalId },
    );
  }

  /** The merchant approves a reviewed withdrawal: it goes to WeChat. */
  async approve(id: number): Promise<void> {
    const now = this.clock.now();
    const moved = await this.prisma.client.withdrawal.updateMany({
      where: { id, status: 'REQUESTED' },
      data: { status: 'APPROVED', approvedAt: now, updatedAt: now },
    });
    if (moved.count !== 1) await this.conflict(id, 'approved');
    await this.scheduleTransfer(id);
  }

  /** The merchant refuses it: the money returns to the balance. */
  async reject(id: number, reason: string): Promise<void> {
    const done = await this.prisma.transaction(async (tx) => this.finish(tx, id, ['REQUESTED'], 'REJECTED', reason));
    if (!done) await this.conflict(id, 'rejected');
  }

  private async conflict(id: number, wanted: string): Promise<never> {
    const w = await this.prisma.client.withdrawal.findUnique({ where: { id } });
    if (!w) throw new WithdrawalNotFound(id);
    throw new WithdrawalStateConflict(w.status, wanted);
  }

  /**
   * The transfer job: APPROVED → PAYING, then 商家转账 with the withdrawal's own bill number. A
   * transient failure throws (the job retries with the same number, which WeChat answers with the
   * same bill); a refusal is checked against a query before the money is given back.
   */
  async transfer(id: number): Promise<void> {
    const now = this.clock.now();
    await this.prisma.client.withdrawal.updateMany({
      where: { id, status: 'APPROVED' },
      data: { status: 'PAYING', updatedAt: now },
    });
    const w = await this.prisma.client.withdrawal.findUnique({ where: { id } });
    if (!w || w.status !== 'PAYING') return;
    const payee = await this.prisma.client.user.findUnique({
      where: { id: w.distributorId },
      select: { openid: true },
    });
    if (!payee) return;
    let bill: TransferBill;
    try {
      bill = await this.wechatPay.createTransferBill({
        outBillNo: w.outBillNo,
        openid: payee.openid,
        amount: w.amount,
        remark: '佣金提现',
        notifyUrl: `${this.config.publicBaseUrl}/api/v1/distribution/transfers/wechat/notify`,
      });
    } catch (error) {
      if (classifyPayFailure(error) !== 'REFUSED') throw error;
      const existing = await this.wechatPay.queryTransferBill(w.outBillNo);
      if (existing) bill = existing;
      else {
        const code = (error as { code?: string }).code ?? 'REFUSED';
        await this.prisma.transaction((tx) => this.finish(tx, id, ['PAYING'], 'FAILED', `微信拒绝: ${code}`));
        return;
      }
    }
    await this.applyBill(bill);
  }

  /** Moves the withdrawal to where WeChat's bill is (create answer, query or notification). */
  async applyBill(bill: Pick<TransferBill, 'outBillNo' | 'state' | 'packageInfo' | 'failReason' | 'transferBillNo'>) {
    const w = await this.prisma.client.withdrawal.findUnique({ where: { outBillNo: bill.outBillNo } });
    if (!w) return;
    const now = this.clock.now();
    if (bill.state === 'WAIT_USER_CONFIRM' && bill.packageInfo) {
      await this.prisma.client.withdrawal.updateMany({
        where: { id: w.id, status: 'PAYING' },
        data: {
          status: 'WAITING_USER_CONFIRM',
          packageInfo: bill.packageInfo,
          transferBillNo: bill.transferBillNo,
          updatedAt: now,
        },
      });
    } else if (bill.state === 'SUCCESS') {
      await this.prisma.transaction((tx) => this.finish(tx, w.id, ['PAYING', 'WAITING_USER_CONFIRM'], 'PAID'));
    } else if (bill.state === 'FAIL' || bill.state === 'CANCELLED') {
      const reason = bill.failReason === 'OVERDUE_CLOSE' ? '超过24小时未确认收款' : (bill.failReason ?? bill.state);
      await this.prisma.transaction((tx) =>
        this.finish(tx, w.id, ['PAYING', 'WAITING_USER_CONFIRM'], 'FAILED', reason),
      );
    }
    // ACCEPTED, PROCESSING, TRANSFERING, CANCELING: not final; the sweeper asks again.
  }

  /** A final state, once (compare-and-set), with its ledger entry in the same transaction. */
  private async finish(
    tx: Tx,
    id: number,
    from: WithdrawalStatus[],
    to: 'PAID' | 'FAILED' | 'REJECTED',
    reason?: string,
  ): Promise<boolean> {
    const now = this.clock.now();
    const moved = await tx.withdrawal.updateMany({
      where: { id, status: { in: from } },
      data: {
        status: to,
        updatedAt: now,
        ...(to === 'PAID' ? { paidAt: now, failReason: null } : { failReason: (reason ?? to).slice(0, 128) }),
      },
    });
    if (moved.count !== 1) return false;
    const w = await tx.withdrawal.findUniqueOrThrow({ where: { id } });
    await this.ledger.post(tx, {
      distributorId: w.distributorId,
      type: to === 'PAID' ? 'WITHDRAWAL_PAID' : 'WITHDRAWAL_RETURNED',
      withdrawalId: id,
      movement:
        to === 'PAID' ? { inFlight: -w.amount, withdrawn: w.amount } : { inFlight: -w.amount, balance: w.amount },
      at: now,
      note: `${to === 'PAID' ? '已到账' : '退回'} ${w.outBillNo}`,
    });
    if (to === 'PAID') {
      const paid = { withdrawalId: id, distributorId: w.distributorId, amount: w.amount, paidAt: now };
      this.prisma.afterCommitOf(tx, await this.events.publish(tx, 'withdrawal.paid', paid));
    }
    return true;
  }

  /** MCHTRANSFER.BILL.FINISHED, verified and decrypted before anything is looked up. */
  async handleNotification(headers: NotificationHeaders, rawBody: string): Promise<void> {
    let resource: unknown;
    let eventType: string;
    try {
      ({ resource, eventType } = this.wechatPay.parseNotification(headers, rawBody, this.clock.now()));
    } catch (error) {
      throw new TransferNotificationRejected(
        `notification rejected: ${(error as { reason?: string }).reason ?? 'invalid'}`,
        401,
      );
    }
    if (!eventType.startsWith('MCHTRANSFER.BILL')) return; // acknowledged, not ours
    const notice = WechatTransferBillNotice.safeParse(resource);
    if (!notice.success) throw new TransferNotificationRejected("the transfer bill does not have WeChat's shape");
    const n = notice.data;
    if (n.mch_id !== this.config.wechat.pay?.mchid) throw new TransferNotificationRejected('mch_id does not match');
    const w = await this.prisma.client.withdrawal.findUnique({ where: { outBillNo: n.out_bill_no } });
    if (!w) throw new TransferNotificationRejected('unknown out_bill_no', 404);
    if (w.amount !== n.transfer_amount) throw new TransferNotificationRejected('transfer_amount does not match');
    await this.applyBill({
      outBillNo: n.out_bill_no,
      state: n.state,
      failReason: n.fail_reason,
      transferBillNo: n.transfer_bill_no,
    });
  }

  /** The sweeper: a lost job, or a notification that never came, is found here. */
  async reconcile(): Promise<void> {
    const now = this.clock.now().getTime();
    const stale = await this.prisma.client.withdrawal.findMany({
      where: {
        OR: [
          { status: { in: ['APPROVED', 'PAYING'] }, updatedAt: { lte: new Date(now - RETRY_AFTER_MS) } },
          { status: 'WAITING_USER_CONFIRM', updatedAt: { lte: new Date(now - RECONCILE_AFTER_MS) } },
        ],
      },
      take: 100,
    });
    for (const w of stale) {
      if (w.status === 'WAITING_USER_CONFIRM') {
        const bill = await this.wechatPay.queryTransferBill(w.outBillNo).catch(() => null);
        if (bill) await this.applyBill(bill);
      } else {
        await this.transfer(w.id).catch(() => undefined);
      }
    }
  }

  async list(userId: number, query: PageQuery): Promise<WithdrawalPage> {
    const where = { distributorId: userId };
    const [rows, total, user] = await Promise.all([
      this.prisma.client.withdrawal.findMany({
        where,
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.withdrawal.count({ where }),
      this.prisma.client.user.findUnique({ where: { id: userId }, select: { openid: true } }),
    ]);
    return {
      items: rows.map((w) => this.view(w, user?.openid ?? null)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(userId: number, id: number): Promise<WithdrawalView> {
    const w = await this.prisma.client.withdrawal.findFirst({ where: { id, distributorId: userId } });
    if (!w) throw new WithdrawalNotFound(id);
    const user = await this.prisma.client.user.findUnique({ where: { id: userId }, select: { openid: true } });
    return this.view(w, user?.openid ?? null);
  }

  async adminList(query: AdminWithdrawalQuery): Promise<AdminWithdrawalPage> {
    const where = query.status ? { status: query.status } : {};
    const [rows, total] = await Promise.all([
      this.prisma.client.withdrawal.findMany({
        where,
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.withdrawal.count({ where }),
    ]);
    const ids = [...new Set(rows.map((w) => w.distributorId))];
    const people = new Map(
      (
        await this.prisma.client.distributor.findMany({
          where: { userId: { in: ids } },
          select: { userId: true, code: true, user: { select: { nickname: true } } },
        })
      ).map((d) => [d.userId, d]),
    );
    return {
      items: rows.map((w) => ({
        ...this.view(w, null),
        distributor: {
          userId: String(w.distributorId),
          nickname: people.get(w.distributorId)?.user.nickname ?? '',
          code: people.get(w.distributorId)?.code ?? null,
        },
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private view(w: Withdrawal, openid: string | null): WithdrawalView {
    const waiting = w.status === 'WAITING_USER_CONFIRM' && w.packageInfo && openid;
    const params = waiting ? this.wechatPay.transferConfirmParams() : null;
    return {
      id: String(w.id),
      outBillNo: w.outBillNo,
      amount: w.amount,
      status: w.status,
      failReason: w.failReason,
      confirm:
        params && w.packageInfo && openid
          ? { mchId: params.mchId, appId: params.appId, package: w.packageInfo, openId: openid }
          : null,
      requestedAt: w.requestedAt.toISOString(),
      paidAt: w.paidAt?.toISOString() ?? null,
      updatedAt: w.updatedAt.toISOString(),
    };
  }
}
