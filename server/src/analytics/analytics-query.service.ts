import { Inject, Injectable } from '@nestjs/common';
import {
  ANALYTICS_BASIS,
  TRAFFIC_SOURCES,
  type AnalyticsOverview,
  type AnalyticsPeriod,
  type AnalyticsQuery,
  type CommunitiesTable,
  type CommunityAnalytics,
  type DistributorsTable,
  type DsrView,
  type GroupBuysTable,
  type OverviewFigures,
  type PostsTable,
  type ProductsTable,
  type SourcesTable,
  type TrendPoint,
  type WechatGroupsTable,
} from '@weshop/shared';
import { AnalyticsPeriodInvalid } from './analytics.errors';
import type { AnalyticsDayShop, DayFacts } from './day-facts';
import { averageOrderValue, averageScore, ratio } from './figures.policy';
import { IdBitmap, RepeatPayers } from './id-set';
import { NamesRepository } from './names.repository';
import { daysBetween, resolvePeriod } from './period.policy';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';

type PeriodQuery = Pick<AnalyticsQuery, 'from' | 'to'> & { limit?: number };

/** Figures of one slice summed over days; visitor and payer sets united (exact distinct counts). */
class SliceSum {
  readonly visitors = new IdBitmap();
  readonly payers = new IdBitmap();
  orders = 0;
  gmv = 0;
  add(row: { orders: number; gmv: number; visitorSet?: Uint8Array; payerSet: Uint8Array }): void {
    this.orders += row.orders;
    this.gmv += row.gmv;
    if (row.visitorSet) this.visitors.addPacked(row.visitorSet);
    this.payers.addPacked(row.payerSet);
  }
  figures() {
    const [visitors, payers] = [this.visitors.size, this.payers.size];
    return { visitors, orders: this.orders, payers, gmv: this.gmv, conversion: ratio(payers, visitors) };
  }
}

/**
 * The shop's days of a period summed, their sets united (exact distinct counts), and each day's
 * own figures for the trend.
 */
class ShopSum {
  private visitors = new IdBitmap();
  private payers = new IdBitmap();
  private orderers = new IdBitmap();
  private productViewers = new IdBitmap();
  private cartAdders = new IdBitmap();
  private repeat = new RepeatPayers();
  private totals = { pv: 0, ordersCreated: 0, orders: 0, gmvGross: 0, refunds: 0, gmv: 0 };
  private days = new Map<string, TrendPoint>();

  add(row: AnalyticsDayShop): this {
    this.visitors.addPacked(row.visitorSet);
    this.payers.addPacked(row.payerSet);
    this.orderers.addPacked(row.ordererSet);
    this.productViewers.addPacked(row.productViewerSet);
    this.cartAdders.addPacked(row.cartAdderSet);
    this.repeat.add({ payers: row.payerSet, repeatPayers: row.repeatPayerSet });
    for (const key of Object.keys(this.totals) as Array<keyof ShopSum['totals']>) this.totals[key] += row[key];
    const { uv, pv, orders, payers, gmv } = row;
    this.days.set(row.day, { date: row.day, uv, pv, orders, payers, gmv });
    return this;
  }

  /** A copy, to add today (or any day computed on the fly) to a cached sum of rolled-up days. */
  clone(): ShopSum {
    const copy = new ShopSum();
    copy.visitors = this.visitors.clone();
    copy.payers = this.payers.clone();
    copy.orderers = this.orderers.clone();
    copy.productViewers = this.productViewers.clone();
    copy.cartAdders = this.cartAdders.clone();
    copy.repeat = this.repeat.clone();
    copy.totals = { ...this.totals };
    copy.days = new Map(this.days);
    return copy;
  }

  figures(): OverviewFigures {
    const [uv, payers] = [this.visitors.size, this.payers.size];
    const { gmv, orders } = this.totals;
    return {
      uv,
      ...this.totals,
      payers,
      aov: averageOrderValue(gmv, orders),
      orderConversion: ratio(this.orderers.size, uv),
      payConversion: ratio(payers, uv),
      repurchaseRate: ratio(this.repeat.size, payers),
    };
  }

  funnel() {
    return {
      visitors: this.visitors.size,
      productViewers: this.productViewers.size,
      cartAdders: this.cartAdders.size,
      orderers: this.orderers.size,
      payers: this.payers.size,
    };
  }

  trend(days: readonly string[]): TrendPoint[] {
    return days.map((date) => this.days.get(date) ?? { date, uv: 0, pv: 0, orders: 0, payers: 0, gmv: 0 });
  }
}

/** Sums of rolled-up days kept: a period's, with the version (rollup times) they were made of. */
const ROLLED_SUMS_KEPT = 16;

const groupBy = <K, R>(rows: readonly R[], key: (row: R) => K): Map<K, R[]> => {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
};
const gmvBy = <K, R extends { gmv: number }>(rows: readonly R[], key: (row: R) => K): Map<K, number> => {
  const map = new Map<K, number>();
  for (const row of rows) map.set(key(row), (map.get(key(row)) ?? 0) + row.gmv);
  return map;
};

/**
 * 数据看板 queries. A period's days before today come from the rollups (analytics_day_*); today,
 * and any past day not rolled up yet or marked dirty, is computed from the raw rows of that day
 * only (kept for `liveCacheMs`, so a busy dashboard reads today's raw rows at most that often).
 * Distinct counts unite the days' packed visitor sets (see id-set.ts), so they are exact over any
 * range; everything else is a sum.
 */
@Injectable()
export class AnalyticsQueryService {
  /** How long a day computed on the fly is reused. */
  liveCacheMs = 5_000;
  private readonly live = new Map<string, { until: number; facts: Promise<DayFacts> }>();
  /**
   * United sets of the rolled-up days of a period, by period: reused while those days' rollups
   * stay as they are (a day rolled again, or marked dirty, changes the version).
   */
  private readonly rolledSums = new Map<string, { version: string; sum: Promise<ShopSum> }>();

  constructor(
    @Inject(RollupService) private readonly rollups: RollupService,
    @Inject(RollupRepository) private readonly stored: RollupRepository,
    @Inject(NamesRepository) private readonly names: NamesRepository,
  ) {}

  /** The period of a query, or 400 ANALYTICS_PERIOD_INVALID. */
  period(query: PeriodQuery): AnalyticsPeriod {
    const result = resolvePeriod(query, this.rollups.today(), this.rollups.timeZone, ANALYTICS_BASIS);
    if (!result.ok) throw new AnalyticsPeriodInvalid(result.problems);
    return result.period;
  }

  async overview(query: PeriodQuery): Promise<AnalyticsOverview> {
    const period = this.period(query);
    const [current, previous] = await Promise.all([
      this.shopSum(period.from, period.to),
      this.shopSum(period.previousFrom, period.previousTo),
    ]);
    return {
      period,
      current: current.figures(),
      previous: previous.figures(),
      funnel: current.funnel(),
      trend: current.trend(daysBetween(period.from, period.to)),
    };
  }

  async sources(query: PeriodQuery): Promise<SourcesTable> {
    const period = this.period(query);
    const [current, previous] = await Promise.all([
      this.gather(
        period.from,
        period.to,
        (d) => this.stored.sourceDays(d),
        (f) => f.sources,
      ),
      this.gather(
        period.previousFrom,
        period.previousTo,
        (d) => this.stored.sourceDays(d),
        (f) => f.sources,
      ),
    ]);
    const sums = groupBy(current, (r) => r.source);
    const before = gmvBy(previous, (r) => r.source);
    return {
      period,
      rows: TRAFFIC_SOURCES.map((source) => {
        const sum = new SliceSum();
        for (const row of sums.get(source) ?? []) sum.add(row);
        return { source, ...sum.figures(), previousGmv: before.get(source) ?? 0 };
      }),
    };
  }

  async products(query: PeriodQuery): Promise<ProductsTable> {
    const period = this.period(query);
    const [current, previous] = await Promise.all([
      this.gather(
        period.from,
        period.to,
        (d) => this.stored.productDays(d),
        (f) => f.products,
      ),
      this.gather(
        period.previousFrom,
        period.previousTo,
        (d) => this.stored.productDays(d),
        (f) => f.products,
      ),
    ]);
    const before = gmvBy(previous, (r) => r.productId);
    const rows = [...groupBy(current, (r) => r.productId)].map(([productId, days]) => {
      const [viewers, cartAdders, payers] = [new IdBitmap(), new IdBitmap(), new IdBitmap()];
      let [units, gmv] = [0, 0];
      for (const day of days) {
        viewers.addPacked(day.viewerSet);
        cartAdders.addPacked(day.cartAdderSet);
        payers.addPacked(day.payerSet);
        units += day.units;
        gmv += day.gmv;
      }
      return {
        productId,
        viewers: viewers.size,
        cartAdders: cartAdders.size,
        payers: payers.size,
        units,
        gmv,
        conversion: ratio(payers.size, viewers.size),
        previousGmv: before.get(productId) ?? 0,
      };
    });
    rows.sort((a, b) => b.conversion - a.conversion || b.gmv - a.gmv || a.productId - b.productId);
    const top = rows.slice(0, query.limit ?? 20);
    const titles = await this.names.productTitles(top.map((r) => r.productId));
    return {
      period,
      rows: top.map((r) => ({ ...r, productId: String(r.productId), title: titles.get(r.productId) ?? '' })),
    };
  }

  async distributors(query: PeriodQuery): Promise<DistributorsTable> {
    const period = this.period(query);
    const [current, previous] = await Promise.all([
      this.gather(
        period.from,
        period.to,
        (d) => this.stored.distributorDays(d),
        (f) => f.distributors,
      ),
      this.gather(
        period.previousFrom,
        period.previousTo,
        (d) => this.stored.distributorDays(d),
        (f) => f.distributors,
      ),
    ]);
    const before = gmvBy(previous, (r) => r.distributorId);
    const rows = [...groupBy(current, (r) => r.distributorId)].map(([distributorId, days]) => {
      const [payers, customers] = [new IdBitmap(), new IdBitmap()];
      let [orders, gmv, commission] = [0, 0, 0];
      for (const day of days) {
        payers.addPacked(day.payerSet);
        customers.addPacked(day.newCustomerSet);
        orders += day.orders;
        gmv += day.gmv;
        commission += day.commission;
      }
      const previousGmv = before.get(distributorId) ?? 0;
      return { distributorId, orders, payers: payers.size, gmv, commission, newCustomers: customers.size, previousGmv };
    });
    rows.sort(
      (a, b) =>
        b.gmv - a.gmv || b.orders - a.orders || b.newCustomers - a.newCustomers || a.distributorId - b.distributorId,
    );
    const top = rows.slice(0, query.limit ?? 20);
    const names = await this.names.distributors(top.map((r) => r.distributorId));
    return {
      period,
      rows: top.map((r) => ({
        ...r,
        distributorId: String(r.distributorId),
        code: names.get(r.distributorId)?.code ?? '',
        name: names.get(r.distributorId)?.name ?? '',
      })),
    };
  }

  async communities(query: PeriodQuery): Promise<CommunitiesTable> {
    const period = this.period(query);
    const [current, previous, all] = await Promise.all([
      this.gather(
        period.from,
        period.to,
        (d) => this.stored.communityDays(d),
        (f) => f.communities,
      ),
      this.gather(
        period.previousFrom,
        period.previousTo,
        (d) => this.stored.communityDays(d),
        (f) => f.communities,
      ),
      this.names.communities(),
    ]);
    const byCommunity = groupBy(current, (r) => r.communityId);
    const before = gmvBy(previous, (r) => r.communityId);
    const rows = all.map(({ id, name }) => {
      const sum = new SliceSum();
      let [newMembers, postsPublished] = [0, 0];
      for (const day of byCommunity.get(id) ?? []) {
        sum.add(day);
        newMembers += day.newMembers;
        postsPublished += day.postsPublished;
      }
      return { id, name, ...sum.figures(), previousGmv: before.get(id) ?? 0, newMembers, postsPublished };
    });
    rows.sort((a, b) => b.gmv - a.gmv || b.visitors - a.visitors || a.id - b.id);
    return {
      period,
      rows: rows.slice(0, query.limit ?? 20).map(({ id, ...r }) => ({ communityId: String(id), ...r })),
    };
  }

  async groups(query: PeriodQuery, only?: readonly string[]): Promise<WechatGroupsTable> {
    const period = this.period(query);
    const pick = (f: DayFacts) => (only ? f.groups.filter((g) => only.includes(g.opengid)) : f.groups);
    const [current, previous] = await Promise.all([
      this.gather(period.from, period.to, (d) => this.stored.groupDays(d, only), pick),
      this.gather(period.previousFrom, period.previousTo, (d) => this.stored.groupDays(d, only), pick),
    ]);
    const before = gmvBy(previous, (r) => r.opengid);
    const rows = [...groupBy(current, (r) => r.opengid)].map(([opengid, days]) => {
      const sum = new SliceSum();
      for (const day of days) sum.add(day);
      return { opengid, ...sum.figures(), previousGmv: before.get(opengid) ?? 0 };
    });
    rows.sort((a, b) => b.gmv - a.gmv || b.visitors - a.visitors || (a.opengid < b.opengid ? -1 : 1));
    const top = rows.slice(0, query.limit ?? 20);
    const communities = await this.names.communityOfGroups(top.map((r) => r.opengid));
    return {
      period,
      rows: top.map((r) => {
        const communityId = communities.get(r.opengid);
        return { ...r, communityId: communityId === undefined ? null : String(communityId) };
      }),
    };
  }

  async posts(query: PeriodQuery, communityId?: number): Promise<PostsTable> {
    const period = this.period(query);
    const pick = (f: DayFacts) =>
      communityId === undefined ? f.posts : f.posts.filter((p) => p.communityId === communityId);
    const [current, previous] = await Promise.all([
      this.gather(period.from, period.to, (d) => this.stored.postDays(d, communityId), pick),
      this.gather(period.previousFrom, period.previousTo, (d) => this.stored.postDays(d, communityId), pick),
    ]);
    const before = gmvBy(previous, (r) => r.postId);
    const rows = [...groupBy(current, (r) => r.postId)].map(([postId, days]) => {
      const sum = new SliceSum();
      let views = 0;
      for (const day of days) {
        sum.add(day);
        views += day.views;
      }
      return {
        postId,
        communityId: days[0].communityId,
        views,
        ...sum.figures(),
        previousGmv: before.get(postId) ?? 0,
      };
    });
    rows.sort((a, b) => b.gmv - a.gmv || b.views - a.views || a.postId - b.postId);
    const top = rows.slice(0, query.limit ?? 20);
    const posts = await this.names.posts(top.map((r) => r.postId));
    return {
      period,
      rows: top.map((r) => ({
        ...r,
        postId: String(r.postId),
        communityId: String(r.communityId),
        title: posts.get(r.postId)?.title ?? '',
      })),
    };
  }

  async groupbuys(query: PeriodQuery): Promise<GroupBuysTable> {
    const period = this.period(query);
    const current = await this.gather(
      period.from,
      period.to,
      (d) => this.stored.groupbuyDays(d),
      (f) => f.groupbuys,
    );
    const totals = { opened: 0, succeeded: 0, failed: 0, orders: 0, gmv: 0 };
    const rows = [...groupBy(current, (r) => r.campaignId)].map(([campaignId, days]) => {
      const sum = { opened: 0, succeeded: 0, failed: 0, orders: 0, gmv: 0 };
      for (const day of days) for (const key of Object.keys(sum) as Array<keyof typeof sum>) sum[key] += day[key];
      for (const key of Object.keys(sum) as Array<keyof typeof sum>) totals[key] += sum[key];
      return { campaignId, ...sum, successRate: ratio(sum.succeeded, sum.succeeded + sum.failed) };
    });
    rows.sort((a, b) => b.gmv - a.gmv || b.opened - a.opened || a.campaignId - b.campaignId);
    const top = rows.slice(0, query.limit ?? 20);
    const titles = await this.names.campaignTitles(top.map((r) => r.campaignId));
    return {
      period,
      totals: { ...totals, successRate: ratio(totals.succeeded, totals.succeeded + totals.failed) },
      rows: top.map((r) => ({ ...r, campaignId: String(r.campaignId), title: titles.get(r.campaignId) ?? '' })),
    };
  }

  async dsr(query: PeriodQuery): Promise<DsrView> {
    const period = this.period(query);
    const [current, previous] = await Promise.all([
      this.shopDays(period.from, period.to),
      this.shopDays(period.previousFrom, period.previousTo),
    ]);
    return { period, current: dsrOf(current), previous: dsrOf(previous) };
  }

  /** A community manager's figures: that community's slice, trend, WeChat groups and posts. */
  async community(communityId: number, query: PeriodQuery, opengids: readonly string[]): Promise<CommunityAnalytics> {
    const period = this.period(query);
    const pick = (f: DayFacts) => f.communities.filter((c) => c.communityId === communityId);
    const [current, previous, groups, posts] = await Promise.all([
      this.gather(period.from, period.to, (d) => this.stored.communityDays(d, communityId), pick),
      this.gather(period.previousFrom, period.previousTo, (d) => this.stored.communityDays(d, communityId), pick),
      opengids.length ? this.groups({ ...query, limit: 50 }, opengids) : null,
      this.posts({ ...query, limit: 50 }, communityId),
    ]);
    const sumOf = (rows: typeof current) => {
      const sum = new SliceSum();
      for (const row of rows) sum.add(row);
      return sum.figures();
    };
    const byDay = new Map(current.map((row) => [row.day, row]));
    const trend: TrendPoint[] = daysBetween(period.from, period.to).map((day) => {
      const row = byDay.get(day);
      return {
        date: day,
        uv: row?.visitors ?? 0,
        pv: row?.postViews ?? 0,
        orders: row?.orders ?? 0,
        payers: row?.payers ?? 0,
        gmv: row?.gmv ?? 0,
      };
    });
    return {
      period,
      current: sumOf(current),
      previous: sumOf(previous),
      trend,
      groups: groups?.rows ?? [],
      posts: posts.rows,
    };
  }

  // ——— days: rolled up or computed on the fly ———

  /**
   * The shop's days of [from, to] up to today, summed: the rolled-up clean past days' sum kept
   * (see rolledSums), plus the days computed from the raw rows (today, days not rolled up or dirty).
   */
  private async shopSum(from: string, to: string): Promise<ShopSum> {
    const today = this.rollups.today();
    const last = to < today ? to : today;
    if (from > last) return new ShopSum();
    const clean = await this.stored.cleanRollups(from, last);
    const days = daysBetween(from, last);
    const rolled = days.filter((day) => day < today && clean.has(day));
    const live = days.filter((day) => !(day < today && clean.has(day)));
    const [base, computed] = await Promise.all([
      this.rolledSum(`${from}|${to}`, rolled, clean),
      Promise.all(live.map((day) => this.liveDay(day))),
    ]);
    if (computed.length === 0) return base;
    const sum = base.clone();
    for (const facts of computed) sum.add(facts.shop);
    return sum;
  }

  private rolledSum(period: string, days: string[], rolledAt: Map<string, number>): Promise<ShopSum> {
    const version = days.map((day) => `${day}@${rolledAt.get(day)}`).join(',');
    const kept = this.rolledSums.get(period);
    if (kept && kept.version === version) return kept.sum;
    const sum = (days.length ? this.stored.shopDays(days) : Promise.resolve([])).then((rows) => {
      const total = new ShopSum();
      for (const row of rows) total.add(row);
      return total;
    });
    this.rolledSums.delete(period);
    this.rolledSums.set(period, { version, sum });
    sum.catch(() => this.rolledSums.delete(period));
    while (this.rolledSums.size > ROLLED_SUMS_KEPT) this.rolledSums.delete(this.rolledSums.keys().next().value!);
    return sum;
  }

  private shopDays(from: string, to: string): Promise<AnalyticsDayShop[]> {
    return this.gather(
      from,
      to,
      (days) => this.stored.shopDays(days),
      (f) => [f.shop],
    );
  }

  /**
   * The rows of a section for the days of [from, to] up to today: from the rollups for clean
   * past days, computed from the raw rows for the others.
   */
  private async gather<R>(
    from: string,
    to: string,
    loadRolled: (days: string[]) => Promise<R[]>,
    pick: (facts: DayFacts) => R[],
  ): Promise<R[]> {
    const today = this.rollups.today();
    const last = to < today ? to : today;
    if (from > last) return [];
    const clean = await this.stored.cleanDays(from, last);
    const days = daysBetween(from, last);
    const rolled = days.filter((day) => day < today && clean.has(day));
    const live = days.filter((day) => !(day < today && clean.has(day)));
    const [stored, computed] = await Promise.all([
      rolled.length ? loadRolled(rolled) : Promise.resolve([]),
      Promise.all(live.map((day) => this.liveDay(day))),
    ]);
    return [...stored, ...computed.flatMap(pick)];
  }

  private liveDay(day: string): Promise<DayFacts> {
    const now = Date.now();
    const cached = this.live.get(day);
    if (cached && cached.until > now) return cached.facts;
    const facts = this.rollups.computeDay(day);
    this.live.set(day, { until: now + this.liveCacheMs, facts });
    facts.catch(() => this.live.delete(day));
    if (this.live.size > 400) for (const [key, value] of this.live) if (value.until <= now) this.live.delete(key);
    return facts;
  }
}

function dsrOf(rows: readonly AnalyticsDayShop[]) {
  let [reviews, product, logistics, service] = [0, 0, 0, 0];
  for (const row of rows) {
    reviews += row.reviews;
    product += row.productScoreSum;
    logistics += row.logisticsScoreSum;
    service += row.serviceScoreSum;
  }
  return {
    reviews,
    product: averageScore(product, reviews),
    logistics: averageScore(logistics, reviews),
    service: averageScore(service, reviews),
  };
}
