import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 营销活动 over HTTP: a flash sale with stock 100 meets 1,000 concurrent buyers and sells exactly
 * 100; a 满减 tier shows in the preview and is charged and allocated to the lines; a cancelled
 * flash-sale order gives its quota back; the per-person limit holds; bad admin input is 4xx.
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
