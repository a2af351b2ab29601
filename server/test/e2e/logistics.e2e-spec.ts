import { startStack, type Stack } from '../support/stack';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: { token: string; user: any };
let buyer: { token: string; user: any };
let stranger: { token: string; user: any };
let address: string;
let trackingSeq = 100_000;

const nextTracking = (prefix = 'SF') => `${prefix}${Date.now() % 1_000_000}${trackingSeq++}`;

beforeAll(async () => {
  stack = await startStack({ label: 'logistics', seed: true });
  given = shop(stack);
  admin = await loginAs(stack.baseUrl, 'admin');
  buyer = await loginAs(stack.baseUrl, 'shipbuyer');
  stranger = await loginAs(stack.baseUrl, 'shipstranger');
  address = await given.addressFor(buyer.token);
});
afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

async function unpaidOrder(quantities: number[] = [2, 1]) {
  const items = [];
  for (const quantity of quantities) items.push({ skuId: (await given.skuWithStock(10)).skuId, quantity });
  const order = await given.order(buyer.token, { items, addressId: address });
  expect(order.status).toBe(201);
  return order.body;
}

async function toShipOrder(quantities: number[] = [2, 1]) {
  const order = await unpaidOrder(quantities);
  await given.pay(buyer.token, order.id);
  return given.waitForStatus(buyer.token, order.id, ['TO_SHIP']);
}

const ship = (orderId: string, body: unknown, token = admin.token) =>
  http(stack.baseUrl, 'POST', `/api/v1/admin/orders/${orderId}/ship`, { token, body });

const shipmentsOf = (orderId: string) => given.db().shipment.findMany({ where: { orderId: Number(orderId) } });

async function uploadsFor(orderNo: string) {
  return (await http(stack.sandboxUrl, 'GET', `/sandbox/shipping-uploads?out_trade_no=${orderNo}`)).body.items;
}

async function waitForUpload(orderId: string, orderNo: string) {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const row = await given.db().wechatShippingUpload.findUnique({ where: { orderId: Number(orderId) } });
    if (row?.status === 'UPLOADED') return { row, uploads: await uploadsFor(orderNo) };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the shipping information was not uploaded');
}

/** The one error body: `{ error: { code, message, details? } }`. */
function expectError(response: { status: number; body: any }, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(response.body.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
  expect(Object.keys(response.body.error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
}

describe('admin ships an order in parcels', () => {
  it('moves to SHIPPED only with the last parcel and uploads the shipping info to WeChat once', async () => {
    const order = await toShipOrder([2, 1]);
    const [lineA, lineB] = order.lines;

    const first = await ship(order.id, {
      carrier: 'SF',
      trackingNo: nextTracking('SF'),
      items: [{ lineId: lineA.id, quantity: 2 }],
    });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('TO_SHIP');
    expect(first.body.shipments).toHaveLength(1);
    expect(first.body.unshipped).toEqual([{ lineId: lineB.id, quantity: 1 }]);
    expect(first.body.wechatShipping).toBeNull();
    expect(first.body.buyer).toMatchObject({ id: String(buyer.user.id), nickname: expect.any(String) });

    const second = await ship(order.id, { carrier: 'YD', trackingNo: nextTracking('YD') });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('SHIPPED');
    expect(second.body.unshipped).toEqual([]);
    expect(second.body.shipments.map((s: any) => s.items)).toEqual([
      [{ lineId: lineA.id, quantity: 2 }],
      [{ lineId: lineB.id, quantity: 1 }],
    ]);

    const view = await given.getOrder(buyer.token, order.id);
    expect(view.body.status).toBe('SHIPPED');
    expect(view.body.shippedAt).not.toBeNull();
    expect(view.body.autoConfirmAt).not.toBeNull();
    expect(view.body.timeline.map((t: any) => t.status)).toEqual(['PENDING_PAYMENT', 'PAID', 'TO_SHIP', 'SHIPPED']);
    expect(view.body.timeline.at(-1)).toMatchObject({ actor: 'ADMIN', from: 'TO_SHIP' });

    const { row, uploads } = await waitForUpload(order.id, order.orderNo);
    expect(row.attempts).toBe(1);
    const [payment] = await given.db().payment.findMany({ where: { orderId: Number(order.id) } });
    const { openid } = await given.db().user.findUniqueOrThrow({ where: { id: Number(buyer.user.id) } });
    expect(uploads).toHaveLength(1);
    expect(uploads[0].body).toMatchObject({
      order_key: { order_number_type: 2, transaction_id: payment.transactionId },
      logistics_type: 1,
      delivery_mode: 2,
      is_all_delivered: true,
      payer: { openid },
      upload_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
    });
    expect(uploads[0].body.shipping_list).toEqual([
      expect.objectContaining({ express_company: 'SF', item_desc: expect.stringContaining(lineA.title) }),
      expect.objectContaining({ express_company: 'YUNDA', item_desc: lineB.title }),
    ]);
    const detail = await http(stack.baseUrl, 'GET', `/api/v1/admin/orders/${order.id}`, { token: admin.token });
    expect(detail.body.wechatShipping).toMatchObject({ status: 'UPLOADED', attempts: 1, lastError: null });

    // A shipped order takes no more parcels; WeChat still holds exactly one upload.
    expectError(await ship(order.id, { carrier: 'ZTO', trackingNo: nextTracking('ZT') }), 409, 'ORDER_NOT_SHIPPABLE');
    await new Promise((r) => setTimeout(r, 500));
    expect(await uploadsFor(order.orderNo)).toHaveLength(1);
  });

  it('one parcel is a unified delivery; a stale access token is refreshed once', async () => {
    const order = await toShipOrder([1]);
    await http(stack.baseUrl, 'GET', '/health'); // warm
    await http(stack.sandboxUrl, 'POST', '/sandbox/tokens/expire'); // the server's cached token is now unknown (40001)
    const shipped = await ship(order.id, { carrier: 'ZTO', trackingNo: nextTracking('ZT') });
    expect(shipped.body.status).toBe('SHIPPED');
    const { row, uploads } = await waitForUpload(order.id, order.orderNo);
    expect(row.attempts).toBe(1);
    expect(uploads).toHaveLength(1);
    expect(uploads[0].body).toMatchObject({ delivery_mode: 1 });
    expect(uploads[0].body.is_all_delivered).toBeUndefined();
  });

  it('refuses orders that are not waiting for shipment, and a GROUPING order, with 409', async () => {
    const unpaid = await unpaidOrder([1]);
    expectError(await ship(unpaid.id, { carrier: 'SF', trackingNo: nextTracking() }), 409, 'ORDER_NOT_SHIPPABLE');
    const cancelled = await unpaidOrder([1]);
    expect(
      (await http(stack.baseUrl, 'POST', `/api/v1/orders/${cancelled.id}/cancel`, { token: buyer.token, body: {} }))
        .status,
    ).toBe(200);
    expectError(await ship(cancelled.id, { carrier: 'SF', trackingNo: nextTracking() }), 409, 'ORDER_NOT_SHIPPABLE');
    const grouping = await toShipOrder([1]);
    await given.db().order.update({ where: { id: Number(grouping.id) }, data: { status: 'GROUPING' } });
    expectError(await ship(grouping.id, { carrier: 'SF', trackingNo: nextTracking() }), 409, 'ORDER_NOT_SHIPPABLE');
    for (const id of [unpaid.id, cancelled.id, grouping.id]) expect(await shipmentsOf(id)).toHaveLength(0);
  });

  it('refuses a tracking number already used by another parcel with 409 and changes nothing', async () => {
    const a = await toShipOrder([1]);
    const b = await toShipOrder([1]);
    const trackingNo = nextTracking('JD');
    expect((await ship(a.id, { carrier: 'JD', trackingNo })).status).toBe(200);
    expectError(await ship(b.id, { carrier: 'JD', trackingNo }), 409, 'TRACKING_NO_TAKEN');
    expect(await shipmentsOf(b.id)).toHaveLength(0);
    expect((await given.getOrder(buyer.token, b.id)).body.status).toBe('TO_SHIP');
    // The same number at another carrier is another parcel.
    expect((await ship(b.id, { carrier: 'EMS', trackingNo })).status).toBe(200);
  });

  it('needs the ADMIN role on every admin order route', async () => {
    const order = await toShipOrder([1]);
    for (const [method, path, body] of [
      ['GET', '/api/v1/admin/orders', undefined],
      ['GET', `/api/v1/admin/orders/${order.id}`, undefined],
      ['POST', `/api/v1/admin/orders/${order.id}/ship`, { carrier: 'SF', trackingNo: nextTracking() }],
    ] as const) {
      expectError(await http(stack.baseUrl, method, path, { token: buyer.token, body }), 403, 'FORBIDDEN');
      const anonymous = await http(stack.baseUrl, method, path, { body });
      expect(anonymous.status).toBe(401);
    }
    expect(await shipmentsOf(order.id)).toHaveLength(0);
  });

  describe('bad ship requests → 4xx, no parcel, no change', () => {
    let order: any;
    let other: any;
    beforeAll(async () => {
      order = await toShipOrder([2, 1]);
      other = await toShipOrder([1]);
    });
    const cases: Array<[string, () => unknown, number, string?]> = [
      ['no body fields', () => ({}), 400, 'VALIDATION_FAILED'],
      ['an unknown carrier', () => ({ carrier: 'FOO', trackingNo: 'AB123456' }), 400, 'VALIDATION_FAILED'],
      ['a lower-case carrier', () => ({ carrier: 'sf', trackingNo: 'AB123456' }), 400, 'VALIDATION_FAILED'],
      ['a tracking number too short', () => ({ carrier: 'SF', trackingNo: 'AB123' }), 400, 'VALIDATION_FAILED'],
      ['a tracking number too long', () => ({ carrier: 'SF', trackingNo: 'A'.repeat(33) }), 400, 'VALIDATION_FAILED'],
      ['a tracking number with symbols', () => ({ carrier: 'SF', trackingNo: 'SF-123456' }), 400, 'VALIDATION_FAILED'],
      ['a numeric tracking number', () => ({ carrier: 'SF', trackingNo: 12345678 }), 400, 'VALIDATION_FAILED'],
      ['an unknown field', () => ({ carrier: 'SF', trackingNo: 'AB123456', note: 'x' }), 400, 'VALIDATION_FAILED'],
      ['empty items', () => ({ carrier: 'SF', trackingNo: 'AB123456', items: [] }), 400, 'VALIDATION_FAILED'],
      [
        'a zero quantity',
        () => ({ carrier: 'SF', trackingNo: 'AB123456', items: [{ lineId: order.lines[0].id, quantity: 0 }] }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a fractional quantity',
        () => ({ carrier: 'SF', trackingNo: 'AB123456', items: [{ lineId: order.lines[0].id, quantity: 1.5 }] }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'the same line twice',
        () => ({
          carrier: 'SF',
          trackingNo: 'AB123456',
          items: [
            { lineId: order.lines[0].id, quantity: 1 },
            { lineId: order.lines[0].id, quantity: 1 },
          ],
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a line of another order',
        () => ({ carrier: 'SF', trackingNo: 'AB123456', items: [{ lineId: other.lines[0].id, quantity: 1 }] }),
        422,
        'SHIPMENT_LINE_UNKNOWN',
      ],
      [
        'more units than ordered',
        () => ({ carrier: 'SF', trackingNo: 'AB123456', items: [{ lineId: order.lines[0].id, quantity: 3 }] }),
        422,
        'SHIPMENT_QUANTITY_EXCEEDED',
      ],
    ];
    it.each(cases)('%s', async (_what, body, status, code) => {
      expectError(await ship(order.id, body()), status, code);
      expect(await shipmentsOf(order.id)).toHaveLength(0);
      expect((await given.getOrder(buyer.token, order.id)).body.status).toBe('TO_SHIP');
    });

    it.each([
      ['a non-numeric id', 'abc', 400],
      ['an unknown order', '999999999', 404],
    ])('%s → %s', async (_what, id, status) => {
      expectError(await ship(id, { carrier: 'SF', trackingNo: 'AB123456' }), status);
    });
  });
});

describe('admin order list', () => {
  it('lists every buyer’s orders newest first, with the buyer, filtered by status and searched by number or phone', async () => {
    const mine = await toShipOrder([1]);
    const strangerAddress = await given.addressFor(stranger.token);
    const theirs = await given.order(stranger.token, {
      items: [{ skuId: (await given.skuWithStock(5)).skuId, quantity: 1 }],
      addressId: strangerAddress,
    });
    const all = await http(stack.baseUrl, 'GET', '/api/v1/admin/orders?pageSize=100', { token: admin.token });
    expect(all.status).toBe(200);
    const ids = all.body.items.map((o: any) => o.id);
    expect(ids.indexOf(theirs.body.id)).toBeLessThan(ids.indexOf(mine.id));
    expect(all.body.items.find((o: any) => o.id === mine.id).buyer).toMatchObject({
      id: String(buyer.user.id),
      nickname: buyer.user.nickname,
    });
    expect(new Set(all.body.items.map((o: any) => o.buyer.id)).size).toBeGreaterThanOrEqual(2);

    const byNo = await http(stack.baseUrl, 'GET', `/api/v1/admin/orders?q=${mine.orderNo}`, { token: admin.token });
    expect(byNo.body.items.map((o: any) => o.id)).toEqual([mine.id]);
    const byPhone = await http(stack.baseUrl, 'GET', '/api/v1/admin/orders?q=13800138000&pageSize=100', {
      token: admin.token,
    });
    expect(byPhone.body.items.map((o: any) => o.id)).toEqual(expect.arrayContaining([mine.id, theirs.body.id]));
    const none = await http(stack.baseUrl, 'GET', '/api/v1/admin/orders?q=13900000000', { token: admin.token });
    expect(none.body).toMatchObject({ items: [], total: 0 });
    const unpaid = await http(stack.baseUrl, 'GET', '/api/v1/admin/orders?status=PENDING_PAYMENT&pageSize=100', {
      token: admin.token,
    });
    expect(unpaid.body.items.every((o: any) => o.status === 'PENDING_PAYMENT')).toBe(true);
    expect(unpaid.body.items.map((o: any) => o.id)).toContain(theirs.body.id);

    const detail = await http(stack.baseUrl, 'GET', `/api/v1/admin/orders/${mine.id}`, { token: admin.token });
    expect(detail.body).toMatchObject({ id: mine.id, unshipped: [{ lineId: mine.lines[0].id, quantity: 1 }] });
  });

  it.each([['page=0'], ['pageSize=1000'], ['status=NOPE'], [`q=${'1'.repeat(33)}`], ['q='], ['foo=bar']])(
    'rejects ?%s with 400',
    async (query) => {
      expectError(
        await http(stack.baseUrl, 'GET', `/api/v1/admin/orders?${query}`, { token: admin.token }),
        400,
        'VALIDATION_FAILED',
      );
    },
  );

  it.each([
    ['abc', 400],
    ['999999999', 404],
  ])('GET /admin/orders/%s → %i', async (id, status) => {
    expectError(await http(stack.baseUrl, 'GET', `/api/v1/admin/orders/${id}`, { token: admin.token }), status);
  });
});

describe('buyer logistics', () => {
  it('shows each parcel with a route that advances with the shop clock', async () => {
    const order = await toShipOrder([1, 1]);
    const none = await http(stack.baseUrl, 'GET', `/api/v1/orders/${order.id}/logistics`, { token: buyer.token });
    expect(none.body).toEqual({ parcels: [] });
    const sf = nextTracking('SF');
    await ship(order.id, { carrier: 'SF', trackingNo: sf, items: [{ lineId: order.lines[0].id, quantity: 1 }] });
    await ship(order.id, { carrier: 'STO', trackingNo: nextTracking('ST') });

    const now = await http(stack.baseUrl, 'GET', `/api/v1/orders/${order.id}/logistics`, { token: buyer.token });
    expect(now.status).toBe(200);
    expect(now.body.parcels).toHaveLength(2);
    expect(now.body.parcels[0]).toMatchObject({
      carrier: 'SF',
      carrierName: '顺丰速运',
      trackingNo: sf,
      status: 'COLLECTED',
      items: [{ lineId: order.lines[0].id, title: order.lines[0].title, quantity: 1 }],
    });
    expect(now.body.parcels[0].events).toHaveLength(1);
    expect(now.body.parcels[0].events[0].text).toContain('揽收');
    expect(now.body.parcels[1]).toMatchObject({ carrier: 'STO', carrierName: '申通快递' });

    const later = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
    expect((await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: later } })).status).toBe(200);
    try {
      const moved = await http(stack.baseUrl, 'GET', `/api/v1/orders/${order.id}/logistics`, { token: buyer.token });
      const parcel = moved.body.parcels[0];
      expect(parcel.status).toBe('DELIVERED');
      expect(parcel.events.length).toBeGreaterThan(now.body.parcels[0].events.length);
      expect(parcel.events[0].text).toContain('签收');
      const times = parcel.events.map((e: any) => Date.parse(e.at));
      expect([...times].sort((x, y) => y - x)).toEqual(times); // newest first
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
    }
    const again = await http(stack.baseUrl, 'GET', `/api/v1/orders/${order.id}/logistics`, { token: buyer.token });
    expect(again.body).toEqual(now.body); // deterministic
  });

  it.each([
    ['another buyer’s order', () => stranger.token, async () => (await toShipOrder([1])).id, 404],
    ['an unknown order', () => buyer.token, async () => '999999999', 404],
    ['a non-numeric id', () => buyer.token, async () => 'x1', 400],
  ])('%s → %s', async (_what, token, id, status) => {
    expectError(await http(stack.baseUrl, 'GET', `/api/v1/orders/${await id()}/logistics`, { token: token() }), status);
  });

  it('lists the carriers publicly', async () => {
    const carriers = await http(stack.baseUrl, 'GET', '/api/v1/logistics/carriers');
    expect(carriers.body.items).toEqual(expect.arrayContaining([{ code: 'SF', name: '顺丰速运' }]));
  });
});

describe('auto-confirm', () => {
  let quick: Stack;
  beforeAll(async () => {
    quick = await startStack({ label: 'autoconfirm', seed: true, env: { AUTO_CONFIRM_SECONDS: '2' } });
  });
  afterAll(async () => quick?.close());

  it('completes a shipped order by itself after AUTO_CONFIRM_SECONDS', async () => {
    const g = shop(quick);
    const who = await loginAs(quick.baseUrl, 'autobuyer');
    const boss = await loginAs(quick.baseUrl, 'admin');
    const addressId = await g.addressFor(who.token);
    const created = await g.order(who.token, {
      items: [{ skuId: (await g.skuWithStock(3)).skuId, quantity: 1 }],
      addressId,
    });
    await g.pay(who.token, created.body.id);
    await g.waitForStatus(who.token, created.body.id, ['TO_SHIP']);
    const shipped = await http(quick.baseUrl, 'POST', `/api/v1/admin/orders/${created.body.id}/ship`, {
      token: boss.token,
      body: { carrier: 'SF', trackingNo: 'SF000000000001' },
    });
    expect(shipped.body.status).toBe('SHIPPED');
    const done = await g.waitForStatus(who.token, created.body.id, ['COMPLETED'], 15_000);
    expect(done.timeline.at(-1)).toMatchObject({ status: 'COMPLETED', actor: 'SYSTEM' });
  });
});
