import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 拼团 over HTTP: a group of three succeeds and only then ships; a race for the last seats never
 * overfills; an expired group fails and is refunded through the sandbox, or succeeds by 模拟成团;
 * the sweeper settles a group whose job was lost; own group / twice refused; a refund after success
 * leaves the group page as it was.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;
const people = new Map<string, string>();

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
const db = () => stack.server.app.get(PrismaService).client;

async function user(name: string): Promise<string> {
  if (!people.has(name)) people.set(name, (await loginAs(stack.baseUrl, name)).token);
  return people.get(name)!;
}

beforeAll(async () => {
  stack = await startStack({ label: 'groupbuy', seed: true });
  given = shop(stack);
  admin = await user('admin');
});
afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

/** A campaign on a fresh SKU (stock 50, price 10000): group price 8000, leader price 7000. */
async function campaign(change: Record<string, unknown> = {}) {
  const sku = await given.skuWithStock(50, 10000);
  const now = Date.now();
  const created = await call('POST', '/api/v1/admin/groupbuys/campaigns', admin, {
    title: '三人团',
    productId: sku.productId,
    skus: [{ skuId: sku.skuId, groupPrice: 8000, leaderPrice: 7000 }],
    groupSize: 3,
    durationMinutes: 60,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 7 * 86_400_000).toISOString(),
    quota: 100,
    perOrderLimit: 2,
    perUserLimit: 2,
    ...change,
  });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, sku };
}

async function placeOrder(name: string, c: { id: string; sku: { skuId: string } }, groupId?: string, quantity = 1) {
  const token = await user(name);
  const address = await given.addressFor(token);
  return given.order(token, {
    items: [{ skuId: c.sku.skuId, quantity }],
    addressId: address,
    groupBuy: groupId ? { campaignId: c.id, groupId } : { campaignId: c.id },
  });
}

/** Orders and pays; waits until payment has put the order in GROUPING or TO_SHIP. */
async function orderAndPay(name: string, c: { id: string; sku: { skuId: string } }, groupId?: string) {
  const created = await placeOrder(name, c, groupId);
  expect(created.status).toBe(201);
  await given.pay(await user(name), created.body.id);
  const order = await given.waitForStatus(await user(name), created.body.id, ['GROUPING', 'TO_SHIP']);
  return order;
}

const groupOf = async (orderId: string) =>
  String((await db().groupBuyMember.findUniqueOrThrow({ where: { orderId: Number(orderId) } })).groupId);
const groupView = async (groupId: string, name = 'admin') =>
  (await call('GET', `/api/v1/groupbuys/groups/${groupId}`, await user(name))).body;

async function expireNow(groupId: string) {
  const group = await db().groupBuyGroup.findUniqueOrThrow({ where: { id: Number(groupId) } });
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', {
    body: { now: new Date(group.expiresAt!.getTime() + 1_000).toISOString() },
  });
  try {
    await stack.server.app.get(JobQueue).sweepNow();
  } finally {
    await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  }
}

describe('a group of three', () => {
  it('succeeds when the third member pays; before that no order can ship', async () => {
    const c = await campaign();
    const leaderOrder = await orderAndPay('gb-leader', c);
    expect(leaderOrder).toMatchObject({ status: 'GROUPING', kind: 'GROUP_BUY' });
    expect(leaderOrder.lines[0].unitPrice).toBe(7000); // 团长价
    const groupId = await groupOf(leaderOrder.id);

    const listed = await call('GET', `/api/v1/groupbuys/campaigns?productId=${c.sku.productId}`);
    const open = listed.body.find((x: { id: string }) => x.id === c.id).openGroups;
    expect(open).toEqual([expect.objectContaining({ id: groupId, seatsLeft: 2 })]);

    const second = await orderAndPay('gb-friend-1', c, groupId);
    expect(second.lines[0].unitPrice).toBe(8000);
    expect(second.status).toBe('GROUPING');
    const ship = await call('POST', `/api/v1/admin/orders/${second.id}/ship`, admin, {
      carrier: 'SF',
      trackingNo: `SF${Date.now()}`,
    });
    expect(ship.status).toBe(409);
    expect(ship.body.error.code).toBe('ORDER_NOT_SHIPPABLE');
    expect((await groupView(groupId)).status).toBe('FORMING');

    const third = await orderAndPay('gb-friend-2', c, groupId);
    expect(third.status).toBe('TO_SHIP');
    const view = await groupView(groupId, 'gb-friend-2');
    expect(view).toMatchObject({ status: 'SUCCEEDED', seatsLeft: 0, size: 3, myOrderId: third.id });
    expect(view.members).toHaveLength(3);
    for (const [name, id] of [
      ['gb-leader', leaderOrder.id],
      ['gb-friend-1', second.id],
    ])
      expect((await given.getOrder(await user(name), id)).body.status).toBe('TO_SHIP');
  });

  it('refuses joining one’s own group and joining twice', async () => {
    const c = await campaign();
    const leaderOrder = await orderAndPay('gb-own', c);
    const groupId = await groupOf(leaderOrder.id);
    const own = await placeOrder('gb-own', c, groupId);
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('GROUP_OWN');
    await orderAndPay('gb-twice', c, groupId);
    const twice = await placeOrder('gb-twice', c, groupId);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('GROUP_ALREADY_JOINED');
  });

  it('a member refunded after success leaves the group page unchanged for everyone else', async () => {
    const c = await campaign({ groupSize: 2 });
    const leaderOrder = await orderAndPay('gb-r-leader', c);
    const groupId = await groupOf(leaderOrder.id);
    const member = await orderAndPay('gb-r-member', c, groupId);
    expect(member.status).toBe('TO_SHIP');
    const before = await groupView(groupId, 'gb-r-leader');
    expect(before.status).toBe('SUCCEEDED');

    const asked = await call('POST', `/api/v1/orders/${member.id}/aftersales`, await user('gb-r-member'), {
      lineId: member.lines[0].id,
      type: 'REFUND',
      amount: member.lines[0].paidAmount,
      reason: '不想要了',
    });
    expect(asked.status).toBe(201);
    expect((await call('POST', `/api/v1/admin/aftersales/${asked.body.id}/approve`, admin, {})).status).toBe(200);
    await given.waitForStatus(await user('gb-r-member'), member.id, ['CLOSED']);
    expect(await groupView(groupId, 'gb-r-leader')).toEqual(before);
  });
});

describe('the race for the last seats', () => {
  it('30 buyers race for the last 2 seats: exactly 2 win, the others are refused and charged nothing', async () => {
    const c = await campaign({ groupSize: 5, quota: 500 });
    const leaderOrder = await orderAndPay('gb-race-leader', c);
    const groupId = await groupOf(leaderOrder.id);
    await orderAndPay('gb-race-early-1', c, groupId);
    await orderAndPay('gb-race-early-2', c, groupId);
    const racers = Array.from({ length: 30 }, (_, i) => `gb-racer-${i}`);
    for (const name of racers) await user(name);
    const results = await Promise.all(racers.map((name) => placeOrder(name, c, groupId)));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(2);
    expect(lost.map((r) => r.status)).toEqual(Array(28).fill(409));
    for (const r of lost) expect(r.body.error.code).toBe('GROUP_FULL');
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    const group = await db().groupBuyGroup.findUniqueOrThrow({ where: { id: Number(groupId) } });
    expect(group.seatsTaken).toBe(5);
    expect(await db().groupBuyMember.count({ where: { groupId: Number(groupId) } })).toBe(5);

    for (const r of won) await given.pay(await user(racers[results.indexOf(r)]), r.body.id);
    for (const r of won) await given.waitForStatus(await user(racers[results.indexOf(r)]), r.body.id, ['TO_SHIP']);
    const view = await groupView(groupId);
    expect(view.status).toBe('SUCCEEDED');
    expect(view.members).toHaveLength(5);
    // The refused were never charged: no order of theirs exists, so nothing could be paid.
    const losers = lost.map((r) => racers[results.indexOf(r)]);
    const loserIds = (await Promise.all(losers.map(async (name) => (await loginAs(stack.baseUrl, name)).user.id))).map(
      Number,
    );
    expect(await db().order.count({ where: { userId: { in: loserIds } } })).toBe(0);
  });

  it('an unpaid seat comes back when its order is cancelled', async () => {
    const c = await campaign({ groupSize: 2 });
    const leaderOrder = await orderAndPay('gb-seat-leader', c);
    const groupId = await groupOf(leaderOrder.id);
    const held = await placeOrder('gb-seat-holder', c, groupId);
    expect(held.status).toBe(201);
    expect((await placeOrder('gb-seat-late', c, groupId)).body.error.code).toBe('GROUP_FULL');
    const cancelled = await call('POST', `/api/v1/orders/${held.body.id}/cancel`, await user('gb-seat-holder'), {});
    expect(cancelled.status).toBe(200);
    expect((await placeOrder('gb-seat-late', c, groupId)).status).toBe(201);
  });
});

describe('expiry', () => {
  it('a group with 2 of 3 seats paid fails at its deadline: both refunded through the sandbox, stock and quota back', async () => {
    const c = await campaign();
    const stockBefore = await given.stockOf(c.sku.skuId);
    const leaderOrder = await orderAndPay('gb-fail-leader', c);
    const groupId = await groupOf(leaderOrder.id);
    const member = await orderAndPay('gb-fail-member', c, groupId);
    expect(await given.stockOf(c.sku.skuId)).toBe(stockBefore - 2);
    await expireNow(groupId);
    expect((await groupView(groupId)).status).toBe('FAILED');
    for (const [name, order] of [
      ['gb-fail-leader', leaderOrder],
      ['gb-fail-member', member],
    ] as const) {
      const closed = await given.waitForStatus(await user(name), order.id, ['CLOSED']);
      expect(closed.refundedAmount).toBe(order.payable);
    }
    const refunds = await db().refund.findMany({
      where: { orderId: { in: [Number(leaderOrder.id), Number(member.id)] } },
    });
    expect(refunds.map((r) => [r.reason, r.status])).toEqual([
      ['GROUP_FAILED', 'SUCCESS'],
      ['GROUP_FAILED', 'SUCCESS'],
    ]);
    expect(await given.stockOf(c.sku.skuId)).toBe(stockBefore);
    expect((await db().groupBuyCampaign.findUniqueOrThrow({ where: { id: Number(c.id) } })).quotaUsed).toBe(0);
  });

  it('with 模拟成团 and the threshold met, the group succeeds at its deadline', async () => {
    const c = await campaign({ autoComplete: true, autoCompleteMinPaidBp: 6000 });
    const leaderOrder = await orderAndPay('gb-sim-leader', c);
    const groupId = await groupOf(leaderOrder.id);
    const member = await orderAndPay('gb-sim-member', c, groupId);
    await expireNow(groupId);
    expect(await groupView(groupId)).toMatchObject({ status: 'SUCCEEDED', simulated: true });
    expect((await given.getOrder(await user('gb-sim-member'), member.id)).body.status).toBe('TO_SHIP');
    expect((await given.getOrder(await user('gb-sim-leader'), leaderOrder.id)).body.status).toBe('TO_SHIP');
  });

  it('settles a group whose expiry job was lost while the worker was down (the sweeper)', async () => {
    const c = await campaign({ durationMinutes: 5 });
    const leaderOrder = await orderAndPay('gb-sweep-leader', c);
    const groupId = await groupOf(leaderOrder.id);
    const jobs = stack.server.app.get(JobQueue);
    await jobs.stopWorker();
    await jobs.remove('groupbuy.expire', Number(groupId)); // Redis "lost" the delayed job
    const group = await db().groupBuyGroup.findUniqueOrThrow({ where: { id: Number(groupId) } });
    await http(stack.sandboxUrl, 'POST', '/sandbox/clock', {
      body: { now: new Date(group.expiresAt!.getTime() + 1_000).toISOString() },
    });
    try {
      jobs.startWorker(); // restart: the sweeper runs at once
      const until = Date.now() + 15_000;
      while ((await groupView(groupId)).status === 'FORMING' && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
    }
    expect((await groupView(groupId)).status).toBe('FAILED');
    await given.waitForStatus(await user('gb-sweep-leader'), leaderOrder.id, ['CLOSED']);
  });
});

describe('campaign rules', () => {
  it('quota, per-order and per-user limits, and the campaign window', async () => {
    const small = await campaign({ quota: 1 });
    expect((await placeOrder('gb-quota-1', small)).status).toBe(201);
    const sold = await placeOrder('gb-quota-2', small);
    expect(sold.body.error.code).toBe('GROUP_BUY_QUOTA_EXHAUSTED');

    const c = await campaign({ perOrderLimit: 1, perUserLimit: 1 });
    expect((await placeOrder('gb-limit', c, undefined, 2)).body.error.code).toBe('GROUP_BUY_LIMIT_EXCEEDED');
    expect((await placeOrder('gb-limit', c)).status).toBe(201);
    expect((await placeOrder('gb-limit', c)).body.error.code).toBe('GROUP_BUY_LIMIT_EXCEEDED');

    const later = await campaign({ startsAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await placeOrder('gb-early', later)).body.error.code).toBe('GROUP_BUY_NOT_ACTIVE');
  });

  it('preview shows the group price without holding anything', async () => {
    const c = await campaign();
    const token = await user('gb-preview');
    const preview = await call('POST', '/api/v1/orders/preview', token, {
      items: [{ skuId: c.sku.skuId, quantity: 1 }],
      groupBuy: { campaignId: c.id },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.lines[0].unitPrice).toBe(7000);
    expect(await db().groupBuyGroup.count({ where: { campaignId: Number(c.id) } })).toBe(0);
  });

  it('a leader who never pays leaves no group behind', async () => {
    const c = await campaign();
    const created = await placeOrder('gb-ghost', c);
    expect(created.status).toBe(201);
    await call('POST', `/api/v1/orders/${created.body.id}/cancel`, await user('gb-ghost'), {});
    const group = await db().groupBuyGroup.findFirstOrThrow({ where: { campaignId: Number(c.id) } });
    expect(group.status).toBe('CANCELLED');
    expect((await call('GET', `/api/v1/groupbuys/groups/${group.id}`, await user('gb-ghost'))).status).toBe(404);
    expect((await db().groupBuyCampaign.findUniqueOrThrow({ where: { id: Number(c.id) } })).quotaUsed).toBe(0);
  });

  it('the manager sees results', async () => {
    const list = await call('GET', '/api/v1/admin/groupbuys/campaigns', admin);
    expect(list.status).toBe(200);
    const withSuccess = list.body.items.find((x: { groups: { succeeded: number } }) => x.groups.succeeded > 0);
    expect(withSuccess).toMatchObject({ successRateBp: expect.any(Number), paidOrders: expect.any(Number) });
    const mine = await call('GET', '/api/v1/groupbuys/mine', await user('gb-leader'));
    expect(mine.body.items[0]).toMatchObject({ status: 'SUCCEEDED' });
  });
});

describe('bad input never gives a 500', () => {
  const cases: [string, string, unknown][] = [
    ['GET', '/api/v1/groupbuys/campaigns?productId=abc', undefined],
    ['GET', '/api/v1/groupbuys/campaigns/abc', undefined],
    ['GET', '/api/v1/groupbuys/campaigns/999999', undefined],
    ['GET', '/api/v1/groupbuys/groups/999999', undefined],
    ['GET', '/api/v1/groupbuys/groups/x', undefined],
    ['GET', '/api/v1/groupbuys/mine?status=DONE', undefined],
    ['POST', '/api/v1/orders', { items: [{ skuId: '1', quantity: 1 }], groupBuy: { campaignId: '999999' } }],
    ['POST', '/api/v1/orders', { items: [{ skuId: '1', quantity: 1 }], groupBuy: { campaignId: 'x' } }],
    ['POST', '/api/v1/orders/preview', { items: [{ skuId: '1', quantity: 1 }], groupBuy: { groupId: '1' } }],
    ['POST', '/api/v1/admin/groupbuys/campaigns', {}],
    ['POST', '/api/v1/admin/groupbuys/campaigns', { title: 'x', productId: '1', skus: [], groupSize: 11 }],
    ['POST', '/api/v1/admin/groupbuys/campaigns/999999/disable', {}],
    ['GET', '/api/v1/manage/communities/999999/groupbuys', undefined],
    ['POST', '/api/v1/manage/communities/abc/groupbuys', {}],
  ];
  it.each(cases)('%s %s %j → 4xx with the error shape', async (method, path, body) => {
    const token = path.includes('/admin/') ? admin : await user('gb-bad');
    const result = await call(method, path, token, body);
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('a campaign with a group price above the SKU price is refused field by field', async () => {
    const sku = await given.skuWithStock(5, 1000);
    const result = await call('POST', '/api/v1/admin/groupbuys/campaigns', admin, {
      title: '贵',
      productId: sku.productId,
      skus: [{ skuId: sku.skuId, groupPrice: 2000 }],
      groupSize: 2,
      durationMinutes: 60,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      quota: 10,
    });
    expect(result.status).toBe(422);
    expect(result.body.error.details.fields).toContainEqual({
      path: 'skus[0].groupPrice',
      message: expect.any(String),
    });
  });
});
