import { JobQueue } from '../../src/infra/queue/job-queue';
import { startStack, type Stack } from '../support/stack';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';

let stack: Stack;
let given: ReturnType<typeof shop>;
let buyer: { token: string; user: any };
let address: string;

beforeAll(async () => {
  stack = await startStack({ label: 'payment', seed: true });
  given = shop(stack);
  buyer = await loginAs(stack.baseUrl, 'payer');
  address = await given.addressFor(buyer.token);
});
afterAll(async () => stack?.close());

async function unpaidOrder(quantity = 1, stock = 10) {
  const sku = await given.skuWithStock(stock);
  const order = await given.order(buyer.token, { items: [{ skuId: sku.skuId, quantity }], addressId: address });
  expect(order.status).toBe(201);
  return { sku, order: order.body };
}

const payments = (orderId: string) => given.db().payment.findMany({ where: { orderId: Number(orderId) } });
const events = (orderId: string) => given.db().orderEvent.findMany({ where: { orderId: Number(orderId) } });

describe('WeChat Pay through the sandbox', () => {
  it('pays with the signed requestPayment arguments and applies the verified notification', async () => {
    const { order } = await unpaidOrder(2);
    const { params, paid } = await given.pay(buyer.token, order.id);
    expect(params).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    expect(paid.body.errMsg).toBe('requestPayment:ok');
    const view = await given.waitForStatus(buyer.token, order.id, ['TO_SHIP']);
    expect(view.paidAt).not.toBeNull();
    expect(view.timeline.map((t: any) => t.status)).toEqual(['PENDING_PAYMENT', 'PAID', 'TO_SHIP']);
    const [payment] = await payments(order.id);
    expect(payment).toMatchObject({
      status: 'SUCCESS',
      amount: order.payable,
      transactionId: expect.stringMatching(/^\d{28}$/),
    });
    const again = await http(stack.baseUrl, 'POST', `/api/v1/orders/${order.id}/pay`, { token: buyer.token });
    expect(again.status).toBe(409);
  });

  it('applies the same notification delivered 50 times at once exactly once', async () => {
    const { order } = await unpaidOrder();
    await given.pay(buyer.token, order.id, { duplicates: 50 });
    await given.waitForStatus(buyer.token, order.id, ['TO_SHIP']);
    await new Promise((r) => setTimeout(r, 1_000));
    const deliveries = await http(stack.sandboxUrl, 'GET', `/sandbox/deliveries?out_trade_no=${order.orderNo}`);
    expect(
      deliveries.body.items.filter((d: any) => [200, 204].includes(d.merchant_status)).length,
    ).toBeGreaterThanOrEqual(50);
    expect(await payments(order.id)).toHaveLength(1);
    const transitions = (await events(order.id)).filter((e) => e.toStatus === 'PAID');
    expect(transitions).toHaveLength(1);
  });

  it.each([
    ['a forged signature', { sign: 'forged' }],
    ['a signature probe', { sign: 'signtest' }],
    ['no signature', { sign: 'none' }],
    ['a stale timestamp', { sign: 'pubkey', timestampOffsetSec: -600 }],
    ['a tampered ciphertext', { sign: 'pubkey', tamper: 'ciphertext' }],
    ['a wrong AAD', { sign: 'pubkey', tamper: 'aad' }],
    ['a body changed after signing', { sign: 'pubkey', tamper: 'body-after-sign' }],
    ['a wrong APIv3 key', { sign: 'pubkey', tamper: 'key' }],
    ['a wrong amount', { sign: 'pubkey', amountDelta: 1 }],
    ['a wrong mchid', { sign: 'pubkey', mchid: '1900000999' }],
    ['a wrong appid', { sign: 'pubkey', appid: 'wx0000000000000000' }],
    ['an unknown order', { sign: 'pubkey', outTradeNo: '99999999999999999999' }],
  ])('rejects a notification with %s and changes nothing', async (_what, variant: Record<string, any>) => {
    const { order } = await unpaidOrder();
    const params = await http(stack.baseUrl, 'POST', `/api/v1/orders/${order.id}/pay`, { token: buyer.token });
    expect(params.status).toBe(200);
    const pay = stack.config.wechat.pay!;
    const plaintext = {
      mchid: variant.mchid ?? pay.mchid,
      appid: variant.appid ?? stack.config.wechat.appid,
      out_trade_no: variant.outTradeNo ?? order.orderNo,
      transaction_id: '4200000000202611240000000001',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: new Date().toISOString(),
      payer: { openid: 'o-any' },
      amount: {
        total: order.payable + (variant.amountDelta ?? 0),
        payer_total: order.payable,
        currency: 'CNY',
        payer_currency: 'CNY',
      },
    };
    const { amountDelta: _a, mchid: _m, appid: _p, outTradeNo: _o, ...knobs } = variant;
    const sent = await http(stack.sandboxUrl, 'POST', '/sandbox/notify', {
      body: {
        url: `${stack.baseUrl}/api/v1/payments/wechat/notify`,
        event_type: 'TRANSACTION.SUCCESS',
        plaintext,
        ...knobs,
      },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBeGreaterThanOrEqual(400);
    const view = await given.getOrder(buyer.token, order.id);
    expect(view.body.status).toBe('PENDING_PAYMENT');
    expect((await payments(order.id)).every((p) => p.status === 'PENDING')).toBe(true);
  });

  it('finds a payment whose notification never came by querying WeChat (reconciliation)', async () => {
    const { order } = await unpaidOrder();
    await given.pay(buyer.token, order.id, { hold: true });
    await new Promise((r) => setTimeout(r, 300));
    expect((await given.getOrder(buyer.token, order.id)).body.status).toBe('PENDING_PAYMENT');
    // Two minutes later by the shop clock the sweeper asks WeChat about payments still pending.
    await http(stack.sandboxUrl, 'POST', '/sandbox/clock', {
      body: { now: new Date(Date.now() + 120_000).toISOString() },
    });
    try {
      await stack.server.app.get(JobQueue).sweepNow();
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
    }
    const view = await given.waitForStatus(buyer.token, order.id, ['TO_SHIP']);
    expect(view.timeline.filter((t: any) => t.status === 'PAID')).toHaveLength(1);
    // The held notification arriving now changes nothing.
    await http(stack.sandboxUrl, 'POST', '/sandbox/notifications/release', { body: { out_trade_no: order.orderNo } });
    await new Promise((r) => setTimeout(r, 500));
    expect(await payments(order.id)).toHaveLength(1);
    expect((await events(order.id)).filter((e) => e.toStatus === 'PAID')).toHaveLength(1);
  });
});
