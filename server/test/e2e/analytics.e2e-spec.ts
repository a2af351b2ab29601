import { DistributionSettings } from '@weshop/shared';
import { RollupService } from '../../src/analytics';
import { AnalyticsQueryService } from '../../src/analytics/analytics-query.service';
import { addDays, localDay } from '../../src/analytics/period.policy';
import { RollupRepository } from '../../src/analytics/rollup.repository';
import { Clock } from '../../src/infra/clock';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 数据看板 over HTTP. A scenario over three Shanghai days A, B, C (C = yesterday), driven with the
 * shop clock and the real APIs (launches, events, orders paid through the sandbox, group buys,
 * after-sales refunds, reviews), then every dashboard figure compared with the value worked out by
 * hand below. The same figures come back once the days are rolled up; rolling a day again changes
 * nothing; an event arriving a day late lands in its own day after the next rollup.
 *
 * Day A  u1 opens D1's share of post P1 (community K1) from WeChat group G1 → bound to D1; views
 *        product X, adds it to the cart, reads P1, views a page; buys O1 = 1 × X (10 000).
 *        u2 opens D2's single-chat share → bound to D2; views Y; buys O2 = 1 × Y (20 000).
 *        An anonymous device views a page and X. u3 launches directly at 23:57 and creates
 *        O3 = 1 × X (10 000) at 23:58. Setup: K1, K2, P1 (K1), P2 (K2), managers, u1 joins K1.
 * Day B  00:03 u3 pays O3 (counted on B). u4 opens K2's card from group G2, joins K2, views Y,
 *        reads P2, buys O4 = 1 × X + 1 × Y (30 000). u1 comes back from G1 and buys O5 = 1 × Y
 *        (20 000). Group buy (group price 10 000, size 2): u5 leads and u6 joins → succeeds;
 *        u2 leads a second group that expires → fails, refunded in full (CLOSED).
 * Day C  O2 refunded in full (CLOSED: drops out of A); 3 000 refunded on O4's line X; O1 and O5
 *        shipped, received and reviewed (5/4/3 and 4/4/5); u1 launches directly and views a page.
 * Today  u6 launches directly and views a page.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
const db = () => stack.server.app.get(PrismaService).client;
const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(stack.baseUrl, method, path, { token, body, headers });
const TZ = 'Asia/Shanghai';

interface Person {
  token: string;
  id: number;
  openid: string;
}
const people: Record<string, Person> = {};
async function person(name: string): Promise<Person> {
  if (!people[name]) {
    const login = await loginAs(stack.baseUrl, name);
    const id = Number(login.user.id);
    const { openid } = await db().user.findUniqueOrThrow({ where: { id } });
    people[name] = { token: login.token, id, openid };
  }
  return people[name];
}

/** Moves the shop clock to a Shanghai wall time of a day (null: real time) and re-reads it. */
async function setClock(day: string | null, time = '12:00') {
  const now = day === null ? null : `${day}T${time}:00+08:00`;
  const moved = await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now } });
  expect(moved.status).toBeLessThan(300);
  await stack.server.app.get(Clock).refresh();
}
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();

async function launch(who: Person, body: { scene: number | null; query?: Record<string, string>; opengid?: string }) {
  const shareTicket = body.opengid
    ? await http(stack.sandboxUrl, 'POST', '/sandbox/group-enter-info', {
        body: { openid: who.openid, opengid: body.opengid },
      }).then((r) => ({ encryptedData: r.body.encryptedData, iv: r.body.iv }))
    : undefined;
  const res = await call('POST', '/api/v1/launch', who.token, {
    scene: body.scene,
    path: 'pages/home/index',
    query: body.query ?? {},
    ...(shareTicket ? { shareTicket } : {}),
  });
  expect(res.status).toBe(200);
  return res.body;
}

async function events(who: Person | { device: string }, list: Array<Record<string, string>>) {
  const res =
    'device' in who
      ? await call('POST', '/api/v1/events', undefined, { events: list }, { 'x-device-id': who.device })
      : await call('POST', '/api/v1/events', who.token, { events: list });
  expect(res.status).toBe(202);
  expect(res.body.rejected).toEqual([]);
}

async function buy(
  who: Person,
  items: Array<{ skuId: string; quantity: number }>,
  extra: Record<string, unknown> = {},
) {
  const addressId = await given.addressFor(who.token);
  const created = await given.order(who.token, { items, addressId, ...extra });
  expect(created.status).toBe(201);
  return created.body as { id: string; lines: Array<{ id: string; productId: string }> };
}
async function pay(who: Person, orderId: string, statuses = ['TO_SHIP']) {
  await given.pay(who.token, orderId);
  return given.waitForStatus(who.token, orderId, statuses);
}

async function refund(who: Person, orderId: string, lineId: string, amount: number) {
  const admin = await person('admin');
  const asked = await call('POST', `/api/v1/orders/${orderId}/aftersales`, who.token, {
    lineId,
    type: 'REFUND',
    amount,
    reason: '不想要了',
  });
  expect(asked.status).toBe(201);
  expect((await call('POST', `/api/v1/admin/aftersales/${asked.body.id}/approve`, admin.token)).status).toBe(200);
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if ((await call('GET', `/api/v1/aftersales/${asked.body.id}`, who.token)).body.status === 'REFUNDED') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`after-sale ${asked.body.id} not refunded`);
}

async function completeAndReview(who: Person, orderId: string, lineId: string, scores: [number, number, number]) {
  const admin = await person('admin');
  const shipped = await call('POST', `/api/v1/admin/orders/${orderId}/ship`, admin.token, {
    carrier: 'SF',
    trackingNo: `SF${orderId}${Date.now()}`,
  });
  expect(shipped.body.status).toBe('SHIPPED');
  expect((await call('POST', `/api/v1/orders/${orderId}/confirm-receipt`, who.token)).body.status).toBe('COMPLETED');
  const reviewed = await call('POST', `/api/v1/orders/${orderId}/reviews`, who.token, {
    lineId,
    productScore: scores[0],
    logisticsScore: scores[1],
    serviceScore: scores[2],
    text: '质量很好，物流也快',
    images: [],
  });
  expect(reviewed.status).toBe(201);
}

/** A SKU of a product no other SKU of this file is from, with 50 units at `price`. */
const usedProducts = new Set<number>();
async function skuOfAnotherProduct(price: number) {
  const sku = await db().sku.findFirstOrThrow({
    where: {
      stock: { gt: 0 },
      productId: { notIn: [...usedProducts] },
      product: { purchaseLimit: null, onShelf: true },
    },
    orderBy: { id: 'asc' },
  });
  usedProducts.add(sku.productId);
  await db().sku.update({ where: { id: sku.id }, data: { stock: 50, price } });
  await db().product.update({ where: { id: sku.productId }, data: { minPrice: price } });
  return { skuId: String(sku.id), productId: String(sku.productId) };
}

const TODAY = localDay(new Date(), TZ);
const [A, B, C] = [addDays(TODAY, -3), addDays(TODAY, -2), addDays(TODAY, -1)];
const ids: Record<string, string> = {};
const G1 = 'tGanalyticsGroup_1';
const G2 = 'tGanalyticsGroup_2';

const admin = () => person('admin');
const get = async (path: string, token?: string) => call('GET', path, token ?? (await admin()).token);

beforeAll(async () => {
  // Sweeps only when the test says so (the rollup days below are asserted exactly).
  stack = await startStack({ label: 'analytics', seed: true, env: { SWEEP_INTERVAL_SECONDS: '86400' } });
  given = shop(stack);
  stack.server.app.get(AnalyticsQueryService).liveCacheMs = 0;

  // ——— day A, morning: the shop's setup ———
  await setClock(A, '09:00');
  const adminToken = (await admin()).token;
  const settings = DistributionSettings.parse(
    (await call('GET', '/api/v1/admin/settings/distribution', adminToken)).body,
  );
  await call('PUT', '/api/v1/admin/settings/distribution', adminToken, {
    ...settings,
    enabled: true,
    l1RateBp: 1_000,
    application: { autoApprove: true, minSpend: 0 },
    binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
  });
  for (const name of ['d1', 'd2']) {
    const applied = await call('POST', '/api/v1/distribution/apply', (await person(name)).token, {});
    expect(applied.body.status).toBe('APPROVED');
    ids[`${name}Code`] = applied.body.code;
  }
  const x = await skuOfAnotherProduct(10_000);
  const y = await skuOfAnotherProduct(20_000);
  const g = await skuOfAnotherProduct(12_000);
  Object.assign(ids, { x: x.skuId, px: x.productId, y: y.skuId, py: y.productId, g: g.skuId, pg: g.productId });
  for (const [key, name, distributor, manager] of [
    ['k1', '好物一群', 'd1', 'm1'],
    ['k2', '好物二群', 'd2', 'm2'],
  ] as const) {
    ids[key] = (await call('POST', '/api/v1/admin/communities', adminToken, { name })).body.id;
    const assigned = await call('POST', `/api/v1/admin/communities/${ids[key]}/managers`, adminToken, {
      userId: String((await person(manager)).id),
    });
    expect(assigned.status).toBe(200);
    expect(
      (await call('POST', `/api/v1/communities/${ids[key]}/join`, (await person(distributor)).token, {})).status,
    ).toBe(200);
    const post = await call('POST', '/api/v1/posts', (await person(distributor)).token, {
      communityId: ids[key],
      type: 'NOTE',
      title: `${name}推荐`,
      text: '这款保温杯我用了一个月，推荐给大家',
      productIds: [key === 'k1' ? x.productId : y.productId],
    });
    expect(post.body.status).toBe('PUBLISHED');
    ids[key === 'k1' ? 'p1' : 'p2'] = post.body.id;
  }
  const campaign = await call('POST', '/api/v1/admin/groupbuys/campaigns', adminToken, {
    title: '两人团',
    productId: g.productId,
    skus: [{ skuId: g.skuId, groupPrice: 10_000, leaderPrice: 10_000 }],
    groupSize: 2,
    durationMinutes: 60,
    startsAt: at(A, '08:00'),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    quota: 100,
    perOrderLimit: 2,
    perUserLimit: 2,
  });
  expect(campaign.status).toBe(201);
  ids.campaign = campaign.body.id;

  // ——— day A ———
  await setClock(A, '10:00');
  const [u1, u2, u3, u4, u5, u6] = await Promise.all(['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].map(person));
  const bound = await launch(u1, {
    scene: 1044,
    opengid: G1,
    query: { ref: ids.d1Code, postId: ids.p1, communityId: ids.k1 },
  });
  expect(bound).toMatchObject({ source: 'GROUP_CHAT', bound: { distributorCode: ids.d1Code } });
  expect((await call('POST', `/api/v1/communities/${ids.k1}/join`, u1.token, {})).status).toBe(200);
  await events(u1, [
    { type: 'PRODUCT_VIEW', at: at(A, '10:01'), productId: ids.px },
    { type: 'ADD_TO_CART', at: at(A, '10:02'), productId: ids.px },
    { type: 'POST_VIEW', at: at(A, '10:00'), postId: ids.p1 },
    { type: 'PAGE_VIEW', at: at(A, '10:00'), page: 'pages/home/index' },
  ]);
  ids.o1 = (await buy(u1, [{ skuId: ids.x, quantity: 1 }])).id;
  await pay(u1, ids.o1);

  await setClock(A, '11:00');
  expect(await launch(u2, { scene: 1007, query: { ref: ids.d2Code } })).toMatchObject({ source: 'SINGLE_CHAT' });
  await events(u2, [{ type: 'PRODUCT_VIEW', at: at(A, '11:00'), productId: ids.py }]);
  const o2 = await buy(u2, [{ skuId: ids.y, quantity: 1 }]);
  Object.assign(ids, { o2: o2.id, o2line: o2.lines[0].id });
  await pay(u2, ids.o2);
  await events({ device: 'anon-device-0001' }, [
    { type: 'PAGE_VIEW', at: at(A, '11:30'), page: 'pages/home/index' },
    { type: 'PRODUCT_VIEW', at: at(A, '11:31'), productId: ids.px },
  ]);

  // Created at 23:58, paid at 00:03: counted on B.
  await setClock(A, '23:57');
  expect(await launch(u3, { scene: 1001 })).toMatchObject({ source: 'DIRECT' });
  await setClock(A, '23:58');
  ids.o3 = (await buy(u3, [{ skuId: ids.x, quantity: 1 }])).id;

  // ——— day B ———
  await setClock(B, '00:03');
  await pay(u3, ids.o3);

  await setClock(B, '10:00');
  await launch(u4, { scene: 1044, opengid: G2, query: { communityId: ids.k2 } });
  expect((await call('POST', `/api/v1/communities/${ids.k2}/join`, u4.token, {})).status).toBe(200);
  await events(u4, [
    { type: 'PRODUCT_VIEW', at: at(B, '10:00'), productId: ids.py },
    { type: 'POST_VIEW', at: at(B, '10:01'), postId: ids.p2 },
  ]);
  const o4 = await buy(u4, [
    { skuId: ids.x, quantity: 1 },
    { skuId: ids.y, quantity: 1 },
  ]);
  ids.o4 = o4.id;
  ids.o4lineX = o4.lines.find((l) => l.productId === ids.px)!.id;
  await pay(u4, ids.o4);

  await launch(u1, { scene: 1044, opengid: G1 });
  const o5 = await buy(u1, [{ skuId: ids.y, quantity: 1 }]);
  Object.assign(ids, { o5: o5.id, o5line: o5.lines[0].id });
  await pay(u1, ids.o5);
  ids.o1line = (await given.getOrder(u1.token, ids.o1)).body.lines[0].id;

  await setClock(B, '11:00');
  await launch(u5, { scene: null });
  const leader = await buy(u5, [{ skuId: ids.g, quantity: 1 }], { groupBuy: { campaignId: ids.campaign } });
  await pay(u5, leader.id, ['GROUPING']);
  const groupId = String(
    (await db().groupBuyMember.findUniqueOrThrow({ where: { orderId: Number(leader.id) } })).groupId,
  );
  await setClock(B, '11:05');
  await launch(u6, { scene: null });
  const member = await buy(u6, [{ skuId: ids.g, quantity: 1 }], { groupBuy: { campaignId: ids.campaign, groupId } });
  await pay(u6, member.id, ['TO_SHIP']);

  await setClock(B, '12:00');
  const failing = await buy(u2, [{ skuId: ids.g, quantity: 1 }], { groupBuy: { campaignId: ids.campaign } });
  await pay(u2, failing.id, ['GROUPING']);
  await setClock(B, '13:01');
  await stack.server.app.get(JobQueue).sweepNow();
  await given.waitForStatus(u2.token, failing.id, ['CLOSED']);

  // ——— day C ———
  await setClock(C, '10:00');
  await refund(u2, ids.o2, ids.o2line, 20_000);
  await given.waitForStatus(u2.token, ids.o2, ['CLOSED']);
  await refund(u4, ids.o4, ids.o4lineX, 3_000);
  await completeAndReview(u1, ids.o1, ids.o1line, [5, 4, 3]);
  await completeAndReview(u1, ids.o5, ids.o5line, [4, 4, 5]);
  await launch(u1, { scene: 1001 });
  await events(u1, [{ type: 'PAGE_VIEW', at: at(C, '10:00'), page: 'pages/home/index' }]);

  // ——— today ———
  await setClock(null);
  await launch(u6, { scene: null });
  await events(u6, [{ type: 'PAGE_VIEW', at: new Date().toISOString(), page: 'pages/home/index' }]);

  // The sweeper rolled the recent days up at start-up, before the clock was moved back to write
  // A…C (a clock never goes back in production): forget those rollups, so A…C are not rolled yet.
  await db().analyticsRollupDay.deleteMany({});
}, 240_000);

afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

const period = () => `from=${A}&to=${C}`;

/** Every figure of A…C, worked out by hand (see the scenario at the top). */
async function expectScenarioFigures() {
  const overview = await get(`/api/v1/admin/analytics/overview?${period()}`);
  expect(overview.status).toBe(200);
  expect(overview.body.period).toEqual({
    from: A,
    to: C,
    days: 3,
    previousFrom: addDays(A, -3),
    previousTo: addDays(A, -1),
    timezone: TZ,
    basis: 'paid orders net of refunds, by the day paid (Asia/Shanghai)',
  });
  expect(overview.body.current).toEqual({
    uv: 7, // u1…u6 and the anonymous device (daily UVs 4 + 4 + 1 = 9 count u1 three times)
    pv: 9, // A: u1 product+post+page, u2 product, device page+product = 6; B: u4 product+post = 2; C: u1 page = 1
    ordersCreated: 8, // A: O1, O2, O3 (23:58); B: O4, O5, three group-buy orders
    orders: 6, // A: O1 (O2 refunded in full); B: O3, O4, O5, u5, u6 (u2's failed group refunded)
    payers: 5, // u1, u3, u4, u5, u6
    gmvGross: 90_000, // 10 000 + (10 000 + 30 000 + 20 000 + 10 000 + 10 000)
    refunds: 3_000, // O4's line X
    gmv: 87_000, // 90 000 − 3 000
    aov: 14_500, // floor(87 000 / 6)
    orderConversion: 0.8571, // 6 orderers (u1…u6) / 7
    payConversion: 0.7143, // 5 / 7
    repurchaseRate: 0.2, // u1 paid O1 (A) and O5 (B): 1 / 5
  });
  expect(overview.body.previous).toMatchObject({ uv: 0, pv: 0, orders: 0, gmv: 0, aov: 0, payConversion: 0 });
  expect(overview.body.funnel).toEqual({
    visitors: 7,
    productViewers: 4, // u1, u2, the device (A), u4 (B)
    cartAdders: 1, // u1
    orderers: 6,
    payers: 5,
  });
  expect(overview.body.trend).toEqual([
    { date: A, uv: 4, pv: 6, orders: 1, payers: 1, gmv: 10_000 }, // u1, u2, u3, device; O1
    { date: B, uv: 4, pv: 2, orders: 5, payers: 5, gmv: 77_000 }, // u4, u1, u5, u6; 80 000 − 3 000
    { date: C, uv: 1, pv: 1, orders: 0, payers: 0, gmv: 0 },
  ]);

  const sources = await get(`/api/v1/admin/analytics/sources?${period()}`);
  const source = (name: string) => sources.body.rows.find((r: { source: string }) => r.source === name);
  expect(sources.body.rows.map((r: { source: string }) => r.source)).toEqual([
    'SINGLE_CHAT',
    'GROUP_CHAT',
    'MOMENTS',
    'CODE',
    'SEARCH',
    'DIRECT',
    'OTHER',
  ]);
  // GROUP_CHAT: visitors u1, u4; O1 (G1), O4 (G2), O5 (G1) = 10 000 + 27 000 + 20 000
  expect(source('GROUP_CHAT')).toEqual({
    source: 'GROUP_CHAT',
    visitors: 2,
    orders: 3,
    payers: 2,
    gmv: 57_000,
    conversion: 1,
    previousGmv: 0,
  });
  // SINGLE_CHAT: u2, whose orders were all refunded in full
  expect(source('SINGLE_CHAT')).toMatchObject({ visitors: 1, orders: 0, payers: 0, gmv: 0, conversion: 0 });
  // DIRECT: visitors u3, u5, u6, u1 (C); O3, u5's and u6's group-buy orders
  expect(source('DIRECT')).toMatchObject({ visitors: 4, orders: 3, payers: 3, gmv: 30_000, conversion: 0.75 });
  expect(source('MOMENTS')).toMatchObject({ visitors: 0, orders: 0, gmv: 0 });

  const products = await get(`/api/v1/admin/analytics/products?${period()}`);
  expect(
    products.body.rows.map((r: any) => [r.productId, r.viewers, r.cartAdders, r.payers, r.units, r.gmv, r.conversion]),
  ).toEqual([
    // X: viewed by u1 and the device; bought by u1 (O1), u3 (O3), u4 (O4, 3 000 back): 3 / 2
    [ids.px, 2, 1, 3, 3, 27_000, 1.5],
    // Y: viewed by u2 and u4; bought by u4 (O4) and u1 (O5) (u2's O2 refunded)
    [ids.py, 2, 0, 2, 2, 40_000, 1],
    // the group-buy product: u5 and u6 at 10 000
    [ids.pg, 0, 0, 2, 2, 20_000, 0],
  ]);
  expect(products.body.rows[0].title).toEqual(expect.any(String));

  const distributors = await get(`/api/v1/admin/analytics/distributors?${period()}`);
  expect(distributors.body.rows).toEqual([
    // D1: u1's O1 and O5, 10% commission each; u1 bound on A
    {
      distributorId: String((await person('d1')).id),
      code: ids.d1Code,
      name: expect.any(String),
      orders: 2,
      payers: 1,
      gmv: 30_000,
      commission: 3_000,
      newCustomers: 1,
      previousGmv: 0,
    },
    // D2: u2 bound on A; both of u2's orders refunded in full
    expect.objectContaining({ code: ids.d2Code, orders: 0, payers: 0, gmv: 0, commission: 0, newCustomers: 1 }),
  ]);

  const communities = await get(`/api/v1/admin/analytics/communities?${period()}`);
  expect(communities.body.rows).toEqual([
    // K2: u4 from G2 with K2's card and P2's reader; O4 = 30 000 − 3 000; D2, M2 (A), u4 (B) joined
    {
      communityId: ids.k2,
      name: '好物二群',
      visitors: 1,
      orders: 1,
      payers: 1,
      gmv: 27_000,
      conversion: 1,
      previousGmv: 0,
      newMembers: 3,
      postsPublished: 1,
    },
    // K1: u1 from P1 in G1; O1; D1, M1, u1 joined on A
    {
      communityId: ids.k1,
      name: '好物一群',
      visitors: 1,
      orders: 1,
      payers: 1,
      gmv: 10_000,
      conversion: 1,
      previousGmv: 0,
      newMembers: 3,
      postsPublished: 1,
    },
  ]);

  const groups = await get(`/api/v1/admin/analytics/groups?${period()}`);
  expect(groups.body.rows).toEqual([
    // G1: u1 on A and B; O1 + O5
    { opengid: G1, communityId: ids.k1, visitors: 1, orders: 2, payers: 1, gmv: 30_000, conversion: 1, previousGmv: 0 },
    // G2: u4; O4
    { opengid: G2, communityId: ids.k2, visitors: 1, orders: 1, payers: 1, gmv: 27_000, conversion: 1, previousGmv: 0 },
  ]);

  const posts = await get(`/api/v1/admin/analytics/posts?${period()}`);
  expect(posts.body.rows).toEqual([
    // P1: read by u1, who came from it and bought O1
    {
      postId: ids.p1,
      title: '好物一群推荐',
      communityId: ids.k1,
      views: 1,
      visitors: 1,
      orders: 1,
      payers: 1,
      gmv: 10_000,
      conversion: 1,
      previousGmv: 0,
    },
    // P2: read by u4, whose order came from K2's card, not from the post
    {
      postId: ids.p2,
      title: '好物二群推荐',
      communityId: ids.k2,
      views: 1,
      visitors: 1,
      orders: 0,
      payers: 0,
      gmv: 0,
      conversion: 0,
      previousGmv: 0,
    },
  ]);

  const groupbuys = await get(`/api/v1/admin/analytics/groupbuys?${period()}`);
  // Two groups opened on B; u5's succeeded, u2's failed: 1 / 2; orders of u5 and u6
  const figures = { opened: 2, succeeded: 1, failed: 1, successRate: 0.5, orders: 2, gmv: 20_000 };
  expect(groupbuys.body.totals).toEqual(figures);
  expect(groupbuys.body.rows).toEqual([{ campaignId: ids.campaign, title: '两人团', ...figures }]);

  const dsr = await get(`/api/v1/admin/analytics/dsr?${period()}`);
  // (5 + 4) / 2, (4 + 4) / 2, (3 + 5) / 2
  expect(dsr.body.current).toEqual({ reviews: 2, product: 4.5, logistics: 4, service: 4 });
  expect(dsr.body.previous).toEqual({ reviews: 0, product: 0, logistics: 0, service: 0 });
}

describe('the dashboards of A…C', () => {
  it('computes every figure from the raw rows while the days are not rolled up', async () => {
    expect(await stack.server.app.get(RollupRepository).cleanDays(A, C)).toEqual(new Set());
    await expectScenarioFigures();
  });

  it('gives the same figures from the rollups, and rolling a day again changes no row', async () => {
    const rollups = stack.server.app.get(RollupService);
    expect(await rollups.rollRange(A, C)).toBe(3);
    expect(await stack.server.app.get(RollupRepository).cleanDays(A, C)).toEqual(new Set([A, B, C]));
    await expectScenarioFigures();

    const repo = stack.server.app.get(RollupRepository);
    const before = await repo.dayRows(B);
    expect(before.shop[0]).toMatchObject({ uv: 4, orders: 5, gmv: 77_000 });
    await rollups.rollDay(B);
    expect(await repo.dayRows(B)).toEqual(before);
    // The sweeper and a seed (or two workers) rolling the same day at once: one after the other.
    await Promise.all([1, 2, 3, 4].map(() => rollups.rollDay(B)));
    expect(await repo.dayRows(B)).toEqual(before);
  });

  it('adds today from the raw rows', async () => {
    const today = await get(`/api/v1/admin/analytics/overview?from=${TODAY}&to=${TODAY}`);
    expect(today.body.current).toMatchObject({ uv: 1, pv: 1, orders: 0 }); // u6
    const all = await get(`/api/v1/admin/analytics/overview?from=${A}&to=${TODAY}`);
    expect(all.body.current).toMatchObject({ uv: 7, pv: 10, orders: 6, gmv: 87_000 }); // u6 counted once
    expect(all.body.trend.at(-1)).toEqual({ date: TODAY, uv: 1, pv: 1, orders: 0, payers: 0, gmv: 0 });
  });

  it('exports a table as CSV: BOM, header, money in yuan', async () => {
    const csv = await get(`/api/v1/admin/analytics/sources?${period()}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="sources-${A}-${C}.csv"`);
    // fetch's text() drops a BOM: read the bytes
    const raw = await fetch(`${stack.baseUrl}/api/v1/admin/analytics/sources?${period()}&format=csv`, {
      headers: { authorization: `Bearer ${(await admin()).token}` },
    });
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFsource,visitors,orders,payers,gmv_yuan,conversion,previous_gmv_yuan\r\n')).toBe(true);
    expect(text).toContain('\r\nGROUP_CHAT,2,3,2,570.00,1,0.00\r\n');
    expect(text).toContain('\r\nDIRECT,4,3,3,300.00,0.75,0.00\r\n');
  });
});

describe('the API document', () => {
  it('lists the dashboards', async () => {
    const paths = Object.keys((await call('GET', '/api/docs-json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/admin/analytics/overview',
        '/api/v1/admin/analytics/sources',
        '/api/v1/admin/analytics/dsr',
        '/api/v1/manage/communities/{id}/stats',
      ]),
    );
  });
});

describe('late data', () => {
  it('an event arriving a day late lands in its own day after the next rollup', async () => {
    const rollups = stack.server.app.get(RollupService);
    await rollups.catchUp(); // yesterday (C) is rolled up and clean
    const yesterday = `/api/v1/admin/analytics/overview?from=${C}&to=${C}`;
    expect((await get(yesterday)).body.current).toMatchObject({ uv: 1, pv: 1 });

    await events(await person('u5'), [{ type: 'PAGE_VIEW', at: at(C, '21:00'), page: 'pages/home/index' }]);
    expect(await rollups.catchUp()).toEqual([C]);
    expect((await get(yesterday)).body.current).toMatchObject({ uv: 2, pv: 2 }); // u1 and u5
    const row = await stack.server.app.get(RollupRepository).dayRows(C);
    expect(row.shop[0]).toMatchObject({ uv: 2, pv: 2 });
    expect(await rollups.catchUp()).toEqual([]);
  });

  it('a refund of an order paid on a rolled-up day marks that day dirty', async () => {
    const rollups = stack.server.app.get(RollupService);
    await refund(await person('u4'), ids.o4, ids.o4lineX, 1_000);
    expect(await stack.server.app.get(RollupRepository).cleanDays(B, B)).toEqual(new Set());
    const day = await get(`/api/v1/admin/analytics/overview?from=${B}&to=${B}`);
    expect(day.body.current).toMatchObject({ refunds: 4_000, gmv: 76_000 }); // computed on the fly meanwhile
    expect(await rollups.catchUp()).toEqual([B]);
    expect((await stack.server.app.get(RollupRepository).dayRows(B)).shop[0]).toMatchObject({
      refunds: 4_000,
      gmv: 76_000,
    });
  });
});

describe('a community manager', () => {
  it('reads their own community’s figures with the stats', async () => {
    const stats = await call(
      'GET',
      `/api/v1/manage/communities/${ids.k1}/stats?${period()}`,
      (await person('m1')).token,
    );
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ communityId: ids.k1, members: 3, managers: 1 });
    const analytics = stats.body.analytics;
    expect(analytics.current).toEqual({ visitors: 1, orders: 1, payers: 1, gmv: 10_000, conversion: 1 });
    expect(analytics.trend).toEqual([
      { date: A, uv: 1, pv: 1, orders: 1, payers: 1, gmv: 10_000 }, // u1 read P1 and bought O1
      { date: B, uv: 0, pv: 0, orders: 0, payers: 0, gmv: 0 },
      { date: C, uv: 0, pv: 0, orders: 0, payers: 0, gmv: 0 },
    ]);
    expect(analytics.groups.map((g: { opengid: string; gmv: number }) => [g.opengid, g.gmv])).toEqual([[G1, 30_000]]);
    expect(analytics.posts.map((p: { postId: string }) => p.postId)).toEqual([ids.p1]);
  });

  it('is refused another community’s stats (403), the shop dashboards (403); no token is 401', async () => {
    const m1 = (await person('m1')).token;
    const other = await call('GET', `/api/v1/manage/communities/${ids.k2}/stats`, m1);
    expect({ status: other.status, code: other.body.error.code }).toEqual({
      status: 403,
      code: 'COMMUNITY_NOT_MANAGER',
    });
    for (const path of ['overview', 'sources', 'communities']) {
      const res = await call('GET', `/api/v1/admin/analytics/${path}`, m1);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const anonymous = await call('GET', '/api/v1/admin/analytics/overview');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad input', () => {
  const tomorrow = addDays(TODAY, 1);
  it.each([
    ['to before from', `/overview?from=${C}&to=${A}`, 'ANALYTICS_PERIOD_INVALID'],
    ['a day that does not exist', '/overview?from=2026-02-30', 'ANALYTICS_PERIOD_INVALID'],
    ['a future from', `/sources?from=${tomorrow}`, 'ANALYTICS_PERIOD_INVALID'],
    ['367 days', `/products?from=${addDays(TODAY, -366)}&to=${TODAY}`, 'ANALYTICS_PERIOD_INVALID'],
    ['not a date', '/overview?from=yesterday', 'VALIDATION_FAILED'],
    ['an unknown format', '/sources?format=xml', 'VALIDATION_FAILED'],
    ['an unknown key', '/dsr?days=7', 'VALIDATION_FAILED'],
    ['csv of the overview', '/overview?format=csv', 'VALIDATION_FAILED'],
    ['a limit of 0', '/posts?limit=0', 'VALIDATION_FAILED'],
  ])('%s → 400', async (_name, path, code) => {
    const res = await get(`/api/v1/admin/analytics${path}`);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
  });

  it('the manager’s stats refuse a bad period too', async () => {
    const res = await call(
      'GET',
      `/api/v1/manage/communities/${ids.k1}/stats?from=${C}&to=${A}`,
      (await person('m1')).token,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ANALYTICS_PERIOD_INVALID');
  });
});
