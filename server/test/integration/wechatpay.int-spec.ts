import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { loadConfig, type AppConfig, type WechatPayCredentials } from '../../src/infra/config/env.schema';
import { startWechatSandbox, type WechatSandbox } from '../../src/sandbox/wechat-sandbox';
import {
  buildAuthorization,
  randomAlphanumeric,
  unixSeconds,
  verifyPaySign,
  verifyWechatpaySignature,
  wechatTime,
} from '../../src/wechat/pay/wechatpay-crypto';
import { WechatPayClient } from '../../src/wechat/pay/wechatpay.client';
import {
  NotificationRejected,
  WechatPayError,
  WechatPayResponseForged,
  WechatPayUnavailable,
} from '../../src/wechat/pay/wechatpay.errors';
import { WechatPayRefundNotice, WechatPayTransaction } from '../../src/wechat/pay/wechatpay.types';
import { startNotifyReceiver, type NotifyReceiver } from '../support/wechatpay-receiver';

/**
 * The merchant client against the sandbox's WeChat Pay, both with the real cryptography:
 * signed requests, verified answers, paySign, signed + encrypted notifications with retries,
 * and every forged/stale/tampered notification rejected.
 */

let sandbox: WechatSandbox;
let receiver: NotifyReceiver;
let config: AppConfig;
let credentials: WechatPayCredentials;
let client: WechatPayClient;
let alice: string;
let bob: string;

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let sequence = 0;
const tradeNo = () => `T${Date.now()}${(sequence += 1)}`;
const notifyUrl = (path: string) => `${receiver.url}${path}`;
const inHalfAnHour = () => new Date(Date.now() + 30 * 60_000);

/** Answers like the payment controller will: 204 when parseNotification accepts, 4xx otherwise. */
function verifyingHandler(request: { headers: Record<string, string | string[] | undefined>; rawBody: string }) {
  try {
    client.parseNotification(request.headers, request.rawBody);
    return { status: 204 };
  } catch (error) {
    const reason = error instanceof NotificationRejected ? error.reason : 'ERROR';
    return { status: 400, body: JSON.stringify({ code: 'FAIL', message: reason }) };
  }
}

async function prepay(outTradeNo: string, amount: number, path = '/notify/pay', openid = alice) {
  const timeExpire = inHalfAnHour();
  const payment = await client.createJsapiPayment({
    outTradeNo,
    description: '测试商品 × 1',
    amount,
    openid,
    notifyUrl: notifyUrl(path),
    timeExpire,
    attach: 'order:1',
  });
  return { payment, timeExpire };
}

async function prepayAndPay(outTradeNo: string, amount: number, path = '/notify/pay') {
  const { payment } = await prepay(outTradeNo, amount, path);
  const paid = await call('POST', '/sandbox/pay', { ...payment.requestPayment, openid: alice });
  expect(paid.body).toMatchObject({ errMsg: 'requestPayment:ok' });
  return payment;
}

beforeAll(async () => {
  config = loadConfig({ NODE_ENV: 'test' });
  sandbox = await startWechatSandbox({
    appid: config.wechat.appid,
    secret: config.wechat.secret,
    port: 0,
    env: 'test',
  });
  // Completed the way app.factory does in sandbox mode.
  config.wechat.payApiBase = sandbox.url;
  config.wechat.pay ??= sandbox.payCredentials;
  credentials = config.wechat.pay as WechatPayCredentials;
  client = new WechatPayClient(config);
  receiver = await startNotifyReceiver();
  receiver.handle = verifyingHandler;
  alice = (await call('POST', '/sandbox/users', { name: 'alice' })).body.openid;
  bob = (await call('POST', '/sandbox/users', { name: 'bob' })).body.openid;
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

describe('sandbox key material', () => {
  it('hands out merchant credentials in public-key mode', () => {
    expect(credentials.mchid).toBe('1900000109');
    expect(credentials.merchantSerial).toMatch(/^[0-9A-F]{40}$/);
    expect(credentials.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(credentials.preferredPlatformSerial).toMatch(/^PUB_KEY_ID_\d{32}$/);
    expect(Object.keys(credentials.platformPublicKeys)).toEqual([credentials.preferredPlatformSerial]);
    const certificate = new X509Certificate(credentials.merchantCertificatePem);
    expect(certificate.serialNumber.toUpperCase().replace(/^0+/, '')).toBe(
      credentials.merchantSerial.replace(/^0+/, ''),
    );
    expect(certificate.subject).toContain('CN=1900000109');
  });

  it('keeps the existing JSON routes working with the raw-body parser', async () => {
    const token = await call('POST', '/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: config.wechat.appid,
      secret: config.wechat.secret,
    });
    expect(token.body.access_token).toEqual(expect.any(String));
    const bad = await fetch(`${sandbox.url}/sandbox/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
  });
});

describe('JSAPI payment', () => {
  it('prepays, the phone pays with requestPayment, the notification verifies and decrypts', async () => {
    const outTradeNo = tradeNo();
    const { payment } = await prepay(outTradeNo, 1990);
    expect(payment.prepayId).toMatch(/^wx[0-9a-f]{32}$/);
    expect(payment.requestPayment).toMatchObject({ package: `prepay_id=${payment.prepayId}`, signType: 'RSA' });
    expect(
      verifyPaySign({ appId: config.wechat.appid, ...payment.requestPayment }, credentials.merchantCertificatePem),
    ).toBe(true);

    const paid = await call('POST', '/sandbox/pay', { ...payment.requestPayment, openid: alice });
    expect(paid.status).toBe(200);
    expect(paid.body.errMsg).toBe('requestPayment:ok');

    const [notification] = await waitFor(async () => {
      const got = receiver.on('/notify/pay').filter((entry) => entry.rawBody.includes('TRANSACTION.SUCCESS'));
      const mine = got.filter((entry) =>
        JSON.stringify(client.parseNotification(entry.headers, entry.rawBody)).includes(outTradeNo),
      );
      return mine.length ? mine : undefined;
    });
    expect(notification.answeredStatus).toBe(204);
    const parsed = client.parseNotification(notification.headers, notification.rawBody);
    expect(parsed).toMatchObject({
      eventType: 'TRANSACTION.SUCCESS',
      resourceType: 'encrypt-resource',
      originalType: 'transaction',
    });
    const transaction = WechatPayTransaction.parse(parsed.resource);
    expect(transaction).toMatchObject({
      out_trade_no: outTradeNo,
      mchid: credentials.mchid,
      appid: config.wechat.appid,
      trade_state: 'SUCCESS',
      trade_type: 'JSAPI',
      attach: 'order:1',
      payer: { openid: alice },
      amount: { total: 1990, payer_total: 1990, currency: 'CNY' },
    });
    expect(transaction.transaction_id).toMatch(/^\d{28}$/);
    expect(transaction.success_time).toMatch(/\+08:00$/);

    const deliveries = await waitFor(async () => {
      const items = (await call('GET', `/sandbox/deliveries?out_trade_no=${outTradeNo}`)).body.items;
      return items.length ? items : undefined;
    });
    expect(deliveries).toEqual([
      expect.objectContaining({
        event_type: 'TRANSACTION.SUCCESS',
        status: 'DELIVERED',
        merchant_status: 204,
        attempt: 1,
      }),
    ]);

    const queried = await client.queryByOutTradeNo(outTradeNo);
    expect(queried).toMatchObject({
      trade_state: 'SUCCESS',
      transaction_id: transaction.transaction_id,
      amount: { total: 1990 },
    });
    expect(await client.queryByTransactionId(transaction.transaction_id as string)).toMatchObject({
      out_trade_no: outTradeNo,
    });
  });

  it('returns the same prepay_id for the same body, refuses another body under the same out_trade_no', async () => {
    const outTradeNo = tradeNo();
    const { payment, timeExpire } = await prepay(outTradeNo, 500);
    const again = await client.createJsapiPayment({
      outTradeNo,
      description: '测试商品 × 1',
      amount: 500,
      openid: alice,
      notifyUrl: notifyUrl('/notify/pay'),
      timeExpire,
      attach: 'order:1',
    });
    expect(again.prepayId).toBe(payment.prepayId);
    const different = client.createJsapiPayment({
      outTradeNo,
      description: '测试商品 × 1',
      amount: 501,
      openid: alice,
      notifyUrl: notifyUrl('/notify/pay'),
      timeExpire,
      attach: 'order:1',
    });
    await expect(different).rejects.toMatchObject({ code: 'OUT_TRADE_NO_USED', httpStatus: 403 });
    await expect(different).rejects.toBeInstanceOf(WechatPayError);
  });

  it('reports NOTPAY for an unpaid order and null for an unknown one', async () => {
    const outTradeNo = tradeNo();
    await prepay(outTradeNo, 100);
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 100 } });
    expect(await client.queryByOutTradeNo('NO_SUCH_ORDER_1')).toBeNull();
  });

  it('closes: unpaid → CLOSED (then ORDER_CLOSED on prepay), paid → ALREADY_PAID, twice → ALREADY_CLOSED', async () => {
    const unpaid = tradeNo();
    await prepay(unpaid, 300);
    expect(await client.closeOrder(unpaid)).toBe('CLOSED');
    expect(await client.queryByOutTradeNo(unpaid)).toMatchObject({ trade_state: 'CLOSED' });
    expect(await client.closeOrder(unpaid)).toBe('ALREADY_CLOSED');
    await expect(prepay(unpaid, 300)).rejects.toMatchObject({ code: 'ORDER_CLOSED', httpStatus: 400 });

    const paid = tradeNo();
    await prepayAndPay(paid, 300);
    expect(await client.closeOrder(paid)).toBe('ALREADY_PAID');
    expect(await client.queryByOutTradeNo(paid)).toMatchObject({ trade_state: 'SUCCESS' });

    expect(await client.closeOrder('NO_SUCH_ORDER_2')).toBe('NOT_FOUND');
  });
});

describe('the buyer phone (/sandbox/pay)', () => {
  it.each([
    [
      'a paySign from another key',
      (rp: Record<string, string>) => ({
        ...rp,
        paySign: rp.paySign.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        openid: alice,
      }),
      400,
      'PAY_SIGN_INVALID',
    ],
    [
      'a changed nonceStr',
      (rp: Record<string, string>) => ({ ...rp, nonceStr: 'changed', openid: alice }),
      400,
      'PAY_SIGN_INVALID',
    ],
    [
      'another appId',
      (rp: Record<string, string>) => ({ ...rp, appId: 'wx0000000000000000', openid: alice }),
      400,
      'APPID_MISMATCH',
    ],
    ['another payer', (rp: Record<string, string>) => ({ ...rp, openid: bob }), 400, 'PAYER_MISMATCH'],
    [
      'an unknown prepay',
      (rp: Record<string, string>) => ({ ...rp, package: 'prepay_id=wx00', openid: alice }),
      404,
      'PREPAY_NOT_FOUND',
    ],
    ['no openid', (rp: Record<string, string>) => ({ ...rp }), 400, 'SANDBOX_BAD_REQUEST'],
    [
      'a bad outcome',
      (rp: Record<string, string>) => ({ ...rp, openid: alice, outcome: 'maybe' }),
      400,
      'SANDBOX_BAD_REQUEST',
    ],
  ])('refuses %s and changes nothing', async (_name, mutate, status, code) => {
    const outTradeNo = tradeNo();
    const { payment } = await prepay(outTradeNo, 100);
    const answer = await call(
      'POST',
      '/sandbox/pay',
      mutate(payment.requestPayment as unknown as Record<string, string>),
    );
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY' });
  });

  it('cancel leaves the order unpaid; a closed order cannot be paid', async () => {
    const outTradeNo = tradeNo();
    const { payment } = await prepay(outTradeNo, 100);
    const cancelled = await call('POST', '/sandbox/pay', {
      ...payment.requestPayment,
      openid: alice,
      outcome: 'cancel',
    });
    expect(cancelled.body).toEqual({ errMsg: 'requestPayment:fail cancel' });
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY' });
    await client.closeOrder(outTradeNo);
    const late = await call('POST', '/sandbox/pay', { ...payment.requestPayment, openid: alice });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('ORDER_CLOSED');
  });

  it('holds the notification until released, and sends duplicates with one id', async () => {
    const held = tradeNo();
    const { payment } = await prepay(held, 100, '/notify/held');
    await call('POST', '/sandbox/pay', { prepayId: payment.prepayId, hold: true, duplicates: 3 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.on('/notify/held')).toHaveLength(0);
    expect((await call('GET', '/sandbox/notifications/held')).body.items).toEqual([
      expect.objectContaining({ out_trade_no: held, event_type: 'TRANSACTION.SUCCESS' }),
    ]);
    expect((await call('POST', '/sandbox/notifications/release', { out_trade_no: held })).body).toEqual({
      released: 1,
    });
    const got = await receiver.waitFor('/notify/held', 3);
    const parsed = got.map((entry) => client.parseNotification(entry.headers, entry.rawBody));
    expect(new Set(parsed.map((notification) => notification.id)).size).toBe(1);
    expect(new Set(got.map((entry) => entry.headers['wechatpay-signature'])).size).toBe(3);
  });
});

describe('refunds', () => {
  it('refunds part and the rest, refuses over-refunds, is idempotent by out_refund_no, notifies', async () => {
    const outTradeNo = tradeNo();
    await prepayAndPay(outTradeNo, 1000);
    const first = await client.createRefund({
      outTradeNo,
      outRefundNo: `${outTradeNo}R1`,
      amount: 400,
      total: 1000,
      reason: '商品缺货',
      notifyUrl: notifyUrl('/notify/refund'),
    });
    expect(first.status).toBe('PROCESSING');
    expect(first.refundId).toMatch(/^\d{29}$/);
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'REFUND' });

    const again = await client.createRefund({
      outTradeNo,
      outRefundNo: `${outTradeNo}R1`,
      amount: 400,
      total: 1000,
      reason: '商品缺货',
      notifyUrl: notifyUrl('/notify/refund'),
    });
    expect(again.refundId).toBe(first.refundId);

    const rest = await client.createRefund({
      outTradeNo,
      outRefundNo: `${outTradeNo}R2`,
      amount: 600,
      total: 1000,
      notifyUrl: notifyUrl('/notify/refund'),
    });
    expect(rest.refundId).not.toBe(first.refundId);

    await expect(
      client.createRefund({ outTradeNo, outRefundNo: `${outTradeNo}R3`, amount: 1, total: 1000 }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', httpStatus: 400, message: '申请退款金额超过订单可退金额' });
    await expect(
      client.createRefund({ outTradeNo, outRefundNo: `${outTradeNo}R1`, amount: 399, total: 1000 }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });

    // Completes by itself after autoRefundMs; REFUND.SUCCESS for both.
    const completed = await waitFor(async () => {
      const refund = await client.queryRefund(`${outTradeNo}R1`);
      return refund?.status === 'SUCCESS' ? refund : undefined;
    });
    expect(completed).toMatchObject({ refund_id: first.refundId, amount: { refund: 400, total: 1000 } });
    expect(completed.success_time).toMatch(/\+08:00$/);

    const notices = await waitFor(async () => {
      const mine = receiver
        .on('/notify/refund')
        .map((entry) => client.parseNotification(entry.headers, entry.rawBody))
        .filter((notification) => JSON.stringify(notification.resource).includes(outTradeNo));
      return mine.length >= 2 ? mine : undefined;
    });
    for (const notice of notices) {
      expect(notice).toMatchObject({ eventType: 'REFUND.SUCCESS', originalType: 'refund' });
      const resource = WechatPayRefundNotice.parse(notice.resource);
      expect(resource).toMatchObject({ mchid: credentials.mchid, out_trade_no: outTradeNo, refund_status: 'SUCCESS' });
    }
    expect(notices.map((n) => WechatPayRefundNotice.parse(n.resource).out_refund_no).sort()).toEqual([
      `${outTradeNo}R1`,
      `${outTradeNo}R2`,
    ]);
    expect(await client.queryRefund('NO_SUCH_REFUND')).toBeNull();
  });

  it('refuses refunds of unpaid orders', async () => {
    const outTradeNo = tradeNo();
    await prepay(outTradeNo, 100);
    await expect(
      client.createRefund({ outTradeNo, outRefundNo: `${outTradeNo}R1`, amount: 100, total: 100 }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(
      client.createRefund({ outTradeNo: 'NO_SUCH_ORDER_3', outRefundNo: 'NO_SUCH_ORDER_3R1', amount: 100, total: 100 }),
    ).rejects.toMatchObject({ code: 'RESOURCE_NOT_EXISTS', httpStatus: 404 });
  });

  it('lets the test decide the outcome when auto-completion is off', async () => {
    await call('POST', '/sandbox/pay-options', { autoCompleteRefunds: false });
    try {
      const outTradeNo = tradeNo();
      await prepayAndPay(outTradeNo, 800);
      const outRefundNo = `${outTradeNo}R1`;
      await client.createRefund({
        outTradeNo,
        outRefundNo,
        amount: 800,
        total: 800,
        notifyUrl: notifyUrl('/notify/refund-manual'),
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await client.queryRefund(outRefundNo)).toMatchObject({ status: 'PROCESSING' });

      const abnormal = await call('POST', `/sandbox/refunds/${outRefundNo}/complete`, { status: 'ABNORMAL' });
      expect(abnormal.body.status).toBe('ABNORMAL');
      const success = await call('POST', `/sandbox/refunds/${outRefundNo}/complete`, { status: 'SUCCESS' });
      expect(success.body.status).toBe('SUCCESS');
      const twice = await call('POST', `/sandbox/refunds/${outRefundNo}/complete`, { status: 'CLOSED' });
      expect(twice.status).toBe(400);
      expect((await call('POST', `/sandbox/refunds/${outRefundNo}/complete`, { status: 'DONE' })).status).toBe(400);
      expect((await call('POST', '/sandbox/refunds/NOPE/complete', { status: 'SUCCESS' })).status).toBe(404);

      const got = await receiver.waitFor('/notify/refund-manual', 2);
      expect(got.map((entry) => client.parseNotification(entry.headers, entry.rawBody).eventType).sort()).toEqual([
        'REFUND.ABNORMAL',
        'REFUND.SUCCESS',
      ]);
    } finally {
      await call('POST', '/sandbox/pay-options', { autoCompleteRefunds: true });
    }
  });
});

describe('notification delivery', () => {
  it('retries after 500, 500 until 204: three attempts, same id, each freshly signed', async () => {
    receiver.script('/notify/retry', [500, 500]);
    const outTradeNo = tradeNo();
    await prepayAndPay(outTradeNo, 200, '/notify/retry');
    const got = await receiver.waitFor('/notify/retry', 3);
    expect(got.map((entry) => entry.answeredStatus)).toEqual([500, 500, 204]);
    const parsed = got.map((entry) => client.parseNotification(entry.headers, entry.rawBody));
    expect(new Set(parsed.map((notification) => notification.id)).size).toBe(1);
    expect(new Set(got.map((entry) => entry.headers['wechatpay-signature'])).size).toBe(3);
    expect(new Set(got.map((entry) => entry.headers['wechatpay-nonce'])).size).toBe(3);

    const deliveries = await waitFor(async () => {
      const items = (await call('GET', `/sandbox/deliveries?out_trade_no=${outTradeNo}`)).body.items;
      return items.length >= 3 ? items : undefined;
    });
    expect(
      deliveries.map((d: { attempt: number; status: string; merchant_status: number }) => [
        d.attempt,
        d.status,
        d.merchant_status,
      ]),
    ).toEqual([
      [1, 'FAILED', 500],
      [2, 'FAILED', 500],
      [3, 'DELIVERED', 204],
    ]);
    const timestamps = deliveries.map((d: { headers: Record<string, string> }) =>
      Number(d.headers['wechatpay-timestamp']),
    );
    expect([...timestamps].sort()).toEqual(timestamps);
    for (const delivery of deliveries) {
      expect(Math.abs(Date.parse(delivery.at) / 1000 - Number(delivery.headers['wechatpay-timestamp']))).toBeLessThan(
        2,
      );
    }
    expect(new Set(deliveries.map((d: { id: string }) => d.id)).size).toBe(1);
  });

  const transaction = () => ({
    mchid: credentials.mchid,
    appid: config.wechat.appid,
    out_trade_no: 'INJECTED_1',
    transaction_id: '4200000000000000000000000001',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    amount: { total: 100, payer_total: 100, currency: 'CNY', payer_currency: 'CNY' },
    payer: { openid: 'o-someone' },
    success_time: wechatTime(new Date()),
  });

  it.each([
    ['a genuine injected notification', {}, 204, undefined],
    ['forged (another key, the real serial)', { sign: 'forged' }, 400, 'BAD_SIGNATURE'],
    ['a SIGNTEST probe', { sign: 'signtest' }, 400, 'SIGNTEST_PROBE'],
    ['no signature', { sign: 'none' }, 400, 'MISSING_HEADERS'],
    ['an unknown serial', { serial: 'PUB_KEY_ID_0000000000000000000000000000000000' }, 400, 'UNKNOWN_SERIAL'],
    ['a timestamp 301 s old', { timestampOffsetSec: -301 }, 400, 'STALE_TIMESTAMP'],
    ['a timestamp 400 s ahead', { timestampOffsetSec: 400 }, 400, 'STALE_TIMESTAMP'],
    ['a tampered ciphertext (re-signed)', { tamper: 'ciphertext' }, 400, 'DECRYPTION_FAILED'],
    ['a swapped associated_data (re-signed)', { tamper: 'aad' }, 400, 'DECRYPTION_FAILED'],
    ['a body changed after signing', { tamper: 'body-after-sign' }, 400, 'BAD_SIGNATURE'],
    ['a resource encrypted with another key', { tamper: 'key' }, 400, 'DECRYPTION_FAILED'],
  ])('/sandbox/notify with %s', async (_name, options, status, reason) => {
    const before = receiver.on('/notify/injected').length;
    const answer = await call('POST', '/sandbox/notify', {
      url: notifyUrl('/notify/injected'),
      event_type: 'TRANSACTION.SUCCESS',
      plaintext: transaction(),
      ...options,
    });
    expect(answer.body.status).toBe(status);
    const [received] = receiver.on('/notify/injected').slice(before);
    if (reason === undefined) {
      expect(client.parseNotification(received.headers, received.rawBody).resource).toMatchObject({
        out_trade_no: 'INJECTED_1',
      });
    } else {
      expect(JSON.parse(answer.body.body)).toEqual({ code: 'FAIL', message: reason });
      let rejection: unknown;
      try {
        client.parseNotification(received.headers, received.rawBody);
      } catch (error) {
        rejection = error;
      }
      expect(rejection).toBeInstanceOf(NotificationRejected);
      expect((rejection as NotificationRejected).reason).toBe(reason);
    }
  });

  it('judges skew against the shop clock it is given', async () => {
    const before = receiver.on('/notify/clock').length;
    await call('POST', '/sandbox/notify', {
      url: notifyUrl('/notify/clock'),
      event_type: 'TRANSACTION.SUCCESS',
      plaintext: transaction(),
    });
    const [received] = receiver.on('/notify/clock').slice(before);
    const later = new Date(Date.now() + 10 * 60_000);
    expect(() => client.parseNotification(received.headers, received.rawBody, later)).toThrow(NotificationRejected);
    expect(client.parseNotification(received.headers, received.rawBody, new Date()).eventType).toBe(
      'TRANSACTION.SUCCESS',
    );
  });

  it.each([
    ['a non-loopback url', { url: 'http://example.com/notify', event_type: 'X', plaintext: {} }],
    ['an unknown sign mode', { url: 'http://127.0.0.1:1/n', event_type: 'X', plaintext: {}, sign: 'maybe' }],
    [
      'the cert mode in a pubkey sandbox',
      { url: 'http://127.0.0.1:1/n', event_type: 'X', plaintext: {}, sign: 'cert' },
    ],
    ['an unknown field', { url: 'http://127.0.0.1:1/n', event_type: 'X', plaintext: {}, extra: 1 }],
  ])('/sandbox/notify refuses %s', async (_name, body) => {
    const answer = await call('POST', '/sandbox/notify', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('SANDBOX_BAD_REQUEST');
  });
});

describe('merchant authentication and validation at the sandbox', () => {
  const validBody = (outTradeNo: string) => ({
    appid: config.wechat.appid,
    mchid: credentials.mchid,
    description: 'x',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl('/notify/pay'),
    amount: { total: 100, currency: 'CNY' },
    payer: { openid: alice },
  });

  it.each([
    ['no description', 'PARAM_ERROR', (b: Record<string, unknown>) => ({ ...b, description: undefined })],
    ['a 5-character out_trade_no', 'PARAM_ERROR', (b: Record<string, unknown>) => ({ ...b, out_trade_no: 'T1234' })],
    ['a zero amount', 'PARAM_ERROR', (b: Record<string, unknown>) => ({ ...b, amount: { total: 0 } })],
    ['a fractional amount', 'PARAM_ERROR', (b: Record<string, unknown>) => ({ ...b, amount: { total: 1.5 } })],
    [
      'an openid the sandbox never issued',
      'PARAM_ERROR',
      (b: Record<string, unknown>) => ({ ...b, payer: { openid: 'oUnknown' } }),
    ],
    [
      'a non-loopback notify_url',
      'PARAM_ERROR',
      (b: Record<string, unknown>) => ({ ...b, notify_url: 'https://shop.example.com/n' }),
    ],
    [
      'a past time_expire',
      'PARAM_ERROR',
      (b: Record<string, unknown>) => ({ ...b, time_expire: '2020-01-01T00:00:00+08:00' }),
    ],
    ['another appid', 'APPID_MCHID_NOT_MATCH', (b: Record<string, unknown>) => ({ ...b, appid: 'wx0000000000000000' })],
    ['another mchid', 'MCH_NOT_EXISTS', (b: Record<string, unknown>) => ({ ...b, mchid: '1900000000' })],
  ])('jsapi with %s → 400 %s, nothing created', async (_name, code, mutate) => {
    const outTradeNo = tradeNo();
    const attempt = client.http().request('POST', '/v3/pay/transactions/jsapi', mutate(validBody(outTradeNo)));
    await expect(attempt).rejects.toMatchObject({ code, httpStatus: 400 });
    expect((await call('GET', `/sandbox/pay/orders/${outTradeNo}`)).status).toBe(404);
  });

  const randomKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;

  /** A hand-built request, so each part of the signature can be broken. */
  async function raw(options: { authorization?: string; body: string; path?: string }) {
    const response = await fetch(`${sandbox.url}${options.path ?? '/v3/pay/transactions/jsapi'}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.authorization ? { authorization: options.authorization } : {}),
      },
      body: options.body,
    });
    const text = await response.text();
    const verdict = verifyWechatpaySignature(
      {
        timestamp: response.headers.get('wechatpay-timestamp') ?? undefined,
        nonce: response.headers.get('wechatpay-nonce') ?? undefined,
        signature: response.headers.get('wechatpay-signature') ?? undefined,
        serial: response.headers.get('wechatpay-serial') ?? undefined,
        body: text,
      },
      credentials.platformPublicKeys,
      new Date(),
    );
    return { status: response.status, body: JSON.parse(text), signed: verdict.ok };
  }

  const sign = (body: string, overrides: Partial<Parameters<typeof buildAuthorization>[0]> = {}) =>
    buildAuthorization({
      mchid: credentials.mchid,
      serialNo: credentials.merchantSerial,
      privateKeyPem: credentials.merchantPrivateKeyPem,
      method: 'POST',
      pathAndQuery: '/v3/pay/transactions/jsapi',
      body,
      timestamp: unixSeconds(new Date()),
      nonce: randomAlphanumeric(32),
      ...overrides,
    });

  it.each([
    ['no Authorization', () => undefined],
    ['another mchid', (body: string) => sign(body, { mchid: '1900000000' })],
    ['another serial', (body: string) => sign(body, { serialNo: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' })],
    ['a timestamp 301 s old', (body: string) => sign(body, { timestamp: unixSeconds(new Date(Date.now() - 301_000)) })],
    ['a signature over other bytes', (body: string) => sign(`${body} `)],
    ['a signature over another path', (body: string) => sign(body, { pathAndQuery: '/v3/pay/transactions/app' })],
    ['a signature by another key', (body: string) => sign(body, { privateKeyPem: randomKey })],
  ])('%s → 401 SIGN_ERROR (signed answer), nothing created', async (_name, authorization) => {
    const outTradeNo = tradeNo();
    const body = JSON.stringify(validBody(outTradeNo));
    const answer = await raw({ authorization: authorization(body), body });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('SIGN_ERROR');
    expect(answer.signed).toBe(true);
    expect((await call('GET', `/sandbox/pay/orders/${outTradeNo}`)).status).toBe(404);
  });

  it('accepts exactly the bytes it signed (whitespace included)', async () => {
    const outTradeNo = tradeNo();
    const body = JSON.stringify(validBody(outTradeNo), null, 2);
    const answer = await raw({ authorization: sign(body), body });
    expect(answer.status).toBe(200);
    expect(answer.body.prepay_id).toMatch(/^wx/);
    expect(answer.signed).toBe(true);
  });

  it('answers PARAM_ERROR to a signed body that is not JSON', async () => {
    const answer = await raw({ authorization: sign('{oops'), body: '{oops' });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('PARAM_ERROR');
  });
});

describe('answers the client must not trust', () => {
  it('throws WechatPayResponseForged on a 2xx whose signature does not verify', async () => {
    const outTradeNo = tradeNo();
    await prepay(outTradeNo, 100);
    await call('POST', '/sandbox/pay/faults', {
      method: 'GET',
      path: `/v3/pay/transactions/out-trade-no/${outTradeNo}`,
      corruptSignature: true,
    });
    await expect(client.queryByOutTradeNo(outTradeNo)).rejects.toBeInstanceOf(WechatPayResponseForged);
    // The fault was used once; the next answer verifies.
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY' });
  });

  it('throws a retryable WechatPayError for an injected 500 SYSTEM_ERROR', async () => {
    await call('POST', '/sandbox/pay/faults', {
      path: '/v3/refund/domestic/refunds',
      respond: { status: 500, code: 'SYSTEM_ERROR', message: '系统错误' },
    });
    const failure = client.createRefund({
      outTradeNo: 'ANY_ORDER_1',
      outRefundNo: 'ANY_ORDER_1R',
      amount: 1,
      total: 1,
    });
    await expect(failure).rejects.toMatchObject({ code: 'SYSTEM_ERROR', httpStatus: 500, retryable: true });
  });

  it('throws WechatPayUnavailable when the connection drops after the work was done', async () => {
    const outTradeNo = tradeNo();
    await call('POST', '/sandbox/pay/faults', { path: '/v3/pay/transactions/jsapi', dropConnection: true });
    await expect(prepay(outTradeNo, 100)).rejects.toBeInstanceOf(WechatPayUnavailable);
    // The order exists at WeChat: querying (not re-creating blindly) finds it.
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY' });
  });

  it('throws WechatPayUnavailable when WeChat cannot be reached', async () => {
    const offline = new WechatPayClient({ ...config, wechat: { ...config.wechat, payApiBase: 'http://127.0.0.1:9' } });
    await expect(offline.queryByOutTradeNo('ANY_ORDER_2')).rejects.toMatchObject({
      code: 'WECHAT_PAY_UNAVAILABLE',
      reason: 'NETWORK',
    });
  });

  it.each([
    ['a path outside /v3', { path: '/sandbox/pay', corruptSignature: true }],
    ['a bad status', { path: '/v3/x', respond: { status: 200, code: 'OK', message: '' } }],
  ])('/sandbox/pay/faults refuses %s', async (_name, body) => {
    expect((await call('POST', '/sandbox/pay/faults', body)).status).toBe(400);
  });
});

describe('POST /sandbox/reset', () => {
  it('wipes orders, refunds and deliveries but keeps the keys', async () => {
    const outTradeNo = tradeNo();
    await prepayAndPay(outTradeNo, 100, '/notify/reset');
    await receiver.waitFor('/notify/reset', 1);
    expect((await call('POST', '/sandbox/reset', {})).body).toEqual({ ok: true });
    expect((await call('GET', `/sandbox/pay/orders/${outTradeNo}`)).status).toBe(404);
    expect((await call('GET', `/sandbox/deliveries?out_trade_no=${outTradeNo}`)).body.items).toEqual([]);
    expect(await client.queryByOutTradeNo(outTradeNo)).toBeNull(); // still signed with the same keys
  });
});
