import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { CouponService } from '../../src/coupon/coupon.service';
import { OrderLifecycle } from '../../src/order/order-lifecycle.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 优惠券 over HTTP: claims never over-issue (500 racing for 100; one user's 20 racing for a limit of
 * 2); a coupon at checkout is priced on the lines, LOCKED by the order, USED when paid, back on
 * cancel and on a full refund before shipping but not on a partial one; every reason a coupon is
 * refused; nonsense templates refused with the field; 复购券 once per completed order; community drops;
 * bad input on every route is a 4xx in the error shape.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;
const people = new Map<string, { token: string; id: number }>();

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
const db = () => stack.server.app.get(PrismaService).client;

async function user(name: string) {
  if (!people.has(name)) {
    const { token, user: u } = await loginAs(stack.baseUrl, name);
    people.set(name, { token, id: Number(u.id) });
  }
  return people.get(name)!;
}
const tokenOf = async (name: string) => (await user(name)).token;

beforeAll(async () => {
  stack = await startStack({ label: 'coupons', seed: true });
  given = shop(stack);
  admin = await tokenOf('admin');
});
afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

function expectError(result: { status: number; body: any }, status: number, code?: string) {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (code) expect(result.body.error.code).toBe(code);
}

/** A 满100减20 template (DAYS 7) unless changed. */
async function template(change: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/v1/admin/coupons', admin, {
    name: '满100减20',
    kind: 'AMOUNT_OFF',
    threshold: 10_000,
    amount: 2_000,
    validity: 'DAYS',
    validDays: 7,
    totalQuantity: 1_000,
    perUserLimit: 5,
    ...change,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; title: string };
}

async function claim(name: string, templateId: string) {
  const claimed = await call('POST', `/api/v1/coupons/${templateId}/claim`, await tokenOf(name));
  expect(claimed.status).toBe(201);
  return claimed.body as { id: string; status: string };
}

const couponRow = (id: string) => db().userCoupon.findUniqueOrThrow({ where: { id: Number(id) } });

/** A cart of fresh SKUs at these prices (1 unit each) with an address. */
async function cart(name: string, prices: number[]) {
  const token = await tokenOf(name);
  const skus = [];
  for (const price of prices) skus.push(await given.skuWithStock(20, price));
  const addressId = await given.addressFor(token);
  return { token, skus, body: { items: skus.map((s) => ({ skuId: s.skuId, quantity: 1 })), addressId } };
}

describe('claiming never over-issues', () => {
  it('500 concurrent claims of a template with quantity 100 issue exactly 100', async () => {
    const t = await template({ totalQuantity: 100, perUserLimit: 1 });
    const names = Array.from({ length: 500 }, (_, i) => `rush-${i}`);
    for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((n) => user(n)));
    const results = await Promise.all(
      names.map(async (n) => call('POST', `/api/v1/coupons/${t.id}/claim`, await tokenOf(n))),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('COUPON_SOLD_OUT');
    expect(await db().userCoupon.count({ where: { templateId: Number(t.id) } })).toBe(100);
    expect((await db().couponTemplate.findUniqueOrThrow({ where: { id: Number(t.id) } })).issued).toBe(100);
    const centre = await call('GET', '/api/v1/coupons/center', await tokenOf('rush-late'));
    expect(centre.body.items.find((x: any) => x.id === t.id)).toMatchObject({
      remaining: 0,
      claimable: false,
      reason: 'SOLD_OUT',
      reasonText: '已领完',
    });
  }, 180_000);

  it("one user's 20 concurrent claims with a per-user limit of 2 get exactly 2", async () => {
    const t = await template({ totalQuantity: 100, perUserLimit: 2 });
    const token = await tokenOf('greedy');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', `/api/v1/coupons/${t.id}/claim`, token)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    for (const r of results.filter((x) => x.status !== 201)) expectError(r, 409, 'COUPON_LIMIT_REACHED');
    expect(await db().userCoupon.count({ where: { templateId: Number(t.id) } })).toBe(2);
    expect((await db().couponTemplate.findUniqueOrThrow({ where: { id: Number(t.id) } })).issued).toBe(2);
  }, 60_000);
});

describe('the claim centre', () => {
  it('shows each template with claimable or the reason; channels decide who may claim', async () => {
    const centre = await template({ name: '领券中心券' });
    const memberDay = await template({ name: '会员日券', channel: 'MEMBER_DAY' });
    const newbie = await template({ name: '新人券', channel: 'NEW_CUSTOMER', perUserLimit: 1 });
    const repurchase = await template({ name: '复购券', channel: 'REPURCHASE' });
    const view = await call('GET', '/api/v1/coupons/center', await tokenOf('centre-fan'));
    expect(view.status).toBe(200);
    const item = (id: string) => view.body.items.find((x: any) => x.id === id);
    expect(item(centre.id)).toMatchObject({ claimable: true, reason: null, title: '满100减20', claimedByMe: 0 });
    expect(item(memberDay.id)).toMatchObject({
      claimable: false,
      reason: 'NOT_MEMBER_DAY',
      reasonText: '仅会员日可领',
    });
    expect(item(newbie.id)).toMatchObject({ claimable: true });
    expect(item(repurchase.id)).toBeUndefined();

    expectError(
      await call('POST', `/api/v1/coupons/${memberDay.id}/claim`, await tokenOf('centre-fan')),
      409,
      'COUPON_NOT_CLAIMABLE',
    );
    expectError(
      await call('POST', `/api/v1/coupons/${repurchase.id}/claim`, await tokenOf('centre-fan')),
      404,
      'COUPON_TEMPLATE_NOT_FOUND',
    );
    await claim('centre-fan', newbie.id);
    const again = await call('POST', `/api/v1/coupons/${newbie.id}/claim`, await tokenOf('centre-fan'));
    expectError(again, 409, 'COUPON_LIMIT_REACHED');

    // Member day every day of the week (Shanghai time): the member-day coupon becomes claimable.
    const schedule = (enabled: boolean) => ({
      enabled,
      kind: 'WEEKLY',
      days: [1, 2, 3, 4, 5, 6, 7],
      levelIds: [],
      pointsMultiplierBp: 10_000,
      prices: [],
    });
    expect((await call('PUT', '/api/v1/admin/member-days', admin, schedule(true))).status).toBe(200);
    try {
      const today = await call('GET', '/api/v1/coupons/center', await tokenOf('centre-fan'));
      expect(today.body.memberDay).toBe(true);
      expect(today.body.items.find((x: any) => x.id === memberDay.id)).toMatchObject({ claimable: true });
      await claim('centre-fan', memberDay.id);
    } finally {
      expect((await call('PUT', '/api/v1/admin/member-days', admin, schedule(false))).status).toBe(200);
    }
  });

  it('a customer who has paid an order is not a new customer', async () => {
    const newbie = await template({ name: '新人券2', channel: 'NEW_CUSTOMER', perUserLimit: 1 });
    const c = await cart('old-hand', [3_000]);
    const order = await given.order(c.token, c.body);
    expect(order.status).toBe(201);
    await given.pay(c.token, order.body.id);
    await given.waitForStatus(c.token, order.body.id, ['TO_SHIP']);
    const view = await call('GET', '/api/v1/coupons/center', c.token);
    expect(view.body.items.find((x: any) => x.id === newbie.id)).toMatchObject({
      claimable: false,
      reason: 'NEW_CUSTOMERS_ONLY',
    });
    expectError(await call('POST', `/api/v1/coupons/${newbie.id}/claim`, c.token), 409, 'COUPON_NOT_CLAIMABLE');
  });
});

describe('a coupon at checkout', () => {
  it('preview allocates it to lines, the order LOCKS it, paying makes it USED', async () => {
    const t = await template();
    const coupon = await claim('buyer-1', t.id);
    const c = await cart('buyer-1', [6_000, 3_000, 3_000]);

    const picker = await call('POST', '/api/v1/me/coupons/for-checkout', c.token, c.body);
    expect(picker.status).toBe(200);
    expect(picker.body.bestCouponId).toBe(coupon.id);
    expect(picker.body.items[0]).toMatchObject({
      usable: true,
      discount: 2_000,
      reason: null,
      coupon: { id: coupon.id },
    });

    const preview = await call('POST', '/api/v1/orders/preview', c.token, { ...c.body, couponId: coupon.id });
    expect(preview.status).toBe(200);
    expect(preview.body.couponDiscount).toBe(2_000);
    expect(preview.body.lines.map((l: any) => l.couponDiscount)).toEqual([1_000, 500, 500]);
    const withoutCoupon = await call('POST', '/api/v1/orders/preview', c.token, c.body);
    expect(withoutCoupon.body.payable - preview.body.payable).toBe(2_000);

    const order = await given.order(c.token, { ...c.body, couponId: coupon.id });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ couponDiscount: 2_000, payable: preview.body.payable });
    expect(await couponRow(coupon.id)).toMatchObject({ status: 'LOCKED', orderId: Number(order.body.id) });
    const locked = await call('GET', '/api/v1/me/coupons?status=LOCKED', c.token);
    expect(locked.body.items.map((x: any) => x.id)).toEqual([coupon.id]);

    // The same coupon on a second order while the first holds it.
    const second = await call('POST', '/api/v1/orders/preview', c.token, { ...c.body, couponId: coupon.id });
    expectError(second, 422, 'COUPON_NOT_APPLICABLE');
    expect(second.body.error.details.reason).toBe('IN_USE');

    await given.pay(c.token, order.body.id);
    await given.waitForStatus(c.token, order.body.id, ['TO_SHIP']);
    expect(await couponRow(coupon.id)).toMatchObject({ status: 'USED', orderId: Number(order.body.id) });
    const used = await call('GET', '/api/v1/me/coupons?status=USED', c.token);
    expect(used.body.items.map((x: any) => x.id)).toEqual([coupon.id]);
    const again = await call('POST', '/api/v1/orders/preview', c.token, { ...c.body, couponId: coupon.id });
    expect(again.body.error.details.reason).toBe('USED');
  });

  it('two orders racing for one coupon: exactly one gets it', async () => {
    const t = await template({ kind: 'NO_THRESHOLD', threshold: 0, amount: 500 });
    const coupon = await claim('racer', t.id);
    const c = await cart('racer', [2_000]);
    const results = await Promise.all([1, 2, 3].map(() => given.order(c.token, { ...c.body, couponId: coupon.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expectError(r, 422, 'COUPON_NOT_APPLICABLE');
  });

  it('cancelling the unpaid order returns the coupon in the same transaction', async () => {
    const t = await template();
    const coupon = await claim('canceller', t.id);
    const c = await cart('canceller', [12_000]);
    const order = await given.order(c.token, { ...c.body, couponId: coupon.id });
    expect(order.status).toBe(201);
    const cancelled = await call('POST', `/api/v1/orders/${order.body.id}/cancel`, c.token, {});
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await couponRow(coupon.id)).toMatchObject({ status: 'AVAILABLE', orderId: null });
    const reuse = await given.order(c.token, { ...c.body, couponId: coupon.id });
    expect(reuse.status).toBe(201);
    expect(reuse.body.couponDiscount).toBe(2_000);
  });

  const refundLine = async (token: string, orderId: string, line: { id: string; paidAmount: number }) => {
    const asked = await call('POST', `/api/v1/orders/${orderId}/aftersales`, token, {
      lineId: line.id,
      type: 'REFUND',
      amount: line.paidAmount,
      reason: '不想要了',
    });
    expect(asked.status).toBe(201);
    expect((await call('POST', `/api/v1/admin/aftersales/${asked.body.id}/approve`, admin)).status).toBe(200);
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      if ((await call('GET', `/api/v1/aftersales/${asked.body.id}`, token)).body.status === 'REFUNDED') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('refund never completed');
  };

  it('a full refund before shipping returns it; a partial refund does not', async () => {
    const t = await template();
    const full = await claim('refunder', t.id);
    const partial = await claim('refunder', t.id);

    const one = await cart('refunder', [12_000]);
    const a = await given.order(one.token, { ...one.body, couponId: full.id });
    await given.pay(one.token, a.body.id);
    const paidA = await given.waitForStatus(one.token, a.body.id, ['TO_SHIP']);
    await refundLine(one.token, a.body.id, paidA.lines[0]);
    await given.waitForStatus(one.token, a.body.id, ['CLOSED']);
    expect(await couponRow(full.id)).toMatchObject({ status: 'AVAILABLE', orderId: null, usedAt: null });

    const two = await cart('refunder', [8_000, 8_000]);
    const b = await given.order(two.token, { ...two.body, couponId: partial.id });
    await given.pay(two.token, b.body.id);
    const paidB = await given.waitForStatus(two.token, b.body.id, ['TO_SHIP']);
    await refundLine(two.token, b.body.id, paidB.lines[0]);
    expect(await couponRow(partial.id)).toMatchObject({ status: 'USED', orderId: Number(b.body.id) });
  });

  it('a full refund after shipping does not return it', async () => {
    const t = await template();
    const coupon = await claim('shipped-refunder', t.id);
    const c = await cart('shipped-refunder', [12_000]);
    const order = await given.order(c.token, { ...c.body, couponId: coupon.id });
    await given.pay(c.token, order.body.id);
    const paid = await given.waitForStatus(c.token, order.body.id, ['TO_SHIP']);
    const lifecycle = stack.server.app.get(OrderLifecycle);
    await stack.server.app
      .get(PrismaService)
      .transaction((tx) => lifecycle.markShipped(tx, Number(order.body.id), 'ADMIN'));
    await refundLine(c.token, order.body.id, paid.lines[0]);
    expect(await couponRow(coupon.id)).toMatchObject({ status: 'USED' });
  });

  it.each<[string, number[], string]>([
    ['below its threshold', [9_999], 'BELOW_THRESHOLD'],
    ['out of scope', [20_000], 'OUT_OF_SCOPE'],
  ])('a coupon %s → 422 with the reason', async (_what, prices, reason) => {
    const name = `refused-${reason}`;
    const c = await cart(name, prices);
    const elsewhere = await db().product.findFirstOrThrow({ where: { id: { not: Number(c.skus[0].productId) } } });
    const t = await template(reason === 'OUT_OF_SCOPE' ? { scope: 'PRODUCTS', scopeIds: [String(elsewhere.id)] } : {});
    const coupon = await claim(name, t.id);
    const preview = await call('POST', '/api/v1/orders/preview', c.token, { ...c.body, couponId: coupon.id });
    expectError(preview, 422, 'COUPON_NOT_APPLICABLE');
    expect(preview.body.error.details.reason).toBe(reason);
    expectError(await given.order(c.token, { ...c.body, couponId: coupon.id }), 422, 'COUPON_NOT_APPLICABLE');
    const picker = await call('POST', '/api/v1/me/coupons/for-checkout', c.token, c.body);
    expect(picker.body.items.find((x: any) => x.coupon.id === coupon.id)).toMatchObject({
      usable: false,
      reason,
      reasonText: expect.any(String),
      discount: 0,
    });
    expect(picker.body.bestCouponId).toBeNull();
  });

  it("another user's coupon is not found", async () => {
    const t = await template();
    const coupon = await claim('owner', t.id);
    const c = await cart('thief', [20_000]);
    const preview = await call('POST', '/api/v1/orders/preview', c.token, { ...c.body, couponId: coupon.id });
    expectError(preview, 422, 'COUPON_NOT_APPLICABLE');
    expect(preview.body.error.details.reason).toBe('NOT_FOUND');
    const missing = await call('POST', '/api/v1/orders/preview', c.token, { ...c.body, couponId: '999999999' });
    expect(missing.body.error.details.reason).toBe('NOT_FOUND');
  });

  it('an expired coupon is refused and listed as EXPIRED', async () => {
    const t = await template({ validDays: 1 });
    const coupon = await claim('late', t.id);
    const c = await cart('late', [20_000]);
    await http(stack.sandboxUrl, 'POST', '/sandbox/clock', {
      body: { now: new Date(Date.now() + 2 * 86_400_000).toISOString() },
    });
    try {
      const preview = await call('POST', '/api/v1/orders/preview', c.token, { ...c.body, couponId: coupon.id });
      expectError(preview, 422, 'COUPON_NOT_APPLICABLE');
      expect(preview.body.error.details.reason).toBe('EXPIRED');
      const expired = await call('GET', '/api/v1/me/coupons?status=EXPIRED', c.token);
      expect(expired.body.items.map((x: any) => [x.id, x.status])).toEqual([[coupon.id, 'EXPIRED']]);
      const available = await call('GET', '/api/v1/me/coupons?status=AVAILABLE', c.token);
      expect(available.body.items).toEqual([]);
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
    }
  });

  it('a 折扣券 is floored to the fen and capped', async () => {
    const t = await template({ kind: 'PERCENT_OFF', threshold: 0, amount: 0, percentBp: 8_500, cap: 1_000 });
    const coupon = await claim('percent', t.id);
    const small = await cart('percent', [3_333]);
    const preview = await call('POST', '/api/v1/orders/preview', small.token, { ...small.body, couponId: coupon.id });
    expect(preview.body.couponDiscount).toBe(499);
    const big = await cart('percent', [50_000]);
    const capped = await call('POST', '/api/v1/orders/preview', big.token, { ...big.body, couponId: coupon.id });
    expect(capped.body.couponDiscount).toBe(1_000);
  });
});

describe('复购券 and community drops', () => {
  it('a completed order grants each repurchase template once', async () => {
    const t = await template({ name: '复购券', channel: 'REPURCHASE', perUserLimit: 10 });
    const c = await cart('loyal', [3_000]);
    const order = await given.order(c.token, c.body);
    await given.pay(c.token, order.body.id);
    await given.waitForStatus(c.token, order.body.id, ['TO_SHIP']);
    const lifecycle = stack.server.app.get(OrderLifecycle);
    await stack.server.app
      .get(PrismaService)
      .transaction((tx) => lifecycle.markShipped(tx, Number(order.body.id), 'ADMIN'));
    expect((await call('POST', `/api/v1/orders/${order.body.id}/confirm-receipt`, c.token)).status).toBe(200);
    const userId = (await user('loyal')).id;
    const until = Date.now() + 10_000;
    while (Date.now() < until && (await db().userCoupon.count({ where: { templateId: Number(t.id), userId } })) === 0)
      await new Promise((r) => setTimeout(r, 100));
    expect(await db().userCoupon.count({ where: { templateId: Number(t.id), userId } })).toBe(1);
    expect(await stack.server.app.get(CouponService).grantRepurchase(userId, Number(order.body.id))).toBe(0);
    expect(await db().userCoupon.count({ where: { templateId: Number(t.id), userId } })).toBe(1);
  });

  it("a community's manager drops its coupon to its members; others may not", async () => {
    const community = await call('POST', '/api/v1/admin/communities', admin, { name: '券友会' });
    expect(community.status).toBe(201);
    const id = community.body.id as string;
    const manager = await user('coupon-mgr');
    expect(
      (await call('POST', `/api/v1/admin/communities/${id}/managers`, admin, { userId: String(manager.id) })).status,
    ).toBeLessThan(300);
    for (const fan of ['fan-a', 'fan-b', 'fan-c'])
      expect((await call('POST', `/api/v1/communities/${id}/join`, await tokenOf(fan), {})).status).toBeLessThan(300);
    const t = await template({
      name: '社群券',
      channel: 'COMMUNITY',
      communityId: id,
      totalQuantity: 3,
      perUserLimit: 1,
    });

    expectError(
      await call('POST', `/api/v1/manage/communities/${id}/coupons`, await tokenOf('fan-a'), { templateId: t.id }),
      403,
      'FORBIDDEN',
    );
    const listed = await call('GET', `/api/v1/manage/communities/${id}/coupons`, manager.token);
    expect(listed.body.items.map((x: any) => x.id)).toEqual([t.id]);
    const dropped = await call('POST', `/api/v1/manage/communities/${id}/coupons`, manager.token, { templateId: t.id });
    expect(dropped.status).toBe(201);
    expect(dropped.body).toMatchObject({ members: 4, issued: 3, soldOut: true });
    expect(await db().userCoupon.count({ where: { templateId: Number(t.id) } })).toBe(3);
    const centre = await template();
    expectError(
      await call('POST', `/api/v1/manage/communities/${id}/coupons`, manager.token, { templateId: centre.id }),
      404,
      'COUPON_TEMPLATE_NOT_FOUND',
    );
  });
});

describe('templates (admin)', () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ['a 120% discount', { kind: 'PERCENT_OFF', amount: 0, percentBp: 12_000, cap: 1_000 }, 422, 'percentBp'],
    ['a coupon worth more than its threshold', { threshold: 1_000, amount: 2_000 }, 422, 'amount'],
    ['a 折扣券 with no cap', { kind: 'PERCENT_OFF', amount: 0, percentBp: 8_000 }, 422, 'cap'],
    ['a negative amount', { amount: -1 }, 400, 'amount'],
    ['a negative threshold', { threshold: -100 }, 400, 'threshold'],
    ['a negative quantity', { totalQuantity: -5 }, 400, 'totalQuantity'],
    [
      'a fixed window backwards',
      { validity: 'FIXED', validDays: null, validFrom: '2026-12-02T00:00:00Z', validTo: '2026-12-01T00:00:00Z' },
      422,
      'validTo',
    ],
    ['no days', { validDays: 0 }, 422, 'validDays'],
    ['an unknown product', { scope: 'PRODUCTS', scopeIds: ['999999'] }, 422, 'scopeIds'],
    ['a 无门槛 with a threshold', { kind: 'NO_THRESHOLD', threshold: 100 }, 422, 'threshold'],
    ['an unknown channel', { channel: 'LOTTERY' }, 400, 'channel'],
  ])('%s is refused with the field', async (_what, change, status, field) => {
    const result = await call('POST', '/api/v1/admin/coupons', admin, {
      name: 'x',
      kind: 'AMOUNT_OFF',
      threshold: 10_000,
      amount: 2_000,
      validity: 'DAYS',
      validDays: 7,
      totalQuantity: 10,
      ...change,
    });
    expectError(result, status, status === 400 ? 'VALIDATION_FAILED' : 'COUPON_TEMPLATE_INVALID');
    expect(result.body.error.details.fields.map((f: any) => f.path)).toContain(field);
  });

  it('lists, reads and updates; the quantity never goes below what was issued', async () => {
    const t = await template({ totalQuantity: 5, perUserLimit: 2 });
    const renamed = await call('PATCH', `/api/v1/admin/coupons/${t.id}`, admin, { name: '改名券' });
    expect(renamed.body).toMatchObject({ name: '改名券', perUserLimit: 2, totalQuantity: 5 });
    await claim('admin-probe-1', t.id);
    await claim('admin-probe-2', t.id);
    const one = await call('GET', `/api/v1/admin/coupons/${t.id}`, admin);
    expect(one.body).toMatchObject({ issued: 2, totalQuantity: 5, status: 'ACTIVE', used: 0 });
    const below = await call('PATCH', `/api/v1/admin/coupons/${t.id}`, admin, { totalQuantity: 1 });
    expectError(below, 422, 'COUPON_TEMPLATE_INVALID');
    const disabled = await call('PATCH', `/api/v1/admin/coupons/${t.id}`, admin, {
      status: 'DISABLED',
      totalQuantity: 2,
    });
    expect(disabled.body).toMatchObject({ status: 'DISABLED', totalQuantity: 2 });
    expectError(
      await call('POST', `/api/v1/coupons/${t.id}/claim`, await tokenOf('admin-probe-3')),
      409,
      'COUPON_NOT_CLAIMABLE',
    );
    const list = await call('GET', '/api/v1/admin/coupons?status=DISABLED', admin);
    expect(list.body.items.map((x: any) => x.id)).toContain(t.id);
    expectError(await call('GET', '/api/v1/admin/coupons', await tokenOf('admin-probe-1')), 403, 'FORBIDDEN');
  });
});

describe('bad input on every route', () => {
  it('every coupon route is in the OpenAPI document', async () => {
    const doc = await call('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/v1/coupons/center',
      '/api/v1/coupons/{templateId}/claim',
      '/api/v1/me/coupons',
      '/api/v1/me/coupons/for-checkout',
      '/api/v1/admin/coupons',
      '/api/v1/admin/coupons/{id}',
      '/api/v1/manage/communities/{id}/coupons',
    ])
      expect(Object.keys(doc.body.paths)).toContain(path);
  });

  it.each<[string, string, unknown, number]>([
    ['GET', '/api/v1/coupons/center', undefined, 401],
    ['POST', '/api/v1/coupons/abc/claim', undefined, 400],
    ['POST', '/api/v1/coupons/99999999/claim', undefined, 404],
    ['POST', '/api/v1/coupons/99999999999/claim', undefined, 400],
    ['GET', '/api/v1/me/coupons?status=LOST', undefined, 400],
    ['GET', '/api/v1/me/coupons?page=0', undefined, 400],
    ['GET', '/api/v1/me/coupons?pageSize=1000', undefined, 400],
    ['GET', '/api/v1/me/coupons?extra=1', undefined, 400],
    ['POST', '/api/v1/me/coupons/for-checkout', {}, 400],
    ['POST', '/api/v1/me/coupons/for-checkout', { items: [] }, 400],
    ['POST', '/api/v1/me/coupons/for-checkout', { items: [{ skuId: 'x', quantity: 1 }] }, 400],
    ['POST', '/api/v1/me/coupons/for-checkout', { items: [{ skuId: '99999999', quantity: 1 }] }, 409],
    ['POST', '/api/v1/me/coupons/for-checkout', 'not json', 400],
    ['GET', '/api/v1/admin/coupons', undefined, 403],
    ['POST', '/api/v1/admin/coupons', { name: 'x' }, 403],
    ['GET', '/api/v1/admin/coupons/1', undefined, 403],
    ['PATCH', '/api/v1/admin/coupons/1', { name: 'x' }, 403],
    ['GET', '/api/v1/manage/communities/abc/coupons', undefined, 400],
    ['GET', '/api/v1/manage/communities/99999/coupons', undefined, 403],
    ['POST', '/api/v1/manage/communities/99999/coupons', { templateId: '1' }, 403],
    ['POST', '/api/v1/manage/communities/1/coupons', { templateId: 'x' }, 400],
  ])('%s %s %j → %i', async (method, path, body, status) => {
    const token = status === 401 ? undefined : await tokenOf('bad-input');
    const result =
      body === 'not json'
        ? await http(stack.baseUrl, method, path, {
            token,
            rawBody: '{oops',
            headers: { 'content-type': 'application/json' },
          })
        : await call(method, path, token, body);
    expectError(result, status);
  });

  it.each<[string, string, unknown, number]>([
    ['GET', '/api/v1/admin/coupons?status=GONE', undefined, 400],
    ['GET', '/api/v1/admin/coupons?channel=LOTTERY', undefined, 400],
    ['GET', '/api/v1/admin/coupons/abc', undefined, 400],
    ['GET', '/api/v1/admin/coupons/99999999', undefined, 404],
    ['POST', '/api/v1/admin/coupons', {}, 400],
    ['POST', '/api/v1/admin/coupons', [], 400],
    ['POST', '/api/v1/admin/coupons', { name: 'x', kind: 'AMOUNT_OFF', validity: 'DAYS', totalQuantity: 1.5 }, 400],
    ['POST', '/api/v1/admin/coupons', { name: 'x', kind: 'AMOUNT_OFF', validity: 'DAYS', totalQuantity: 1, x: 1 }, 400],
    [
      'POST',
      '/api/v1/admin/coupons',
      { name: 'x'.repeat(40), kind: 'AMOUNT_OFF', validity: 'DAYS', totalQuantity: 1 },
      400,
    ],
    [
      'POST',
      '/api/v1/admin/coupons',
      { name: 'x', kind: 'AMOUNT_OFF', validity: 'FIXED', validFrom: 'soon', totalQuantity: 1 },
      400,
    ],
    ['PATCH', '/api/v1/admin/coupons/1', {}, 400],
    ['PATCH', '/api/v1/admin/coupons/1', { amount: 5 }, 400],
    ['PATCH', '/api/v1/admin/coupons/99999999', { name: 'y' }, 404],
    ['PATCH', '/api/v1/admin/coupons/1', { perUserLimit: 0 }, 400],
  ])('admin %s %s %j → %i', async (method, path, body, status) => {
    expectError(await call(method, path, admin, body), status);
  });
});
