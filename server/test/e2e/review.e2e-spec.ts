import { startStack, type Stack } from '../support/stack';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: { token: string; user: any };
let buyer: { token: string; user: any };
let other: { token: string; user: any };
let address: string;
let tracking = 0;

beforeAll(async () => {
  stack = await startStack({ label: 'review', seed: true });
  given = shop(stack);
  admin = await loginAs(stack.baseUrl, 'admin');
  buyer = await loginAs(stack.baseUrl, 'reviewer');
  other = await loginAs(stack.baseUrl, 'otherbuyer');
  address = await given.addressFor(buyer.token);
});
afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

const usedProducts = new Set<string>();

/** A SKU of a product no other order of this file used (so product review lists are predictable). */
async function freshSku(): Promise<string> {
  for (;;) {
    const sku = await given.skuWithStock(10);
    if (!usedProducts.has(sku.productId)) {
      usedProducts.add(sku.productId);
      return sku.skuId;
    }
  }
}

async function toShipOrder(quantities: number[]) {
  const items = [];
  for (const quantity of quantities) items.push({ skuId: await freshSku(), quantity });
  const order = await given.order(buyer.token, { items, addressId: address });
  expect(order.status).toBe(201);
  await given.pay(buyer.token, order.body.id);
  return given.waitForStatus(buyer.token, order.body.id, ['TO_SHIP']);
}

async function completedOrder(quantities: number[] = [1, 2]) {
  const order = await toShipOrder(quantities);
  const shipped = await http(stack.baseUrl, 'POST', `/api/v1/admin/orders/${order.id}/ship`, {
    token: admin.token,
    body: { carrier: 'ZTO', trackingNo: `ZT${Date.now()}${tracking++}` },
  });
  expect(shipped.body.status).toBe('SHIPPED');
  const confirmed = await http(stack.baseUrl, 'POST', `/api/v1/orders/${order.id}/confirm-receipt`, {
    token: buyer.token,
  });
  expect(confirmed.body.status).toBe('COMPLETED');
  return confirmed.body;
}

const review = (orderId: string, body: unknown, token = buyer.token) =>
  http(stack.baseUrl, 'POST', `/api/v1/orders/${orderId}/reviews`, { token, body });
const reviewCount = () => given.db().review.count();
const dsr = async () => (await http(stack.baseUrl, 'GET', '/api/v1/shop/dsr')).body;

/** The one error body: `{ error: { code, message, details? } }`. */
function expectError(response: { status: number; body: any }, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(response.body.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
  expect(Object.keys(response.body.error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
}

const good = (lineId: string) => ({
  lineId,
  productScore: 5,
  logisticsScore: 4,
  serviceScore: 3,
  text: '质量很好，物流也快',
  images: ['https://img.example.com/a.jpg'],
});

describe('reviews and DSR', () => {
  let order: any;
  let reviewIds: string[] = [];

  it('a shop without reviews has full marks', async () => {
    expect(await dsr()).toEqual({ product: 5, logistics: 5, service: 5, count: 0 });
  });

  it('refuses a review before completion (409), of another buyer’s order (404)', async () => {
    const open = await toShipOrder([1]);
    expectError(await review(open.id, good(open.lines[0].id)), 409, 'ORDER_NOT_REVIEWABLE');
    order = await completedOrder([1, 2]);
    expectError(await review(order.id, good(order.lines[0].id), other.token), 404, 'ORDER_NOT_FOUND');
    expect(await reviewCount()).toBe(0);
  });

  it('reviews each line of a completed order once, and the DSR follows', async () => {
    const first = await review(order.id, good(order.lines[0].id));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      orderId: order.id,
      lineId: order.lines[0].id,
      productId: order.lines[0].productId,
      productScore: 5,
      logisticsScore: 4,
      serviceScore: 3,
      text: '质量很好，物流也快',
      images: ['https://img.example.com/a.jpg'],
      followUp: null,
      reply: null,
    });
    const second = await review(order.id, {
      lineId: order.lines[1].id,
      productScore: 4,
      logisticsScore: 4,
      serviceScore: 4,
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ text: '', images: [] });
    reviewIds = [first.body.id, second.body.id];

    expectError(await review(order.id, good(order.lines[0].id)), 409, 'ALREADY_REVIEWED');
    expect(await reviewCount()).toBe(2);
    expect(await dsr()).toEqual({ product: 4.5, logistics: 4, service: 3.5, count: 2 });

    const mine = await http(stack.baseUrl, 'GET', `/api/v1/orders/${order.id}/reviews`, { token: buyer.token });
    expect(mine.body.items.map((r: any) => r.lineId)).toEqual([order.lines[0].id, order.lines[1].id]);
    expectError(await http(stack.baseUrl, 'GET', `/api/v1/orders/${order.id}/reviews`, { token: other.token }), 404);
  });

  it('takes one follow-up from the author only', async () => {
    const path = `/api/v1/reviews/${reviewIds[0]}/follow-up`;
    const body = { text: '用了一周，依然很好', images: ['https://img.example.com/b.jpg'] };
    expectError(await http(stack.baseUrl, 'POST', path, { token: other.token, body }), 404, 'REVIEW_NOT_FOUND');
    const added = await http(stack.baseUrl, 'POST', path, { token: buyer.token, body });
    expect(added.status).toBe(200);
    expect(added.body.followUp).toMatchObject({ text: body.text, images: body.images, at: expect.any(String) });
    expect(added.body.images).toEqual(['https://img.example.com/a.jpg']);
    expectError(
      await http(stack.baseUrl, 'POST', path, { token: buyer.token, body: { text: '再追一次' } }),
      409,
      'FOLLOW_UP_EXISTS',
    );
    const row = await given.db().review.findUniqueOrThrow({ where: { id: Number(reviewIds[0]) } });
    expect(row.followUpText).toBe(body.text);
  });

  it('takes one merchant reply, from an admin only', async () => {
    const path = `/api/v1/admin/reviews/${reviewIds[0]}/reply`;
    expectError(
      await http(stack.baseUrl, 'POST', path, { token: buyer.token, body: { text: 'hi' } }),
      403,
      'FORBIDDEN',
    );
    const replied = await http(stack.baseUrl, 'POST', path, { token: admin.token, body: { text: '感谢您的支持！' } });
    expect(replied.status).toBe(200);
    expect(replied.body.reply).toMatchObject({ text: '感谢您的支持！' });
    expectError(
      await http(stack.baseUrl, 'POST', path, { token: admin.token, body: { text: '再次感谢' } }),
      409,
      'ALREADY_REPLIED',
    );
    expectError(
      await http(stack.baseUrl, 'POST', '/api/v1/admin/reviews/999999999/reply', {
        token: admin.token,
        body: { text: 'x' },
      }),
      404,
      'REVIEW_NOT_FOUND',
    );
  });

  it('shows the reviews under the product publicly, nickname masked', async () => {
    const list = await http(stack.baseUrl, 'GET', `/api/v1/products/${order.lines[0].productId}/reviews`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const [item] = list.body.items;
    const nickname: string = buyer.user.nickname;
    expect(item.reviewer.nickname).toBe(`${Array.from(nickname)[0]}***${Array.from(nickname).at(-1)}`);
    expect(item.reviewer.nickname).not.toBe(nickname);
    expect(item).toMatchObject({
      id: reviewIds[0],
      productScore: 5,
      text: '质量很好，物流也快',
      followUp: { text: '用了一周，依然很好' },
      reply: { text: '感谢您的支持！' },
    });
    expect(item.orderId).toBeUndefined();
    const empty = await http(stack.baseUrl, 'GET', `/api/v1/products/${order.lines[0].productId}/reviews?page=2`);
    expect(empty.body).toMatchObject({ items: [], total: 1, page: 2 });
  });

  it('counts only the last 180 days in the DSR', async () => {
    const later = new Date(Date.now() + 181 * 24 * 3_600_000).toISOString();
    await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: later } });
    try {
      expect(await dsr()).toEqual({ product: 5, logistics: 5, service: 5, count: 0 });
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
    }
    expect((await dsr()).count).toBe(2);
  });
});

describe('bad inputs → 4xx, error shape, nothing written', () => {
  let order: any;
  beforeAll(async () => {
    order = await completedOrder([1]);
  });
  const line = () => order.lines[0].id;
  const base = () => ({ lineId: line(), productScore: 5, logisticsScore: 5, serviceScore: 5 });
  const cases: Array<[string, () => unknown, number, string?]> = [
    ['an empty body', () => ({}), 400, 'VALIDATION_FAILED'],
    ['a score of 0', () => ({ ...base(), productScore: 0 }), 400, 'VALIDATION_FAILED'],
    ['a score of 6', () => ({ ...base(), logisticsScore: 6 }), 400, 'VALIDATION_FAILED'],
    ['a fractional score', () => ({ ...base(), serviceScore: 4.5 }), 400, 'VALIDATION_FAILED'],
    ['a score as a string', () => ({ ...base(), serviceScore: '5' }), 400, 'VALIDATION_FAILED'],
    ['a missing score', () => ({ lineId: line(), productScore: 5, logisticsScore: 5 }), 400, 'VALIDATION_FAILED'],
    ['text over 500', () => ({ ...base(), text: '好'.repeat(501) }), 400, 'VALIDATION_FAILED'],
    [
      'ten images',
      () => ({ ...base(), images: Array(10).fill('https://img.example.com/a.jpg') }),
      400,
      'VALIDATION_FAILED',
    ],
    ['an image that is not a URL', () => ({ ...base(), images: ['not a url'] }), 400, 'VALIDATION_FAILED'],
    ['a javascript: image', () => ({ ...base(), images: ['javascript:alert(1)'] }), 400, 'VALIDATION_FAILED'],
    ['an unknown field', () => ({ ...base(), rating: 5 }), 400, 'VALIDATION_FAILED'],
    ['a non-numeric line id', () => ({ ...base(), lineId: 'x' }), 400, 'VALIDATION_FAILED'],
    ['a line of another order', () => ({ ...base(), lineId: '999999999' }), 422, 'REVIEW_LINE_UNKNOWN'],
  ];
  it.each(cases)('POST /orders/:id/reviews with %s', async (_what, body, status, code) => {
    const before = await reviewCount();
    expectError(await review(order.id, body()), status, code);
    expect(await reviewCount()).toBe(before);
  });

  it.each([
    ['abc', 400],
    ['999999999', 404],
  ])('POST /orders/%s/reviews → %s', async (id, status) => {
    expectError(await review(id, base()), status);
  });

  it.each([
    ['no text', {}, 400],
    ['blank text', { text: '   ' }, 400],
    ['text over 500', { text: 'a'.repeat(501) }, 400],
    ['ten images', { text: 'ok', images: Array(10).fill('https://img.example.com/a.jpg') }, 400],
    ['an unknown field', { text: 'ok', score: 1 }, 400],
  ])('follow-up with %s', async (_what, body, status) => {
    const created = await given.db().review.findFirstOrThrow({ where: { userId: Number(buyer.user.id) } });
    const fresh = await given.db().review.findUniqueOrThrow({ where: { id: created.id } });
    expectError(
      await http(stack.baseUrl, 'POST', `/api/v1/reviews/${created.id}/follow-up`, { token: buyer.token, body }),
      status,
      'VALIDATION_FAILED',
    );
    expect(await given.db().review.findUniqueOrThrow({ where: { id: created.id } })).toEqual(fresh);
  });

  it.each([
    ['x', { text: 'ok' }, 400],
    ['999999999', { text: 'ok' }, 404],
  ])('follow-up of review %s', async (id, body, status) => {
    expectError(
      await http(stack.baseUrl, 'POST', `/api/v1/reviews/${id}/follow-up`, { token: buyer.token, body }),
      status,
    );
  });

  it.each([
    ['no text', {}, 400],
    ['blank text', { text: ' ' }, 400],
    ['text over 500', { text: 'a'.repeat(501) }, 400],
    ['an unknown field', { text: 'ok', extra: 1 }, 400],
  ])('reply with %s', async (_what, body, status) => {
    const target = await given.db().review.findFirstOrThrow({ where: { repliedAt: null } });
    expectError(
      await http(stack.baseUrl, 'POST', `/api/v1/admin/reviews/${target.id}/reply`, { token: admin.token, body }),
      status,
      'VALIDATION_FAILED',
    );
    expect((await given.db().review.findUniqueOrThrow({ where: { id: target.id } })).repliedAt).toBeNull();
  });

  it.each([
    ['/api/v1/products/abc/reviews', 400],
    ['/api/v1/products/999999999/reviews', 404],
    ['/api/v1/products/1/reviews?page=0', 400],
    ['/api/v1/products/1/reviews?pageSize=101', 400],
    ['/api/v1/products/1/reviews?sort=x', 400],
    ['/api/v1/orders/abc/reviews', 400],
  ])('GET %s → %s', async (path, status) => {
    expectError(await http(stack.baseUrl, 'GET', path, { token: buyer.token }), status);
  });

  it('needs a login to review, follow up or read my reviews', async () => {
    expect((await http(stack.baseUrl, 'POST', `/api/v1/orders/${order.id}/reviews`, { body: base() })).status).toBe(
      401,
    );
    expect((await http(stack.baseUrl, 'GET', `/api/v1/orders/${order.id}/reviews`)).status).toBe(401);
    expect((await http(stack.baseUrl, 'POST', '/api/v1/reviews/1/follow-up', { body: { text: 'x' } })).status).toBe(
      401,
    );
  });
});
