import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 营销活动 over HTTP: a flash sale with stock 100 meets 1,000 concurrent buyers and sells exactly
 * 100; a 满减 tier shows in the preview and is charged and allocated to the lines; a cancelled
 * flash-sale order gives its quota back; the per-person limit holds; bad admin input is 4xx. Editing:
 * everything before the start, only the title, the end and raised quotas (sold up to the new quota,
 * through the gate) while running, nothing once ended or disabled. Flash sales starting within 7 days
 * are listed as upcoming and sell at the SKU's price until they start.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
const db = () => stack.server.app.get(PrismaService).client;
const userIdOf = (token: string): number =>
  Number(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub);

beforeAll(async () => {
  // A rush of 1,000 buyers in one process: a pool of 5 connections (the tests' default) makes
  // requests wait longer than the pool timeout, so this stack runs with a production-like pool.
  stack = await startStack({ label: 'promotions', seed: true, env: { DATABASE_POOL_SIZE: '20' } });
  given = shop(stack);
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const window = () => ({
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 86_400_000).toISOString(),
});

async function flashSale(skuId: string, terms: { price: number; quota: number; perUserLimit: number }) {
  const created = await call('POST', '/api/v1/admin/promotions', admin, {
    type: 'FLASH_SALE',
    title: '限时秒杀',
    ...window(),
    skus: [{ skuId, ...terms }],
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** Buyers with a delivery address: logged in through the sandbox, addresses written directly. */
async function buyers(prefix: string, count: number): Promise<{ token: string; addressId: string }[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, j) => loginAs(stack.baseUrl, `${prefix}-${i + j}`)),
    );
    tokens.push(...batch.map((b) => b.token));
  }
  const userIds = tokens.map(userIdOf);
  await db().address.createMany({
    data: userIds.map((userId) => ({
      userId,
      name: '买家',
      phone: '13800138000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路 1 号',
      isDefault: true,
    })),
  });
  const addresses = await db().address.findMany({ where: { userId: { in: userIds } } });
  const byUser = new Map(addresses.map((a) => [a.userId, String(a.id)]));
  return tokens.map((token) => ({ token, addressId: byUser.get(userIdOf(token))! }));
}

const soldOf = async (promotionId: string, skuId: string) =>
  (
    await db().flashSaleSku.findUniqueOrThrow({
      where: { promotionId_skuId: { promotionId: Number(promotionId), skuId: Number(skuId) } },
    })
  ).sold;

describe('flash sale (限时秒杀)', () => {
  it('sells exactly 100 to 1,000 concurrent buyers: stock never negative, quota exact', async () => {
    const sku = await given.skuWithStock(100, 10_000);
    const promotionId = await flashSale(sku.skuId, { price: 5_000, quota: 100, perUserLimit: 1 });
    const crowd = await buyers('rush', 1_000);

    const results = await Promise.all(
      crowd.map((b) => given.order(b.token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: b.addressId })),
    );
    const created = results.filter((r) => r.status === 201);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(created).toHaveLength(100);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(['STOCK_INSUFFICIENT', 'FLASH_SALE_SOLD_OUT']).toContain(r.body.error.code);
    }
    for (const r of created) {
      expect(r.body.lines[0].unitPrice).toBe(5_000);
      expect(r.body.payable).toBe(5_000 + r.body.shippingFee);
    }
    expect(await given.stockOf(sku.skuId)).toBe(0);
    expect(await soldOf(promotionId, sku.skuId)).toBe(100);
    const lines = await db().orderLine.aggregate({ where: { skuId: Number(sku.skuId) }, _sum: { quantity: true } });
    expect(lines._sum.quantity).toBe(100);

    // The shorter payment timeout of an activity order.
    const order = created[0].body;
    const waitMs = Date.parse(order.expiresAt) - Date.parse(order.createdAt);
    expect(waitMs).toBe(stack.config.orders.activityPaymentTimeoutMs);

    const active = await call('GET', '/api/v1/promotions/active', crowd[0].token);
    expect(active.status).toBe(200);
    const listed = active.body.items.find((p: { id: string }) => p.id === promotionId);
    expect(listed.skus[0]).toMatchObject({ skuId: sku.skuId, price: 5_000, remaining: 0 });
  }, 300_000);

  it('gives the quota back when an unpaid order is cancelled, and enforces the per-person limit', async () => {
    const sku = await given.skuWithStock(20, 8_000);
    const promotionId = await flashSale(sku.skuId, { price: 3_000, quota: 5, perUserLimit: 2 });
    const [buyer] = await buyers('limit', 1);
    const body = { items: [{ skuId: sku.skuId, quantity: 2 }], addressId: buyer.addressId };

    const preview = await call('POST', '/api/v1/orders/preview', buyer.token, body);
    expect(preview.status).toBe(200);
    expect(preview.body.lines[0].unitPrice).toBe(3_000);

    const first = await given.order(buyer.token, body);
    expect(first.status).toBe(201);
    expect(await soldOf(promotionId, sku.skuId)).toBe(2);

    const again = await given.order(buyer.token, { ...body, items: [{ skuId: sku.skuId, quantity: 1 }] });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'FLASH_SALE_LIMIT_EXCEEDED', details: { limit: 2, already: 2 } });

    const cancelled = await call('POST', `/api/v1/orders/${first.body.id}/cancel`, buyer.token, { reason: '不想要了' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await soldOf(promotionId, sku.skuId)).toBe(0);
    expect(await given.stockOf(sku.skuId)).toBe(20);

    // The cancelled order no longer counts against the limit.
    const retry = await given.order(buyer.token, body);
    expect(retry.status).toBe(201);
    expect(await soldOf(promotionId, sku.skuId)).toBe(2);
  }, 120_000);

  it('refuses a rush past the quota (stock to spare) and lets a cancelled unit be bought again', async () => {
    const sku = await given.skuWithStock(1_000, 9_000);
    const promotionId = await flashSale(sku.skuId, { price: 4_000, quota: 10, perUserLimit: 1 });
    const crowd = await buyers('quota-rush', 60);
    const order = (b: (typeof crowd)[number]) =>
      given.order(b.token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: b.addressId });

    const results = await Promise.all(crowd.map(order));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(10);
    expect(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.error?.code}`)).toEqual(
      Array(50).fill('409 FLASH_SALE_SOLD_OUT'),
    );
    expect(await soldOf(promotionId, sku.skuId)).toBe(10);
    expect(await given.stockOf(sku.skuId)).toBe(990);

    // A cancelled unpaid order's unit goes back to the quota, and the next buyer gets it; then no more.
    const cancelled = await call('POST', `/api/v1/orders/${created[0].body.id}/cancel`, crowd[0].token, {
      reason: '不想要了',
    });
    expect(cancelled.status).toBe(200);
    const refused = crowd.filter((_, i) => results[i].status !== 201);
    const next = await order(refused[0]);
    expect(next.status).toBe(201);
    expect(next.body.lines[0].unitPrice).toBe(4_000);
    const after = await order(refused[1]);
    expect(after.body.error?.code).toBe('FLASH_SALE_SOLD_OUT');
    expect(await soldOf(promotionId, sku.skuId)).toBe(10);
  }, 120_000);

  it('no longer prices a disabled flash sale', async () => {
    const sku = await given.skuWithStock(5, 6_000);
    const promotionId = await flashSale(sku.skuId, { price: 1_000, quota: 5, perUserLimit: 5 });
    const disabled = await call('POST', `/api/v1/admin/promotions/${promotionId}/disable`, admin, {});
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('DISABLED');
    const [buyer] = await buyers('disabled', 1);
    const preview = await call('POST', '/api/v1/orders/preview', buyer.token, {
      items: [{ skuId: sku.skuId, quantity: 1 }],
    });
    expect(preview.status).toBe(200);
    expect(preview.body.lines[0].unitPrice).toBe(6_000);
  });
});

describe('满减', () => {
  it('applies the reached tier in the preview and the order, allocated to the lines', async () => {
    const a = await given.skuWithStock(10, 12_000);
    const b = await given.skuWithStock(10, 8_000);
    const created = await call('POST', '/api/v1/admin/promotions', admin, {
      type: 'FULL_REDUCTION',
      title: '满199减20 满299减40',
      ...window(),
      scope: 'PRODUCTS',
      scopeIds: [...new Set([a.productId, b.productId])],
      tiers: [
        { threshold: 19_900, amount: 2_000 },
        { threshold: 29_900, amount: 4_000 },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'FULL_REDUCTION', scope: 'PRODUCTS', status: 'ACTIVE' });

    const [buyer] = await buyers('full', 1);
    const body = {
      items: [
        { skuId: a.skuId, quantity: 1 },
        { skuId: b.skuId, quantity: 1 },
      ],
      addressId: buyer.addressId,
    };
    const preview = await call('POST', '/api/v1/orders/preview', buyer.token, body);
    expect(preview.status).toBe(200);
    expect(preview.body.discounts).toContainEqual({ type: 'FULL_REDUCTION', label: '满199减20', amount: 2_000 });
    // 20,000 fen over 12,000 + 8,000: 1,200 and 800.
    expect(preview.body.lines.map((l: { discountAmount: number }) => l.discountAmount)).toEqual([1_200, 800]);

    const order = await given.order(buyer.token, body);
    expect(order.status).toBe(201);
    expect(order.body.discountAmount).toBe(2_000);
    expect(order.body.payable).toBe(preview.body.payable);
    expect(order.body.lines.map((l: { paidAmount: number }) => l.paidAmount)).toEqual([10_800, 7_200]);

    // One more unit of B reaches the 满299 tier.
    const more = await call('POST', '/api/v1/orders/preview', buyer.token, {
      items: [
        { skuId: a.skuId, quantity: 1 },
        { skuId: b.skuId, quantity: 3 },
      ],
    });
    expect(more.body.discounts).toContainEqual({ type: 'FULL_REDUCTION', label: '满299减40', amount: 4_000 });

    const list = await call('GET', '/api/v1/admin/promotions?type=FULL_REDUCTION', admin);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
  });
});

describe('bad input', () => {
  const base = () => ({ title: '坏的', ...window() });
  it.each([
    ['empty body', 'POST', '/api/v1/admin/promotions', {}, 400, 'VALIDATION_FAILED'],
    [
      'a 120% discount',
      'POST',
      '/api/v1/admin/promotions',
      { type: 'FULL_REDUCTION', tiers: [{ threshold: 10_000, amount: 12_000 }] },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'tiers not increasing',
      'POST',
      '/api/v1/admin/promotions',
      {
        type: 'FULL_REDUCTION',
        tiers: [
          { threshold: 29_900, amount: 4_000 },
          { threshold: 19_900, amount: 2_000 },
        ],
      },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a flash price above the SKU price',
      'POST',
      '/api/v1/admin/promotions',
      { type: 'FLASH_SALE', skus: [{ skuId: 'SKU', price: 99_999_999, quota: 1, perUserLimit: 1 }] },
      422,
      'PROMOTION_INVALID',
    ],
    [
      'an unknown SKU',
      'POST',
      '/api/v1/admin/promotions',
      { type: 'FLASH_SALE', skus: [{ skuId: '999999', price: 1, quota: 1, perUserLimit: 1 }] },
      422,
      'PROMOTION_INVALID',
    ],
    [
      'an unknown product in scope',
      'POST',
      '/api/v1/admin/promotions',
      { type: 'FULL_REDUCTION', scope: 'PRODUCTS', scopeIds: ['999999'], tiers: [{ threshold: 100, amount: 10 }] },
      422,
      'PROMOTION_INVALID',
    ],
    [
      'a string quota',
      'POST',
      '/api/v1/admin/promotions',
      { type: 'FLASH_SALE', skus: [{ quota: 'x' }] },
      400,
      'VALIDATION_FAILED',
    ],
    ['disable an unknown promotion', 'POST', '/api/v1/admin/promotions/999999/disable', {}, 404, 'PROMOTION_NOT_FOUND'],
    ['disable a non-numeric id', 'POST', '/api/v1/admin/promotions/abc/disable', {}, 400, 'VALIDATION_FAILED'],
    ['a bad list filter', 'GET', '/api/v1/admin/promotions?type=LOTTERY', undefined, 400, 'VALIDATION_FAILED'],
  ])('%s', async (_name, method, path, body, status, code) => {
    const sku = await given.skuWithStock(5, 10_000);
    const filled =
      body && Object.keys(body).length
        ? JSON.parse(JSON.stringify({ ...base(), ...body }).replace('"SKU"', JSON.stringify(sku.skuId)))
        : body;
    const result = await call(method, path, admin, filled);
    expect(result.status).toBe(status);
    expect(result.body.error).toMatchObject({ code, message: expect.any(String) });
    if (status === 400 && path.endsWith('promotions') && method === 'POST')
      expect(result.body.error.details.fields.length).toBeGreaterThan(0);
  });

  it('admin routes are for admins only', async () => {
    const [shopper] = await buyers('nosy', 1);
    const result = await call('GET', '/api/v1/admin/promotions', shopper.token);
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe('FORBIDDEN');
  });

  it('a flash price at or above the SKU price is refused with the field', async () => {
    const sku = await given.skuWithStock(5, 10_000);
    const result = await call('POST', '/api/v1/admin/promotions', admin, {
      type: 'FLASH_SALE',
      ...base(),
      skus: [{ skuId: sku.skuId, price: 10_000, quota: 1, perUserLimit: 1 }],
    });
    expect(result.status).toBe(422);
    expect(result.body.error.details.fields).toEqual([{ path: 'skus.0.price', message: expect.any(String) }]);
  });
});

describe('编辑 (PATCH /admin/promotions/:id)', () => {
  const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const patch = (id: string, body: unknown, token = admin) =>
    call('PATCH', `/api/v1/admin/promotions/${id}`, token, body);
  /** The promotion and its flash SKUs as stored, to show a refused edit changed nothing. */
  const stored = async (id: string) =>
    JSON.stringify(await db().promotion.findUniqueOrThrow({ where: { id: Number(id) }, include: { flashSkus: true } }));
  async function upcomingFlashSale(skuId: string, startsInHours = 1) {
    const created = await call('POST', '/api/v1/admin/promotions', admin, {
      type: 'FLASH_SALE',
      title: '即将开始',
      startsAt: inHours(startsInHours),
      endsAt: inHours(startsInHours + 24),
      skus: [{ skuId, price: 5_000, quota: 5, perUserLimit: 1 }],
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  it('before the start: every field of a flash sale and of a 满减 changes, the type does not', async () => {
    const a = await given.skuWithStock(10, 10_000);
    const b = await given.skuWithStock(10, 9_000);
    const id = await upcomingFlashSale(a.skuId);
    const startsAt = inHours(2);
    const endsAt = inHours(30);
    const edited = await patch(id, {
      type: 'FLASH_SALE',
      title: '改期秒杀',
      startsAt,
      endsAt,
      earnsCommission: false,
      earnsPoints: false,
      stackWithCoupon: false,
      memberDayOnly: true,
      skus: [{ skuId: b.skuId, price: 4_000, quota: 8, perUserLimit: 2 }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id,
      type: 'FLASH_SALE',
      title: '改期秒杀',
      startsAt,
      endsAt,
      status: 'ACTIVE',
      earnsCommission: false,
      earnsPoints: false,
      stackWithCoupon: false,
      memberDayOnly: true,
      skus: [{ skuId: b.skuId, price: 4_000, quota: 8, sold: 0, perUserLimit: 2 }],
    });
    const rows = await db().flashSaleSku.findMany({ where: { promotionId: Number(id) } });
    expect(rows.map((r) => String(r.skuId))).toEqual([b.skuId]);

    const before = await stored(id);
    const retyped = await patch(id, { type: 'FULL_REDUCTION', tiers: [{ threshold: 100, amount: 10 }] });
    expect(retyped.status).toBe(422);
    expect(retyped.body.error).toMatchObject({ code: 'PROMOTION_TYPE_FIXED', message: expect.any(String) });
    expect(await stored(id)).toBe(before);

    // Back to SKU A at a price below its own: still checked against the catalogue like a create.
    const tooDear = await patch(id, { skus: [{ skuId: a.skuId, price: 10_000, quota: 1, perUserLimit: 1 }] });
    expect(tooDear.status).toBe(422);
    expect(tooDear.body.error).toMatchObject({
      code: 'PROMOTION_INVALID',
      details: { fields: [{ path: 'skus.0.price' }] },
    });
    expect(await stored(id)).toBe(before);

    const reduction = await call('POST', '/api/v1/admin/promotions', admin, {
      type: 'FULL_REDUCTION',
      title: '满减预告',
      startsAt: inHours(1),
      endsAt: inHours(48),
      tiers: [{ threshold: 10_000, amount: 1_000 }],
    });
    expect(reduction.status).toBe(201);
    const reduced = await patch(reduction.body.id, {
      title: '满减加码',
      scope: 'PRODUCTS',
      scopeIds: [a.productId],
      tiers: [
        { threshold: 10_000, amount: 1_500 },
        { threshold: 20_000, amount: 4_000 },
      ],
    });
    expect(reduced.status).toBe(200);
    expect(reduced.body).toMatchObject({
      title: '满减加码',
      scope: 'PRODUCTS',
      scopeIds: [a.productId],
      tiers: [
        { threshold: 10_000, amount: 1_500 },
        { threshold: 20_000, amount: 4_000 },
      ],
    });
  });

  it('while running: the title and the end change, a price does not; a raised quota sells to the new quota, never above', async () => {
    const sku = await given.skuWithStock(100, 9_000);
    const id = await flashSale(sku.skuId, { price: 4_000, quota: 3, perUserLimit: 1 });
    const crowd = await buyers('raise', 14);
    const order = (b: (typeof crowd)[number]) =>
      given.order(b.token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: b.addressId });
    for (const b of crowd.slice(0, 3)) expect((await order(b)).status).toBe(201);
    // The gate now holds a counter at 0 for this sale and SKU.
    expect((await order(crowd[3])).body.error?.code).toBe('FLASH_SALE_SOLD_OUT');

    const endsAt = inHours(48);
    const renamed = await patch(id, { title: '加场秒杀', endsAt });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: '加场秒杀', endsAt, skus: [{ quota: 3, sold: 3 }] });
    const shorter = inHours(12);
    expect((await patch(id, { endsAt: shorter })).body.endsAt).toBe(shorter);

    const before = await stored(id);
    const terms = { skuId: sku.skuId, price: 4_000, quota: 3, perUserLimit: 1 };
    for (const [change, status, code, path] of [
      [{ skus: [{ ...terms, price: 3_000 }] }, 409, 'PROMOTION_FIELD_LOCKED', 'skus.0.price'],
      [{ skus: [{ ...terms, perUserLimit: 2 }] }, 409, 'PROMOTION_FIELD_LOCKED', 'skus.0.perUserLimit'],
      [{ skus: [{ ...terms, quota: 2 }] }, 409, 'PROMOTION_FIELD_LOCKED', 'skus.0.quota'],
      [{ startsAt: inHours(-5) }, 409, 'PROMOTION_FIELD_LOCKED', 'startsAt'],
      [{ stackWithCoupon: false }, 409, 'PROMOTION_FIELD_LOCKED', 'stackWithCoupon'],
      [{ endsAt: inHours(-0.01) }, 422, 'PROMOTION_INVALID', 'endsAt'],
    ] as const) {
      const refused = await patch(id, change);
      expect({ change, status: refused.status, code: refused.body.error?.code }).toEqual({ change, status, code });
      expect(refused.body.error.details.fields).toContainEqual({ path, message: expect.any(String) });
    }
    expect(await stored(id)).toBe(before);

    const raised = await patch(id, { skus: [{ ...terms, quota: 6 }] });
    expect(raised.status).toBe(200);
    expect(raised.body.skus).toEqual([{ ...terms, quota: 6, sold: 3 }]);

    // Ten buyers at once for the 3 units the raise added: exactly 3 get them.
    const rush = await Promise.all(crowd.slice(4).map(order));
    const created = rush.filter((r) => r.status === 201);
    expect(created).toHaveLength(3);
    for (const r of created) expect(r.body.lines[0].unitPrice).toBe(4_000);
    expect(rush.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.error?.code}`)).toEqual(
      Array(7).fill('409 FLASH_SALE_SOLD_OUT'),
    );
    expect(await soldOf(id, sku.skuId)).toBe(6);
    expect(await given.stockOf(sku.skuId)).toBe(94);
    const active = await call('GET', '/api/v1/promotions/active', crowd[0].token);
    const listed = active.body.items.find((p: { id: string }) => p.id === id);
    expect(listed).toMatchObject({ title: '加场秒杀', endsAt: shorter, skus: [{ quota: 6, remaining: 0 }] });
  }, 120_000);

  it('an ended or disabled promotion is not editable (409)', async () => {
    const ended = await call('POST', '/api/v1/admin/promotions', admin, {
      type: 'FULL_REDUCTION',
      title: '上周满减',
      startsAt: inHours(-48),
      endsAt: inHours(-24),
      tiers: [{ threshold: 10_000, amount: 1_000 }],
    });
    expect(ended.status).toBe(201);
    const sku = await given.skuWithStock(5, 10_000);
    const disabledId = await upcomingFlashSale(sku.skuId);
    expect((await call('POST', `/api/v1/admin/promotions/${disabledId}/disable`, admin, {})).status).toBe(200);
    for (const [id, phase] of [
      [ended.body.id, 'ENDED'],
      [disabledId, 'DISABLED'],
    ]) {
      const before = await stored(id);
      const refused = await patch(id, { title: '复活' });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'PROMOTION_NOT_EDITABLE', details: { phase } });
      expect(await stored(id)).toBe(before);
    }
  });

  describe('bad input changes nothing', () => {
    let id: string;
    let skuId: string;
    beforeAll(async () => {
      skuId = (await given.skuWithStock(5, 10_000)).skuId;
      id = await upcomingFlashSale(skuId);
    });
    it.each([
      ['an empty patch', {}, 400, 'VALIDATION_FAILED'],
      ['an unknown field', { colour: 'red' }, 400, 'VALIDATION_FAILED'],
      ['an empty title', { title: ' ' }, 400, 'VALIDATION_FAILED'],
      ['a string quota', { skus: [{ skuId: '1', price: 1, quota: 'x', perUserLimit: 1 }] }, 400, 'VALIDATION_FAILED'],
      ['a bad time', { endsAt: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
      ['an end before the start', { endsAt: new Date(Date.now() + 60_000).toISOString() }, 400, 'VALIDATION_FAILED'],
      ['a field of another type', { tiers: [{ threshold: 100, amount: 10 }] }, 400, 'VALIDATION_FAILED'],
      [
        'a limit above the quota',
        { skus: [{ skuId: 'SKU', price: 1, quota: 1, perUserLimit: 2 }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown SKU',
        { skus: [{ skuId: '999999', price: 1, quota: 1, perUserLimit: 1 }] },
        422,
        'PROMOTION_INVALID',
      ],
      ['another type', { type: 'BUNDLE' }, 422, 'PROMOTION_TYPE_FIXED'],
    ])('%s', async (_name, body, status, code) => {
      const before = await stored(id);
      const refused = await patch(id, JSON.parse(JSON.stringify(body).replace('"SKU"', JSON.stringify(skuId))));
      expect(refused.status).toBe(status);
      expect(refused.body.error).toMatchObject({ code, message: expect.any(String) });
      if (status === 400) expect(refused.body.error.details.fields.length).toBeGreaterThan(0);
      expect(await stored(id)).toBe(before);
    });

    it('an unknown or non-numeric id', async () => {
      const unknown = await patch('999999', { title: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('PROMOTION_NOT_FOUND');
      const bad = await patch('abc', { title: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('is for admins only (403)', async () => {
      const before = await stored(id);
      const [shopper] = await buyers('nosy-edit', 1);
      const refused = await patch(id, { title: '我来改' }, shopper.token);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect(await stored(id)).toBe(before);
    });
  });
});

describe('即将开始 (upcoming flash sales)', () => {
  it('lists flash sales starting within 7 days with their start, not yet buyable at the flash price', async () => {
    const soon = await given.skuWithStock(10, 7_000);
    const later = await given.skuWithStock(10, 7_000);
    const startsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const create = (skuId: string, starts: string, title: string) =>
      call('POST', '/api/v1/admin/promotions', admin, {
        type: 'FLASH_SALE',
        title,
        startsAt: starts,
        endsAt: new Date(Date.parse(starts) + 3_600_000).toISOString(),
        skus: [{ skuId, price: 2_000, quota: 20, perUserLimit: 2 }],
      });
    const soonSale = await create(soon.skuId, startsAt, '明日秒杀');
    const laterSale = await create(later.skuId, new Date(Date.now() + 8 * 86_400_000).toISOString(), '下周秒杀');
    expect([soonSale.status, laterSale.status]).toEqual([201, 201]);

    const [buyer] = await buyers('upcoming', 1);
    const active = await call('GET', '/api/v1/promotions/active', buyer.token);
    expect(active.status).toBe(200);
    const ids = (list: { id: string }[]) => list.map((p) => p.id);
    expect(ids(active.body.items)).not.toContain(soonSale.body.id);
    expect(ids(active.body.upcoming)).toContain(soonSale.body.id);
    expect(ids(active.body.upcoming)).not.toContain(laterSale.body.id);
    const starts = active.body.upcoming.map((p: { startsAt: string }) => Date.parse(p.startsAt));
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    const shown = active.body.upcoming.find((p: { id: string }) => p.id === soonSale.body.id);
    expect(shown).toMatchObject({
      type: 'FLASH_SALE',
      title: '明日秒杀',
      startsAt,
      skus: [{ skuId: soon.skuId, price: 2_000, quota: 20, remaining: 20, skuPrice: 7_000, productId: soon.productId }],
    });

    // Before the start an order for the SKU is priced as any other: the SKU's price, no quota taken.
    const body = { items: [{ skuId: soon.skuId, quantity: 1 }], addressId: buyer.addressId };
    const preview = await call('POST', '/api/v1/orders/preview', buyer.token, body);
    expect(preview.body.lines[0].unitPrice).toBe(7_000);
    const order = await given.order(buyer.token, body);
    expect(order.status).toBe(201);
    expect(order.body.lines[0].unitPrice).toBe(7_000);
    expect(await soldOf(soonSale.body.id, soon.skuId)).toBe(0);
  });
});

describe('contract', () => {
  it('documents the promotion routes in the OpenAPI document', async () => {
    const json = await call('GET', '/api/docs-json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/promotions/active',
        '/api/v1/admin/promotions',
        '/api/v1/admin/promotions/{id}/disable',
      ]),
    );
    expect(Object.keys(json.body.paths['/api/v1/admin/promotions'])).toEqual(expect.arrayContaining(['get', 'post']));
  });
});
