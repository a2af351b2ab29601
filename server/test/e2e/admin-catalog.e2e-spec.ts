import { http, loginAs } from '../support/http';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let admin: string;
let alice: string;
let leafCategoryId: string;
let topCategoryId: string;

beforeAll(async () => {
  stack = await startStack({ label: 'admin_catalog', seed: true });
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  alice = (await loginAs(stack.baseUrl, 'alice')).token;
  const categories = await http(stack.baseUrl, 'GET', '/api/v1/categories');
  topCategoryId = categories.body.items[0].id;
  leafCategoryId = categories.body.items[0].children[0].id;
});
afterAll(async () => stack?.close());

/** Every call of this file goes through here: a 5xx is always a failure. */
async function call(method: string, path: string, options: Parameters<typeof http>[3] = {}) {
  const result = await http(stack.baseUrl, method, path, options);
  expect(result.status).toBeLessThan(500);
  return result;
}
const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, { token: admin, body });

function expectError(result: { status: number; body: any }, status: number, code?: string) {
  expect(result.status).toBe(status);
  expect(result.body).toEqual({
    error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }),
  });
}

let codeSeq = 0;
const code = () => `T-${Date.now().toString(36)}-${(codeSeq += 1)}`;

function productBody(overrides: Record<string, unknown> = {}) {
  return {
    categoryId: leafCategoryId,
    title: `测试商品 ${code()}`,
    subtitle: '副标题',
    images: ['/media/demo/p1-1.png', 'https://cdn.example.com/a.png'],
    detailHtml: '<p>详情</p><img src="/media/demo/p1-2.png" />',
    tags: ['新品', '测试'],
    purchaseLimit: 5,
    skus: [
      { specs: { 颜色: '红', 尺码: 'M' }, price: 9_900, listPrice: 12_900, stock: 10, weight: 300, code: code() },
      { specs: { 颜色: '红', 尺码: 'L' }, price: 10_900, listPrice: 12_900, stock: 0, code: code() },
      { specs: { 颜色: '蓝', 尺码: 'M' }, price: 8_900, listPrice: 8_900, stock: 3, code: code() },
    ],
    ...overrides,
  };
}

async function createProduct(overrides: Record<string, unknown> = {}) {
  const result = await asAdmin('POST', '/api/v1/admin/products', productBody(overrides));
  expect(result.status).toBe(201);
  return result.body;
}

const adminTotal = async () => (await asAdmin('GET', '/api/v1/admin/products?pageSize=1')).body.total as number;

describe('who may use the admin routes', () => {
  // every row has its body (jest would take a missing third value for a done callback)
  const routes: Array<[string, string, unknown]> = [
    ['GET', '/api/v1/admin/products', undefined],
    ['POST', '/api/v1/admin/products', {}],
    ['GET', '/api/v1/admin/products/1', undefined],
    ['PATCH', '/api/v1/admin/products/1', { title: 'x' }],
    ['POST', '/api/v1/admin/products/1/skus', {}],
    ['POST', '/api/v1/admin/products/1/shelf', { onShelf: false }],
    ['PATCH', '/api/v1/admin/skus/1', { price: 1 }],
    ['POST', '/api/v1/admin/skus/1/stock-adjustments', { delta: -1, reason: 'x' }],
    ['GET', '/api/v1/admin/skus/1/stock-adjustments', undefined],
    ['GET', '/api/v1/admin/shipping-template', undefined],
    [
      'PUT',
      '/api/v1/admin/shipping-template',
      { name: 'x', flatFee: 0, freeOver: null, remoteRegions: [], remoteSurcharge: 0 },
    ],
  ];

  it.each(routes)('%s %s: a consumer gets 403, nobody gets 401', async (method, path, body) => {
    expectError(await call(method, path, { token: alice, body }), 403, 'FORBIDDEN');
    expectError(await call(method, path, { body }), 401, 'UNAUTHENTICATED');
  });

  it('changed nothing while refusing', async () => {
    const product = await asAdmin('GET', '/api/v1/admin/products/1');
    expect(product.body.onShelf).toBe(true);
    expect((await asAdmin('GET', '/api/v1/admin/skus/1/stock-adjustments')).body.total).toBe(0);
    expect((await asAdmin('GET', '/api/v1/admin/shipping-template')).body.name).toBe('默认运费模板');
  });
});

describe('creating a product', () => {
  it('creates it with SKUs, minPrice the lowest price, visible in the shop', async () => {
    const body = productBody();
    const created = await asAdmin('POST', '/api/v1/admin/products', body);
    expect(created.status).toBe(201);
    const view = created.body;
    expect(view).toMatchObject({
      categoryId: leafCategoryId,
      title: body.title,
      onShelf: true,
      minPrice: 8_900,
      purchaseLimit: 5,
      tags: ['新品', '测试'],
      images: body.images,
      memberDayEligible: true,
      notPointsExchangeable: false,
      specs: [
        { name: '颜色', values: ['红', '蓝'] },
        { name: '尺码', values: ['M', 'L'] },
      ],
    });
    expect(view.imageUrls[0]).toBe(`${stack.config.publicBaseUrl}/media/demo/p1-1.png`);
    expect(view.skus).toHaveLength(3);
    expect(view.skus[0]).toMatchObject({
      price: 9_900,
      listPrice: 12_900,
      stock: 10,
      weight: 300,
      code: body.skus[0].code,
    });
    expect(view.skus[1].weight).toBe(0);

    const again = await asAdmin('GET', `/api/v1/admin/products/${view.id}`);
    expect(again.body).toEqual(view);

    const shop = await call('GET', `/api/v1/products/${view.id}`);
    expect(shop.status).toBe(200);
    expect(shop.body).toMatchObject({ title: body.title, price: 8_900, purchaseLimit: 5 });
    expect(shop.body.specs).toEqual(view.specs);
    expect(shop.body.skus.map((s: any) => [s.id, s.price, s.stock])).toEqual(
      view.skus.map((s: any) => [s.id, s.price, s.stock]),
    );
    const list = await call('GET', `/api/v1/products?q=${encodeURIComponent(body.title)}`);
    expect(list.body.items.map((p: any) => p.id)).toEqual([view.id]);
  });

  it('creates a product off the shelf when asked, hidden from the shop', async () => {
    const view = await createProduct({ onShelf: false, memberDayEligible: false, notPointsExchangeable: true });
    expect(view).toMatchObject({ onShelf: false, memberDayEligible: false, notPointsExchangeable: true });
    expectError(await call('GET', `/api/v1/products/${view.id}`), 404, 'PRODUCT_NOT_FOUND');
  });

  it('accepts a product without specs', async () => {
    const view = await createProduct({ skus: [{ specs: {}, price: 1, listPrice: 1, stock: 0, code: code() }] });
    expect(view.specs).toEqual([]);
    expect(view.minPrice).toBe(1);
  });

  it('refuses a top-level category (422) and a missing one (404), creating nothing', async () => {
    const before = await adminTotal();
    expectError(
      await asAdmin('POST', '/api/v1/admin/products', productBody({ categoryId: topCategoryId })),
      422,
      'CATEGORY_NOT_LEAF',
    );
    expectError(
      await asAdmin('POST', '/api/v1/admin/products', productBody({ categoryId: '999999' })),
      404,
      'CATEGORY_NOT_FOUND',
    );
    expect(await adminTotal()).toBe(before);
  });

  it('refuses a SKU code already in use (any case), creating nothing', async () => {
    const before = await adminTotal();
    const taken = productBody();
    taken.skus[1].code = 'demo-001-01';
    const result = await asAdmin('POST', '/api/v1/admin/products', taken);
    expectError(result, 409, 'SKU_CODE_TAKEN');
    expect(await adminTotal()).toBe(before);
  });

  const sku = (o: Record<string, unknown> = {}) => ({
    specs: { 颜色: '红' },
    price: 100,
    listPrice: 100,
    stock: 1,
    code: 'X',
    ...o,
  });
  const bad: Array<[string, unknown]> = [
    ['no body', undefined],
    ['an array', [productBody()]],
    ['missing title', productBody({ title: undefined })],
    ['blank title', productBody({ title: '   ' })],
    ['title too long', productBody({ title: 'x'.repeat(129) })],
    ['numeric categoryId', productBody({ categoryId: 3 })],
    ['non-numeric categoryId', productBody({ categoryId: 'abc' })],
    ['categoryId past INT', productBody({ categoryId: '9999999999' })],
    ['no images', productBody({ images: [] })],
    ['ten images', productBody({ images: Array.from({ length: 10 }, (_, i) => `/media/x${i}.png`) })],
    ['image not a URL', productBody({ images: ['javascript:alert(1)'] })],
    ['image path traversal', productBody({ images: ['/media/../etc/passwd'] })],
    ['images an object', productBody({ images: { 0: '/media/a.png' } })],
    ['tags a string', productBody({ tags: '新品 测试' })],
    ['purchaseLimit 0', productBody({ purchaseLimit: 0 })],
    ['purchaseLimit 1000', productBody({ purchaseLimit: 1000 })],
    ['purchaseLimit float', productBody({ purchaseLimit: 1.5 })],
    ['onShelf a string', productBody({ onShelf: 'true' })],
    ['unknown field', productBody({ commission: 100 })],
    ['no skus', productBody({ skus: [] })],
    ['skus an object', productBody({ skus: sku() })],
    [
      '101 skus',
      productBody({ skus: Array.from({ length: 101 }, (_, i) => sku({ specs: { n: String(i) }, code: `C${i}` })) }),
    ],
    ['price 0', productBody({ skus: [sku({ price: 0 })] })],
    ['negative price', productBody({ skus: [sku({ price: -100 })] })],
    ['float price', productBody({ skus: [sku({ price: 9.9, listPrice: 10 })] })],
    ['price as a string', productBody({ skus: [sku({ price: '100' })] })],
    ['price too high', productBody({ skus: [sku({ price: 100_000_000, listPrice: 100_000_000 })] })],
    ['listPrice below price', productBody({ skus: [sku({ price: 200, listPrice: 199 })] })],
    ['negative stock', productBody({ skus: [sku({ stock: -1 })] })],
    ['stock too high', productBody({ skus: [sku({ stock: 1_000_001 })] })],
    ['float weight', productBody({ skus: [sku({ weight: 0.5 })] })],
    ['unknown sku field', productBody({ skus: [sku({ sales: 3 })] })],
    ['missing code', productBody({ skus: [sku({ code: undefined })] })],
    ['code with spaces', productBody({ skus: [sku({ code: 'A B' })] })],
    ['specs an array', productBody({ skus: [sku({ specs: ['红'] })] })],
    ['spec value a number', productBody({ skus: [sku({ specs: { 尺码: 42 } })] })],
    ['duplicate codes', productBody({ skus: [sku({ code: 'D1' }), sku({ specs: { 颜色: '蓝' }, code: 'd1' })] })],
    ['different spec names', productBody({ skus: [sku({ code: 'A1' }), sku({ specs: { 尺码: 'M' }, code: 'A2' })] })],
    ['same combination twice', productBody({ skus: [sku({ code: 'A1' }), sku({ code: 'A2' })] })],
  ];
  it.each(bad)('rejects %s with 400, creating nothing', async (_name, body) => {
    const before = await adminTotal();
    expectError(await asAdmin('POST', '/api/v1/admin/products', body), 400, 'VALIDATION_FAILED');
    expect(await adminTotal()).toBe(before);
  });

  it('rejects malformed JSON with 400', async () => {
    const before = await adminTotal();
    const result = await call('POST', '/api/v1/admin/products', {
      token: admin,
      rawBody: '{"title": "x", ',
      headers: { 'content-type': 'application/json' },
    });
    expectError(result, 400);
    expect(await adminTotal()).toBe(before);
  });
});

describe('reading and changing a product', () => {
  it('404s an unknown product and 400s a non-numeric id', async () => {
    expectError(await asAdmin('GET', '/api/v1/admin/products/999999'), 404, 'PRODUCT_NOT_FOUND');
    expectError(await asAdmin('GET', '/api/v1/admin/products/abc'), 400, 'VALIDATION_FAILED');
    expectError(await asAdmin('GET', '/api/v1/admin/products/-1'), 400, 'VALIDATION_FAILED');
  });

  it('changes the given fields only', async () => {
    const view = await createProduct();
    const changed = await asAdmin('PATCH', `/api/v1/admin/products/${view.id}`, {
      title: '改过的标题',
      tags: ['爆款'],
      purchaseLimit: null,
      videoUrl: '/media/demo/v.mp4',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      title: '改过的标题',
      tags: ['爆款'],
      purchaseLimit: null,
      videoUrl: '/media/demo/v.mp4',
    });
    expect(changed.body.subtitle).toBe(view.subtitle);
    expect(changed.body.skus).toEqual(view.skus);
    expectError(
      await asAdmin('PATCH', `/api/v1/admin/products/${view.id}`, { categoryId: topCategoryId }),
      422,
      'CATEGORY_NOT_LEAF',
    );
    expectError(await asAdmin('PATCH', '/api/v1/admin/products/999999', { title: 'x' }), 404, 'PRODUCT_NOT_FOUND');
  });

  it.each<[string, unknown]>([
    ['an empty body', {}],
    ['no body', undefined],
    ['skus (own routes)', { skus: [] }],
    ['minPrice (derived)', { minPrice: 1 }],
    ['an unknown field', { sales: 99 }],
    ['title too long', { title: 'x'.repeat(129) }],
    ['subtitle too long', { subtitle: 'x'.repeat(256) }],
    ['detailHtml too long', { detailHtml: 'x'.repeat(16_001) }],
    ['purchaseLimit negative', { purchaseLimit: -1 }],
    ['images null', { images: null }],
    ['an array body', [{ title: 'x' }]],
  ])('rejects %s with 400, changing nothing', async (_name, body) => {
    const view = await asAdmin('GET', '/api/v1/admin/products/2');
    expectError(await asAdmin('PATCH', '/api/v1/admin/products/2', body), 400, 'VALIDATION_FAILED');
    expect((await asAdmin('GET', '/api/v1/admin/products/2')).body).toEqual(view.body);
  });
});

describe('SKUs', () => {
  it('adds a SKU and keeps minPrice in step', async () => {
    const view = await createProduct();
    const added = await asAdmin('POST', `/api/v1/admin/products/${view.id}/skus`, {
      specs: { 尺码: 'L', 颜色: '蓝' },
      price: 5_000,
      listPrice: 6_000,
      stock: 7,
      code: code(),
    });
    expect(added.status).toBe(201);
    expect(added.body.skus).toHaveLength(4);
    expect(added.body.minPrice).toBe(5_000);
    expect((await call('GET', `/api/v1/products/${view.id}`)).body.price).toBe(5_000);
  });

  it('refuses SKUs that do not fit the product, adding nothing', async () => {
    const view = await createProduct();
    const base = { price: 100, listPrice: 100, stock: 1 };
    const cases: Array<[unknown, number, string]> = [
      [{ ...base, specs: { 颜色: '红' }, code: code() }, 422, 'SPEC_NAMES_MISMATCH'],
      [{ ...base, specs: { 颜色: '红', 尺码: 'M' }, code: code() }, 409, 'SPEC_COMBINATION_TAKEN'],
      [{ ...base, specs: { 颜色: '绿', 尺码: 'M' }, code: view.skus[0].code }, 409, 'SKU_CODE_TAKEN'],
    ];
    for (const [body, status, errorCode] of cases) {
      expectError(await asAdmin('POST', `/api/v1/admin/products/${view.id}/skus`, body), status, errorCode);
    }
    expectError(
      await asAdmin('POST', '/api/v1/admin/products/999999/skus', { ...base, specs: {}, code: code() }),
      404,
      'PRODUCT_NOT_FOUND',
    );
    expect((await asAdmin('GET', `/api/v1/admin/products/${view.id}`)).body).toEqual(view);
  });

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['an array', [{ specs: {}, price: 1, listPrice: 1, stock: 1, code: 'Z' }]],
    ['negative price', { specs: { 颜色: '绿', 尺码: 'M' }, price: -1, listPrice: 1, stock: 1, code: 'Z1' }],
    ['float listPrice', { specs: { 颜色: '绿', 尺码: 'M' }, price: 1, listPrice: 1.5, stock: 1, code: 'Z1' }],
    ['missing stock', { specs: { 颜色: '绿', 尺码: 'M' }, price: 1, listPrice: 1, code: 'Z1' }],
    ['unknown field', { specs: { 颜色: '绿', 尺码: 'M' }, price: 1, listPrice: 1, stock: 1, code: 'Z1', id: '3' }],
    ['code too long', { specs: { 颜色: '绿', 尺码: 'M' }, price: 1, listPrice: 1, stock: 1, code: 'Z'.repeat(65) }],
  ])('POST skus rejects %s with 400', async (_name, body) => {
    const before = await asAdmin('GET', '/api/v1/admin/products/3');
    expectError(await asAdmin('POST', '/api/v1/admin/products/3/skus', body), 400, 'VALIDATION_FAILED');
    expectError(await asAdmin('POST', '/api/v1/admin/products/x/skus', body ?? {}), 400, 'VALIDATION_FAILED');
    expect((await asAdmin('GET', '/api/v1/admin/products/3')).body).toEqual(before.body);
  });

  it('changes price, list price, weight and code, and minPrice follows', async () => {
    const view = await createProduct();
    const cheapest = view.skus[2];
    const raised = await asAdmin('PATCH', `/api/v1/admin/skus/${cheapest.id}`, { price: 20_000, listPrice: 20_000 });
    expect(raised.status).toBe(200);
    expect(raised.body.minPrice).toBe(9_900);
    const newCode = code();
    const other = await asAdmin('PATCH', `/api/v1/admin/skus/${view.skus[0].id}`, { weight: 1_000, code: newCode });
    expect(other.body.skus[0]).toMatchObject({ weight: 1_000, code: newCode, price: 9_900, stock: 10 });
    const lowered = await asAdmin('PATCH', `/api/v1/admin/skus/${view.skus[1].id}`, { price: 1_000 });
    expect(lowered.body.minPrice).toBe(1_000);
    expect((await call('GET', `/api/v1/products/${view.id}`)).body.price).toBe(1_000);
  });

  it('refuses a price above the stored list price, a taken code, an unknown SKU', async () => {
    const view = await createProduct();
    const skuId = view.skus[0].id;
    expectError(await asAdmin('PATCH', `/api/v1/admin/skus/${skuId}`, { price: 12_901 }), 400, 'VALIDATION_FAILED');
    expectError(await asAdmin('PATCH', `/api/v1/admin/skus/${skuId}`, { code: 'DEMO-002-01' }), 409, 'SKU_CODE_TAKEN');
    expectError(await asAdmin('PATCH', '/api/v1/admin/skus/999999', { price: 1 }), 404, 'SKU_NOT_FOUND');
    // its own code again is fine
    expect((await asAdmin('PATCH', `/api/v1/admin/skus/${skuId}`, { code: view.skus[0].code })).status).toBe(200);
    expect((await asAdmin('GET', `/api/v1/admin/products/${view.id}`)).body.skus).toEqual(view.skus);
  });

  it.each<[string, unknown]>([
    ['stock (adjustments only)', { stock: 100 }],
    ['an empty body', {}],
    ['no body', undefined],
    ['zero price', { price: 0 }],
    ['negative price', { price: -5 }],
    ['float price', { price: 19.99 }],
    ['price a string', { price: '1999' }],
    ['listPrice below price', { price: 500, listPrice: 400 }],
    ['specs', { specs: { 颜色: '黑' } }],
    ['weight negative', { weight: -1 }],
    ['an array', [{ price: 1 }]],
  ])('PATCH sku rejects %s with 400, changing nothing', async (_name, body) => {
    const before = await asAdmin('GET', '/api/v1/admin/products/4');
    const skuId = before.body.skus[0].id;
    expectError(await asAdmin('PATCH', `/api/v1/admin/skus/${skuId}`, body), 400, 'VALIDATION_FAILED');
    expect((await asAdmin('GET', '/api/v1/admin/products/4')).body).toEqual(before.body);
  });

  it('PATCH sku rejects non-numeric ids', async () => {
    expectError(await asAdmin('PATCH', '/api/v1/admin/skus/1.5', { price: 100 }), 400, 'VALIDATION_FAILED');
  });
});

describe('shelf', () => {
  it('takes a product off the shelf (gone from the shop) and back', async () => {
    const view = await createProduct();
    const off = await asAdmin('POST', `/api/v1/admin/products/${view.id}/shelf`, { onShelf: false });
    expect(off.status).toBe(200);
    expect(off.body.onShelf).toBe(false);
    expectError(await call('GET', `/api/v1/products/${view.id}`), 404, 'PRODUCT_NOT_FOUND');
    const list = await call('GET', `/api/v1/products?q=${encodeURIComponent(view.title)}`);
    expect(list.body.total).toBe(0);
    const adminList = await asAdmin('GET', `/api/v1/admin/products?q=${encodeURIComponent(view.title)}`);
    expect(adminList.body.items.map((p: any) => p.id)).toEqual([view.id]);
    expect((await asAdmin('GET', `/api/v1/admin/products/${view.id}`)).body.onShelf).toBe(false);

    await asAdmin('POST', `/api/v1/admin/products/${view.id}/shelf`, { onShelf: true });
    expect((await call('GET', `/api/v1/products/${view.id}`)).status).toBe(200);
  });

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['a string', { onShelf: 'false' }],
    ['a number', { onShelf: 0 }],
    ['an unknown field', { onShelf: false, at: 'now' }],
    ['an array', [false]],
  ])('rejects %s with 400, changing nothing', async (_name, body) => {
    expectError(await asAdmin('POST', '/api/v1/admin/products/5/shelf', body), 400, 'VALIDATION_FAILED');
    expect((await asAdmin('GET', '/api/v1/admin/products/5')).body.onShelf).toBe(true);
  });

  it('404s an unknown product', async () => {
    expectError(
      await asAdmin('POST', '/api/v1/admin/products/999999/shelf', { onShelf: false }),
      404,
      'PRODUCT_NOT_FOUND',
    );
  });
});

describe('stock adjustments', () => {
  const stockOf = async (productId: string, skuId: string) =>
    (await asAdmin('GET', `/api/v1/admin/products/${productId}`)).body.skus.find((s: any) => s.id === skuId).stock;

  it('moves stock and records who did it and why', async () => {
    const view = await createProduct();
    const sku = view.skus[0];
    const me = await call('GET', '/api/v1/me', { token: admin });
    const plus = await asAdmin('POST', `/api/v1/admin/skus/${sku.id}/stock-adjustments`, { delta: 5, reason: '到货' });
    expect(plus.status).toBe(201);
    expect(plus.body).toMatchObject({ skuId: sku.id, delta: 5, stockAfter: 15, reason: '到货', actorId: me.body.id });
    const minus = await asAdmin('POST', `/api/v1/admin/skus/${sku.id}/stock-adjustments`, {
      delta: -15,
      reason: '盘点',
    });
    expect(minus.body.stockAfter).toBe(0);
    expect(await stockOf(view.id, sku.id)).toBe(0);
    const trail = await asAdmin('GET', `/api/v1/admin/skus/${sku.id}/stock-adjustments`);
    expect(trail.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(trail.body.items.map((a: any) => [a.delta, a.stockAfter])).toEqual([
      [-15, 0],
      [5, 15],
    ]);
  });

  it('refuses a delta taking stock below zero, writing nothing', async () => {
    const view = await createProduct();
    const sku = view.skus[2]; // stock 3
    const result = await asAdmin('POST', `/api/v1/admin/skus/${sku.id}/stock-adjustments`, {
      delta: -4,
      reason: '损耗',
    });
    expectError(result, 409, 'STOCK_INSUFFICIENT');
    expect(result.body.error.details).toEqual({ skuId: sku.id, available: 3 });
    expect(await stockOf(view.id, sku.id)).toBe(3);
    expect((await asAdmin('GET', `/api/v1/admin/skus/${sku.id}/stock-adjustments`)).body.total).toBe(0);
    expectError(
      await asAdmin('POST', '/api/v1/admin/skus/999999/stock-adjustments', { delta: 1, reason: 'x' }),
      404,
      'SKU_NOT_FOUND',
    );
    expectError(await asAdmin('GET', '/api/v1/admin/skus/999999/stock-adjustments'), 404, 'SKU_NOT_FOUND');
  });

  it('20 concurrent −1 adjustments on a stock of 10: exactly 10 succeed, the audit trail adds up', async () => {
    const view = await createProduct();
    const sku = view.skus[0]; // stock 10
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        asAdmin('POST', `/api/v1/admin/skus/${sku.id}/stock-adjustments`, { delta: -1, reason: `出库 ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('STOCK_INSUFFICIENT');
    expect(await stockOf(view.id, sku.id)).toBe(0);
    const trail = await asAdmin('GET', `/api/v1/admin/skus/${sku.id}/stock-adjustments?pageSize=100`);
    expect(trail.body.total).toBe(10);
    const sum = trail.body.items.reduce((s: number, a: any) => s + a.delta, 0);
    expect(sum).toBe(0 - 10);
    // every stockAfter is distinct: each adjustment saw the one before it
    expect(new Set(trail.body.items.map((a: any) => a.stockAfter)).size).toBe(10);
    expect(trail.body.items.map((a: any) => a.stockAfter).sort((a: number, b: number) => a - b)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['zero delta', { delta: 0, reason: 'x' }],
    ['float delta', { delta: 1.5, reason: 'x' }],
    ['delta a string', { delta: '-1', reason: 'x' }],
    ['delta too large', { delta: 1_000_001, reason: 'x' }],
    ['delta too small', { delta: -1_000_001, reason: 'x' }],
    ['no reason', { delta: 1 }],
    ['blank reason', { delta: 1, reason: '  ' }],
    ['reason too long', { delta: 1, reason: 'x'.repeat(256) }],
    ['stockAfter given', { delta: 1, reason: 'x', stockAfter: 5 }],
    ['an array', [{ delta: 1, reason: 'x' }]],
  ])('rejects %s with 400, writing nothing', async (_name, body) => {
    const product = (await asAdmin('GET', '/api/v1/admin/products/6')).body;
    const skuId = product.skus[0].id;
    expectError(await asAdmin('POST', `/api/v1/admin/skus/${skuId}/stock-adjustments`, body), 400, 'VALIDATION_FAILED');
    expect(await stockOf('6', skuId)).toBe(product.skus[0].stock);
    expect((await asAdmin('GET', `/api/v1/admin/skus/${skuId}/stock-adjustments`)).body.total).toBe(0);
  });

  it.each([['?page=0'], ['?pageSize=101'], ['?page=abc'], ['?extra=1']])('GET trail rejects %s', async (query) => {
    expectError(await asAdmin('GET', `/api/v1/admin/skus/1/stock-adjustments${query}`), 400, 'VALIDATION_FAILED');
  });

  it('rejects malformed JSON and non-numeric ids', async () => {
    const result = await call('POST', '/api/v1/admin/skus/1/stock-adjustments', {
      token: admin,
      rawBody: '{"delta":',
      headers: { 'content-type': 'application/json' },
    });
    expectError(result, 400);
    expectError(await asAdmin('POST', '/api/v1/admin/skus/abc/stock-adjustments', { delta: 1, reason: 'x' }), 400);
    expect((await asAdmin('GET', '/api/v1/admin/skus/1/stock-adjustments')).body.total).toBe(0);
  });
});

describe('shipping template', () => {
  it('starts as the seeded default and is replaced by PUT', async () => {
    const seeded = await asAdmin('GET', '/api/v1/admin/shipping-template');
    expect(seeded.status).toBe(200);
    expect(seeded.body).toMatchObject({
      name: '默认运费模板',
      flatFee: 800,
      freeOver: 9_900,
      remoteRegions: ['新疆', '西藏', '青海', '内蒙古', '宁夏'],
      remoteSurcharge: 1_500,
    });
    const body = { name: '夏季运费', flatFee: 1_000, freeOver: null, remoteRegions: ['西藏'], remoteSurcharge: 2_000 };
    const put = await asAdmin('PUT', '/api/v1/admin/shipping-template', body);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ...body, id: seeded.body.id });
    expect((await asAdmin('GET', '/api/v1/admin/shipping-template')).body).toEqual(put.body);
    // back to the seeded rule for the rest of the file
    const { id: _id, updatedAt: _u, ...rule } = seeded.body;
    expect((await asAdmin('PUT', '/api/v1/admin/shipping-template', rule)).status).toBe(200);
  });

  const good = { name: '模板', flatFee: 800, freeOver: 9_900, remoteRegions: ['新疆'], remoteSurcharge: 1_500 };
  it.each<[string, unknown]>([
    ['no body', undefined],
    ['missing name', { ...good, name: undefined }],
    ['name too long', { ...good, name: 'x'.repeat(65) }],
    ['negative fee', { ...good, flatFee: -1 }],
    ['float fee', { ...good, flatFee: 8.5 }],
    ['fee a string', { ...good, flatFee: '800' }],
    ['freeOver zero', { ...good, freeOver: 0 }],
    ['freeOver missing', { ...good, freeOver: undefined }],
    ['regions a string', { ...good, remoteRegions: '新疆' }],
    ['regions repeated', { ...good, remoteRegions: ['新疆', '新疆'] }],
    ['region too long', { ...good, remoteRegions: ['x'.repeat(33)] }],
    ['negative surcharge', { ...good, remoteSurcharge: -100 }],
    ['unknown field', { ...good, isDefault: false }],
    ['an array', [good]],
  ])('PUT rejects %s with 400, changing nothing', async (_name, body) => {
    const before = await asAdmin('GET', '/api/v1/admin/shipping-template');
    expectError(await asAdmin('PUT', '/api/v1/admin/shipping-template', body), 400, 'VALIDATION_FAILED');
    expect((await asAdmin('GET', '/api/v1/admin/shipping-template')).body).toEqual(before.body);
  });
});

describe('OpenAPI', () => {
  it('publishes the cart, address and admin catalog routes', async () => {
    const doc = (await call('GET', '/api/docs-json')).body;
    const paths = doc.paths;
    expect(Object.keys(paths['/api/v1/cart/items/{id}'])).toEqual(['patch', 'delete']);
    expect(Object.keys(paths['/api/v1/addresses'])).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/admin/shipping-template'])).toEqual(['get', 'put']);
    expect(paths['/api/v1/admin/skus/{id}/stock-adjustments'].post.responses).toHaveProperty('201');
    expect(
      paths['/api/v1/admin/products'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('skus');
  });
});
