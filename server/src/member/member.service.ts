import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type MemberDaySettings,
  type MemberDayView,
  type MemberLevelInput,
  type MemberLevelList,
  type MemberLevelView,
  type MemberView,
} from '@weshop/shared';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import { SettingsMemo } from '../infra/cache/settings-memo';
import { DomainEvents, type DomainEventMap, type Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { CheckoutActivities, type PricingContribution, type PricingContributor } from '../order/checkout-activities';
import { memberDayOn, nextMemberDay } from './member-day.policy';
import { MemberDaySkuInvalid, MemberLevelGrowthTaken, MemberLevelNotFound } from './member.errors';
import {
  benefitsOf,
  growthYuan,
  levelFor,
  memberDayEntitled,
  nextLevelOf,
  type LevelRule,
} from './member-level.policy';

type Db = Tx | PrismaService['client'];

const MEMBER_DAY_KEY = 'member-day';
const NO_MEMBER_DAY = { enabled: false, kind: 'WEEKLY', days: [], levelIds: [], pointsMultiplierBp: 10_000 } as const;

/** The stored schedule (prices live in `member_day_price`). */
export interface MemberDaySchedule {
  enabled: boolean;
  kind: 'WEEKLY' | 'MONTHLY';
  days: number[];
  levelIds: number[];
  pointsMultiplierBp: number;
}

/** A member's standing at an instant: level, and whether member day applies to them. */
export interface Standing {
  growthFen: number;
  level: LevelRule | null;
  memberDay: boolean;
  memberDayMultiplierBp: number;
}

/**
 * 会员 and 会员日: levels by growth (completed orders add their paid amount, refunds take it back),
 * the member discount and the member-day price in checkout (a PricingContributor), and the
 * member-day schedule evaluated by `memberDayOn` in the shop's time zone.
 */
@Injectable()
export class MemberService implements OnModuleInit, PricingContributor {
  /** The levels and the member-day schedule, read by every checkout; cleared by their saves. */
  private readonly rules = new SettingsMemo<{ levels: LevelRule[]; schedule: MemberDaySchedule }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(CheckoutActivities) private readonly activities: CheckoutActivities,
  ) {}

  onModuleInit(): void {
    this.activities.register(this);
    this.events.onInTransaction('order.completed', (tx, order) => this.growOnCompletion(tx, order));
    this.events.onInTransaction('order.refunded', (tx, refund) => this.shrinkOnRefund(tx, refund));
  }

  // ---- checkout ------------------------------------------------------------------------------

  /** Step 1: the member-level discount and, on member day for entitled levels, 会员日价. */
  async contribute({ userId, now, tx }: Parameters<PricingContributor['contribute']>[0]): Promise<PricingContribution> {
    const db = tx ?? this.prisma.client;
    const standing = await this.standing(userId, now, db);
    const contribution: PricingContribution = {};
    if (standing.level && standing.level.discountBp < 10_000) contribution.memberDiscountBp = standing.level.discountBp;
    if (standing.memberDay) {
      const prices = new Map((await db.memberDayPrice.findMany()).map((p) => [String(p.skuId), p.price]));
      contribution.activityPrices = {
        MEMBER_DAY: (line) => {
          const price = prices.get(line.skuId);
          if (!line.memberDayEligible || price === undefined || price >= line.skuPrice) return null;
          return { unitPrice: Math.max(price, 1), label: '会员日价', kind: 'MEMBER_DAY' };
        },
      };
    }
    return contribution;
  }

  /** The member's level and member-day entitlement at `at`. */
  async standing(userId: number, at: Date, db: Db = this.prisma.client): Promise<Standing> {
    const [profile, { levels, schedule }] = await Promise.all([
      db.memberProfile.findUnique({ where: { userId } }),
      this.shopRules(db),
    ]);
    const growthFen = profile?.growthFen ?? 0;
    const level = levelFor(levels, growthFen);
    const memberDay =
      memberDayOn(at, schedule, this.config.shopTimeZone) && memberDayEntitled(level, schedule.levelIds);
    return { growthFen, level, memberDay, memberDayMultiplierBp: schedule.pointsMultiplierBp };
  }

  /** Which of `userIds` hold a level entitled to member day (whatever the date). */
  async memberDayMembers(userIds: number[], db: Db = this.prisma.client): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    const [profiles, { levels, schedule }] = await Promise.all([
      db.memberProfile.findMany({ where: { userId: { in: userIds } }, select: { userId: true, growthFen: true } }),
      this.shopRules(db),
    ]);
    return new Set(
      profiles.filter((p) => memberDayEntitled(levelFor(levels, p.growthFen), schedule.levelIds)).map((p) => p.userId),
    );
  }

  // ---- growth --------------------------------------------------------------------------------

  /** 成长值: a completed order adds what is still paid on it (once). */
  private async growOnCompletion(tx: Tx, order: DomainEventMap['order.completed']): Promise<void> {
    await this.settleGrowth(tx, order.orderId, order.userId, 'COMPLETED', order.completedAt, true);
  }

  /** A refund of a completed order takes its share of growth back. */
  private async shrinkOnRefund(tx: Tx, refund: DomainEventMap['order.refunded']): Promise<void> {
    const refunded = refund.lines.reduce((s, l) => s + l.refundedAmount, 0);
    await this.settleGrowth(tx, refund.orderId, refund.userId, `REFUND-${refunded}`, this.clock.now(), false);
  }

  /** Brings the order's growth entries to what is paid and not refunded. */
  private async settleGrowth(tx: Tx, orderId: number, userId: number, reason: string, at: Date, first: boolean) {
    const entries = await tx.growthEntry.findMany({ where: { orderId } });
    if (first ? entries.length > 0 : entries.length === 0) return; // completed once; growth only after completion
    if (entries.some((e) => e.reason === reason)) return;
    const lines = await tx.orderLine.findMany({
      where: { orderId },
      select: { paidAmount: true, refundedAmount: true },
    });
    const target = Math.max(
      0,
      lines.reduce((s, l) => s + l.paidAmount - l.refundedAmount, 0),
    );
    const delta = target - entries.reduce((s, e) => s + e.deltaFen, 0);
    if (delta === 0 && !first) return;
    await tx.growthEntry.create({ data: { userId, orderId, deltaFen: delta, reason, createdAt: at } });
    const profile = await tx.memberProfile.upsert({
      where: { userId },
      create: { userId, growthFen: delta },
      update: { growthFen: { increment: delta } },
    });
    const level = levelFor(await this.levelRules(tx), profile.growthFen);
    await tx.memberProfile.update({ where: { userId }, data: { levelId: level?.id ?? null } });
  }

  // ---- the member's views --------------------------------------------------------------------

  async me(userId: number): Promise<MemberView> {
    const standing = await this.standing(userId, this.clock.now());
    const { levels } = await this.shopRules(this.prisma.client);
    const next = nextLevelOf(levels, standing.growthFen);
    return {
      level: standing.level ? levelView(standing.level) : null,
      growth: growthYuan(standing.growthFen),
      benefits: benefitsOf(standing.level, standing.memberDayMultiplierBp),
      nextLevel: next ? { level: levelView(next.level), growthNeeded: next.growthNeeded } : null,
    };
  }

  async memberDay(userId: number): Promise<MemberDayView> {
    const now = this.clock.now();
    const { schedule } = await this.shopRules(this.prisma.client);
    const standing = await this.standing(userId, now);
    const next = nextMemberDay(now, schedule, this.config.shopTimeZone);
    const prices = await this.prisma.client.memberDayPrice.findMany({ orderBy: { skuId: 'asc' } });
    return {
      today: memberDayOn(now, schedule, this.config.shopTimeZone),
      eligible: standing.memberDay,
      next: next ? { date: next.date, startsAt: next.startsAt.toISOString() } : null,
      benefits: {
        pointsMultiplierBp: schedule.pointsMultiplierBp,
        prices: prices.map((p) => ({ skuId: String(p.skuId), price: p.price })),
        levels: schedule.levelIds.map(String),
      },
    };
  }

  // ---- administration ------------------------------------------------------------------------

  async listLevels(): Promise<MemberLevelList> {
    return { items: (await this.levelRules()).map(levelView) };
  }

  async createLevel(input: MemberLevelInput): Promise<MemberLevelView> {
    return this.prisma.transaction(async (tx, afterCommit) => {
      afterCommit(async () => this.rules.clear());
      await this.assertGrowthFree(tx, input.minGrowth, null);
      const row = await tx.memberLevel.create({ data: input });
      await this.relevelEveryone(tx);
      return levelView(row);
    });
  }

  async updateLevel(id: number, input: MemberLevelInput): Promise<MemberLevelView> {
    return this.prisma.transaction(async (tx, afterCommit) => {
      afterCommit(async () => this.rules.clear());
      if (!(await tx.memberLevel.findUnique({ where: { id } }))) throw new MemberLevelNotFound(id);
      await this.assertGrowthFree(tx, input.minGrowth, id);
      const row = await tx.memberLevel.update({ where: { id }, data: input });
      await this.relevelEveryone(tx);
      return levelView(row);
    });
  }

  async deleteLevel(id: number): Promise<void> {
    await this.prisma.transaction(async (tx, afterCommit) => {
      afterCommit(async () => this.rules.clear());
      if (!(await tx.memberLevel.findUnique({ where: { id } }))) throw new MemberLevelNotFound(id);
      await tx.memberLevel.delete({ where: { id } });
      await this.relevelEveryone(tx);
    });
  }

  async memberDaySettings(): Promise<MemberDaySettings> {
    const schedule = await this.schedule();
    const prices = await this.prisma.client.memberDayPrice.findMany({ orderBy: { skuId: 'asc' } });
    return {
      enabled: schedule.enabled,
      kind: schedule.kind,
      days: schedule.days,
      levelIds: schedule.levelIds.map(String),
      pointsMultiplierBp: schedule.pointsMultiplierBp,
      prices: prices.map((p) => ({ skuId: String(p.skuId), price: p.price })),
    };
  }

  async saveMemberDaySettings(input: MemberDaySettings): Promise<MemberDaySettings> {
    await this.prisma.transaction(async (tx, afterCommit) => {
      afterCommit(async () => this.rules.clear());
      const levelIds = input.levelIds.map(Number);
      const known = new Set((await tx.memberLevel.findMany({ select: { id: true } })).map((l) => l.id));
      for (const id of levelIds) if (!known.has(id)) throw new MemberDaySkuInvalid(String(id), 'LEVEL_NOT_FOUND');
      const skuIds = input.prices.map((p) => Number(p.skuId));
      const skus = new Map(
        (await tx.sku.findMany({ where: { id: { in: skuIds } }, select: { id: true, price: true } })).map((s) => [
          s.id,
          s.price,
        ]),
      );
      for (const p of input.prices) {
        const price = skus.get(Number(p.skuId));
        if (price === undefined) throw new MemberDaySkuInvalid(p.skuId, 'NOT_FOUND');
        if (p.price >= price) throw new MemberDaySkuInvalid(p.skuId, 'ABOVE_PRICE');
      }
      const data: MemberDaySchedule = {
        enabled: input.enabled,
        kind: input.kind,
        days: [...input.days].sort((a, b) => a - b),
        levelIds,
        pointsMultiplierBp: input.pointsMultiplierBp,
      };
      await tx.marketingSetting.upsert({
        where: { key: MEMBER_DAY_KEY },
        create: { key: MEMBER_DAY_KEY, data: { ...data } },
        update: { data: { ...data } },
      });
      await tx.memberDayPrice.deleteMany({});
      if (input.prices.length)
        await tx.memberDayPrice.createMany({
          data: input.prices.map((p) => ({ skuId: Number(p.skuId), price: p.price })),
        });
    });
    return this.memberDaySettings();
  }

  // ---- reading the settings ------------------------------------------------------------------

  /** The levels and the schedule as checkout reads them: kept two seconds, see SettingsMemo. */
  private shopRules(db: Db): Promise<{ levels: LevelRule[]; schedule: MemberDaySchedule }> {
    return this.rules.get(async () => {
      const [levels, schedule] = await Promise.all([this.levelRules(db), this.schedule(db)]);
      return { levels, schedule };
    });
  }

  async levelRules(db: Db = this.prisma.client): Promise<LevelRule[]> {
    return db.memberLevel.findMany({ orderBy: { minGrowth: 'asc' } });
  }

  async schedule(db: Db = this.prisma.client): Promise<MemberDaySchedule> {
    const row = await db.marketingSetting.findUnique({ where: { key: MEMBER_DAY_KEY } });
    const data = (row?.data ?? null) as Partial<MemberDaySchedule> | null;
    if (!data) return { ...NO_MEMBER_DAY, days: [], levelIds: [] };
    return {
      enabled: data.enabled === true,
      kind: data.kind === 'MONTHLY' ? 'MONTHLY' : 'WEEKLY',
      days: Array.isArray(data.days) ? data.days.filter(Number.isInteger) : [],
      levelIds: Array.isArray(data.levelIds) ? data.levelIds.filter(Number.isInteger) : [],
      pointsMultiplierBp: Number.isInteger(data.pointsMultiplierBp) ? data.pointsMultiplierBp! : 10_000,
    };
  }

  private async assertGrowthFree(tx: Tx, minGrowth: number, except: number | null): Promise<void> {
    const taken = await tx.memberLevel.findFirst({ where: { minGrowth, ...(except ? { id: { not: except } } : {}) } });
    if (taken) throw new MemberLevelGrowthTaken(minGrowth);
  }

  /** Keeps the cached level of every profile in step with the levels (thresholds changed). */
  private async relevelEveryone(tx: Tx): Promise<void> {
    const levels = await this.levelRules(tx);
    const profiles = await tx.memberProfile.findMany({ select: { userId: true, growthFen: true, levelId: true } });
    for (const p of profiles) {
      const level = levelFor(levels, p.growthFen)?.id ?? null;
      if (level !== p.levelId) await tx.memberProfile.update({ where: { userId: p.userId }, data: { levelId: level } });
    }
  }
}

function levelView(level: LevelRule): MemberLevelView {
  return {
    id: String(level.id),
    name: level.name,
    minGrowth: level.minGrowth,
    discountBp: level.discountBp,
    pointsMultiplierBp: level.pointsMultiplierBp,
    memberDayAccess: level.memberDayAccess,
  };
}
