import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import type { DayFacts } from './day-facts';
import { sqlTime } from './raw-day.repository';

/** The analytics_day_* rows, the days rolled up (and dirty ones) and the late-event cursor. */
@Injectable()
export class RollupRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * Replaces a day's rows in one transaction (delete + insert: re-running gives the same rows) and
   * records the rollup. The day stays dirty when it was marked after this rollup started reading.
   */
  async store(facts: DayFacts, rolledFrom: Date, rolledAt: Date): Promise<void> {
    const day = facts.day;
    await this.prisma.transaction(async (tx) => {
      // One store at a time: a row of its own is locked first, so a second rollup (the sweeper's jobs
      // for neighbouring days, a seed, two workers) waits here instead of deadlocking with this one
      // on the deletes' gap locks. Stores are short (the day's facts were read before).
      await tx.$executeRaw`
        INSERT INTO analytics_cursor (name, last_id) VALUES ('rollup-store', 0)
        ON DUPLICATE KEY UPDATE last_id = last_id`;
      const where = { where: { day } };
      await Promise.all([
        tx.analyticsDayShop.deleteMany(where),
        tx.analyticsDaySource.deleteMany(where),
        tx.analyticsDayProduct.deleteMany(where),
        tx.analyticsDayCommunity.deleteMany(where),
        tx.analyticsDayGroup.deleteMany(where),
        tx.analyticsDayDistributor.deleteMany(where),
        tx.analyticsDayPost.deleteMany(where),
        tx.analyticsDayGroupBuy.deleteMany(where),
      ]);
      await tx.analyticsDayShop.create({ data: facts.shop });
      if (facts.sources.length) await tx.analyticsDaySource.createMany({ data: facts.sources });
      if (facts.products.length) await tx.analyticsDayProduct.createMany({ data: facts.products });
      if (facts.communities.length) await tx.analyticsDayCommunity.createMany({ data: facts.communities });
      if (facts.groups.length) await tx.analyticsDayGroup.createMany({ data: facts.groups });
      if (facts.distributors.length) await tx.analyticsDayDistributor.createMany({ data: facts.distributors });
      if (facts.posts.length) await tx.analyticsDayPost.createMany({ data: facts.posts });
      if (facts.groupbuys.length) await tx.analyticsDayGroupBuy.createMany({ data: facts.groupbuys });
      await tx.$executeRaw`
        INSERT INTO analytics_rollup_day (day, rolled_from, rolled_at, dirty, marked_at)
        VALUES (${day}, ${sqlTime(rolledFrom)}, ${sqlTime(rolledAt)}, false, NULL)
        ON DUPLICATE KEY UPDATE
          dirty = (marked_at IS NOT NULL AND marked_at >= VALUES(rolled_from)),
          rolled_from = VALUES(rolled_from),
          rolled_at = VALUES(rolled_at)`;
    });
  }

  /** Late data for a day: the next rollup recomputes it (and until then it is computed on the fly). */
  async markDirty(db: Tx | undefined, day: string, at: Date): Promise<void> {
    await (db ?? this.prisma.client).$executeRaw`
      INSERT INTO analytics_rollup_day (day, rolled_from, rolled_at, dirty, marked_at)
      VALUES (${day}, ${sqlTime(at)}, ${sqlTime(at)}, true, ${sqlTime(at)})
      ON DUPLICATE KEY UPDATE dirty = true, marked_at = VALUES(marked_at)`;
  }

  /** Rollups of these days: when each started reading, and whether it is dirty. */
  async rollups(days: readonly string[]): Promise<Map<string, { rolledFrom: Date; dirty: boolean }>> {
    if (days.length === 0) return new Map();
    const rows = await this.prisma.client.analyticsRollupDay.findMany({
      where: { day: { in: [...days] } },
      select: { day: true, rolledFrom: true, dirty: true },
    });
    return new Map(rows.map((r) => [r.day, { rolledFrom: r.rolledFrom, dirty: r.dirty }]));
  }

  /** Days in [from, to] that are rolled up and clean. */
  async cleanDays(from: string, to: string): Promise<Set<string>> {
    const rows = await this.prisma.client.analyticsRollupDay.findMany({
      where: { day: { gte: from, lte: to }, dirty: false },
      select: { day: true },
    });
    return new Set(rows.map((r) => r.day));
  }

  /** Days in [from, to] that are rolled up and clean, with when each was rolled (its version). */
  async cleanRollups(from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.prisma.client.analyticsRollupDay.findMany({
      where: { day: { gte: from, lte: to }, dirty: false },
      select: { day: true, rolledAt: true },
    });
    return new Map(rows.map((r) => [r.day, r.rolledAt.getTime()]));
  }

  async dirtyDays(before: string): Promise<string[]> {
    const rows = await this.prisma.client.analyticsRollupDay.findMany({
      where: { dirty: true, day: { lt: before } },
      select: { day: true },
      orderBy: { day: 'asc' },
    });
    return rows.map((r) => r.day);
  }

  // ——— the late-event cursor ———

  async maxEventId(): Promise<number> {
    const row = await this.prisma.client.analyticsEvent.aggregate({ _max: { id: true } });
    return row._max.id ?? 0;
  }

  async eventCursor(): Promise<number | null> {
    const row = await this.prisma.client.analyticsCursor.findUnique({ where: { name: 'events' } });
    return row?.lastId ?? null;
  }

  /** Starts the cursor at `lastId` unless it has started already. */
  async startEventCursor(lastId: number): Promise<void> {
    await this.prisma.client
      .$executeRaw`INSERT IGNORE INTO analytics_cursor (name, last_id) VALUES ('events', ${lastId})`;
  }

  async moveEventCursor(lastId: number): Promise<void> {
    await this.prisma.client.analyticsCursor.upsert({
      where: { name: 'events' },
      create: { name: 'events', lastId },
      update: { lastId },
    });
  }

  /**
   * Events stored since the cursor whose `at` is before `before`, in 15-minute buckets of `at`
   * (any time zone's day boundary falls on one) with the latest time one was received.
   */
  async lateEventBuckets(
    afterId: number,
    upToId: number,
    before: Date,
  ): Promise<Array<{ at: Date; receivedAt: Date }>> {
    const rows = await this.prisma.client.$queryRaw<Array<{ bucket: unknown; receivedAt: Date }>>`
      SELECT FLOOR(TIMESTAMPDIFF(MINUTE, '2000-01-01 00:00:00', at) / 15) AS bucket, MAX(received_at) AS receivedAt
      FROM analytics_event
      WHERE id > ${afterId} AND id <= ${upToId} AND at < ${sqlTime(before)}
      GROUP BY bucket`;
    return rows.map((r) => ({
      at: new Date(Date.UTC(2000, 0, 1) + Number(r.bucket) * 15 * 60_000),
      receivedAt: new Date(r.receivedAt),
    }));
  }

  // ——— reading rolled-up days ———

  shopDays(days: readonly string[]) {
    return this.prisma.client.analyticsDayShop.findMany({ where: { day: { in: [...days] } } });
  }
  sourceDays(days: readonly string[]) {
    return this.prisma.client.analyticsDaySource.findMany({ where: { day: { in: [...days] } } });
  }
  productDays(days: readonly string[]) {
    return this.prisma.client.analyticsDayProduct.findMany({ where: { day: { in: [...days] } } });
  }
  communityDays(days: readonly string[], communityId?: number) {
    return this.prisma.client.analyticsDayCommunity.findMany({
      where: { day: { in: [...days] }, ...(communityId !== undefined ? { communityId } : {}) },
    });
  }
  groupDays(days: readonly string[], opengids?: readonly string[]) {
    return this.prisma.client.analyticsDayGroup.findMany({
      where: { day: { in: [...days] }, ...(opengids ? { opengid: { in: [...opengids] } } : {}) },
    });
  }
  distributorDays(days: readonly string[]) {
    return this.prisma.client.analyticsDayDistributor.findMany({ where: { day: { in: [...days] } } });
  }
  postDays(days: readonly string[], communityId?: number) {
    return this.prisma.client.analyticsDayPost.findMany({
      where: { day: { in: [...days] }, ...(communityId !== undefined ? { communityId } : {}) },
    });
  }
  groupbuyDays(days: readonly string[]) {
    return this.prisma.client.analyticsDayGroupBuy.findMany({ where: { day: { in: [...days] } } });
  }

  /** Every stored row of a day (to compare two rollups). */
  async dayRows(day: string) {
    const where = { where: { day } };
    const db = this.prisma.client;
    const [shop, sources, products, communities, groups, distributors, posts, groupbuys] = await Promise.all([
      db.analyticsDayShop.findMany(where),
      db.analyticsDaySource.findMany({ ...where, orderBy: { source: 'asc' } }),
      db.analyticsDayProduct.findMany({ ...where, orderBy: { productId: 'asc' } }),
      db.analyticsDayCommunity.findMany({ ...where, orderBy: { communityId: 'asc' } }),
      db.analyticsDayGroup.findMany({ ...where, orderBy: { opengid: 'asc' } }),
      db.analyticsDayDistributor.findMany({ ...where, orderBy: { distributorId: 'asc' } }),
      db.analyticsDayPost.findMany({ ...where, orderBy: { postId: 'asc' } }),
      db.analyticsDayGroupBuy.findMany({ ...where, orderBy: { campaignId: 'asc' } }),
    ]);
    return { shop, sources, products, communities, groups, distributors, posts, groupbuys };
  }
}
