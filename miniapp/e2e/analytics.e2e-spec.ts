import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import {
  AnalyticsOverview,
  CommunityStatsWithAnalytics,
  DistributorsTable,
  formatFen,
  GroupBuysTable,
  ProductsTable,
  SourcesTable,
} from '@weshop/shared';
import { addDays, localDay } from '../../server/src/analytics/period.policy';
import { RollupService } from '../../server/src/analytics/rollup.service';
import { PrismaService } from '../../server/src/infra/prisma/prisma.service';
import { sandboxOpenid } from '../../server/src/sandbox/sandbox-identity';
import { DEMO_WECHAT_GROUPS, rollUpSeededDays, seedDemoAnalytics } from '../../server/src/seed/demo-analytics';
import { DEMO_NETWORK, seedDemoDistribution } from '../../server/src/seed/demo-distribution';
import { http, loginAs } from '../../server/test/support/http';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * 数据看板 through the h5 build in headless Chromium against the real server, on the demo history
 * (the `npm start` analytics seed, rolled up). The admin opens the dashboard: nine cards against
 * the previous period, the GMV/UV trend drawn with Views (a dot per day, a segment between days),
 * the sources' bars, the funnel and the product top list, each equal to the server's figures;
 * switches to 近30天 and to the 分销员 and 拼团 tabs; downloads a table's CSV. Carol, who runs
 * 咖啡同好会, opens its 数据 tab and sees that community's figures only; the shop's dashboard is
 * closed to her. Screenshots: artifacts/screenshots/analytics-*.png.
 */
jest.setTimeout(240_000);

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

let h5: H5Shop;
const shoot = (step: string) => h5.shoot(step);
const stationed = () => h5.stationed();
const inPage = (selector: string) => page.locator(`.taro_page_stationed ${selector}`);

let admin: string;
let carol: string;
let coffeeCommunityId: string;

async function get<T>(path: string, schema: { parse(x: unknown): T }, token = admin): Promise<T> {
  const res = await http(stack.baseUrl, 'GET', `/api/v1${path}`, { token });
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

const today = () => localDay(new Date(), stack.config.shopTimeZone);
const lastDays = (n: number) => ({ from: addDays(today(), -(n - 1)), to: today() });
const query = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`;

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_analytics', 'analytics', pageErrors);
  ({ stack, page } = h5);
  const prisma = stack.server.app.get(PrismaService).client;
  const options = { appid: stack.config.wechat.appid, timeZone: stack.config.shopTimeZone };
  await seedDemoDistribution(prisma, options);
  const seeded = await seedDemoAnalytics(prisma, options);
  await rollUpSeededDays(stack.server.app.get(RollupService), seeded.days);
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  carol = (await loginAs(stack.baseUrl, 'carol')).token;
  const carolId = (await prisma.user.findUniqueOrThrow({ where: { openid: sandboxOpenid(options.appid, 'carol') } }))
    .id;
  coffeeCommunityId = String(
    (await prisma.communityMember.findFirstOrThrow({ where: { userId: carolId, role: 'MANAGER' } })).communityId,
  );
}, 180_000);

afterAll(async () => h5?.close());

describe('数据看板 in the h5 mini-program', () => {
  it('the admin sees the cards, trend, sources, funnel and top products of the last 7 days', async () => {
    const period = lastDays(7);
    const [overview, sources, products] = await Promise.all([
      get(`/admin/analytics/overview?${query(period)}`, AnalyticsOverview),
      get(`/admin/analytics/sources?${query(period)}`, SourcesTable),
      get(`/admin/analytics/products?${query(period)}&limit=10`, ProductsTable),
    ]);
    expect(overview.current.gmv).toBeGreaterThan(0);

    await page.goto(`${stack.baseUrl}/#/pages/me/index?as=admin`);
    await page.reload();
    await inPage('.me-admin-analytics').click();
    const figures = inPage(`.analytics__figures[data-from="${period.from}"]`);
    await figures.waitFor({ timeout: 30_000 });
    await shoot('1-cards');

    // The cards: nine, each with its change against the previous period.
    await expect(stationed().locator('.kpi-card').count()).resolves.toBe(9);
    await expect(stationed().locator('.kpi-card--gmv .kpi-card__value').textContent()).resolves.toBe(
      formatFen(overview.current.gmv),
    );
    await expect(stationed().locator('.kpi-card--uv .kpi-card__value').textContent()).resolves.toBe(
      overview.current.uv.toLocaleString('en-US'),
    );
    await expect(stationed().locator('.kpi-card--orders .kpi-card__change').textContent()).resolves.toMatch(/^较上期 /);

    // The trend: a dot per day and series, a rotated segment between consecutive days.
    const trend = stationed().locator('.analytics-trend .trend-chart');
    await expect(trend.getAttribute('data-days')).resolves.toBe('7');
    await expect(trend.locator('.trend-chart__series--gmv .trend-chart__dot').count()).resolves.toBe(7);
    await expect(trend.locator('.trend-chart__series--gmv .trend-chart__segment').count()).resolves.toBe(6);
    await expect(trend.locator('.trend-chart__series--uv .trend-chart__segment').count()).resolves.toBe(6);
    const gmvByDay = await trend
      .locator('.trend-chart__series--gmv .trend-chart__dot')
      .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute('data-value'))));
    expect(gmvByDay).toEqual(overview.trend.map((p) => p.gmv));
    const transforms = await trend
      .locator('.trend-chart__series--gmv .trend-chart__segment')
      .evaluateAll((segments) => segments.map((s) => (s as HTMLElement).style.transform));
    expect(transforms.every((t) => /^rotate\(-?[\d.]+deg\)$/.test(t))).toBe(true);
    await trend.scrollIntoViewIfNeeded();
    await shoot('2-trend');

    // Sources: one bar per source, the widest the one with the most visitors.
    const sourceBars = stationed().locator('.analytics-sources .bar-row');
    await expect(sourceBars.count()).resolves.toBe(sources.rows.length);
    const top = [...sources.rows].sort((a, b) => b.visitors - a.visitors)[0];
    await expect(sourceBars.first().getAttribute('data-key')).resolves.toBe(top.source);
    await expect(sourceBars.first().locator('.bar-row__fill').getAttribute('style')).resolves.toContain('width: 100%');
    await stationed().locator('.analytics-sources').scrollIntoViewIfNeeded();
    await shoot('3-sources');

    // The funnel: the server's five steps.
    const steps = await stationed()
      .locator('.funnel__step')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-step'), Number(r.getAttribute('data-value'))]));
    expect(steps).toEqual([
      ['visitors', overview.funnel.visitors],
      ['productViewers', overview.funnel.productViewers],
      ['cartAdders', overview.funnel.cartAdders],
      ['orderers', overview.funnel.orderers],
      ['payers', overview.funnel.payers],
    ]);
    await stationed().locator('.analytics-funnel').scrollIntoViewIfNeeded();
    await shoot('4-funnel');

    // 排行 · 商品: by conversion, as the server ranks them.
    const productRows = stationed().locator('.top-list__body--products .bar-row');
    await productRows.first().waitFor({ timeout: 15_000 });
    await expect(productRows.count()).resolves.toBe(products.rows.length);
    await expect(productRows.first().locator('.bar-row__label').textContent()).resolves.toBe(products.rows[0].title);
    await expect(stationed().locator('.analytics__basis').textContent()).resolves.toContain('已支付订单，扣除退款');
    await stationed().locator('.top-list').scrollIntoViewIfNeeded();
    await shoot('5-top-products');
  });

  it('近30天 redraws every figure for the 30 days; the 分销员 and 拼团 tabs list their rows', async () => {
    const period = lastDays(30);
    const [overview, distributors, groupbuys] = await Promise.all([
      get(`/admin/analytics/overview?${query(period)}`, AnalyticsOverview),
      get(`/admin/analytics/distributors?${query(period)}&limit=10`, DistributorsTable),
      get(`/admin/analytics/groupbuys?${query(period)}&limit=10`, GroupBuysTable),
    ]);
    await stationed().locator('.period-picker__preset[data-preset="30d"]').scrollIntoViewIfNeeded();
    await stationed().locator('.period-picker__preset[data-preset="30d"]').click();
    await inPage(`.analytics__figures[data-from="${period.from}"]`).waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.kpi-card--gmv .kpi-card__value').textContent()).resolves.toBe(
      formatFen(overview.current.gmv),
    );
    await expect(stationed().locator('.analytics-trend .trend-chart').getAttribute('data-days')).resolves.toBe('30');
    await expect(
      stationed().locator('.analytics-trend .trend-chart__series--gmv .trend-chart__segment').count(),
    ).resolves.toBe(29);
    await shoot('6-30-days');

    await stationed().locator('.top-list .admin-tab[data-tab="distributors"]').scrollIntoViewIfNeeded();
    await stationed().locator('.top-list .admin-tab[data-tab="distributors"]').click();
    const distributorRows = inPage('.top-list__body--distributors .bar-row');
    await distributorRows.first().waitFor({ timeout: 15_000 });
    await expect(distributorRows.count()).resolves.toBe(distributors.rows.length);
    const labels = await distributorRows.locator('.bar-row__label').allTextContents();
    expect(labels.some((l) => l.includes(DEMO_NETWORK.alice.code))).toBe(true);
    expect(labels.some((l) => l.includes(DEMO_NETWORK.carol.code))).toBe(true);
    await expect(distributorRows.first().locator('.bar-row__value').textContent()).resolves.toBe(
      formatFen(distributors.rows[0].gmv),
    );
    await shoot('7-distributors');

    await stationed().locator('.top-list .admin-tab[data-tab="groupbuys"]').click();
    const summary = inPage('.top-list__body--groupbuys .top-list__summary');
    await summary.waitFor({ timeout: 15_000 });
    await expect(summary.textContent()).resolves.toContain(
      `成团 ${groupbuys.totals.succeeded} · 未成团 ${groupbuys.totals.failed}`,
    );
    await shoot('8-groupbuys');
  });

  it('导出 CSV downloads the table the server wrote', async () => {
    await stationed().locator('.analytics-sources').scrollIntoViewIfNeeded();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      stationed().locator('.analytics-sources .csv-button').click(),
    ]);
    const period = lastDays(30);
    expect(download.suggestedFilename()).toBe(`analytics-sources-${period.from}_${period.to}.csv`);
    const file = await download.path();
    const text = readFileSync(file!, 'utf8');
    const server = await http(
      stack.baseUrl,
      'GET',
      `/api/v1/admin/analytics/sources?${query(period)}&limit=200&format=csv`,
      {
        token: admin,
      },
    );
    // The server's bytes, BOM included (fetch's text() drops the BOM of the comparison copy).
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1)).toBe(server.body);
    expect(text.split('\n').length).toBeGreaterThan(7);
  });

  it('Carol opens 咖啡同好会’s 数据 tab and sees her community’s figures only', async () => {
    const period = lastDays(7);
    const [mine, shop] = await Promise.all([
      get(`/manage/communities/${coffeeCommunityId}/stats?${query(period)}`, CommunityStatsWithAnalytics, carol),
      get(`/admin/analytics/overview?${query(period)}`, AnalyticsOverview),
    ]);
    expect(mine.analytics.current.gmv).toBeGreaterThan(0);
    expect(mine.analytics.current.gmv).toBeLessThan(shop.current.gmv);

    await page.goto(`${stack.baseUrl}/#/subpackages/admin/community/index?id=${coffeeCommunityId}&as=carol`);
    await page.reload();
    await inPage('.admin-tab[data-tab="stats"]').click();
    await inPage(`.community-stats__figures[data-from="${period.from}"]`).waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.community-stats .kpi-card').count()).resolves.toBe(5);
    await expect(stationed().locator('.community-stats .kpi-card--gmv .kpi-card__value').textContent()).resolves.toBe(
      formatFen(mine.analytics.current.gmv),
    );
    await expect(
      stationed().locator('.community-stats .kpi-card--visitors .kpi-card__value').textContent(),
    ).resolves.toBe(String(mine.analytics.current.visitors));
    await expect(
      stationed().locator('.community-stats__trend .trend-chart__series--gmv .trend-chart__dot').count(),
    ).resolves.toBe(7);
    const groups = await stationed()
      .locator('.community-stats__groups .bar-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(groups).toEqual(mine.analytics.groups.map((g) => g.opengid));
    expect(groups).toContain(DEMO_WECHAT_GROUPS.coffee);
    expect(groups).not.toContain(DEMO_WECHAT_GROUPS.home);
    await expect(stationed().locator('.community-stats__posts .bar-row').count()).resolves.toBe(
      mine.analytics.posts.length,
    );
    await shoot('9-community-cards');
    await stationed().locator('.community-stats__groups').scrollIntoViewIfNeeded();
    await shoot('10-community-groups');

    // The shop's dashboard is not hers (the server answers 403 as well).
    await page.goto(`${stack.baseUrl}/#/subpackages/admin/analytics/index?as=carol`);
    await page.reload();
    await inPage('.empty__text').waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.empty__text').textContent()).resolves.toBe('仅店铺管理员可以访问');
    const refused = await http(stack.baseUrl, 'GET', `/api/v1/admin/analytics/overview?${query(period)}`, {
      token: carol,
    });
    expect(refused.status).toBe(403);
    expect(pageErrors).toEqual([]);
  });
});
