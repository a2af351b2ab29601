import { http, loginAs } from '../support/http';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let alice: string;
let bob: string;
let carol: string;

beforeAll(async () => {
  stack = await startStack({ label: 'address', seed: true });
  alice = (await loginAs(stack.baseUrl, 'alice')).token;
  bob = (await loginAs(stack.baseUrl, 'bob')).token;
  carol = (await loginAs(stack.baseUrl, 'carol')).token;
});
afterAll(async () => stack?.close());

async function call(method: string, path: string, options: Parameters<typeof http>[3] = {}) {
  const result = await http(stack.baseUrl, method, path, options);
  expect(result.status).toBeLessThan(500);
  return result;
}

function expectError(result: { status: number; body: any }, status: number, code?: string) {
  expect(result.status).toBe(status);
  expect(result.body).toEqual({
    error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }),
  });
}

const address = (overrides: Record<string, unknown> = {}) => ({
  name: '张三',
  phone: '13800138000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 100 号',
  ...overrides,
});
const list = async (token: string) => (await call('GET', '/api/v1/addresses', { token })).body;
const create = async (token: string, body: Record<string, unknown> = {}) => {
  const result = await call('POST', '/api/v1/addresses', { token, body: address(body) });
  expect(result.status).toBe(201);
  return result.body;
};
const defaults = async (token: string) =>
  (await list(token)).items.filter((a: any) => a.isDefault).map((a: any) => a.id);
async function clear(token: string) {
  for (const item of (await list(token)).items) await call('DELETE', `/api/v1/addresses/${item.id}`, { token });
}

describe('without a token', () => {
  it.each([
    ['GET', '/api/v1/addresses', undefined],
    ['POST', '/api/v1/addresses', address()],
    ['PATCH', '/api/v1/addresses/1', { name: 'x' }],
    ['DELETE', '/api/v1/addresses/1', undefined],
  ])('%s %s is 401', async (method, path, body) => {
    expectError(await call(method, path, { body }), 401, 'UNAUTHENTICATED');
  });
});

describe('address book', () => {
  afterEach(() => clear(alice));

  it('makes the first address the default and lists the default first, then newest', async () => {
    const first = await create(alice, { isDefault: false });
    expect(first).toMatchObject({ ...address(), isDefault: true, id: expect.any(String) });
    const second = await create(alice);
    const third = await create(alice, { name: '李四', phone: '010-12345678' });
    expect([second.isDefault, third.isDefault]).toEqual([false, false]);
    expect((await list(alice)).items.map((a: any) => a.id)).toEqual([first.id, third.id, second.id]);
    expect(await list(alice)).toMatchObject({ total: 3, page: 1 });
  });

  it('moves the default when another address is made the default', async () => {
    const first = await create(alice);
    const second = await create(alice, { isDefault: true });
    expect(second.isDefault).toBe(true);
    expect(await defaults(alice)).toEqual([second.id]);
    const patched = await call('PATCH', `/api/v1/addresses/${first.id}`, { token: alice, body: { isDefault: true } });
    expect(patched.body.isDefault).toBe(true);
    expect(await defaults(alice)).toEqual([first.id]);
  });

  it('hands the default to the newest other address when it is switched off; an only address keeps it', async () => {
    const only = await create(alice);
    const kept = await call('PATCH', `/api/v1/addresses/${only.id}`, { token: alice, body: { isDefault: false } });
    expect(kept.body.isDefault).toBe(true);
    const older = await create(alice);
    const newer = await create(alice);
    const off = await call('PATCH', `/api/v1/addresses/${only.id}`, { token: alice, body: { isDefault: false } });
    expect(off.body.isDefault).toBe(false);
    expect(await defaults(alice)).toEqual([newer.id]);
    expect(older.isDefault).toBe(false);
  });

  it('changes only the given fields', async () => {
    const a = await create(alice);
    const patched = await call('PATCH', `/api/v1/addresses/${a.id}`, {
      token: alice,
      body: { detail: '新地址 1 号', phone: '0755-1234567' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ ...address(), detail: '新地址 1 号', phone: '0755-1234567', isDefault: true });
  });

  it('promotes the newest remaining address when the default is deleted', async () => {
    const first = await create(alice);
    const second = await create(alice);
    const third = await create(alice);
    const removed = await call('DELETE', `/api/v1/addresses/${first.id}`, { token: alice });
    expect(removed.status).toBe(204);
    expect(await defaults(alice)).toEqual([third.id]);
    await call('DELETE', `/api/v1/addresses/${second.id}`, { token: alice });
    expect(await defaults(alice)).toEqual([third.id]);
    await call('DELETE', `/api/v1/addresses/${third.id}`, { token: alice });
    expect(await list(alice)).toMatchObject({ items: [], total: 0 });
    expectError(await call('DELETE', `/api/v1/addresses/${third.id}`, { token: alice }), 404, 'ADDRESS_NOT_FOUND');
  });

  it("never shows or changes someone else's address", async () => {
    const mine = await create(alice);
    expect((await list(bob)).items).toEqual([]);
    expectError(
      await call('PATCH', `/api/v1/addresses/${mine.id}`, { token: bob, body: { name: '黑客' } }),
      404,
      'ADDRESS_NOT_FOUND',
    );
    expectError(await call('DELETE', `/api/v1/addresses/${mine.id}`, { token: bob }), 404, 'ADDRESS_NOT_FOUND');
    expectError(
      await call('PATCH', '/api/v1/addresses/999999', { token: bob, body: { name: 'x' } }),
      404,
      'ADDRESS_NOT_FOUND',
    );
    expect((await list(alice)).items).toEqual([mine]);
  });

  it('keeps exactly one default under concurrent writes', async () => {
    const created = await Promise.all(Array.from({ length: 6 }, () => create(alice, { isDefault: true })));
    expect(created).toHaveLength(6);
    expect(await defaults(alice)).toHaveLength(1);
  });
});

describe('limit', () => {
  it('holds at most 20 addresses', async () => {
    for (let i = 0; i < 20; i += 1) await create(carol, { detail: `第 ${i} 号` });
    const over = await call('POST', '/api/v1/addresses', { token: carol, body: address() });
    expectError(over, 409, 'ADDRESS_LIMIT_REACHED');
    expect((await list(carol)).total).toBe(20);
  });
});

describe('bad input', () => {
  let id: string;
  let before: unknown;
  beforeAll(async () => {
    await clear(alice);
    id = (await create(alice)).id;
    before = await list(alice);
  });
  afterEach(async () => expect(await list(alice)).toEqual(before));

  const fieldCases: Array<[string, Record<string, unknown>]> = [
    ['blank name', { name: '   ' }],
    ['name too long', { name: '名'.repeat(33) }],
    ['name a number', { name: 3 }],
    ['phone too short', { phone: '1380013800' }],
    ['phone starting 12', { phone: '12800138000' }],
    ['phone with letters', { phone: '1380013800a' }],
    ['landline without area code', { phone: '12345678' }],
    ['phone a number', { phone: 13800138000 }],
    ['province too long', { province: 'x'.repeat(33) }],
    ['city empty', { city: '' }],
    ['district null', { district: null }],
    ['detail too long', { detail: 'x'.repeat(121) }],
    ['isDefault a string', { isDefault: 'yes' }],
    ['an unknown field', { userId: '2' }],
  ];

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['an array', [address()]],
    ['missing name', { ...address(), name: undefined }],
    ['missing detail', { ...address(), detail: undefined }],
    ...fieldCases.map(([name, patch]): [string, unknown] => [name, address(patch)]),
  ])('POST rejects %s with 400', async (_name, body) => {
    expectError(await call('POST', '/api/v1/addresses', { token: alice, body }), 400, 'VALIDATION_FAILED');
  });

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['an empty body', {}],
    ['an array', [{ name: 'x' }]],
    ...fieldCases,
  ])('PATCH rejects %s with 400', async (_name, body) => {
    expectError(await call('PATCH', `/api/v1/addresses/${id}`, { token: alice, body }), 400, 'VALIDATION_FAILED');
  });

  it.each([['abc'], ['1e3'], ['-2'], ['9999999999']])('rejects the id %s with 400', async (bad) => {
    expectError(
      await call('PATCH', `/api/v1/addresses/${bad}`, { token: alice, body: { name: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await call('DELETE', `/api/v1/addresses/${bad}`, { token: alice }), 400, 'VALIDATION_FAILED');
  });

  it('rejects malformed JSON with 400', async () => {
    const headers = { 'content-type': 'application/json' };
    expectError(await call('POST', '/api/v1/addresses', { token: alice, rawBody: '{"name":"x",', headers }), 400);
    expectError(await call('PATCH', `/api/v1/addresses/${id}`, { token: alice, rawBody: 'not json', headers }), 400);
  });
});
