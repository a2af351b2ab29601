import {
  AnalyticsOverview,
  CommunitiesTable,
  CommunityStatsWithAnalytics,
  DistributorsTable,
  DsrView,
  GroupBuysTable,
  PostsTable,
  ProductsTable,
  SourcesTable,
  WechatGroupsTable,
} from '@weshop/shared';
import { localDay, addDays, dayWindow } from '../../src/analytics/period.policy';
import { RollupService } from '../../src/analytics/rollup.service';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { sandboxOpenid } from '../../src/sandbox/sandbox-identity';
import {
  DEMO_WECHAT_GROUPS,
  rollUpSeededDays,
  seedDemoAnalytics,
  type DemoAnalyticsResult,
} from '../../src/seed/demo-analytics';
import { DEMO_NETWORK, seedDemoDistribution } from '../../src/seed/demo-distribution';
import { http, loginAs } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/**
 * The demo history (`npm start`'s analytics seed): after the demo shop and the distribution demo,
 * five weeks of visits, events and orders, rolled up. Every dashboard then shows non-empty figures
 * (the shop's and a community manager's), the orders are consistent rows, and seeding again adds
 * nothing.
 */
jest.setTimeout(120_000);

let stack: Stack;
let admin: string;
let seeded: DemoAnalyticsResult;
const db = () => stack.server.app.get(PrismaService).client;

async function get<T>(path: string, schema: { parse(x: unknown): T }, token = admin): Promise<T> {
  const res = await http(stack.baseUrl, 'GET', `/api/v1${path}`, { token });
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

const seedOptions = () => ({ appid: stack.config.wechat.appid, timeZone: stack.config.shopTimeZone });

beforeAll(async () => {
  stack = await startStack({ label: 'demo_analytics', seed: true });
  await seedDemoDistribution(db(), seedOptions());
  seeded = await seedDemoAnalytics(db(), seedOptions());
  await rollUpSeededDays(stack.server.app.get(RollupService), seeded.days);
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
}, 120_000);
afterAll(async () => stack?.close());

const today = () => localDay(new Date(), stack.config.shopTimeZone);
const last30 = () => `from=${addDays(today(), -29)}&to=${today()}`;

describe('the demo analytics history', () => {
  it('seeds five weeks of past days (rolled up) with visits, events, orders, refunds, group buys and reviews', () => {
    expect(seeded.skipped).toBe(false);
    expect(seeded.days).toHaveLength(35);
    expect(seeded.days[34]).toBe(addDays(today(), -1));
    expect(seeded.visits).toBeGreaterThan(500);
    expect(seeded.events).toBeGreaterThan(seeded.visits);
    expect(seeded.orders).toBeGreaterThan(50);
    expect(seeded.refunded).toBeGreaterThanOrEqual(2);
    expect(seeded.groupBuys).toEqual({ succeeded: 3, failed: 2 });
    expect(seeded.reviews).toBeGreaterThan(5);
  });

  it('its orders are consistent rows: payment, attribution and timeline each; refunds add up', async () => {
    const orders = await db().order.findMany({ include: { payments: true, refunds: true, lines: true, events: true } });
    const attributed = await db().orderAttribution.count();
    expect(attributed).toBe(seeded.orders);
    const demo = orders.filter((o) => o.payments.some((p) => p.payerOpenid !== ''));
    expect(demo.length).toBeGreaterThanOrEqual(seeded.orders);
    for (const o of demo) {
      expect(o.payable).toBe(o.goodsAmount + o.shippingFee - o.discountAmount - o.couponDiscount - o.pointsDeduction);
      expect(o.lines.reduce((sum, l) => sum + l.goodsAmount, 0)).toBe(o.goodsAmount);
      expect(o.events.length).toBeGreaterThanOrEqual(2);
      const payment = o.payments[0];
      expect(payment.amount).toBe(o.payable);
      if (o.paidAt) expect(payment.status).toBe('SUCCESS');
      else expect(o.status).toBe('CANCELLED');
      const refunded = o.refunds.filter((r) => r.status === 'SUCCESS').reduce((sum, r) => sum + r.amount, 0);
      expect(refunded).toBe(o.refundedAmount);
      if (o.status === 'CLOSED') expect(o.refundedAmount).toBe(o.payable);
    }
    expect(demo.filter((o) => o.status === 'CLOSED').length).toBeGreaterThanOrEqual(3);
    expect(demo.some((o) => o.status === 'COMPLETED' && o.refundedAmount > 0)).toBe(true);
  });

  it('数据看板: the cards, trend, funnel and every source have figures; GMV is the orders’ net amount', async () => {
    const overview = await get(`/admin/analytics/overview?${last30()}`, AnalyticsOverview);
    const c = overview.current;
    for (const figure of [c.uv, c.pv, c.ordersCreated, c.orders, c.payers, c.gmv, c.aov, c.refunds])
      expect(figure).toBeGreaterThan(0);
    expect(c.payConversion).toBeGreaterThan(0);
    expect(c.orderConversion).toBeGreaterThanOrEqual(c.payConversion);
    expect(c.repurchaseRate).toBeGreaterThan(0);
    expect(overview.previous.gmv).toBeGreaterThan(0);
    expect(overview.trend).toHaveLength(30);
    expect(overview.trend.filter((p) => p.gmv > 0).length).toBeGreaterThan(20);
    expect(Object.values(overview.funnel).every((n) => n > 0)).toBe(true);

    const start = dayWindow(addDays(today(), -29), stack.config.shopTimeZone).start;
    const paid = await db().order.findMany({ where: { paidAt: { gte: start } } });
    expect(c.gmv).toBe(paid.reduce((sum, o) => sum + o.payable - o.refundedAmount, 0));

    const sources = await get(`/admin/analytics/sources?${last30()}`, SourcesTable);
    for (const source of ['SINGLE_CHAT', 'GROUP_CHAT', 'MOMENTS', 'CODE', 'SEARCH', 'DIRECT'])
      expect(sources.rows.find((r) => r.source === source)?.visitors).toBeGreaterThan(0);
    expect(sources.rows.filter((r) => r.gmv > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('every top list has rows: products, distributors, communities, WeChat groups, posts, group buys, DSR', async () => {
    const products = await get(`/admin/analytics/products?${last30()}`, ProductsTable);
    expect(products.rows.length).toBeGreaterThan(3);
    expect(products.rows[0].conversion).toBeGreaterThan(0);

    const distributors = await get(`/admin/analytics/distributors?${last30()}`, DistributorsTable);
    for (const code of [DEMO_NETWORK.alice.code, DEMO_NETWORK.carol.code])
      expect(distributors.rows.find((r) => r.code === code)?.gmv).toBeGreaterThan(0);

    const communities = await get(`/admin/analytics/communities?${last30()}`, CommunitiesTable);
    expect(communities.rows).toHaveLength(2);
    for (const row of communities.rows) expect(row.visitors).toBeGreaterThan(0);

    const groups = await get(`/admin/analytics/groups?${last30()}`, WechatGroupsTable);
    for (const opengid of Object.values(DEMO_WECHAT_GROUPS))
      expect(groups.rows.find((r) => r.opengid === opengid)?.visitors).toBeGreaterThan(0);

    const posts = await get(`/admin/analytics/posts?${last30()}`, PostsTable);
    expect(posts.rows.some((r) => r.views > 0 && r.gmv > 0)).toBe(true);

    const groupbuys = await get(`/admin/analytics/groupbuys?${last30()}`, GroupBuysTable);
    expect(groupbuys.totals).toMatchObject({ succeeded: 3, failed: 2, successRate: 0.6 });

    const dsr = await get(`/admin/analytics/dsr?${last30()}`, DsrView);
    expect(dsr.current.reviews).toBeGreaterThan(0);
    expect(dsr.current.product).toBeGreaterThanOrEqual(3);

    const csv = await http(stack.baseUrl, 'GET', `/api/v1/admin/analytics/sources?${last30()}&format=csv`, {
      token: admin,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
  });

  it('社群 数据: Carol sees her community’s own figures, groups and posts', async () => {
    const carol = (await loginAs(stack.baseUrl, 'carol')).token;
    const community = await db().communityMember.findFirstOrThrow({
      where: {
        role: 'MANAGER',
        userId: (
          await db().user.findUniqueOrThrow({ where: { openid: sandboxOpenid(stack.config.wechat.appid, 'carol') } })
        ).id,
      },
    });
    const stats = await get(
      `/manage/communities/${community.communityId}/stats?${last30()}`,
      CommunityStatsWithAnalytics,
      carol,
    );
    expect(stats.members).toBeGreaterThan(1);
    expect(stats.analytics.current.visitors).toBeGreaterThan(0);
    expect(stats.analytics.current.gmv).toBeGreaterThan(0);
    expect(stats.analytics.groups.map((g) => g.opengid)).toContain(DEMO_WECHAT_GROUPS.coffee);
    expect(stats.analytics.posts.length).toBeGreaterThan(0);
    expect(stats.analytics.posts.every((p) => p.communityId === String(community.communityId))).toBe(true);
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await Promise.all([
      db().visit.count(),
      db().order.count(),
      db().analyticsEvent.count(),
      db().user.count(),
    ]);
    await expect(seedDemoDistribution(db(), seedOptions())).resolves.toMatchObject({ skipped: true });
    await expect(seedDemoAnalytics(db(), seedOptions())).resolves.toMatchObject({ skipped: true, orders: 0 });
    const after = await Promise.all([
      db().visit.count(),
      db().order.count(),
      db().analyticsEvent.count(),
      db().user.count(),
    ]);
    expect(after).toEqual(before);
  });
});
