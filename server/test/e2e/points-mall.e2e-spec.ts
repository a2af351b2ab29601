import { Clock } from '../../src/infra/clock';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { PointsService } from '../../src/points/points.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 积分商城 and 积分任务 over HTTP: a coupon redeemed with points spent oldest lot first; a gift as a
 * 0-fen order straight to TO_SHIP; points + cash paid through the sandbox, and cancelled: points,
 * item stock and SKU stock back in the same transaction; one member's 20 concurrent redemptions
 * with a limit of 2 → exactly 2; 50 members racing for 10 units → exactly 10; not enough points and
 * an exhausted coupon template refuse the whole redemption and change nothing; tasks rewarded
 * exactly once (two concurrent reviews → one reward); nonsense items and bad input → 4xx.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;
const people = new Map<string, { token: string; id: number }>();

const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(stack.baseUrl, method, path, { token, body, headers });
const db = () => stack.server.app.get(PrismaService).client;

async function user(name: string) {
  if (!people.has(name)) {
    const { token, user: u } = await loginAs(stack.baseUrl, name);
    people.set(name, { token, id: Number(u.id) });
  }
  return people.get(name)!;
}
const tokenOf = async (name: string) => (await user(name)).token;

let keySeq = 0;
const newKey = () => `redeem-${Date.now()}-${++keySeq}`;
const redeem = async (name: string, itemId: string, body: unknown = {}, key = newKey()) =>
  call('POST', `/api/v1/points-mall/items/${itemId}/redeem`, await tokenOf(name), body, { 'idempotency-key': key });

function expectError(result: { status: number; body: any }, status: number, code?: string) {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (code) expect(result.body.error.code).toBe(code);
}

/** Usable points earned at `at` (shop clock): lots earned in different years expire a year apart. */
async function grant(name: string, amount: number, at = new Date()) {
  const { id } = await user(name);
  await stack.server.app
    .get(PrismaService)
    .transaction((tx) => stack.server.app.get(PointsService).award(tx, id, amount, { at, note: 'test grant' }));
}
const available = async (name: string) => (await call('GET', '/api/v1/points', await tokenOf(name))).body.available;

/** The cache agrees with the ledger and with the lots. */
async function expectLedgerConsistent(name: string) {
  const check = await stack.server.app.get(PointsService).check((await user(name)).id);
  expect(check.cached).toEqual(check.ledger);
  expect(check.cached).toEqual(check.lots);
  expect(check.cached.available).toBeGreaterThanOrEqual(0);
}

async function couponTemplate(change: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/v1/admin/coupons', admin, {
    name: '积分兑换券',
    kind: 'NO_THRESHOLD',
    amount: 500,
    validity: 'DAYS',
    validDays: 30,
    totalQuantity: 1_000,
    perUserLimit: 10,
    channel: 'POINTS_MALL',
    ...change,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string };
}

async function item(body: Record<string, unknown>) {
  const created = await call('POST', '/api/v1/admin/points-mall', admin, {
    title: '兑换品',
    points: 100,
    stock: 10,
    perUserLimit: 5,
    ...body,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; stock: number };
}
const itemRow = (id: string) => db().pointsMallItem.findUniqueOrThrow({ where: { id: Number(id) } });

beforeAll(async () => {
  stack = await startStack({ label: 'points_mall', seed: true });
  given = shop(stack);
  admin = await tokenOf('admin');
});
afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

describe('managing items', () => {
  it('creates, lists and changes items; refuses what makes no sense with the field', async () => {
    const template = await couponTemplate();
    const coupon = await item({ kind: 'COUPON', couponTemplateId: template.id, title: '5元券' });
    expect(coupon).toMatchObject({ kind: 'COUPON', couponTemplateId: template.id, cash: 0, active: true, redeemed: 0 });
    expect(coupon).toMatchObject({ subtitle: expect.stringContaining('5') });

    const sku = await given.skuWithStock(50);
    const gift = await item({ kind: 'GIFT', skuId: sku.skuId, cash: 990, title: '保温杯' });
    expect(gift).toMatchObject({ kind: 'GIFT', skuId: sku.skuId, cash: 990 });

    const changed = await call('PATCH', `/api/v1/admin/points-mall/${gift.id}`, admin, { stock: 3, active: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ stock: 3, active: false });
    const inactive = await call('GET', '/api/v1/admin/points-mall?active=false', admin);
    expect(inactive.body.items.map((i: any) => i.id)).toContain(gift.id);
    const shopper = await call('GET', '/api/v1/points-mall/items', await tokenOf('pm-browse'));
    expect(shopper.status).toBe(200);
    expect(shopper.body.items.map((i: any) => i.id)).toContain(coupon.id);
    expect(shopper.body.items.map((i: any) => i.id)).not.toContain(gift.id);
    const alias = await call('GET', '/api/v1/points-mall', await tokenOf('pm-browse'));
    expect(alias.body).toEqual(shopper.body);

    // Not exchangeable for points: refused with the field.
    await db().product.update({ where: { id: Number(sku.productId) }, data: { notPointsExchangeable: true } });
    const flagged = await call('POST', '/api/v1/admin/points-mall', admin, {
      kind: 'GIFT',
      skuId: sku.skuId,
      title: 'x',
      points: 1,
      stock: 1,
      perUserLimit: 1,
    });
    expectError(flagged, 422, 'POINTS_MALL_ITEM_INVALID');
    expect(flagged.body.error.message).toContain('not exchangeable');
    await db().product.update({ where: { id: Number(sku.productId) }, data: { notPointsExchangeable: false } });

    const centre = await couponTemplate({ channel: 'CENTER' });
    const wrongChannel = await call('POST', '/api/v1/admin/points-mall', admin, {
      kind: 'COUPON',
      couponTemplateId: centre.id,
      title: 'x',
      points: 1,
      stock: 1,
      perUserLimit: 1,
    });
    expectError(wrongChannel, 422, 'POINTS_MALL_ITEM_INVALID');
    expect(wrongChannel.body.error.message).toContain('POINTS_MALL');
    const couponForCash = await call('PATCH', `/api/v1/admin/points-mall/${coupon.id}`, admin, { cash: 100 });
    expectError(couponForCash, 422, 'POINTS_MALL_ITEM_INVALID');
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['no SKU for a gift', { kind: 'GIFT' }, 400, 'VALIDATION_FAILED'],
    ['no template for a coupon', { kind: 'COUPON' }, 400, 'VALIDATION_FAILED'],
    ['both', { kind: 'GIFT', skuId: '1', couponTemplateId: '1' }, 400, 'VALIDATION_FAILED'],
    ['unknown SKU', { kind: 'GIFT', skuId: '99999999' }, 422, 'POINTS_MALL_ITEM_INVALID'],
    ['unknown template', { kind: 'COUPON', couponTemplateId: '99999999' }, 422, 'POINTS_MALL_ITEM_INVALID'],
    ['0 points', { kind: 'GIFT', skuId: '1', points: 0 }, 400, 'VALIDATION_FAILED'],
    ['fractional points', { kind: 'GIFT', skuId: '1', points: 1.5 }, 400, 'VALIDATION_FAILED'],
    ['negative cash', { kind: 'GIFT', skuId: '1', cash: -1 }, 400, 'VALIDATION_FAILED'],
    ['negative stock', { kind: 'GIFT', skuId: '1', stock: -1 }, 400, 'VALIDATION_FAILED'],
    ['limit 0', { kind: 'GIFT', skuId: '1', perUserLimit: 0 }, 400, 'VALIDATION_FAILED'],
    ['empty title', { kind: 'GIFT', skuId: '1', title: ' ' }, 400, 'VALIDATION_FAILED'],
    ['unknown kind', { kind: 'LOTTERY', skuId: '1' }, 400, 'VALIDATION_FAILED'],
    ['unknown field', { kind: 'GIFT', skuId: '1', discount: 5 }, 400, 'VALIDATION_FAILED'],
  ])('POST an item with %s → %i', async (_why, change, status, code) => {
    const result = await call('POST', '/api/v1/admin/points-mall', admin, {
      title: 'x',
      points: 10,
      stock: 1,
      perUserLimit: 1,
      ...change,
    });
    expectError(result, status, code);
  });
});

describe('redeeming', () => {
  it('a coupon: points spent oldest lot first (REDEEM), the coupon issued, the ledger equal to the balance; a retry changes nothing', async () => {
    await grant('pm-coupon', 100, new Date('2026-03-01T04:00:00Z')); // expires end of 2027
    await grant('pm-coupon', 500, new Date('2027-03-01T04:00:00Z')); // expires end of 2028
    const template = await couponTemplate();
    const coupon = await item({
      kind: 'COUPON',
      couponTemplateId: template.id,
      points: 150,
      stock: 5,
      perUserLimit: 2,
    });

    const key = newKey();
    const done = await redeem('pm-coupon', coupon.id, {}, key);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ kind: 'COUPON', points: 150, cash: 0, status: 'COMPLETED', orderId: null });
    const issued = await db().userCoupon.findUniqueOrThrow({ where: { id: Number(done.body.couponId) } });
    expect(issued).toMatchObject({ templateId: Number(template.id), userId: (await user('pm-coupon')).id });
    expect(issued.channel).toBe('POINTS_MALL');

    const lots = await db().pointsLot.findMany({
      where: { userId: (await user('pm-coupon')).id },
      orderBy: { id: 'asc' },
    });
    expect(lots.map((l) => [l.remaining, l.status])).toEqual([
      [0, 'USED_UP'],
      [450, 'ACTIVE'],
    ]);
    const entries = await call('GET', '/api/v1/points/entries', await tokenOf('pm-coupon'));
    expect(entries.body.items.slice(0, 2).map((e: any) => [e.type, e.availableDelta])).toEqual([
      ['REDEEM', -50],
      ['REDEEM', -100],
    ]);
    expect(await available('pm-coupon')).toBe(450);
    expect((await itemRow(coupon.id)).stock).toBe(4);
    await expectLedgerConsistent('pm-coupon');

    const again = await redeem('pm-coupon', coupon.id, {}, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(done.body);
    expect(await available('pm-coupon')).toBe(450);
    expect((await itemRow(coupon.id)).stock).toBe(4);

    const list = await call('GET', '/api/v1/points-mall/items', await tokenOf('pm-coupon'));
    expect(list.body.available).toBe(450);
    expect(list.body.items.find((i: any) => i.id === coupon.id)).toMatchObject({ stock: 4, remainingForMe: 1 });
  });

  it('a gift without cash: a 0-fen order to the default address, straight to TO_SHIP, in the admin’s list', async () => {
    await grant('pm-gift', 300);
    const t = await tokenOf('pm-gift');
    await given.addressFor(t, '江苏省');
    const sku = await given.skuWithStock(5);
    const gift = await item({ kind: 'GIFT', skuId: sku.skuId, points: 200, stock: 3, perUserLimit: 1 });

    const done = await redeem('pm-gift', gift.id);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ kind: 'GIFT', status: 'COMPLETED', cash: 0, couponId: null });
    const order = await given.getOrder(t, done.body.orderId);
    expect(order.body).toMatchObject({ status: 'TO_SHIP', payable: 0, pointsUsed: 200 });
    expect(order.body.lines).toEqual([expect.objectContaining({ skuId: sku.skuId, quantity: 1, paidAmount: 0 })]);
    expect(order.body.address).toMatchObject({ province: '江苏省' });
    expect(await given.stockOf(sku.skuId)).toBe(4);
    expect((await itemRow(gift.id)).stock).toBe(2);
    expect(await available('pm-gift')).toBe(100);
    await expectLedgerConsistent('pm-gift');

    const toShip = await call('GET', '/api/v1/admin/orders?status=TO_SHIP&pageSize=50', admin);
    expect(toShip.body.items.map((o: any) => o.id)).toContain(done.body.orderId);

    expectError(await redeem('pm-gift', gift.id), 409, 'POINTS_MALL_LIMIT_REACHED');
  });

  it('a gift without an address is refused and nothing is spent', async () => {
    await grant('pm-no-address', 300);
    const sku = await given.skuWithStock(5);
    const gift = await item({ kind: 'GIFT', skuId: sku.skuId, points: 200 });
    expectError(await redeem('pm-no-address', gift.id), 422, 'ADDRESS_REQUIRED');
    expect(await available('pm-no-address')).toBe(300);
    expect((await itemRow(gift.id)).stock).toBe(10);
  });

  it('points + cash: an order paying the cash through WeChat Pay; cancelled unpaid, the points, the item and the SKU come back', async () => {
    await grant('pm-cash', 1_000);
    const t = await tokenOf('pm-cash');
    const addressId = await given.addressFor(t);
    const sku = await given.skuWithStock(10);
    const gift = await item({ kind: 'GIFT', skuId: sku.skuId, points: 300, cash: 990, stock: 5, perUserLimit: 1 });

    const paid = await redeem('pm-cash', gift.id, { addressId });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'PENDING_PAYMENT', cash: 990 });
    const pending = await given.getOrder(t, paid.body.orderId);
    expect(pending.body).toMatchObject({ status: 'PENDING_PAYMENT', payable: 990, pointsUsed: 300 });
    await given.pay(t, paid.body.orderId);
    await given.waitForStatus(t, paid.body.orderId, ['TO_SHIP']);
    const completed = await db().pointsRedemption.findUniqueOrThrow({ where: { id: Number(paid.body.id) } });
    expect(completed.status).toBe('COMPLETED');
    expect(await available('pm-cash')).toBe(700);

    // The per-member limit is reached until a cancellation gives the allowance back.
    await db().pointsMallItem.update({ where: { id: Number(gift.id) }, data: { perUserLimit: 2 } });
    const second = await redeem('pm-cash', gift.id, { addressId });
    expect(second.status).toBe(201);
    expect(await available('pm-cash')).toBe(400);
    expect((await itemRow(gift.id)).stock).toBe(3);
    expect(await given.stockOf(sku.skuId)).toBe(8);
    expectError(await redeem('pm-cash', gift.id, { addressId }), 409, 'POINTS_MALL_LIMIT_REACHED');

    const cancelled = await call('POST', `/api/v1/orders/${second.body.orderId}/cancel`, t, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await available('pm-cash')).toBe(700);
    expect((await itemRow(gift.id)).stock).toBe(4);
    expect(await given.stockOf(sku.skuId)).toBe(9);
    const row = await db().pointsRedemption.findUniqueOrThrow({ where: { id: Number(second.body.id) } });
    expect(row.status).toBe('CANCELLED');
    const entries = await call('GET', '/api/v1/points/entries', t);
    expect(entries.body.items[0]).toMatchObject({ type: 'RETURN', availableDelta: 300, orderId: second.body.orderId });
    await expectLedgerConsistent('pm-cash');

    const list = await call('GET', '/api/v1/points-mall/items', t);
    expect(list.body.items.find((i: any) => i.id === gift.id)).toMatchObject({ remainingForMe: 1 });
  });

  it('one member’s 20 concurrent redemptions with a limit of 2 → exactly 2', async () => {
    await grant('pm-greedy', 10_000);
    const template = await couponTemplate();
    const coupon = await item({
      kind: 'COUPON',
      couponTemplateId: template.id,
      points: 100,
      stock: 100,
      perUserLimit: 2,
    });
    const results = await Promise.all([...Array(20)].map(() => redeem('pm-greedy', coupon.id)));
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(2);
    for (const lost of results.filter((r) => r.status !== 201)) expectError(lost, 409, 'POINTS_MALL_LIMIT_REACHED');
    const { id } = await user('pm-greedy');
    expect(await db().pointsRedemption.count({ where: { userId: id, itemId: Number(coupon.id) } })).toBe(2);
    expect(await db().userCoupon.count({ where: { userId: id, templateId: Number(template.id) } })).toBe(2);
    expect(await available('pm-greedy')).toBe(9_800);
    expect((await itemRow(coupon.id)).stock).toBe(98);
    await expectLedgerConsistent('pm-greedy');
  });

  it('50 members racing for 10 units → exactly 10, never oversold', async () => {
    const names = [...Array(50)].map((_, i) => `pm-rush-${i}`);
    for (const name of names) await grant(name, 100);
    const template = await couponTemplate();
    const coupon = await item({
      kind: 'COUPON',
      couponTemplateId: template.id,
      points: 100,
      stock: 10,
      perUserLimit: 1,
    });
    const results = await Promise.all(names.map((name) => redeem(name, coupon.id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    for (const lost of results.filter((r) => r.status !== 201)) expectError(lost, 409, 'POINTS_MALL_SOLD_OUT');
    expect((await itemRow(coupon.id)).stock).toBe(0);
    expect(await db().pointsRedemption.count({ where: { itemId: Number(coupon.id) } })).toBe(10);
    expect(await db().userCoupon.count({ where: { templateId: Number(template.id) } })).toBe(10);
    const spent = await Promise.all(names.map(available));
    expect(spent.filter((a) => a === 0)).toHaveLength(10);
    expect(spent.filter((a) => a === 100)).toHaveLength(40);
  });

  it('not enough points → 409 POINTS_INSUFFICIENT and nothing changes', async () => {
    await grant('pm-poor', 99);
    const sku = await given.skuWithStock(5);
    await given.addressFor(await tokenOf('pm-poor'));
    const gift = await item({ kind: 'GIFT', skuId: sku.skuId, points: 100, stock: 3 });
    const refused = await redeem('pm-poor', gift.id);
    expectError(refused, 409, 'POINTS_INSUFFICIENT');
    expect(refused.body.error.message).toMatch(/points/i);
    expect(await available('pm-poor')).toBe(99);
    expect((await itemRow(gift.id)).stock).toBe(3);
    expect(await given.stockOf(sku.skuId)).toBe(5);
    const { id } = await user('pm-poor');
    expect(await db().pointsRedemption.count({ where: { userId: id } })).toBe(0);
    expect(await db().order.count({ where: { userId: id } })).toBe(0);
    await expectLedgerConsistent('pm-poor');
  });

  it('a coupon template exhausted → the redemption is refused and nothing is spent', async () => {
    await grant('pm-late', 500);
    await grant('pm-early', 500);
    const template = await couponTemplate({ totalQuantity: 1, perUserLimit: 1 });
    const coupon = await item({ kind: 'COUPON', couponTemplateId: template.id, points: 100, stock: 5 });
    expect((await redeem('pm-early', coupon.id)).status).toBe(201);
    const refused = await redeem('pm-late', coupon.id);
    expectError(refused, 409, 'COUPON_SOLD_OUT');
    expect(await available('pm-late')).toBe(500);
    expect((await itemRow(coupon.id)).stock).toBe(4);
    expect(await db().pointsRedemption.count({ where: { userId: (await user('pm-late')).id } })).toBe(0);
    await expectLedgerConsistent('pm-late');
  });

  it('an inactive or unknown item is 404; a sold-out one 409', async () => {
    await grant('pm-misc', 500);
    const template = await couponTemplate();
    const coupon = await item({ kind: 'COUPON', couponTemplateId: template.id, points: 10, stock: 0 });
    expectError(await redeem('pm-misc', coupon.id), 409, 'POINTS_MALL_SOLD_OUT');
    await call('PATCH', `/api/v1/admin/points-mall/${coupon.id}`, admin, { active: false, stock: 5 });
    expectError(await redeem('pm-misc', coupon.id), 404, 'POINTS_MALL_ITEM_NOT_FOUND');
    expectError(await redeem('pm-misc', '99999999'), 404, 'POINTS_MALL_ITEM_NOT_FOUND');
    expect(await available('pm-misc')).toBe(500);
  });
});

describe('tasks', () => {
  const tasks = async (name: string) => (await call('GET', '/api/v1/points/tasks', await tokenOf(name))).body.items;
  const task = async (name: string, kind: string) => (await tasks(name)).find((t: any) => t.task === kind);

  it('lists the tasks with their points; COMPLETE_PROFILE once every field is set, once', async () => {
    expect(await tasks('pm-profile')).toEqual([
      { task: 'FIRST_REVIEW', title: '首次评价', points: 50, done: false, at: null },
      { task: 'COMPLETE_PROFILE', title: '完善资料', points: 30, done: false, at: null },
      { task: 'FIRST_ORDER', title: '首单完成', points: 100, done: false, at: null },
    ]);
    const t = await tokenOf('pm-profile');
    const partial = await call('PATCH', '/api/v1/me', t, { nickname: '小明', avatarUrl: '/media/a.png' });
    expect(partial.status).toBe(200);
    expect(await task('pm-profile', 'COMPLETE_PROFILE')).toMatchObject({ done: false });
    const [a, b] = await Promise.all([
      call('PATCH', '/api/v1/me', t, { phone: '13800138000', birthday: '1990-05-01' }),
      call('PATCH', '/api/v1/me', t, { phone: '13800138001', birthday: '1990-05-02' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await task('pm-profile', 'COMPLETE_PROFILE')).toMatchObject({
      done: true,
      points: 30,
      at: expect.any(String),
    });
    await call('PATCH', '/api/v1/me', t, { nickname: '小明2' });
    expect(await available('pm-profile')).toBe(30);
    await expectLedgerConsistent('pm-profile');
  });

  it('FIRST_REVIEW: two concurrent reviews → one reward; FIRST_ORDER once the first order’s after-sales window closes', async () => {
    const t = await tokenOf('pm-reviewer');
    const [s1, s2] = [await given.skuWithStock(10, 1_000), await given.skuWithStock(10, 1_000)];
    const created = await given.order(t, {
      items: [
        { skuId: s1.skuId, quantity: 1 },
        { skuId: s2.skuId, quantity: 1 },
      ],
      addressId: await given.addressFor(t),
    });
    expect(created.status).toBe(201);
    await given.pay(t, created.body.id);
    await given.waitForStatus(t, created.body.id, ['TO_SHIP']);
    const shipped = await call('POST', `/api/v1/admin/orders/${created.body.id}/ship`, admin, {
      carrier: 'SF',
      trackingNo: `SF${Date.now()}`,
    });
    expect(shipped.status).toBe(200);
    expect((await call('POST', `/api/v1/orders/${created.body.id}/confirm-receipt`, t, {})).status).toBe(200);

    const reviews = await Promise.all(
      created.body.lines.map((line: any) =>
        call('POST', `/api/v1/orders/${created.body.id}/reviews`, t, {
          lineId: line.id,
          productScore: 5,
          logisticsScore: 5,
          serviceScore: 5,
          text: '好',
        }),
      ),
    );
    expect(reviews.map((r) => r.status)).toEqual([201, 201]);
    expect(await task('pm-reviewer', 'FIRST_REVIEW')).toMatchObject({ done: true, points: 50 });
    const { id } = await user('pm-reviewer');
    expect(await db().pointsEntry.count({ where: { userId: id, type: 'TASK' } })).toBe(1);
    expect(await task('pm-reviewer', 'FIRST_ORDER')).toMatchObject({ done: false });

    const row = await db().order.findUniqueOrThrow({ where: { id: Number(created.body.id) } });
    await http(stack.sandboxUrl, 'POST', '/sandbox/clock', {
      body: { now: new Date(row.aftersaleDeadline!.getTime() + 1_000).toISOString() },
    });
    await stack.server.app.get(Clock).refresh();
    people.delete('pm-reviewer'); // tokens are checked against the moved clock
    try {
      await stack.server.app.get(JobQueue).sweepNow();
      expect(await task('pm-reviewer', 'FIRST_ORDER')).toMatchObject({ done: true, points: 100 });
      // 50 (review) + 100 (first order) + what the order earned, unfrozen with the window.
      const earned = await db().pointsLot.findFirstOrThrow({ where: { orderId: row.id, source: 'ORDER' } });
      expect(await available('pm-reviewer')).toBe(150 + earned.amount);
      await stack.server.app.get(JobQueue).sweepNow();
      expect(await db().pointsEntry.count({ where: { userId: id, type: 'TASK' } })).toBe(2);
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
      await stack.server.app.get(Clock).refresh();
      people.delete('pm-reviewer');
    }
    await expectLedgerConsistent('pm-reviewer');
  });

  it('a task set to 0 is off: nothing is recorded', async () => {
    const rules = (await call('GET', '/api/v1/admin/points-rules', admin)).body;
    expect(rules.tasks).toEqual({ FIRST_REVIEW: 50, COMPLETE_PROFILE: 30, FIRST_ORDER: 100 });
    const off = await call('PUT', '/api/v1/admin/points-rules', admin, {
      ...rules,
      tasks: { ...rules.tasks, COMPLETE_PROFILE: 0 },
    });
    expect(off.status).toBe(200);
    try {
      const t = await tokenOf('pm-off');
      await call('PATCH', '/api/v1/me', t, {
        nickname: '小红',
        avatarUrl: '/media/b.png',
        phone: '13900139000',
        birthday: '1995-01-01',
      });
      expect(await task('pm-off', 'COMPLETE_PROFILE')).toMatchObject({ done: false, points: 0 });
      expect(await available('pm-off')).toBe(0);
    } finally {
      await call('PUT', '/api/v1/admin/points-rules', admin, rules);
    }
    expectError(
      await call('PUT', '/api/v1/admin/points-rules', admin, { ...rules, tasks: { ...rules.tasks, FIRST_ORDER: -1 } }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('bad input on every new route', () => {
  it('every new route is in the OpenAPI document', async () => {
    const doc = await call('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/v1/points/tasks',
      '/api/v1/points-mall/items',
      '/api/v1/points-mall/items/{id}/redeem',
      '/api/v1/admin/points-mall',
      '/api/v1/admin/points-mall/{id}',
      '/api/v1/me',
    ])
      expect(Object.keys(doc.body.paths)).toContain(path);
  });

  it.each<[string, string, unknown, number, Record<string, string>?]>([
    ['GET', '/api/v1/points/tasks', undefined, 401],
    ['GET', '/api/v1/points-mall/items', undefined, 401],
    ['GET', '/api/v1/points-mall', undefined, 401],
    ['POST', '/api/v1/points-mall/items/1/redeem', {}, 401],
    ['POST', '/api/v1/points-mall/items/1/redeem', {}, 400], // no Idempotency-Key
    ['POST', '/api/v1/points-mall/items/1/redeem', {}, 400, { 'idempotency-key': 'short' }],
    ['POST', '/api/v1/points-mall/items/abc/redeem', {}, 400, { 'idempotency-key': 'bad-input-key-1' }],
    ['POST', '/api/v1/points-mall/items/0/redeem', {}, 400, { 'idempotency-key': 'bad-input-key-2' }],
    ['POST', '/api/v1/points-mall/items/99999999999/redeem', {}, 400, { 'idempotency-key': 'bad-input-key-3' }],
    ['POST', '/api/v1/points-mall/items/99999999/redeem', {}, 404, { 'idempotency-key': 'bad-input-key-4' }],
    ['POST', '/api/v1/points-mall/99999999/redeem', {}, 404, { 'idempotency-key': 'bad-input-key-5' }],
    ['POST', '/api/v1/points-mall/items/1/redeem', { addressId: 'x' }, 400, { 'idempotency-key': 'bad-input-key-6' }],
    ['POST', '/api/v1/points-mall/items/1/redeem', { extra: 1 }, 400, { 'idempotency-key': 'bad-input-key-7' }],
    ['POST', '/api/v1/points-mall/items/1/redeem', 'not json', 400, { 'idempotency-key': 'bad-input-key-8' }],
    ['GET', '/api/v1/admin/points-mall', undefined, 403],
    ['POST', '/api/v1/admin/points-mall', { kind: 'GIFT' }, 403],
    ['PATCH', '/api/v1/admin/points-mall/1', { stock: 1 }, 403],
    ['PATCH', '/api/v1/me', {}, 400],
    ['PATCH', '/api/v1/me', { phone: '12345' }, 400],
    ['PATCH', '/api/v1/me', { birthday: '1990-02-30' }, 400],
    ['PATCH', '/api/v1/me', { nickname: '' }, 400],
    ['PATCH', '/api/v1/me', { roles: ['ADMIN'] }, 400],
    ['PATCH', '/api/v1/me', { nickname: 'x' }, 401],
  ])('%s %s %j → %i', async (method, path, body, status, headers = {}) => {
    const token = status === 401 ? undefined : await tokenOf('pm-bad-input');
    const result =
      body === 'not json'
        ? await http(stack.baseUrl, method, path, {
            token,
            rawBody: '{oops',
            headers: { 'content-type': 'application/json', ...headers },
          })
        : await call(method, path, token, body, headers);
    expectError(result, status);
  });

  it.each<[string, string, unknown, number]>([
    ['GET', '/api/v1/admin/points-mall?active=maybe', undefined, 400],
    ['GET', '/api/v1/admin/points-mall?page=1', undefined, 400],
    ['POST', '/api/v1/admin/points-mall', {}, 400],
    ['POST', '/api/v1/admin/points-mall', [], 400],
    ['POST', '/api/v1/admin/points-mall', 'not json', 400],
    ['PATCH', '/api/v1/admin/points-mall/abc', { stock: 1 }, 400],
    ['PATCH', '/api/v1/admin/points-mall/99999999', { stock: 1 }, 404],
    ['PATCH', '/api/v1/admin/points-mall/1', {}, 400],
    ['PATCH', '/api/v1/admin/points-mall/1', { stock: -1 }, 400],
    ['PATCH', '/api/v1/admin/points-mall/1', { points: 0 }, 400],
    ['PATCH', '/api/v1/admin/points-mall/1', { perUserLimit: 0 }, 400],
    ['PATCH', '/api/v1/admin/points-mall/1', { kind: 'GIFT' }, 400],
    ['PATCH', '/api/v1/admin/points-mall/1', { cash: 'free' }, 400],
  ])('admin %s %s %j → %i', async (method, path, body, status) => {
    const result =
      body === 'not json'
        ? await http(stack.baseUrl, method, path, {
            token: admin,
            rawBody: '{oops',
            headers: { 'content-type': 'application/json' },
          })
        : await call(method, path, admin, body);
    expectError(result, status);
  });
});
