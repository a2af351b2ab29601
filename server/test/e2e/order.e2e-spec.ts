import { startStack, type Stack } from '../support/stack';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';

let stack: Stack;
let given: ReturnType<typeof shop>;
let alice: { token: string; user: any };
let address: string;

beforeAll(async () => {
  stack = await startStack({
    label: 'order',
    seed: true,
    env: { ORDER_PAYMENT_TIMEOUT_SECONDS: '900', SWEEP_INTERVAL_SECONDS: '3600' },
  });
  given = shop(stack);
  alice = await loginAs(stack.baseUrl, 'alice');
  address = await given.addressFor(alice.token);
});
afterAll(async () => stack?.close());

describe('checkout', () => {
  it('previews the full breakdown, in fen, without reserving anything', async () => {
    const sku = await given.skuWithStock(10, 12_345);
    const preview = await http(stack.baseUrl, 'POST', '/api/v1/orders/preview', {
      token: alice.token,
      body: { items: [{ skuId: sku.skuId, quantity: 3 }], addressId: address },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ goodsAmount: 37_035, couponDiscount: 0, pointsDeduction: 0 });
    expect(preview.body.payable).toBe(
      preview.body.goodsAmount - preview.body.discountAmount + preview.body.shippingFee,
    );
    expect(preview.body.lines[0]).toMatchObject({ skuId: sku.skuId, quantity: 3, skuPrice: 12_345 });
    expect(await given.stockOf(sku.skuId)).toBe(10);
  });

  it('creates the order once per Idempotency-Key, and refuses the key for another body', async () => {
    const sku = await given.skuWithStock(10);
    const body = { items: [{ skuId: sku.skuId, quantity: 2 }], addressId: address };
    const first = await given.order(alice.token, body, 'order-key-0001');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'PENDING_PAYMENT', orderNo: expect.stringMatching(/^\d{20}$/) });
    expect(Date.parse(first.body.expiresAt) - Date.parse(first.body.createdAt)).toBe(900_000);
    const again = await given.order(alice.token, body, 'order-key-0001');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await given.stockOf(sku.skuId)).toBe(8);
    const other = await given.order(
      alice.token,
      { ...body, items: [{ skuId: sku.skuId, quantity: 1 }] },
      'order-key-0001',
    );
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => given.order(alice.token, body, 'order-key-0002')),
    );
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect(await given.stockOf(sku.skuId)).toBe(6);
  });

  it('sells exactly the stock to 200 concurrent buyers, never below zero', async () => {
    const sku = await given.skuWithStock(50);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        given.order(alice.token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(50);
    expect(refused).toHaveLength(150);
    for (const r of refused) expect(r.body.error.code).toBe('STOCK_INSUFFICIENT');
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(await given.stockOf(sku.skuId)).toBe(0);
    const lines = await given
      .db()
      .orderLine.aggregate({ where: { skuId: Number(sku.skuId) }, _sum: { quantity: true } });
    expect(lines._sum.quantity).toBe(50);
  });

  it('takes ordered items out of the cart, and only those', async () => {
    const [ordered, kept] = [await given.skuWithStock(5), await given.skuWithStock(5)];
    for (const sku of [ordered, kept]) {
      const added = await http(stack.baseUrl, 'POST', '/api/v1/cart/items', {
        token: alice.token,
        body: { skuId: sku.skuId, quantity: 1 },
      });
      expect(added.status).toBe(201);
    }
    const order = await given.order(alice.token, {
      items: [{ skuId: ordered.skuId, quantity: 1 }],
      addressId: address,
      fromCart: true,
    });
    expect(order.status).toBe(201);
    const cart = await http(stack.baseUrl, 'GET', '/api/v1/cart', { token: alice.token });
    const skuIds = cart.body.items.map((i: any) => i.skuId);
    expect(skuIds).toContain(kept.skuId);
    expect(skuIds).not.toContain(ordered.skuId);
  });

  it('refuses a sold-out SKU at once, and sells again as soon as it is restocked', async () => {
    const admin = await loginAs(stack.baseUrl, 'admin');
    const sku = await given.skuWithStock(1);
    const body = { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address };
    expect((await given.order(alice.token, body)).status).toBe(201);
    const refused = await given.order(alice.token, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('STOCK_INSUFFICIENT');
    const restock = await http(stack.baseUrl, 'POST', `/api/v1/admin/skus/${sku.skuId}/stock-adjustments`, {
      token: admin.token,
      body: { delta: 1, reason: '补货' },
    });
    expect(restock.status).toBeLessThan(300);
    expect((await given.order(alice.token, body)).status).toBe(201);
    expect(await given.stockOf(sku.skuId)).toBe(0);
  });

  it("sells a cancelled order's units again at once", async () => {
    const sku = await given.skuWithStock(1);
    const body = { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address };
    const first = await given.order(alice.token, body);
    expect((await given.order(alice.token, body)).status).toBe(409);
    await http(stack.baseUrl, 'POST', `/api/v1/orders/${first.body.id}/cancel`, { token: alice.token, body: {} });
    expect((await given.order(alice.token, body)).status).toBe(201);
  });

  it('gives the stock back on cancel, once', async () => {
    const sku = await given.skuWithStock(5);
    const order = await given.order(alice.token, { items: [{ skuId: sku.skuId, quantity: 2 }], addressId: address });
    expect(await given.stockOf(sku.skuId)).toBe(3);
    const cancels = await Promise.all(
      [1, 2, 3].map(() =>
        http(stack.baseUrl, 'POST', `/api/v1/orders/${order.body.id}/cancel`, { token: alice.token, body: {} }),
      ),
    );
    expect(cancels.filter((c) => c.status === 200)).not.toHaveLength(0);
    expect(await given.stockOf(sku.skuId)).toBe(5);
    const view = await given.getOrder(alice.token, order.body.id);
    expect(view.body.status).toBe('CANCELLED');
    expect(view.body.timeline.map((t: any) => t.status)).toEqual(['PENDING_PAYMENT', 'CANCELLED']);
  });

  it('never shows one buyer the orders of another', async () => {
    const bob = await loginAs(stack.baseUrl, 'bob');
    const sku = await given.skuWithStock(5);
    const order = await given.order(alice.token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address });
    expect((await given.getOrder(bob.token, order.body.id)).status).toBe(404);
    expect(
      (await http(stack.baseUrl, 'POST', `/api/v1/orders/${order.body.id}/cancel`, { token: bob.token, body: {} }))
        .status,
    ).toBe(404);
    const bobsList = await http(stack.baseUrl, 'GET', '/api/v1/orders', { token: bob.token });
    expect(bobsList.body.items.map((o: any) => o.id)).not.toContain(order.body.id);
    const bobsAddressOrder = await given.order(bob.token, {
      items: [{ skuId: sku.skuId, quantity: 1 }],
      addressId: address,
    });
    expect(bobsAddressOrder.status).toBe(404);
    expect(bobsAddressOrder.body.error.code).toBe('ADDRESS_NOT_FOUND');
  });

  it('enforces the per-customer purchase limit', async () => {
    const product = await given
      .db()
      .product.findFirstOrThrow({ where: { purchaseLimit: { not: null } }, include: { skus: true } });
    const sku = product.skus.find((s) => s.stock > 5) ?? product.skus[0];
    await given.db().sku.update({ where: { id: sku.id }, data: { stock: 100 } });
    const carol = await loginAs(stack.baseUrl, 'carol');
    const carolAddress = await given.addressFor(carol.token);
    const limit = product.purchaseLimit!;
    const ok = await given.order(carol.token, {
      items: [{ skuId: String(sku.id), quantity: limit }],
      addressId: carolAddress,
    });
    expect(ok.status).toBe(201);
    const over = await given.order(carol.token, {
      items: [{ skuId: String(sku.id), quantity: 1 }],
      addressId: carolAddress,
    });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('PURCHASE_LIMIT_EXCEEDED');
  });
});

describe('bad input never changes anything and never answers 500', () => {
  const routes: Array<[string, string, unknown]> = [];
  const bodies: unknown[] = [
    {},
    { items: [] },
    { items: 'x' },
    { items: [{ skuId: '1' }] },
    { items: [{ skuId: '1', quantity: 0 }] },
    { items: [{ skuId: '1', quantity: -1 }] },
    { items: [{ skuId: '1', quantity: 1.5 }] },
    { items: [{ skuId: 'abc', quantity: 1 }] },
    { items: [{ skuId: 1, quantity: 1 }] },
    { items: [{ skuId: '1', quantity: 1, price: 1 }] },
    {
      items: [
        { skuId: '1', quantity: 1 },
        { skuId: '1', quantity: 2 },
      ],
    },
    { items: [{ skuId: '1', quantity: 1 }], payable: 1 },
    { items: [{ skuId: '1', quantity: 1 }], pointsToUse: -5 },
    { items: [{ skuId: '1', quantity: 1 }], addressId: 'x' },
    [1, 2],
    'text',
  ];
  for (const body of bodies) {
    routes.push(['POST', '/api/v1/orders/preview', body], ['POST', '/api/v1/orders', body]);
  }
  routes.push(
    ['POST', '/api/v1/orders/abc/pay', {}],
    ['POST', '/api/v1/orders/999999/pay', {}],
    ['POST', '/api/v1/orders/abc/cancel', {}],
    ['POST', '/api/v1/orders/999999/cancel', { reason: 'x'.repeat(100) }],
    ['POST', '/api/v1/orders/999999/confirm-receipt', {}],
    ['GET', '/api/v1/orders?status=WHATEVER', undefined],
    ['GET', '/api/v1/orders?page=0', undefined],
    ['GET', '/api/v1/orders/-1', undefined],
  );

  it.each(routes)('%s %s %j → 4xx in the error shape', async (method, path, body) => {
    const countBefore = await given.db().order.count();
    const result = await http(stack.baseUrl, method, path, { token: alice.token, body });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.body.error.code).toEqual(expect.any(String));
    expect(await given.db().order.count()).toBe(countBefore);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const sku = await given.skuWithStock(3);
    const result = await given.order(
      alice.token,
      { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address },
      'bad key!',
    );
    expect(result.status).toBe(400);
    expect(await given.stockOf(sku.skuId)).toBe(3);
  });

  it('needs a login for every order route', async () => {
    expect((await http(stack.baseUrl, 'GET', '/api/v1/orders')).status).toBe(401);
    for (const path of [
      '/api/v1/orders',
      '/api/v1/orders/preview',
      '/api/v1/orders/1/pay',
      '/api/v1/orders/1/cancel',
    ]) {
      expect((await http(stack.baseUrl, 'POST', path, { body: {} })).status).toBe(401);
    }
  });
});
