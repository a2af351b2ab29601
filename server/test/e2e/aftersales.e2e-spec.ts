import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { OrderLifecycle } from '../../src/order/order-lifecycle.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let given: ReturnType<typeof shop>;
let alice: string;
let bob: string;
let admin: string;
let address: string;

beforeAll(async () => {
  stack = await startStack({ label: 'aftersales', seed: true });
  given = shop(stack);
  alice = (await loginAs(stack.baseUrl, 'alice')).token;
  bob = (await loginAs(stack.baseUrl, 'bob')).token;
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  address = await given.addressFor(alice);
});
afterAll(async () => stack?.close());

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
const ask = (orderId: string, body: unknown, token = alice) =>
  call('POST', `/api/v1/orders/${orderId}/aftersales`, token, body);
const asAdmin = (action: 'approve' | 'reject' | 'receive', id: string, body?: unknown) =>
  call('POST', `/api/v1/admin/aftersales/${id}/${action}`, admin, body);

/** A paid order (TO_SHIP) of `lines`, each a fresh SKU with `stock` units. */
async function paidOrder(lines: Array<{ quantity: number; stock?: number }>) {
  const skus: Array<Awaited<ReturnType<typeof given.skuWithStock>>> = [];
  for (const line of lines) skus.push(await given.skuWithStock(line.stock ?? 10));
  const created = await given.order(alice, {
    items: lines.map((l, i) => ({ skuId: skus[i].skuId, quantity: l.quantity })),
    addressId: address,
  });
  expect(created.status).toBe(201);
  await given.pay(alice, created.body.id);
  const order = await given.waitForStatus(alice, created.body.id, ['TO_SHIP']);
  return { order, skus };
}

const lifecycle = () => stack.server.app.get(OrderLifecycle);
const ship = (orderId: string) =>
  stack.server.app.get(PrismaService).transaction((tx) => lifecycle().markShipped(tx, Number(orderId), 'ADMIN'));

async function waitForAftersale(id: string, statuses: string[], token = alice, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < until) {
    last = (await call('GET', `/api/v1/aftersales/${id}`, token)).body;
    if (statuses.includes(last?.status)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`after-sale ${id} stayed ${last?.status}, expected ${statuses.join('|')}`);
}

const aftersaleCount = () => given.db().aftersale.count();
const lineRow = (lineId: string) => given.db().orderLine.findUniqueOrThrow({ where: { id: Number(lineId) } });
const orderRow = (orderId: string) => given.db().order.findUniqueOrThrow({ where: { id: Number(orderId) } });

function expectErrorShape(result: { status: number; body: any }, status: number, code?: string) {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (code) expect(result.body.error.code).toBe(code);
}

describe('refund only (仅退款)', () => {
  it('refunds a whole line of a TO_SHIP order: REFUNDED, stock back, order CLOSED', async () => {
    const { order, skus } = await paidOrder([{ quantity: 2, stock: 10 }]);
    expect(await given.stockOf(skus[0].skuId)).toBe(8);
    const line = order.lines[0];
    const asked = await ask(order.id, { lineId: line.id, type: 'REFUND', amount: line.paidAmount, reason: '不想要了' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'REQUESTED',
      type: 'REFUND',
      amount: line.paidAmount,
      quantity: 2,
      orderId: order.id,
      orderNo: order.orderNo,
      line: { id: line.id, paidAmount: line.paidAmount, refundedAmount: 0 },
      refund: null,
    });
    const approved = await asAdmin('approve', asked.body.id);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('REFUNDING');
    expect(approved.body.refund).toMatchObject({ amount: line.paidAmount });

    const done = await waitForAftersale(asked.body.id, ['REFUNDED']);
    expect(done.timeline.map((t: any) => t.status)).toEqual(['REQUESTED', 'APPROVED', 'REFUNDING', 'REFUNDED']);
    expect(done.timeline.every((t: any) => typeof t.at === 'string')).toBe(true);
    expect(done.refund).toMatchObject({ status: 'SUCCESS', amount: line.paidAmount });
    expect(await given.stockOf(skus[0].skuId)).toBe(10);
    const closed = await given.waitForStatus(alice, order.id, ['CLOSED']);
    expect(closed.refundedAmount).toBe(line.paidAmount);
    expect(closed.lines[0].refundedAmount).toBe(line.paidAmount);
    expect((await lineRow(line.id)).restockedQuantity).toBe(2);
    const refunds = await given.db().refund.findMany({ where: { orderId: Number(order.id) } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ reason: 'AFTERSALE', aftersaleId: Number(asked.body.id), status: 'SUCCESS' });
  });

  it('refunds part of a line, then the rest and the other line: exact to the fen, CLOSED at the end', async () => {
    const { order, skus } = await paidOrder([
      { quantity: 2, stock: 5 },
      { quantity: 1, stock: 5 },
    ]);
    const [a, b] = order.lines;
    const partial = await ask(order.id, { lineId: a.id, type: 'REFUND', amount: 101, quantity: 1, reason: '少了一件' });
    expect(partial.status).toBe(201);
    await asAdmin('approve', partial.body.id);
    await waitForAftersale(partial.body.id, ['REFUNDED']);
    expect((await orderRow(order.id)).status).toBe('TO_SHIP');
    expect(await given.stockOf(skus[0].skuId)).toBe(4); // one of the two units came back

    const tooMuch = await ask(order.id, { lineId: a.id, type: 'REFUND', amount: a.paidAmount - 100, reason: '剩下的' });
    expectErrorShape(tooMuch, 422, 'AFTERSALE_AMOUNT_TOO_HIGH');
    expect(tooMuch.body.error.details.max).toBe(a.paidAmount - 101);

    const rest = await ask(order.id, { lineId: a.id, type: 'REFUND', amount: a.paidAmount - 101, reason: '剩下的' });
    expect(rest.status).toBe(201);
    expect(rest.body.quantity).toBe(1); // the unit not restocked yet
    await asAdmin('approve', rest.body.id);
    await waitForAftersale(rest.body.id, ['REFUNDED']);
    expect((await lineRow(a.id)).refundedAmount).toBe(a.paidAmount);
    expect((await orderRow(order.id)).status).toBe('TO_SHIP');

    const nothingLeft = await ask(order.id, { lineId: a.id, type: 'REFUND', amount: 1, reason: '再退' });
    expectErrorShape(nothingLeft, 422, 'AFTERSALE_AMOUNT_TOO_HIGH');
    expect(nothingLeft.body.error.details.max).toBe(0);

    const other = await ask(order.id, { lineId: b.id, type: 'REFUND', amount: b.paidAmount, reason: '都不要了' });
    await asAdmin('approve', other.body.id);
    await waitForAftersale(other.body.id, ['REFUNDED']);
    const closed = await given.waitForStatus(alice, order.id, ['CLOSED']);
    expect(closed.refundedAmount).toBe(a.paidAmount + b.paidAmount);
    expect(closed.lines.map((l: any) => l.refundedAmount)).toEqual([a.paidAmount, b.paidAmount]);
    expect(await given.stockOf(skus[0].skuId)).toBe(5);
    expect(await given.stockOf(skus[1].skuId)).toBe(5);
    const refunds = await given.db().refund.findMany({ where: { orderId: Number(order.id) } });
    expect(refunds.map((r) => r.amount).reduce((s, x) => s + x, 0)).toBe(a.paidAmount + b.paidAmount);
  });

  it('after shipping restocks nothing, and a return cannot be asked before shipping', async () => {
    const { order, skus } = await paidOrder([{ quantity: 1, stock: 3 }]);
    const line = order.lines[0];
    const early = await ask(order.id, { lineId: line.id, type: 'RETURN_REFUND', amount: 1, reason: '退货' });
    expectErrorShape(early, 409, 'AFTERSALE_NOT_ALLOWED');
    expect(early.body.error.details.reason).toBe('NOT_SHIPPED');

    await ship(order.id);
    const asked = await ask(order.id, { lineId: line.id, type: 'REFUND', amount: 500, reason: '价格补差' });
    expect(asked.status).toBe(201);
    expect(asked.body.quantity).toBe(0);
    await asAdmin('approve', asked.body.id);
    await waitForAftersale(asked.body.id, ['REFUNDED']);
    expect(await given.stockOf(skus[0].skuId)).toBe(2);
    expect((await lineRow(line.id)).restockedQuantity).toBe(0);
    expect((await orderRow(order.id)).status).toBe('SHIPPED');
  });
});

describe('return and refund (退货退款)', () => {
  it('approve → buyer sends back → admin receives → REFUNDED, returned units restocked', async () => {
    const { order, skus } = await paidOrder([{ quantity: 3, stock: 10 }]);
    await ship(order.id);
    const line = order.lines[0];
    const amount = Math.floor((line.paidAmount * 2) / 3);
    const asked = await ask(order.id, {
      lineId: line.id,
      type: 'RETURN_REFUND',
      amount,
      quantity: 2,
      reason: '尺码不对',
    });
    expect(asked.status).toBe(201);
    const approved = await asAdmin('approve', asked.body.id);
    expect(approved.body).toMatchObject({ status: 'APPROVED', refund: null });

    expectErrorShape(await asAdmin('receive', asked.body.id), 409, 'AFTERSALE_STATE_CONFLICT'); // nothing sent yet
    const sent = await call('POST', `/api/v1/aftersales/${asked.body.id}/return`, alice, {
      carrier: '顺丰',
      trackingNo: 'SF1234567890',
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'RETURNING', returnCarrier: '顺丰', returnTrackingNo: 'SF1234567890' });
    const again = await call('POST', `/api/v1/aftersales/${asked.body.id}/return`, alice, {
      carrier: '顺丰',
      trackingNo: 'SF0000000000',
    });
    expectErrorShape(again, 409, 'AFTERSALE_STATE_CONFLICT');

    const received = await asAdmin('receive', asked.body.id);
    expect(received.status).toBe(200);
    expect(received.body.status).toBe('REFUNDING');
    const done = await waitForAftersale(asked.body.id, ['REFUNDED']);
    expect(done.timeline.map((t: any) => t.status)).toEqual([
      'REQUESTED',
      'APPROVED',
      'RETURNING',
      'RECEIVED',
      'REFUNDING',
      'REFUNDED',
    ]);
    expect(await given.stockOf(skus[0].skuId)).toBe(9);
    const row = await lineRow(line.id);
    expect(row).toMatchObject({ refundedAmount: amount, restockedQuantity: 2 });
    expect((await orderRow(order.id)).status).toBe('SHIPPED');

    // a second return on the same line may send back only the unit left
    const tooMany = await ask(order.id, {
      lineId: line.id,
      type: 'RETURN_REFUND',
      amount: 1,
      quantity: 2,
      reason: '再退',
    });
    expectErrorShape(tooMany, 422, 'AFTERSALE_QUANTITY_INVALID');
    expect(tooMany.body.error.details.max).toBe(1);
  });

  it('a failed WeChat refund leaves it REFUNDING with a note; a duplicated success applies once', async () => {
    const { order } = await paidOrder([{ quantity: 1 }, { quantity: 1 }]);
    await ship(order.id);
    await http(stack.sandboxUrl, 'POST', '/sandbox/pay-options', { body: { autoCompleteRefunds: false } });
    try {
      const [a, b] = order.lines;
      const failing = await ask(order.id, { lineId: a.id, type: 'REFUND', amount: a.paidAmount, reason: '破损' });
      await asAdmin('approve', failing.body.id);
      const refundOf = async (aftersaleId: string) => {
        for (let i = 0; i < 100; i++) {
          const refund = await given.db().refund.findUnique({ where: { aftersaleId: Number(aftersaleId) } });
          if (refund?.refundId) return refund;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('the refund was never submitted');
      };
      const failed = await refundOf(failing.body.id);
      await http(stack.sandboxUrl, 'POST', `/sandbox/refunds/${failed.outRefundNo}/complete`, {
        body: { status: 'CLOSED' },
      });
      for (
        let i = 0;
        i < 100 && (await given.db().refund.findUnique({ where: { id: failed.id } }))?.status !== 'CLOSED';
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
      const view = (await call('GET', `/api/v1/aftersales/${failing.body.id}`, alice)).body;
      expect(view).toMatchObject({ status: 'REFUNDING', refund: { status: 'CLOSED' }, note: expect.any(String) });
      expect((await lineRow(a.id)).refundedAmount).toBe(0);

      const twice = await ask(order.id, { lineId: b.id, type: 'REFUND', amount: b.paidAmount, reason: '破损' });
      await asAdmin('approve', twice.body.id);
      const refund = await refundOf(twice.body.id);
      await http(stack.sandboxUrl, 'POST', `/sandbox/refunds/${refund.outRefundNo}/complete`, {
        body: { status: 'SUCCESS', duplicates: 10 },
      });
      await waitForAftersale(twice.body.id, ['REFUNDED']);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await lineRow(b.id)).refundedAmount).toBe(b.paidAmount);
      expect((await orderRow(order.id)).refundedAmount).toBe(b.paidAmount);
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/pay-options', { body: { autoCompleteRefunds: true } });
    }
  });
});

describe('guards', () => {
  it('refuses more than the refundable amount and lets exactly one of concurrent requests through', async () => {
    const { order } = await paidOrder([{ quantity: 1 }]);
    const line = order.lines[0];
    const over = await ask(order.id, { lineId: line.id, type: 'REFUND', amount: line.paidAmount + 1, reason: '多退' });
    expectErrorShape(over, 422, 'AFTERSALE_AMOUNT_TOO_HIGH');
    expect(over.body.error.details.max).toBe(line.paidAmount);

    const before = await aftersaleCount();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        ask(order.id, { lineId: line.id, type: 'REFUND', amount: line.paidAmount, reason: '并发' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('AFTERSALE_ALREADY_OPEN');
    expect(await aftersaleCount()).toBe(before + 1);
  });

  it('rejects with a reason; the line is open for a new request; a rejected one never moves again', async () => {
    const { order } = await paidOrder([{ quantity: 1 }]);
    const line = order.lines[0];
    const asked = await ask(order.id, { lineId: line.id, type: 'REFUND', amount: 100, reason: '不想要' });
    const rejected = await asAdmin('reject', asked.body.id, { reason: '已超出说明' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', rejectReason: '已超出说明' });
    expect(rejected.body.timeline.map((t: any) => t.status)).toEqual(['REQUESTED', 'REJECTED']);
    expectErrorShape(await asAdmin('approve', asked.body.id), 409, 'AFTERSALE_STATE_CONFLICT');
    expectErrorShape(await asAdmin('reject', asked.body.id, { reason: 'x' }), 409, 'AFTERSALE_STATE_CONFLICT');
    expect(await given.db().refund.count({ where: { orderId: Number(order.id) } })).toBe(0);

    const cancelled = await ask(order.id, { lineId: line.id, type: 'REFUND', amount: 100, reason: '再试' });
    expect(cancelled.status).toBe(201);
    const c = await call('POST', `/api/v1/aftersales/${cancelled.body.id}/cancel`, alice);
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('CANCELLED');
    expectErrorShape(
      await call('POST', `/api/v1/aftersales/${cancelled.body.id}/cancel`, alice),
      409,
      'AFTERSALE_STATE_CONFLICT',
    );
    expectErrorShape(await asAdmin('approve', cancelled.body.id), 409, 'AFTERSALE_STATE_CONFLICT');

    const mine = await call('GET', '/api/v1/aftersales?status=CANCELLED', alice);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: any) => a.id)).toContain(cancelled.body.id);
    expect(mine.body.items.every((a: any) => a.status === 'CANCELLED')).toBe(true);
    const all = await call('GET', '/api/v1/admin/aftersales?status=REJECTED&page=1', admin);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 20, total: expect.any(Number) });
    expect(all.body.items.map((a: any) => a.id)).toContain(asked.body.id);
  });

  it("another buyer's order or after-sale is not found", async () => {
    const { order } = await paidOrder([{ quantity: 1 }]);
    const line = order.lines[0];
    const before = await aftersaleCount();
    expectErrorShape(
      await ask(order.id, { lineId: line.id, type: 'REFUND', amount: 1, reason: '别人的' }, bob),
      404,
      'ORDER_NOT_FOUND',
    );
    expect(await aftersaleCount()).toBe(before);
    const asked = await ask(order.id, { lineId: line.id, type: 'REFUND', amount: 1, reason: '我的' });
    expectErrorShape(await call('GET', `/api/v1/aftersales/${asked.body.id}`, bob), 404, 'AFTERSALE_NOT_FOUND');
    expectErrorShape(await call('POST', `/api/v1/aftersales/${asked.body.id}/cancel`, bob), 404, 'AFTERSALE_NOT_FOUND');
    expectErrorShape(
      await call('POST', `/api/v1/aftersales/${asked.body.id}/return`, bob, {
        carrier: '顺丰',
        trackingNo: 'SF123456',
      }),
      404,
      'AFTERSALE_NOT_FOUND',
    );
    const bobs = await call('GET', '/api/v1/aftersales', bob);
    expect(bobs.body.items.map((a: any) => a.id)).not.toContain(asked.body.id);
    expect((await call('GET', `/api/v1/aftersales/${asked.body.id}`, alice)).body.status).toBe('REQUESTED');
  });

  it.each([
    ['GET', '/api/v1/admin/aftersales', undefined],
    ['GET', '/api/v1/admin/aftersales/1', undefined],
    ['POST', '/api/v1/admin/aftersales/1/approve', undefined],
    ['POST', '/api/v1/admin/aftersales/1/reject', { reason: 'no' }],
    ['POST', '/api/v1/admin/aftersales/1/receive', undefined],
  ])('a consumer on %s %s gets 403', async (method, path, body) => {
    expectErrorShape(await call(method, path, alice, body), 403, 'FORBIDDEN');
    expectErrorShape(await call(method, path, undefined, body), 401, 'UNAUTHENTICATED');
  });
});

describe('bad input: 4xx in the error shape, nothing changes', () => {
  let order: any;
  let otherOrder: any;
  let requested: any;

  beforeAll(async () => {
    ({ order } = await paidOrder([{ quantity: 2 }, { quantity: 1 }]));
    ({ order: otherOrder } = await paidOrder([{ quantity: 1 }]));
    await ship(order.id);
    requested = (await ask(order.id, { lineId: order.lines[1].id, type: 'REFUND', amount: 1, reason: '占位' })).body;
  });

  const valid = () => ({ lineId: order.lines[0].id, type: 'RETURN_REFUND', amount: 1, reason: '退货' });

  it.each([
    ['no body fields', 400, () => ({})],
    ['a missing lineId', 400, () => ({ ...valid(), lineId: undefined })],
    ['a non-numeric lineId', 400, () => ({ ...valid(), lineId: 'abc' })],
    ['a numeric lineId', 400, () => ({ ...valid(), lineId: 1 })],
    ['an unknown type', 400, () => ({ ...valid(), type: 'EXCHANGE' })],
    ['amount 0', 400, () => ({ ...valid(), amount: 0 })],
    ['a negative amount', 400, () => ({ ...valid(), amount: -100 })],
    ['a fractional amount', 400, () => ({ ...valid(), amount: 1.5 })],
    ['an amount as a string', 400, () => ({ ...valid(), amount: '100' })],
    ['an amount beyond INT', 400, () => ({ ...valid(), amount: 2 ** 31 })],
    ['a negative quantity', 400, () => ({ ...valid(), quantity: -1 })],
    ['a fractional quantity', 400, () => ({ ...valid(), quantity: 0.5 })],
    ['an empty reason', 400, () => ({ ...valid(), reason: '' })],
    ['a blank reason', 400, () => ({ ...valid(), reason: '   ' })],
    ['a 201-character reason', 400, () => ({ ...valid(), reason: '退'.repeat(201) })],
    ['an extra field', 400, () => ({ ...valid(), userId: '1' })],
    ['a line of another order', 404, () => ({ ...valid(), lineId: otherOrder.lines[0].id })],
    ['a line that does not exist', 404, () => ({ ...valid(), lineId: '999999999' })],
    ['more units than the line has', 422, () => ({ ...valid(), quantity: 3 })],
    ['a return of zero units', 422, () => ({ ...valid(), quantity: 0 })],
    ['more than was paid', 422, () => ({ ...valid(), amount: 100_000_000 })],
    ['a second open after-sale on a line', 409, () => ({ ...valid(), lineId: order.lines[1].id })],
  ])('POST /orders/:id/aftersales with %s → %i', async (_what, status, body) => {
    const before = await aftersaleCount();
    expectErrorShape(await ask(order.id, body()), status);
    expect(await aftersaleCount()).toBe(before);
  });

  it.each([
    ['abc', 400],
    ['1.5', 400],
    ['12345678901', 400],
    ['999999999', 404],
  ])('POST /orders/%s/aftersales → %i', async (id, status) => {
    const before = await aftersaleCount();
    expectErrorShape(await ask(id, valid()), status);
    expect(await aftersaleCount()).toBe(before);
  });

  it('a body that is not JSON → 400', async () => {
    const result = await http(stack.baseUrl, 'POST', `/api/v1/orders/${order.id}/aftersales`, {
      token: alice,
      rawBody: '{"lineId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.body.error.code).toEqual(expect.any(String));
  });

  it.each([
    ['/api/v1/aftersales/abc', 400],
    ['/api/v1/aftersales/-1', 400],
    ['/api/v1/aftersales/999999999', 404],
    ['/api/v1/aftersales?status=DONE', 400],
    ['/api/v1/aftersales?page=0', 400],
    ['/api/v1/aftersales?pageSize=101', 400],
    ['/api/v1/aftersales?page=abc', 400],
  ])('GET %s → %i', async (path, status) => {
    expectErrorShape(await call('GET', path, alice), status);
  });

  it.each([
    ['/api/v1/admin/aftersales?status=DONE', 400],
    ['/api/v1/admin/aftersales?page=-1', 400],
    ['/api/v1/admin/aftersales/abc', 400],
    ['/api/v1/admin/aftersales/999999999', 404],
  ])('admin GET %s → %i', async (path, status) => {
    expectErrorShape(await call('GET', path, admin), status);
  });

  it.each([
    ['no fields', 400, {}],
    ['an empty carrier', 400, { carrier: '', trackingNo: 'SF123456' }],
    ['a tracking number with spaces', 400, { carrier: '顺丰', trackingNo: 'SF 123 456' }],
    ['a too long tracking number', 400, { carrier: '顺丰', trackingNo: 'A'.repeat(65) }],
    ['an extra field', 400, { carrier: '顺丰', trackingNo: 'SF123456', note: 'x' }],
    ['a valid parcel on a REQUESTED refund', 409, { carrier: '顺丰', trackingNo: 'SF123456' }],
  ])('POST /aftersales/:id/return with %s → %i', async (_what, status, body) => {
    expectErrorShape(await call('POST', `/api/v1/aftersales/${requested.id}/return`, alice, body), status);
    const row = await given.db().aftersale.findUniqueOrThrow({ where: { id: Number(requested.id) } });
    expect(row).toMatchObject({ status: 'REQUESTED', returnCarrier: null, returnTrackingNo: null });
  });

  it.each([
    ['/api/v1/aftersales/abc/return', 400, { carrier: '顺丰', trackingNo: 'SF123456' }],
    ['/api/v1/aftersales/999999999/return', 404, { carrier: '顺丰', trackingNo: 'SF123456' }],
    ['/api/v1/aftersales/abc/cancel', 400, undefined],
    ['/api/v1/aftersales/999999999/cancel', 404, undefined],
  ])('POST %s → %i', async (path, status, body) => {
    expectErrorShape(await call('POST', path, alice, body), status);
  });

  it('POST /aftersales/:id/cancel with a body field → 400, still REQUESTED', async () => {
    expectErrorShape(await call('POST', `/api/v1/aftersales/${requested.id}/cancel`, alice, { force: true }), 400);
    expect((await call('GET', `/api/v1/aftersales/${requested.id}`, alice)).body.status).toBe('REQUESTED');
  });

  it.each([
    ['approve', 'abc', 400, undefined],
    ['approve', '999999999', 404, undefined],
    ['approve', 'REQ', 400, { extra: 1 }],
    ['reject', 'REQ', 400, {}],
    ['reject', 'REQ', 400, { reason: '' }],
    ['reject', 'REQ', 400, { reason: '拒'.repeat(201) }],
    ['reject', 'REQ', 400, { reason: 42 }],
    ['reject', '999999999', 404, { reason: '不符合' }],
    ['receive', 'REQ', 409, undefined],
    ['receive', 'abc', 400, undefined],
    ['receive', '999999999', 404, undefined],
  ] as const)('admin %s of %s → %i (body %#)', async (action, id, status, body) => {
    const target = id === 'REQ' ? requested.id : id;
    expectErrorShape(await asAdmin(action, target, body), status);
    const row = await given.db().aftersale.findUniqueOrThrow({ where: { id: Number(requested.id) } });
    expect(row).toMatchObject({ status: 'REQUESTED', rejectReason: null });
    expect(await given.db().refund.count({ where: { aftersaleId: Number(requested.id) } })).toBe(0);
  });

  it('an unpaid order cannot have an after-sale', async () => {
    const sku = await given.skuWithStock(5);
    const unpaid = (await given.order(alice, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address })).body;
    const result = await ask(unpaid.id, { lineId: unpaid.lines[0].id, type: 'REFUND', amount: 1, reason: '未付' });
    expectErrorShape(result, 409, 'AFTERSALE_NOT_ALLOWED');
    expect(result.body.error.details.reason).toBe('NOT_PAID');
  });
});

describe('the after-sales window (售后期)', () => {
  afterEach(async () => {
    await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  });

  it('is open on a completed order until the deadline, then 409 AFTERSALE_WINDOW_CLOSED', async () => {
    const { order } = await paidOrder([{ quantity: 1 }, { quantity: 1 }]);
    await ship(order.id);
    expect(await lifecycle().complete(Number(order.id), 'USER', '确认收货')).toBe(true);
    const { aftersaleDeadline } = await orderRow(order.id);
    expect(aftersaleDeadline).not.toBeNull();

    const inTime = await ask(order.id, {
      lineId: order.lines[0].id,
      type: 'RETURN_REFUND',
      amount: 1,
      reason: '七天无理由',
    });
    expect(inTime.status).toBe(201);

    const moved = await http(stack.sandboxUrl, 'POST', '/sandbox/clock', {
      body: { now: new Date(aftersaleDeadline!.getTime() + 60_000).toISOString() },
    });
    expect(moved.status).toBe(200);
    const late = (await loginAs(stack.baseUrl, 'alice')).token; // a fresh session in the moved time
    const before = await aftersaleCount();
    const result = await ask(order.id, { lineId: order.lines[1].id, type: 'REFUND', amount: 1, reason: '晚了' }, late);
    expectErrorShape(result, 409, 'AFTERSALE_WINDOW_CLOSED');
    expect(await aftersaleCount()).toBe(before);
  });
});
