import { z } from 'zod';
import { TrafficSource } from './attribution';
import { CommunityStatsView } from './community';

/**
 * 数据看板 (analytics dashboards): what a shop operator opens every morning. Every figure is over a
 * period of whole days in the shop's time zone (`SHOP_TIMEZONE`, Asia/Shanghai) and comes with the
 * same figure for the previous period of the same length, for comparison.
 *
 * Definitions (one place, so the server, the console and the tests agree):
 * - A visitor is a logged-in user, or an anonymous device (`X-Device-Id`) before login. UV counts
 *   distinct visitors over the whole period (not a sum of daily UVs); PV counts PAGE_VIEW and
 *   PRODUCT_VIEW and POST_VIEW events.
 * - Orders are counted on the day they were paid (not created), and only paid orders count: an order
 *   refunded in full drops out, a partial refund lowers its amount. GMV is what buyers paid net of
 *   refunds (fen), refunds included whenever they happen, on the order's paid day. `ordersCreated`
 *   counts orders created in the period whether paid or not.
 * - AOV (客单价) = floor(GMV / orders). Order conversion (下单转化率) = distinct users who created an
 *   order / UV; pay conversion (支付转化率) = payers / UV. Repurchase rate (复购率) = payers with two
 *   or more counted orders in the period / payers. Ratios are fractions 0…1 rounded to 4 places
 *   (half up); 0 when the denominator is 0.
 * - Attribution (source, WeChat group, post, community) is the order's, copied from the buyer's visit
 *   when the order was created (`order_attribution`); an order or visit with a post but no community
 *   belongs to the post's community. A distributor's orders are those whose referral chain, copied at
 *   creation (`order_referral`), names them as L1 — the orders their commission is paid on.
 */

/** A calendar day in the shop's time zone. */
export const AnalyticsDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
/** The longest period one request may ask for. */
export const ANALYTICS_MAX_DAYS = 366;

/**
 * The period query of every analytics route: `from` and `to` inclusive; both default to the last 7
 * days ending today. `to` before `from`, a future `from`, or more than ANALYTICS_MAX_DAYS days → 400.
 * `format=csv` on a table route answers `text/csv` (UTF-8 with BOM, a header row) instead of JSON.
 */
export const AnalyticsQuery = z
  .object({
    from: AnalyticsDate.optional(),
    to: AnalyticsDate.optional(),
    format: z.enum(['json', 'csv']).default('json'),
    /** Table routes only: rows to return (top N), default 20. */
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/** Says what the money figures mean, shown under every dashboard. */
export const ANALYTICS_BASIS = 'paid orders net of refunds, by the day paid (Asia/Shanghai)';

export const AnalyticsPeriod = z.object({
  from: AnalyticsDate,
  to: AnalyticsDate,
  days: z.number().int(),
  /** The period of the same length just before. */
  previousFrom: AnalyticsDate,
  previousTo: AnalyticsDate,
  timezone: z.string(),
  basis: z.string(),
});
export type AnalyticsPeriod = z.infer<typeof AnalyticsPeriod>;

export const OverviewFigures = z.object({
  uv: z.number().int(),
  pv: z.number().int(),
  ordersCreated: z.number().int(),
  /** Paid orders not refunded in full. */
  orders: z.number().int(),
  payers: z.number().int(),
  /** fen, before refunds. */
  gmvGross: z.number().int(),
  /** fen, refunds of the counted orders. */
  refunds: z.number().int(),
  /** fen, net of refunds. */
  gmv: z.number().int(),
  aov: z.number().int(),
  orderConversion: z.number(),
  payConversion: z.number(),
  repurchaseRate: z.number(),
});
export type OverviewFigures = z.infer<typeof OverviewFigures>;

/** One day of the trend lines. */
export const TrendPoint = z.object({
  date: AnalyticsDate,
  uv: z.number().int(),
  pv: z.number().int(),
  orders: z.number().int(),
  payers: z.number().int(),
  gmv: z.number().int(),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/** The shopping funnel over the period, distinct visitors at each step. */
export const Funnel = z.object({
  visitors: z.number().int(),
  productViewers: z.number().int(),
  cartAdders: z.number().int(),
  orderers: z.number().int(),
  payers: z.number().int(),
});
export type Funnel = z.infer<typeof Funnel>;

/** GET /admin/analytics/overview */
export const AnalyticsOverview = z.object({
  period: AnalyticsPeriod,
  current: OverviewFigures,
  previous: OverviewFigures,
  funnel: Funnel,
  trend: z.array(TrendPoint),
});
export type AnalyticsOverview = z.infer<typeof AnalyticsOverview>;

/** Figures every table row carries (for its own slice of visitors and orders). */
const SliceFigures = {
  visitors: z.number().int(),
  orders: z.number().int(),
  payers: z.number().int(),
  /** fen, net of refunds. */
  gmv: z.number().int(),
  /** payers / visitors. */
  conversion: z.number(),
  /** Net GMV of the same slice in the previous period. */
  previousGmv: z.number().int(),
};

const table = <Row extends z.ZodTypeAny>(row: Row) => z.object({ period: AnalyticsPeriod, rows: z.array(row) });

/** GET /admin/analytics/sources: every traffic source, also those with nothing. */
export const SourceRow = z.object({ source: TrafficSource, ...SliceFigures });
export const SourcesTable = table(SourceRow);
export type SourcesTable = z.infer<typeof SourcesTable>;

/** GET /admin/analytics/products: top products by conversion (viewers → payers), then GMV. */
export const ProductRow = z.object({
  productId: z.string(),
  title: z.string(),
  /** Distinct visitors who viewed the product. */
  viewers: z.number().int(),
  cartAdders: z.number().int(),
  payers: z.number().int(),
  units: z.number().int(),
  gmv: z.number().int(),
  /** payers / viewers. */
  conversion: z.number(),
  previousGmv: z.number().int(),
});
export const ProductsTable = table(ProductRow);
export type ProductsTable = z.infer<typeof ProductsTable>;

/** GET /admin/analytics/distributors: the leaderboard by GMV of the orders they referred. */
export const DistributorRow = z.object({
  distributorId: z.string(),
  code: z.string(),
  name: z.string(),
  orders: z.number().int(),
  payers: z.number().int(),
  gmv: z.number().int(),
  /** fen: their L1 commissions on those orders, net of reversals (estimated, pending or settled). */
  commission: z.number().int(),
  /** Customers newly bound to them in the period. */
  newCustomers: z.number().int(),
  previousGmv: z.number().int(),
});
export const DistributorsTable = table(DistributorRow);
export type DistributorsTable = z.infer<typeof DistributorsTable>;

/** GET /admin/analytics/communities */
export const CommunityRow = z.object({
  communityId: z.string(),
  name: z.string(),
  ...SliceFigures,
  newMembers: z.number().int(),
  postsPublished: z.number().int(),
});
export const CommunitiesTable = table(CommunityRow);
export type CommunitiesTable = z.infer<typeof CommunitiesTable>;

/** GET /admin/analytics/groups: WeChat groups (opengid), with the community they belong to if known. */
export const WechatGroupRow = z.object({
  opengid: z.string(),
  communityId: z.string().nullable(),
  ...SliceFigures,
});
export const WechatGroupsTable = table(WechatGroupRow);
export type WechatGroupsTable = z.infer<typeof WechatGroupsTable>;

/** GET /admin/analytics/posts: content-to-order attribution. */
export const PostRow = z.object({
  postId: z.string(),
  title: z.string(),
  communityId: z.string(),
  views: z.number().int(),
  ...SliceFigures,
});
export const PostsTable = table(PostRow);
export type PostsTable = z.infer<typeof PostsTable>;

/**
 * GET /admin/analytics/groupbuys, by campaign: groups opened, succeeded and failed in the period;
 * `orders`/`gmv` are the campaign's counted orders by paid day (a failed group's refunded orders drop out).
 */
export const GroupBuyRow = z.object({
  campaignId: z.string(),
  title: z.string(),
  opened: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** succeeded / (succeeded + failed). */
  successRate: z.number(),
  orders: z.number().int(),
  gmv: z.number().int(),
});
export const GroupBuysTable = z.object({
  period: AnalyticsPeriod,
  totals: GroupBuyRow.omit({ campaignId: true, title: true }),
  rows: z.array(GroupBuyRow),
});
export type GroupBuysTable = z.infer<typeof GroupBuysTable>;

/** GET /admin/analytics/dsr: 店铺评分 from the reviews written in the period (1–5, 2 places half up; 0 without reviews). */
export const DsrScores = z.object({
  reviews: z.number().int(),
  product: z.number(),
  logistics: z.number(),
  service: z.number(),
});
export const DsrView = z.object({ period: AnalyticsPeriod, current: DsrScores, previous: DsrScores });
export type DsrView = z.infer<typeof DsrView>;

/**
 * GET /manage/communities/:id/stats?from&to: a community manager's figures of their own community
 * only (the counts of the community page plus the period's figures, trend, groups and posts).
 */
export const CommunityAnalytics = z.object({
  period: AnalyticsPeriod,
  current: z.object(SliceFigures).omit({ previousGmv: true }),
  previous: z.object(SliceFigures).omit({ previousGmv: true }),
  trend: z.array(TrendPoint),
  groups: z.array(WechatGroupRow),
  posts: z.array(PostRow),
});
export type CommunityAnalytics = z.infer<typeof CommunityAnalytics>;

/** The query of GET /manage/communities/:id/stats: the period only (defaults as AnalyticsQuery). */
export const CommunityStatsQuery = AnalyticsQuery.pick({ from: true, to: true });
export type CommunityStatsQuery = z.infer<typeof CommunityStatsQuery>;

/** What GET /manage/communities/:id/stats answers: the community's counts and its period figures. */
export const CommunityStatsWithAnalytics = CommunityStatsView.extend({ analytics: CommunityAnalytics });
export type CommunityStatsWithAnalytics = z.infer<typeof CommunityStatsWithAnalytics>;

/** The table routes, for the console's tabs and CSV export. */
export const ANALYTICS_TABLES = [
  'sources',
  'products',
  'distributors',
  'communities',
  'groups',
  'posts',
  'groupbuys',
  'dsr',
] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

/** Rounds a ratio to 4 places, half up; 0 for a zero denominator. Pure. */
export function ratio(numerator: number, denominator: number): number {
  if (denominator <= 0) return 0;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}
