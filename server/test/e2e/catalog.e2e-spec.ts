import { startStack, type Stack } from '../support/stack';
import { http } from '../support/http';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'catalog', seed: true });
});
afterAll(async () => stack?.close());

const get = (path: string) => http(stack.baseUrl, 'GET', path);

describe('categories', () => {
  it('is a two-level tree', async () => {
    const { status, body } = await get('/api/v1/categories');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(4);
    for (const top of body.items) {
      expect(top.parentId).toBeNull();
      expect(top.children.length).toBeGreaterThan(0);
      for (const child of top.children) expect(child.parentId).toBe(top.id);
    }
  });
});

describe('product list', () => {
  it('pages through the seeded catalog without repeats', async () => {
    const first = await get('/api/v1/products?pageSize=20&page=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBeGreaterThanOrEqual(40);
    expect(first.body).toMatchObject({ page: 1, pageSize: 20 });
    const pages = Math.ceil(first.body.total / 20);
    const ids = new Set<string>();
    for (let page = 1; page <= pages; page += 1) {
      const result = await get(`/api/v1/products?pageSize=20&page=${page}`);
      for (const item of result.body.items) ids.add(item.id);
    }
    expect(ids.size).toBe(first.body.total);
    const beyond = await get(`/api/v1/products?pageSize=20&page=${pages + 1}`);
    expect(beyond.body.items).toEqual([]);
  });

  it('gives every card integer fen prices and an image served by the server', async () => {
    const { body } = await get('/api/v1/products?pageSize=5');
    for (const card of body.items) {
      expect(Number.isInteger(card.price)).toBe(true);
      expect(card.listPrice).toBeGreaterThanOrEqual(card.price);
      expect(card.cover.startsWith(stack.baseUrl)).toBe(true);
    }
    const image = await fetch(body.items[0].cover);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it.each([
    ['price_asc', (a: any, b: any) => a.price <= b.price],
    ['price_desc', (a: any, b: any) => a.price >= b.price],
    ['sales', (a: any, b: any) => a.sales >= b.sales],
    ['new', (a: any, b: any) => a.createdAt >= b.createdAt],
  ])('sorts by %s', async (sort, inOrder) => {
    const { status, body } = await get(`/api/v1/products?sort=${sort}&pageSize=50`);
    expect(status).toBe(200);
    for (let i = 1; i < body.items.length; i += 1) expect(inOrder(body.items[i - 1], body.items[i])).toBe(true);
  });

  it('searches title, subtitle and tags', async () => {
    const byTitle = await get(`/api/v1/products?q=${encodeURIComponent('卫衣')}`);
    expect(byTitle.body.total).toBeGreaterThanOrEqual(3);
    for (const item of byTitle.body.items)
      expect(`${item.title}${item.subtitle}${item.tags.join(' ')}`).toContain('卫衣');
    const byTag = await get(`/api/v1/products?q=${encodeURIComponent('氮化镓')}`);
    expect(byTag.body.items.map((i: any) => i.title)).toContain('氮化镓快充充电器');
    const none = await get(`/api/v1/products?q=${encodeURIComponent('不存在的商品xyz')}`);
    expect(none.body).toMatchObject({ items: [], total: 0 });
    const wildcard = await get(`/api/v1/products?q=${encodeURIComponent('%')}`);
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.total).toBe(0);
  });

  it('filters by category, a top-level category including its children', async () => {
    const tree = (await get('/api/v1/categories')).body.items;
    const top = tree[0];
    const child = top.children[0];
    const byChild = await get(`/api/v1/products?categoryId=${child.id}&pageSize=100`);
    expect(byChild.body.total).toBeGreaterThan(0);
    for (const item of byChild.body.items) expect(item.categoryId).toBe(child.id);
    const byTop = await get(`/api/v1/products?categoryId=${top.id}&pageSize=100`);
    const childIds = top.children.map((c: any) => c.id);
    expect(byTop.body.total).toBeGreaterThan(byChild.body.total);
    for (const item of byTop.body.items) expect(childIds).toContain(item.categoryId);
    const unknown = await get('/api/v1/products?categoryId=999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CATEGORY_NOT_FOUND');
  });

  it.each([
    'page=-1',
    'page=0',
    'page=abc',
    'page=1.5',
    'pageSize=0',
    'pageSize=101',
    'pageSize=1e3',
    'sort=cheapest',
    'categoryId=abc',
    'categoryId=-3',
    'page=1&page=2',
    `q=${'x'.repeat(65)}`,
    'page=99999999999999999999',
  ])('answers a malformed query (%s) with 400 in the error shape', async (query) => {
    const { status, body } = await get(`/api/v1/products?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.fields.length).toBeGreaterThan(0);
  });

  it.each(['%', '%%', '%E4%B8', 'q=%ZZ', '&&&', 'q', '=', 'q=%00', 'sort[]=new', 'q[a]=b'])(
    'never answers a strange query string (%s) with 500',
    async (raw) => {
      const { status, body } = await get(`/api/v1/products?${raw}`);
      expect(status).toBeLessThan(500);
      if (status >= 400) expect(body.error.code).toBeDefined();
    },
  );
});

describe('product detail', () => {
  it('has SKUs with specs and the spec dimensions of the picker', async () => {
    const list = await get('/api/v1/products?q=' + encodeURIComponent('T恤'));
    const id = list.body.items[0].id;
    const { status, body } = await get(`/api/v1/products/${id}`);
    expect(status).toBe(200);
    expect(body.skus.length).toBeGreaterThan(1);
    expect(body.specs.map((s: any) => s.name)).toEqual(['颜色', '尺码']);
    for (const sku of body.skus) {
      expect(Object.keys(sku.specs)).toEqual(['颜色', '尺码']);
      expect(Number.isInteger(sku.price)).toBe(true);
      expect(Number.isInteger(sku.stock)).toBe(true);
    }
    expect(body.price).toBe(Math.min(...body.skus.map((s: any) => s.price)));
    expect(body.images.length).toBe(3);
    expect(body.activities).toEqual([]);
  });

  it.each([
    ['an unknown id', '/api/v1/products/999999', 404, 'PRODUCT_NOT_FOUND'],
    ['a non-numeric id', '/api/v1/products/abc', 400, 'VALIDATION_FAILED'],
    ['a negative id', '/api/v1/products/-1', 400, 'VALIDATION_FAILED'],
    ['an unknown route', '/api/v1/nothing-here', 404, 'NOT_FOUND'],
  ])('answers %s in the error shape', async (_what, path, status, code) => {
    const result = await get(path);
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  });
});

describe('health, docs and request ids', () => {
  it('reports db, redis and the WeChat mode', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', db: 'ok', redis: 'ok', wechat: 'sandbox' });
  });

  it('publishes the OpenAPI document and the docs page', async () => {
    const json = await get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/wechat-login', '/api/v1/products', '/api/v1/products/{id}', '/health']),
    );
    const ui = await fetch(`${stack.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const asset = await fetch(`${stack.baseUrl}/api/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
  });

  it('echoes a sane request id and makes one otherwise', async () => {
    const kept = await http(stack.baseUrl, 'GET', '/health', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-12345678');
    const made = await http(stack.baseUrl, 'GET', '/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
