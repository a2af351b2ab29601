import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_POINTS_RULES,
  PointsRules,
  type PointsEntriesQuery,
  type PointsEntryPage,
  type PointsSummary,
  type SignInCalendar,
  type SignInResult,
} from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { SettingsMemo } from '../infra/cache/settings-memo';
import { DomainEvents, type DomainEventMap, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { localDate } from '../member/member-day.policy';
import { MemberService } from '../member/member.service';
import { CheckoutActivities, type PricingContribution, type PricingContributor } from '../order/checkout-activities';
import { pointsStage } from '../pricing/price-order.policy';
import {
  balanceDelta,
  earn,
  expire,
  expiringSoon,
  returnSpent,
  reverseEarned,
  spend,
  unfreeze,
  usableBalance,
  type LedgerChange,
  type Lot,
} from './points-ledger.policy';
import {
  expiryOf,
  isBirthday,
  isoDay,
  pointsEarned,
  previousDay,
  refundTargets,
  signInReward,
} from './points-rules.policy';
import { AlreadySignedIn, PointsInsufficient } from './points.errors';

type Db = Tx | PrismaService['client'];
const RULES_KEY = 'points-rules';
const ORDER_SOURCE = 'ORDER';

/**
 * 积分: the ledger moves with the order in the order's own transaction — spent when the order is
 * placed (the account row locked, so two orders never spend the same points), returned when it is
 * cancelled, earned FROZEN when it is paid, usable once the after-sales window closes, reversed and
 * returned in proportion to refunds; lots expire at the end of the year after the year earned (a
 * sweeper, oldest first). The cached account is Σ entries, which `check` recomputes.
 */
@Injectable()
export class PointsService implements OnModuleInit, PricingContributor {
  private readonly savedRules = new SettingsMemo<PointsRules>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(CheckoutActivities) private readonly activities: CheckoutActivities,
    @Inject(MemberService) private readonly members: MemberService,
  ) {}

  onModuleInit(): void {
    this.activities.register(this);
    this.events.onInTransaction('order.placed', (tx, order) => this.spendOnPlaced(tx, order));
    this.events.onInTransaction('order.cancelled', (tx, order) => this.returnOnCancel(tx, order));
    this.events.onInTransaction('order.paid', (tx, order) => this.earnOnPaid(tx, order));
    this.events.onInTransaction('order.aftersale-window-closed', (tx, order) => this.unfreezeOnWindow(tx, order));
    this.events.onInTransaction('order.refunded', (tx, refund) => this.settleRefund(tx, refund));
    this.jobs.addSweeper({ name: 'points-expiry', run: () => this.expireDue() });
  }

  // ---- checkout ------------------------------------------------------------------------------

  /** Step 4: 积分抵现 by the shop's rule, with the buyer's usable points. */
  async contribute({
    userId,
    body,
    now,
    tx,
  }: Parameters<PricingContributor['contribute']>[0]): Promise<PricingContribution> {
    const db = tx ?? this.prisma.client;
    const rules = await this.rules(db);
    // Placing an order (inside its transaction) without points shows no balance: no need to read the lots.
    const balance = tx && !body.pointsToUse ? 0 : usableBalance(await this.lots(db, userId), now);
    const { pointsPerYuan, maxShareBp, minUnit, combineWithCoupon } = rules.deduction;
    if (!combineWithCoupon && body.couponId) return { points: () => null, pointsBalance: balance };
    return { points: pointsStage({ pointsPerYuan, maxShareBp, minUnit }), pointsBalance: balance };
  }

  /** Spends the order's points from the oldest usable lots, under the account lock. */
  private async spendOnPlaced(tx: Tx, order: DomainEventMap['order.placed']): Promise<void> {
    const used = order.pointsUsed ?? 0;
    if (used <= 0) return;
    await this.lock(tx, order.userId);
    const change = spend(await this.lockedLots(tx, order.userId), used, order.createdAt, '积分抵现');
    if (!change) throw new PointsInsufficient(used);
    await this.persist(tx, order.userId, change, { orderId: order.orderId, at: order.createdAt });
  }

  /** 取消: every point the order spent goes back to its lots. */
  private async returnOnCancel(tx: Tx, order: DomainEventMap['order.cancelled']): Promise<void> {
    const spends = await tx.pointsSpend.findMany({ where: { orderId: order.orderId }, orderBy: { id: 'asc' } });
    const open = spends.reduce((s, r) => s + r.amount - r.returned, 0);
    if (open <= 0) return;
    await this.lock(tx, order.userId);
    const now = this.clock.now();
    const change = returnSpent(await this.lockedLots(tx, order.userId), spends, open, now, '取消订单退回');
    await this.persist(tx, order.userId, change, { orderId: order.orderId, at: now });
  }

  /**
   * 消费得积分: a FROZEN lot for what was paid on the lines that earn (activity goods excluded when
   * the rules say so; lines of a promotion with earnsPoints off and gift lines never earn) × the level's multiplier × the member-day multiplier when the order was placed
   * on a member day the buyer is entitled to × the birthday multiplier. Once per order.
   */
  private async earnOnPaid(tx: Tx, paid: DomainEventMap['order.paid']): Promise<void> {
    if (await tx.pointsLot.findFirst({ where: { orderId: paid.orderId, source: ORDER_SOURCE } })) return;
    const order = await tx.order.findUnique({ where: { id: paid.orderId }, include: { lines: true } });
    if (!order) return;
    const rules = await this.rules(tx);
    const activityOrder = order.kind !== 'NORMAL';
    const eligiblePaidFen =
      rules.earn.excludeActivityGoods && activityOrder
        ? 0
        : order.lines.filter((l) => l.earnsPoints).reduce((s, l) => s + l.paidAmount - l.refundedAmount, 0);
    const standing = await this.members.standing(order.userId, order.createdAt, tx);
    const user = await tx.user.findUnique({ where: { id: order.userId }, select: { birthday: true } });
    const amount = pointsEarned({
      eligiblePaidFen,
      pointsPerYuan: rules.earn.pointsPerYuan,
      levelMultiplierBp: standing.level?.pointsMultiplierBp,
      memberDayMultiplierBp: standing.memberDay ? standing.memberDayMultiplierBp : undefined,
      birthdayMultiplierBp: isBirthday(order.createdAt, user?.birthday ?? null, this.config.shopTimeZone)
        ? rules.earn.birthdayMultiplierBp
        : undefined,
    });
    if (amount <= 0) return;
    await this.lock(tx, order.userId);
    const expiresAt = expiryOf(paid.paidAt, this.config.shopTimeZone, rules.expiry.yearsAfter);
    // Usable from: unknown until the after-sales window closes; the lot stays FROZEN until then.
    const change = earn({ amount, status: 'FROZEN', usableFrom: expiresAt, expiresAt }, 'EARN', '消费得积分');
    await this.persist(tx, order.userId, change, { orderId: order.id, at: paid.paidAt, source: ORDER_SOURCE });
  }

  /** 售后期结束: the order's frozen points become usable. */
  private async unfreezeOnWindow(tx: Tx, order: DomainEventMap['order.aftersale-window-closed']): Promise<void> {
    const lot = await tx.pointsLot.findFirst({
      where: { orderId: order.orderId, source: ORDER_SOURCE, status: 'FROZEN' },
    });
    if (!lot) return;
    await this.lock(tx, order.userId);
    const fresh = (await this.lockedLots(tx, order.userId)).find((l) => l.id === lot.id)!;
    const now = this.clock.now();
    await this.persist(tx, order.userId, unfreeze(fresh, now), { orderId: order.orderId, at: now });
  }

  /**
   * 退款: reverses the share of the earned points for what is no longer paid and returns the
   * refunded share of the spent points (cumulative targets, so repeated events change nothing twice).
   */
  private async settleRefund(tx: Tx, refund: DomainEventMap['order.refunded']): Promise<void> {
    const order = await tx.order.findUnique({ where: { id: refund.orderId }, select: { pointsUsed: true } });
    const earnedLot = await tx.pointsLot.findFirst({ where: { orderId: refund.orderId, source: ORDER_SOURCE } });
    const spends = await tx.pointsSpend.findMany({ where: { orderId: refund.orderId }, orderBy: { id: 'asc' } });
    if (!earnedLot && !spends.length) return;
    const paidFen = refund.lines.reduce((s, l) => s + l.paidAmount, 0);
    const refundedFen = refund.lines.reduce((s, l) => s + l.refundedAmount, 0);
    const spent = spends.reduce((s, r) => s + r.amount, 0);
    const target = refundTargets({
      earned: earnedLot?.amount ?? 0,
      pointsUsed: Math.min(order?.pointsUsed ?? spent, spent),
      paidFen,
      refundedFen,
      everythingRefunded: refund.everythingRefunded,
    });
    await this.lock(tx, refund.userId);
    const now = this.clock.now();
    if (earnedLot) {
      const reversed = await tx.pointsEntry.aggregate({
        where: { lotId: earnedLot.id, type: 'REVERSE' },
        _sum: { availableDelta: true, frozenDelta: true },
      });
      const already = -((reversed._sum.availableDelta ?? 0) + (reversed._sum.frozenDelta ?? 0));
      // What could not be reversed (already spent) is noted in `REVERSE` entries as a 0-point shortfall.
      const wanted = target.reversed - already - (await this.shortfallOf(tx, earnedLot.id));
      if (wanted > 0) {
        const fresh = (await this.lockedLots(tx, refund.userId)).find((l) => l.id === earnedLot.id)!;
        const { change, shortfall } = reverseEarned(fresh, wanted, '退款扣回');
        if (shortfall > 0)
          change.entries.push({
            type: 'REVERSE',
            availableDelta: 0,
            frozenDelta: 0,
            lotId: earnedLot.id,
            note: `shortfall:${shortfall}`,
          });
        await this.persist(tx, refund.userId, change, { orderId: refund.orderId, at: now });
      }
    }
    const returned = spends.reduce((s, r) => s + r.returned, 0);
    if (target.returned > returned) {
      const change = returnSpent(
        await this.lockedLots(tx, refund.userId),
        spends,
        target.returned - returned,
        now,
        '退款退回',
      );
      await this.persist(tx, refund.userId, change, { orderId: refund.orderId, at: now });
    }
  }

  private async shortfallOf(tx: Tx, lotId: number): Promise<number> {
    const notes = await tx.pointsEntry.findMany({
      where: { lotId, type: 'REVERSE', note: { startsWith: 'shortfall:' } },
      select: { note: true },
    });
    return notes.reduce((s, n) => s + Number(n.note.slice('shortfall:'.length)), 0);
  }

  // ---- the points mall and tasks (called inside their transactions) ---------------------------

  /**
   * Locks the member's account row for the caller's transaction: one ledger writer per member at a
   * time (the points mall counts a member's redemptions under it).
   */
  lockAccount(tx: Tx, userId: number): Promise<void> {
    return this.lock(tx, userId);
  }

  /**
   * 积分兑换: spends `amount` usable points oldest lot first as REDEEM entries, or throws
   * POINTS_INSUFFICIENT. With an order (a gift), the lots drawn are recorded against it, so
   * cancelling or refunding that order returns them like any order's points.
   */
  async redeem(tx: Tx, userId: number, amount: number, ctx: { orderId: number | null; at: Date; note: string }) {
    await this.lock(tx, userId);
    const change = spend(await this.lockedLots(tx, userId), amount, ctx.at, ctx.note, 'REDEEM');
    if (!change) throw new PointsInsufficient(amount);
    // A coupon has no order to return points to: the entries (with their lots) are the record.
    if (ctx.orderId === null) change.draws = [];
    await this.persist(tx, userId, change, { orderId: ctx.orderId, at: ctx.at });
  }

  /** 积分任务: a usable lot of `amount` points (TASK), expiring like every lot earned now. */
  async award(tx: Tx, userId: number, amount: number, ctx: { at: Date; note: string }): Promise<void> {
    if (amount <= 0) return;
    const rules = await this.rules(tx);
    await this.lock(tx, userId);
    const expiresAt = expiryOf(ctx.at, this.config.shopTimeZone, rules.expiry.yearsAfter);
    const change = earn({ amount, status: 'ACTIVE', usableFrom: ctx.at, expiresAt }, 'TASK', ctx.note);
    await this.persist(tx, userId, change, { orderId: null, at: ctx.at, source: 'TASK' });
  }

  /** Usable points now (for the points mall's view). */
  async usable(userId: number): Promise<number> {
    return usableBalance(await this.lots(this.prisma.client, userId), this.clock.now());
  }

  // ---- expiry --------------------------------------------------------------------------------

  /** The sweeper: every member with a lot past its expiry. */
  async expireDue(): Promise<void> {
    const due = await this.prisma.client.pointsLot.findMany({
      where: { status: { in: ['ACTIVE', 'FROZEN'] }, expiresAt: { lte: this.clock.now() } },
      select: { userId: true },
      distinct: ['userId'],
      take: 500,
    });
    for (const { userId } of due) await this.expireFor(userId);
  }

  async expireFor(userId: number): Promise<void> {
    await this.prisma.transaction(async (tx) => {
      await this.lock(tx, userId);
      const now = this.clock.now();
      const change = expire(await this.lockedLots(tx, userId), now);
      if (change.lotUpdates.length) await this.persist(tx, userId, change, { orderId: null, at: now });
    });
  }

  // ---- the member's views --------------------------------------------------------------------

  async summary(userId: number): Promise<PointsSummary> {
    const now = this.clock.now();
    const rules = await this.rules();
    const lots = await this.lots(this.prisma.client, userId);
    const horizon = new Date(now.getTime() + rules.expiry.noticeDays * 86_400_000);
    const soon = expiringSoon(lots, now, horizon);
    return {
      available: usableBalance(lots, now),
      frozen: lots.filter((l) => l.status === 'FROZEN' && l.expiresAt > now).reduce((s, l) => s + l.remaining, 0),
      expiringSoon: { amount: soon.amount, at: soon.at?.toISOString() ?? null },
    };
  }

  async entries(userId: number, query: PointsEntriesQuery): Promise<PointsEntryPage> {
    const where = { userId, NOT: { availableDelta: 0, frozenDelta: 0 } };
    const [rows, total] = await Promise.all([
      this.prisma.client.pointsEntry.findMany({
        where,
        orderBy: { id: 'desc' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.client.pointsEntry.count({ where }),
    ]);
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        type: r.type as PointsEntryPage['items'][number]['type'],
        availableDelta: r.availableDelta,
        frozenDelta: r.frozenDelta,
        orderId: r.orderId === null ? null : String(r.orderId),
        note: r.note,
        createdAt: r.createdAt.toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The cached account against the ledger (Σ entries) and the lots (Σ remaining). */
  async check(userId: number) {
    const db = this.prisma.client;
    const [account, sums, lots] = await Promise.all([
      db.pointsAccount.findUnique({ where: { userId } }),
      db.pointsEntry.aggregate({ where: { userId }, _sum: { availableDelta: true, frozenDelta: true } }),
      this.lots(db, userId),
    ]);
    const byStatus = (s: string) => lots.filter((l) => l.status === s).reduce((a, l) => a + l.remaining, 0);
    return {
      cached: { available: account?.available ?? 0, frozen: account?.frozen ?? 0 },
      ledger: { available: sums._sum.availableDelta ?? 0, frozen: sums._sum.frozenDelta ?? 0 },
      lots: { available: byStatus('ACTIVE'), frozen: byStatus('FROZEN') },
    };
  }

  // ---- sign-in -------------------------------------------------------------------------------

  async signInCalendar(userId: number): Promise<SignInCalendar> {
    const now = this.clock.now();
    const rules = await this.rules();
    const today = isoDay(localDate(now, this.config.shopTimeZone));
    const recent = await this.prisma.client.signIn.findMany({
      where: { userId },
      orderBy: { day: 'desc' },
      take: 31,
    });
    const todays = recent.find((r) => r.day === today) ?? null;
    const yesterday = recent.find((r) => r.day === previousDay(today)) ?? null;
    const streak = todays?.streak ?? yesterday?.streak ?? 0;
    const windowStart =
      rules.signIn.cycle === 'MONTHLY'
        ? `${today.slice(0, 8)}01`
        : [...Array(6)].reduce((d: string) => previousDay(d), today);
    const next = todays
      ? signInReward(rules.signIn, nextDay(today), { day: today, streak: todays.streak })
      : signInReward(rules.signIn, today, yesterday);
    return {
      today,
      signedToday: todays !== null,
      streak,
      cycle: rules.signIn.cycle,
      days: recent
        .filter((r) => r.day >= windowStart && r.day <= today)
        .map((r) => ({ day: r.day, points: r.points }))
        .reverse(),
      nextReward: next.points,
    };
  }

  /** 签到: once per shop-local day; the streak and the day-N bonus by the cycle. */
  async signIn(userId: number): Promise<SignInResult> {
    return this.prisma.transaction(async (tx) => {
      await this.lock(tx, userId);
      const now = this.clock.now();
      const rules = await this.rules(tx);
      const today = isoDay(localDate(now, this.config.shopTimeZone));
      if (await tx.signIn.findUnique({ where: { userId_day: { userId, day: today } } }))
        throw new AlreadySignedIn(today);
      const yesterday = await tx.signIn.findUnique({ where: { userId_day: { userId, day: previousDay(today) } } });
      const reward = signInReward(rules.signIn, today, yesterday);
      try {
        await tx.signIn.create({ data: { userId, day: today, streak: reward.streak, points: reward.points, at: now } });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') throw new AlreadySignedIn(today);
        throw error;
      }
      if (reward.points > 0) {
        const expiresAt = expiryOf(now, this.config.shopTimeZone, rules.expiry.yearsAfter);
        const change = earn(
          { amount: reward.points, status: 'ACTIVE', usableFrom: now, expiresAt },
          'SIGN_IN',
          `签到第${reward.streak}天`,
        );
        await this.persist(tx, userId, change, { orderId: null, at: now, source: 'SIGN_IN' });
      }
      return { day: today, ...reward };
    });
  }

  // ---- rules ---------------------------------------------------------------------------------

  /** The shop's points rules, read on every checkout and payment: kept two seconds (see SettingsMemo). */
  rules(db: Db = this.prisma.client): Promise<PointsRules> {
    return this.savedRules.get(async () => {
      const row = await db.marketingSetting.findUnique({ where: { key: RULES_KEY } });
      const parsed = PointsRules.safeParse(row?.data);
      return parsed.success ? parsed.data : DEFAULT_POINTS_RULES;
    });
  }

  async saveRules(rules: PointsRules): Promise<PointsRules> {
    await this.prisma.client.marketingSetting.upsert({
      where: { key: RULES_KEY },
      create: { key: RULES_KEY, data: rules },
      update: { data: rules },
    });
    this.savedRules.clear();
    return this.rules();
  }

  // ---- persistence ---------------------------------------------------------------------------

  /**
   * Locks the member's account row (created at 0 the first time; the upsert takes the row's
   * exclusive lock at once, so concurrent writers queue instead of deadlocking): one ledger writer
   * per member at a time. Reads after it must be locking reads (`lockedLots`) to see the latest
   * committed lots under REPEATABLE READ.
   */
  private async lock(tx: Tx, userId: number): Promise<void> {
    await tx.$executeRaw`INSERT INTO points_account (user_id, available, frozen, updated_at)
      VALUES (${userId}, 0, 0, NOW(3)) ON DUPLICATE KEY UPDATE user_id = user_id`;
  }

  /** The member's lots, read with the latest committed values (call after `lock`). */
  private async lockedLots(tx: Tx, userId: number): Promise<Lot[]> {
    const rows = await tx.$queryRaw<
      Array<{ id: number; amount: number; remaining: number; status: string; usableFrom: Date; expiresAt: Date }>
    >`SELECT id, amount, remaining, status, usable_from AS usableFrom, expires_at AS expiresAt
        FROM points_lot WHERE user_id = ${userId} ORDER BY id FOR UPDATE`;
    return rows.map((r) =>
      toLot({
        id: Number(r.id),
        amount: Number(r.amount),
        remaining: Number(r.remaining),
        status: r.status,
        usableFrom: new Date(r.usableFrom),
        expiresAt: new Date(r.expiresAt),
      }),
    );
  }

  private async lots(db: Db, userId: number): Promise<Lot[]> {
    const rows = await db.pointsLot.findMany({
      where: { userId },
      orderBy: { id: 'asc' },
    });
    return rows.map(toLot);
  }

  /** Writes a ledger change: the new lot, lot updates, spend records, entries and the cached sums. */
  private async persist(
    tx: Tx,
    userId: number,
    change: LedgerChange,
    ctx: { orderId: number | null; at: Date; source?: string },
  ): Promise<void> {
    let newLotId: number | null = null;
    if (change.newLot) {
      const lot = await tx.pointsLot.create({
        data: {
          userId,
          source: ctx.source ?? ORDER_SOURCE,
          orderId: ctx.orderId,
          amount: change.newLot.amount,
          remaining: change.newLot.amount,
          status: change.newLot.status,
          earnedAt: ctx.at,
          usableFrom: change.newLot.usableFrom,
          expiresAt: change.newLot.expiresAt,
        },
      });
      newLotId = lot.id;
    }
    for (const u of change.lotUpdates)
      await tx.pointsLot.update({
        where: { id: u.lotId },
        data: { remaining: u.remaining, status: u.status, ...(u.usableFrom ? { usableFrom: u.usableFrom } : {}) },
      });
    for (const d of change.draws)
      await tx.pointsSpend.create({ data: { orderId: ctx.orderId!, lotId: d.lotId, amount: d.amount } });
    for (const s of change.spendUpdates)
      await tx.pointsSpend.update({ where: { id: s.id }, data: { returned: s.returned } });
    if (change.entries.length)
      await tx.pointsEntry.createMany({
        data: change.entries.map((e) => ({
          userId,
          type: e.type,
          availableDelta: e.availableDelta,
          frozenDelta: e.frozenDelta,
          lotId: e.lotId === 'NEW' ? newLotId : e.lotId,
          orderId: ctx.orderId,
          note: (e.note ?? '').slice(0, 64),
          createdAt: ctx.at,
        })),
      });
    const delta = balanceDelta(change);
    if (delta.available || delta.frozen)
      await tx.pointsAccount.update({
        where: { userId },
        data: { available: { increment: delta.available }, frozen: { increment: delta.frozen } },
      });
  }
}

function toLot(row: {
  id: number;
  amount: number;
  remaining: number;
  status: string;
  usableFrom: Date;
  expiresAt: Date;
}): Lot {
  return {
    id: row.id,
    amount: row.amount,
    remaining: row.remaining,
    status: row.status as Lot['status'],
    usableFrom: row.usableFrom,
    expiresAt: row.expiresAt,
  };
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return isoDay({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}
