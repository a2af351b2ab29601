import { http, loginAs } from '../support/http';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let admin: string;
let alice: string;
let bob: string;
let carol: string;
/** A product made for this file: SKU a (stock 5), b (stock 200), c (sold out). */
let product: { id: string; skus: Array<{ id: string; price: number; listPrice: number; stock: number }> };

beforeAll(async () => {
  stack = await startStack({ label: 'cart', seed: true });
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  alice = (await loginAs(stack.baseUrl, 'alice')).token;
  bob = (await loginAs(stack.baseUrl, 'bob')).token;
  carol = (await loginAs(stack.baseUrl, 'carol')).token;
  const categories = await http(stack.baseUrl, 'GET', '/api/v1/categories');
  product = await createProduct(categories.body.items[0].children[0].id, [
    { specs: { 规格: 'a' }, price: 1_990, listPrice: 2_990, stock: 5, code: 'CART-A' },
    { specs: { 规格: 'b' }, price: 990, listPrice: 990, stock: 200, code: 'CART-B' },
    { specs: { 规格: 'c' }, price: 500, listPrice: 600, stock: 0, code: 'CART-C' },
  ]);
});
afterAll(async () => stack?.close());

async function call(method: string, path: string, options: Parameters<typeof http>[3] = {}) {
  const result = await http(stack.baseUrl, method, path, options);
  expect(result.status).toBeLessThan(500);
  return result;
}

async function createProduct(categoryId: string, skus: unknown[]) {
  const result = await call('POST', '/api/v1/admin/products', {
    token: admin,
    body: { categoryId, title: `购物车测试 ${Math.random()}`, images: ['/media/demo/p1-1.png'], skus },
  });
  expect(result.status).toBe(201);
  return result.body;
}

function expectError(result: { status: number; body: any }, status: number, code?: string) {
  expect(result.status).toBe(status);
  expect(result.body).toEqual({
    error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }),
  });
}

const cartOf = async (token: string) => (await call('GET', '/api/v1/cart', { token })).body;
const add = (token: string, skuId: string, quantity: number) =>
  call('POST', '/api/v1/cart/items', { token, body: { skuId, quantity } });
async function clear(token: string) {
  for (const item of (await cartOf(token)).items) await call('DELETE', `/api/v1/cart/items/${item.id}`, { token });
}

describe('without a token', () => {
  it.each([
    ['GET', '/api/v1/cart', undefined],
    ['POST', '/api/v1/cart/items', { skuId: '1', quantity: 1 }],
    ['PATCH', '/api/v1/cart/items/1', { quantity: 1 }],
    ['DELETE', '/api/v1/cart/items/1', undefined],
  ])('%s %s is 401', async (method, path, body) => {
    expectError(await call(method, path, { body }), 401, 'UNAUTHENTICATED');
  });
});

describe('the cart', () => {
  afterEach(() => clear(alice));

  it('starts empty', async () => {
    expect(await cartOf(alice)).toEqual({ items: [], count: 0 });
  });

  it('adds a SKU, merges a second add, and shows live prices and stock', async () => {
    const [a, b] = product.skus;
    const first = await add(alice, a.id, 2);
    expect(first.status).toBe(201);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      skuId: a.id,
      productId: product.id,
      title: expect.stringContaining('购物车测试'),
      image: `${stack.config.publicBaseUrl}/media/demo/p1-1.png`,
      specs: { 规格: 'a' },
      price: 1_990,
      listPrice: 2_990,
      stock: 5,
      quantity: 2,
      available: true,
    });
    const merged = await add(alice, a.id, 3);
    expect(merged.body.items).toHaveLength(1);
    expect(merged.body.items[0]).toMatchObject({ id: first.body.items[0].id, quantity: 5 });
    await add(alice, b.id, 4);
    const cart = await cartOf(alice);
    expect(cart.count).toBe(9);
    expect(cart.items.map((i: any) => [i.skuId, i.quantity])).toEqual([
      [b.id, 4],
      [a.id, 5],
    ]);
    expect(cart).not.toHaveProperty('total');
  });

  it('refuses more than the stock, saying how many are left, and changes nothing', async () => {
    const [a] = product.skus;
    await add(alice, a.id, 4);
    const over = await add(alice, a.id, 2);
    expectError(over, 409, 'STOCK_INSUFFICIENT');
    expect(over.body.error.details).toEqual({ skuId: a.id, available: 5 });
    expect((await cartOf(alice)).items[0].quantity).toBe(4);
    expectError(await add(alice, product.skus[2].id, 1), 409, 'STOCK_INSUFFICIENT');
    expect((await cartOf(alice)).items).toHaveLength(1);
  });

  it('keeps a line within 99 units', async () => {
    const b = product.skus[1];
    expect((await add(alice, b.id, 99)).status).toBe(201);
    expectError(await add(alice, b.id, 1), 409, 'CART_QUANTITY_LIMIT');
    expect((await cartOf(alice)).count).toBe(99);
  });

  it('404s an unknown SKU and 409s an off-shelf one', async () => {
    expectError(await add(alice, '999999', 1), 404, 'SKU_NOT_FOUND');
    const categories = await call('GET', '/api/v1/categories');
    const off = await createProduct(categories.body.items[0].children[0].id, [
      { specs: {}, price: 100, listPrice: 100, stock: 9, code: 'CART-OFF' },
    ]);
    await call('POST', `/api/v1/admin/products/${off.id}/shelf`, { token: admin, body: { onShelf: false } });
    expectError(await add(alice, off.skus[0].id, 1), 409, 'PRODUCT_OFF_SHELF');
    expect(await cartOf(alice)).toEqual({ items: [], count: 0 });
  });

  it('shows a line unavailable when its product leaves the shelf, and prices as they are now', async () => {
    const categories = await call('GET', '/api/v1/categories');
    const later = await createProduct(categories.body.items[0].children[0].id, [
      { specs: {}, price: 1_000, listPrice: 1_000, stock: 9, code: 'CART-LATER' },
    ]);
    await add(alice, later.skus[0].id, 2);
    await call('PATCH', `/api/v1/admin/skus/${later.skus[0].id}`, { token: admin, body: { price: 800 } });
    expect((await cartOf(alice)).items[0]).toMatchObject({ price: 800, available: true });
    await call('POST', `/api/v1/admin/products/${later.id}/shelf`, { token: admin, body: { onShelf: false } });
    const cart = await cartOf(alice);
    expect(cart.items[0]).toMatchObject({ available: false, quantity: 2 });
    // lowering an unavailable line is allowed, raising it is not
    const lineId = cart.items[0].id;
    expectError(
      await call('PATCH', `/api/v1/cart/items/${lineId}`, { token: alice, body: { quantity: 3 } }),
      409,
      'PRODUCT_OFF_SHELF',
    );
    expect((await call('PATCH', `/api/v1/cart/items/${lineId}`, { token: alice, body: { quantity: 1 } })).status).toBe(
      200,
    );
  });

  it('sets a line quantity within stock and deletes a line', async () => {
    const [a] = product.skus;
    const line = (await add(alice, a.id, 1)).body.items[0];
    const patched = await call('PATCH', `/api/v1/cart/items/${line.id}`, { token: alice, body: { quantity: 5 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ count: 5, items: [{ id: line.id, quantity: 5 }] });
    const over = await call('PATCH', `/api/v1/cart/items/${line.id}`, { token: alice, body: { quantity: 6 } });
    expectError(over, 409, 'STOCK_INSUFFICIENT');
    expect(over.body.error.details).toEqual({ skuId: a.id, available: 5 });
    expect((await cartOf(alice)).count).toBe(5);
    const removed = await call('DELETE', `/api/v1/cart/items/${line.id}`, { token: alice });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ items: [], count: 0 });
    expectError(await call('DELETE', `/api/v1/cart/items/${line.id}`, { token: alice }), 404, 'CART_ITEM_NOT_FOUND');
  });

  it("answers 404 for someone else's line and leaves it alone", async () => {
    const line = (await add(alice, product.skus[1].id, 3)).body.items[0];
    for (const [method, body] of [
      ['PATCH', { quantity: 1 }],
      ['DELETE', undefined],
    ] as const) {
      expectError(
        await call(method, `/api/v1/cart/items/${line.id}`, { token: bob, body }),
        404,
        'CART_ITEM_NOT_FOUND',
      );
    }
    expect((await cartOf(alice)).items).toEqual([expect.objectContaining({ id: line.id, quantity: 3 })]);
    expect(await cartOf(bob)).toEqual({ items: [], count: 0 });
  });

  it('merges concurrent adds of the same SKU exactly', async () => {
    const b = product.skus[1];
    const results = await Promise.all(Array.from({ length: 10 }, () => add(alice, b.id, 2)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const cart = await cartOf(alice);
    expect(cart.items).toHaveLength(1);
    expect(cart.count).toBe(20);
  });
});

describe('line limit', () => {
  it('holds at most 100 different SKUs', async () => {
    const categories = await call('GET', '/api/v1/categories');
    const many = await createProduct(
      categories.body.items[0].children[0].id,
      Array.from({ length: 100 }, (_, i) => ({
        specs: { 编号: String(i) },
        price: 100,
        listPrice: 100,
        stock: 3,
        code: `CART-M${i}`,
      })),
    );
    for (const sku of many.skus) expect((await add(carol, sku.id, 1)).status).toBe(201);
    const full = await add(carol, product.skus[1].id, 1);
    expectError(full, 409, 'CART_FULL');
    const cart = await cartOf(carol);
    expect(cart.items).toHaveLength(100);
    // merging into a line already there still works
    expect((await add(carol, many.skus[0].id, 1)).status).toBe(201);
    expect((await cartOf(carol)).count).toBe(101);
  });
});

describe('bad input', () => {
  let lineId: string;
  let before: unknown;
  beforeAll(async () => {
    await clear(alice);
    lineId = (await add(alice, product.skus[1].id, 2)).body.items[0].id;
    before = await cartOf(alice);
  });
  afterEach(async () => expect(await cartOf(alice)).toEqual(before));

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['missing skuId', { quantity: 1 }],
    ['missing quantity', { skuId: '1' }],
    ['numeric skuId', { skuId: 1, quantity: 1 }],
    ['non-numeric skuId', { skuId: 'abc', quantity: 1 }],
    ['skuId past INT', { skuId: '9999999999', quantity: 1 }],
    ['zero quantity', { skuId: '1', quantity: 0 }],
    ['negative quantity', { skuId: '1', quantity: -1 }],
    ['float quantity', { skuId: '1', quantity: 1.5 }],
    ['quantity a string', { skuId: '1', quantity: '1' }],
    ['quantity 100', { skuId: '1', quantity: 100 }],
    ['an unknown field', { skuId: '1', quantity: 1, price: 1 }],
    ['an array', [{ skuId: '1', quantity: 1 }]],
    ['null', null],
  ])('POST /cart/items rejects %s with 400', async (_name, body) => {
    expectError(await call('POST', '/api/v1/cart/items', { token: alice, body }), 400, 'VALIDATION_FAILED');
  });

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['zero', { quantity: 0 }],
    ['negative', { quantity: -3 }],
    ['float', { quantity: 2.5 }],
    ['a string', { quantity: '3' }],
    ['too many', { quantity: 100 }],
    ['an unknown field', { quantity: 3, skuId: '2' }],
    ['an array', [{ quantity: 3 }]],
  ])('PATCH /cart/items/:id rejects %s with 400', async (_name, body) => {
    expectError(await call('PATCH', `/api/v1/cart/items/${lineId}`, { token: alice, body }), 400, 'VALIDATION_FAILED');
  });

  it.each([['abc'], ['1.5'], ['-1'], ['9999999999']])('rejects the item id %s with 400', async (id) => {
    expectError(
      await call('PATCH', `/api/v1/cart/items/${id}`, { token: alice, body: { quantity: 1 } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call('DELETE', `/api/v1/cart/items/${id}`, { token: alice }), 400, 'VALIDATION_FAILED');
  });

  it('rejects malformed JSON with 400', async () => {
    const headers = { 'content-type': 'application/json' };
    expectError(await call('POST', '/api/v1/cart/items', { token: alice, rawBody: '{"skuId":', headers }), 400);
    expectError(
      await call('PATCH', `/api/v1/cart/items/${lineId}`, { token: alice, rawBody: '{quantity: 1}', headers }),
      400,
    );
  });
});
