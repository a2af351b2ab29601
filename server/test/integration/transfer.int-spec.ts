import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, type AppConfig, type WechatPayCredentials } from '../../src/infra/config/env.schema';
import { startWechatSandbox, type WechatSandbox } from '../../src/sandbox/wechat-sandbox';
import { WechatPayClient, type CreateTransferBill } from '../../src/wechat/pay/wechatpay.client';
import {
  classifyPayFailure,
  NotificationRejected,
  WechatPayError,
  WechatPayUnavailable,
} from '../../src/wechat/pay/wechatpay.errors';
import {
  WechatTransferBill,
  WechatTransferBillNotice,
  type WechatPayNotification,
} from '../../src/wechat/pay/wechatpay.types';

/**
 * 商家转账 (distributor withdrawals) between the merchant client and the sandbox, with the real
 * cryptography: signed create/query/cancel, the payee's confirmation, MCHTRANSFER.BILL.FINISHED
 * notifications verified and decrypted, the 24 h close, and the "query before re-creating" rule.
 */

/** The shop clock both sides read (the sandbox's `clock` option, moved by POST /sandbox/clock). */
const clock = {
  offsetMs: 0,
  now: () => new Date(Date.now() + clock.offsetMs),
  set: async (at: Date | null) => {
    clock.offsetMs = at ? at.getTime() - Date.now() : 0;
  },
};

let sandbox: WechatSandbox;
let config: AppConfig;
let credentials: WechatPayCredentials;
let client: WechatPayClient;
let alice: string;
let bob: string;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  status: number;
  /** What parseNotification made of it when it arrived (judged by the clock of that moment). */
  notification?: WechatPayNotification;
}
const received: Received[] = [];
let receiver: Server;
let receiverUrl: string;

/** The merchant's notify_url: 204 when parseNotification accepts, 400 `{code: FAIL}` otherwise. */
function startReceiver(): Promise<void> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let status = 204;
      let body = '';
      let notification: WechatPayNotification | undefined;
      try {
        notification = client.parseNotification(request.headers, rawBody);
      } catch (error) {
        status = 400;
        body = JSON.stringify({
          code: 'FAIL',
          message: error instanceof NotificationRejected ? error.reason : 'ERROR',
        });
      }
      received.push({
        path: (request.url ?? '/').split('?')[0],
        headers: request.headers,
        rawBody,
        status,
        notification,
      });
      response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
      response.end(body);
    });
  });
  return new Promise((resolve) =>
    receiver.listen(0, '127.0.0.1', () => {
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The verified, decrypted MCHTRANSFER.BILL.FINISHED notices received for one bill. */
function noticesFor(outBillNo: string) {
  return received
    .filter((entry) => entry.notification?.eventType === 'MCHTRANSFER.BILL.FINISHED')
    .map((entry) => ({ entry, notification: entry.notification as WechatPayNotification }))
    .filter(({ notification }) => WechatTransferBillNotice.parse(notification.resource).out_bill_no === outBillNo);
}

const waitForNotices = (outBillNo: string, count = 1) =>
  waitFor(() => {
    const notices = noticesFor(outBillNo);
    return notices.length >= count ? notices : undefined;
  });

let sequence = 0;
const billNo = () => `W${Date.now()}${(sequence += 1)}`;

const withdrawal = (overrides: Partial<CreateTransferBill> = {}): CreateTransferBill => ({
  outBillNo: billNo(),
  openid: alice,
  amount: 1234,
  remark: '佣金提现',
  notifyUrl: `${receiverUrl}/notify/transfer`,
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  config = loadConfig({ NODE_ENV: 'test' });
  sandbox = await startWechatSandbox({
    appid: config.wechat.appid,
    secret: config.wechat.secret,
    port: 0,
    env: 'test',
    clock,
  });
  config.wechat.payApiBase = sandbox.url;
  config.wechat.pay ??= sandbox.payCredentials;
  credentials = config.wechat.pay as WechatPayCredentials;
  client = new WechatPayClient(config, clock);
  await startReceiver();
  alice = (await call('POST', '/sandbox/users', { name: 'alice' })).body.openid;
  bob = (await call('POST', '/sandbox/users', { name: 'bob' })).body.openid;
});

afterAll(async () => {
  await sandbox?.close();
  if (receiver) {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

describe('creating a transfer bill (发起转账, scene 1005)', () => {
  it('answers WAIT_USER_CONFIRM with a package; both queries find the bill', async () => {
    const input = withdrawal();
    const bill = await client.createTransferBill(input);
    expect(bill).toMatchObject({ outBillNo: input.outBillNo, state: 'WAIT_USER_CONFIRM' });
    expect(bill.transferBillNo).toMatch(/^\d{34}$/);
    expect(bill.packageInfo).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(bill.createTime).toMatch(/\+08:00$/);

    const queried = await client.queryTransferBill(input.outBillNo);
    expect(queried).toMatchObject({
      outBillNo: input.outBillNo,
      transferBillNo: bill.transferBillNo,
      state: 'WAIT_USER_CONFIRM',
      amount: 1234,
      openid: alice,
    });
    expect(queried?.packageInfo).toBeUndefined(); // queries never carry the package

    const byWechatNo = await client
      .http()
      .request('GET', `/v3/fund-app/mch-transfer/transfer-bills/transfer-bill-no/${bill.transferBillNo}`);
    expect(WechatTransferBill.parse(byWechatNo.data)).toMatchObject({
      out_bill_no: input.outBillNo,
      mch_id: credentials.mchid,
      appid: config.wechat.appid,
      transfer_remark: '佣金提现',
    });

    const seen = await call('GET', `/sandbox/transfers/${input.outBillNo}`);
    expect(seen.body).toMatchObject({
      package_info: bill.packageInfo,
      transfer_scene_id: '1005',
      notify_url: `${receiverUrl}/notify/transfer`,
    });
    expect(await client.queryTransferBill('NoSuchBill1')).toBeNull();
  });

  it('returns the same bill for the same request, refuses another body under the same number', async () => {
    const input = withdrawal();
    const first = await client.createTransferBill(input);
    const again = await client.createTransferBill(input);
    expect(again).toEqual(first);

    const different = await rejection(client.createTransferBill({ ...input, amount: 1235 }));
    expect(different).toBeInstanceOf(WechatPayError);
    expect(different).toMatchObject({ httpStatus: 400, code: 'INVALID_REQUEST' });
    expect(classifyPayFailure(different)).toBe('REFUSED');
    expect(await client.queryTransferBill(input.outBillNo)).toMatchObject({
      transferBillNo: first.transferBillNo,
      amount: 1234,
      state: 'WAIT_USER_CONFIRM',
    });
  });

  it('gives the mini-program what wx.requestMerchantTransfer needs', () => {
    expect(client.transferConfirmParams()).toEqual({ mchId: credentials.mchid, appId: config.wechat.appid });
  });
});

describe('the payee confirms (wx.requestMerchantTransfer)', () => {
  it('refuses a wrong package or payee, then SUCCESS with a verified MCHTRANSFER.BILL.FINISHED', async () => {
    const input = withdrawal({ amount: 5000 });
    const bill = await client.createTransferBill(input);
    const confirm = (body: Record<string, unknown>) =>
      call('POST', `/sandbox/transfers/${input.outBillNo}/confirm`, body);

    const wrongPackage = await confirm({ package: `${bill.packageInfo}x`, openid: alice });
    expect(wrongPackage).toMatchObject({ status: 400, body: { error: { code: 'TRANSFER_PACKAGE_INVALID' } } });
    const wrongPayee = await confirm({ package: bill.packageInfo, openid: bob });
    expect(wrongPayee).toMatchObject({ status: 400, body: { error: { code: 'PAYEE_MISMATCH' } } });
    const closedPage = await confirm({ package: bill.packageInfo, openid: alice, outcome: 'cancel' });
    expect(closedPage.body).toEqual({ errMsg: 'requestMerchantTransfer:fail cancel' });
    expect(await client.queryTransferBill(input.outBillNo)).toMatchObject({ state: 'WAIT_USER_CONFIRM' });
    expect(noticesFor(input.outBillNo)).toHaveLength(0);

    const confirmed = await confirm({ package: bill.packageInfo, openid: alice });
    expect(confirmed).toMatchObject({
      status: 200,
      body: { errMsg: 'requestMerchantTransfer:ok', out_bill_no: input.outBillNo, state: 'SUCCESS' },
    });

    const [{ entry, notification }] = await waitForNotices(input.outBillNo);
    expect(entry.status).toBe(204);
    expect(notification).toMatchObject({
      eventType: 'MCHTRANSFER.BILL.FINISHED',
      resourceType: 'encrypt-resource',
      originalType: 'mch_payment',
      summary: '商家转账单据终态通知',
    });
    const envelope = JSON.parse(entry.rawBody);
    expect(envelope.resource).toMatchObject({ original_type: 'mch_payment', associated_data: 'mch_payment' });
    const notice = WechatTransferBillNotice.parse(notification.resource);
    expect(notice).toMatchObject({
      out_bill_no: input.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      state: 'SUCCESS',
      mch_id: credentials.mchid,
      transfer_amount: 5000,
      openid: alice,
    });
    expect(notice.fail_reason).toBeUndefined();
    expect(notice.create_time).toMatch(/\+08:00$/);
    expect(notice.update_time).toMatch(/\+08:00$/);

    const deliveries = (await call('GET', `/sandbox/deliveries?out_bill_no=${input.outBillNo}`)).body.items;
    expect(deliveries).toEqual([
      expect.objectContaining({
        event_type: 'MCHTRANSFER.BILL.FINISHED',
        out_bill_no: input.outBillNo,
        status: 'DELIVERED',
        merchant_status: 204,
      }),
    ]);

    expect(await client.queryTransferBill(input.outBillNo)).toMatchObject({ state: 'SUCCESS' });
    expect(await confirm({ package: bill.packageInfo, openid: alice })).toMatchObject({
      status: 400,
      body: { error: { code: 'BILL_NOT_WAITING' } },
    });
    // A paid bill cannot be cancelled; the same request again reports it paid (no new package).
    expect(await rejection(client.cancelTransferBill(input.outBillNo))).toMatchObject({
      httpStatus: 400,
      code: 'INVALID_REQUEST',
    });
    const replay = await client.createTransferBill(input);
    expect(replay).toMatchObject({ transferBillNo: bill.transferBillNo, state: 'SUCCESS' });
    expect(replay.packageInfo).toBeUndefined();
  });
});

describe('failures and the 24 h close', () => {
  it('/fail → FAIL with the reason, notified (duplicates share one id), money back', async () => {
    const before = (await call('GET', '/sandbox/merchant-balance')).body.balance;
    const input = withdrawal({ amount: 700 });
    await client.createTransferBill(input);
    expect((await call('GET', '/sandbox/merchant-balance')).body.balance).toBe(before - 700);

    const failed = await call('POST', `/sandbox/transfers/${input.outBillNo}/fail`, {
      reason: 'ACCOUNT_FROZEN',
      duplicates: 2,
    });
    expect(failed.body).toMatchObject({ state: 'FAIL', fail_reason: 'ACCOUNT_FROZEN' });
    const notices = await waitForNotices(input.outBillNo, 2);
    expect(new Set(notices.map(({ notification }) => notification.id)).size).toBe(1);
    for (const { notification } of notices)
      expect(WechatTransferBillNotice.parse(notification.resource)).toMatchObject({
        state: 'FAIL',
        fail_reason: 'ACCOUNT_FROZEN',
        transfer_amount: 700,
      });
    expect(await client.queryTransferBill(input.outBillNo)).toMatchObject({
      state: 'FAIL',
      failReason: 'ACCOUNT_FROZEN',
    });
    expect((await call('GET', '/sandbox/merchant-balance')).body.balance).toBe(before);
    const twice = await call('POST', `/sandbox/transfers/${input.outBillNo}/fail`, {});
    expect(twice).toMatchObject({ status: 400, body: { error: { code: 'BILL_FINAL' } } });
    expect((await call('POST', `/sandbox/transfers/${input.outBillNo}/fail`, { reason: 'lower case' })).status).toBe(
      400,
    );
    expect((await call('POST', '/sandbox/transfers/NoSuchBill2/fail', {})).status).toBe(404);
  });

  it('/expire → FAIL OVERDUE_CLOSE, notified; the old package no longer confirms', async () => {
    const input = withdrawal();
    const bill = await client.createTransferBill(input);
    const expired = await call('POST', `/sandbox/transfers/${input.outBillNo}/expire`, {});
    expect(expired.body).toMatchObject({ state: 'FAIL', fail_reason: 'OVERDUE_CLOSE' });
    const [{ notification }] = await waitForNotices(input.outBillNo);
    expect(WechatTransferBillNotice.parse(notification.resource)).toMatchObject({
      state: 'FAIL',
      fail_reason: 'OVERDUE_CLOSE',
    });
    const late = await call('POST', `/sandbox/transfers/${input.outBillNo}/confirm`, {
      package: bill.packageInfo,
      openid: alice,
    });
    expect(late).toMatchObject({ status: 400, body: { error: { code: 'BILL_NOT_WAITING' } } });
  });

  it('closes a bill unconfirmed for 24 h by the shop clock: on the next query…', async () => {
    const input = withdrawal();
    await client.createTransferBill(input);
    try {
      await clock.set(new Date(Date.now() + 24 * 3600_000 - 60_000));
      expect(await client.queryTransferBill(input.outBillNo)).toMatchObject({ state: 'WAIT_USER_CONFIRM' });
      await clock.set(new Date(Date.now() + 24 * 3600_000 + 1_000));
      expect(await client.queryTransferBill(input.outBillNo)).toMatchObject({
        state: 'FAIL',
        failReason: 'OVERDUE_CLOSE',
      });
      const [{ notification, entry }] = await waitForNotices(input.outBillNo);
      expect(entry.status).toBe(204); // signed by the moved clock, verified against the same clock
      expect(WechatTransferBillNotice.parse(notification.resource).fail_reason).toBe('OVERDUE_CLOSE');
    } finally {
      await clock.set(null);
    }
  });

  it('…or as soon as POST /sandbox/clock moves it', async () => {
    const input = withdrawal();
    await client.createTransferBill(input);
    try {
      const moved = await call('POST', '/sandbox/clock', { now: new Date(Date.now() + 25 * 3600_000).toISOString() });
      expect(moved.status).toBe(200);
      const [{ notification }] = await waitForNotices(input.outBillNo);
      expect(WechatTransferBillNotice.parse(notification.resource)).toMatchObject({
        state: 'FAIL',
        fail_reason: 'OVERDUE_CLOSE',
      });
    } finally {
      await call('POST', '/sandbox/clock', { now: null });
    }
    expect(clock.offsetMs).toBe(0);
  });

  it('cancels a waiting bill: CANCELING, then CANCELLED (MCH_CANCEL) with a notification', async () => {
    const input = withdrawal();
    await client.createTransferBill(input);
    const cancelling = await client.cancelTransferBill(input.outBillNo);
    expect(cancelling).toMatchObject({ outBillNo: input.outBillNo, state: 'CANCELING' });
    expect(cancelling.updateTime).toMatch(/\+08:00$/);
    expect(await client.cancelTransferBill(input.outBillNo)).toMatchObject({ state: 'CANCELING' });
    const [{ notification }] = await waitForNotices(input.outBillNo);
    expect(WechatTransferBillNotice.parse(notification.resource)).toMatchObject({
      state: 'CANCELLED',
      fail_reason: 'MCH_CANCEL',
    });
    expect(await client.queryTransferBill(input.outBillNo)).toMatchObject({ state: 'CANCELLED' });
    expect(await rejection(client.cancelTransferBill('NoSuchBill3'))).toMatchObject({
      httpStatus: 404,
      code: 'NOT_FOUND',
    });
  });
});

describe('business refusals at creation', () => {
  it('requires user_name from 2,000 yuan, decrypts it, and keeps the request idempotent', async () => {
    const big = withdrawal({ amount: 200_000 });
    const missing = await rejection(client.createTransferBill(big));
    expect(missing).toMatchObject({ httpStatus: 400, code: 'PARAM_ERROR' });
    expect(classifyPayFailure(missing)).toBe('REFUSED');
    expect(await client.queryTransferBill(big.outBillNo)).toBeNull();

    const justBelow = await client.createTransferBill(withdrawal({ amount: 199_999 }));
    expect(justBelow.state).toBe('WAIT_USER_CONFIRM');

    const named = { ...big, userName: '张三' };
    const bill = await client.createTransferBill(named);
    expect(bill.state).toBe('WAIT_USER_CONFIRM');
    expect((await call('GET', `/sandbox/transfers/${big.outBillNo}`)).body.user_name).toBe('张三');
    // OAEP encrypts differently every time: still the same request, the same bill.
    expect((await client.createTransferBill(named)).transferBillNo).toBe(bill.transferBillNo);
    expect(await rejection(client.createTransferBill({ ...big, userName: '李四' }))).toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('answers 403 NOT_ENOUGH beyond the merchant balance and creates nothing', async () => {
    const original = (await call('GET', '/sandbox/merchant-balance')).body.balance;
    try {
      await call('POST', '/sandbox/merchant-balance', { balance: 500 });
      const tooMuch = withdrawal({ amount: 501 });
      const refused = await rejection(client.createTransferBill(tooMuch));
      expect(refused).toBeInstanceOf(WechatPayError);
      expect(refused).toMatchObject({ httpStatus: 403, code: 'NOT_ENOUGH' });
      expect(classifyPayFailure(refused)).toBe('REFUSED');
      expect(await client.queryTransferBill(tooMuch.outBillNo)).toBeNull();

      const exact = withdrawal({ amount: 500 });
      await client.createTransferBill(exact);
      expect((await call('GET', '/sandbox/merchant-balance')).body.balance).toBe(0);
      await client.cancelTransferBill(exact.outBillNo);
      await waitFor(async () =>
        (await client.queryTransferBill(exact.outBillNo))?.state === 'CANCELLED' ? true : undefined,
      );
      expect((await call('GET', '/sandbox/merchant-balance')).body.balance).toBe(500);
    } finally {
      await call('POST', '/sandbox/merchant-balance', { balance: original });
    }
  });

  const TRANSFER_BILLS = '/v3/fund-app/mch-transfer/transfer-bills';
  const rawBody = (overrides: Record<string, unknown>) => ({
    appid: config.wechat.appid,
    out_bill_no: billNo(),
    transfer_scene_id: '1005',
    openid: alice,
    transfer_amount: 100,
    transfer_remark: '佣金提现',
    transfer_scene_report_infos: [
      { info_type: '岗位类型', info_content: '分销员' },
      { info_type: '报酬说明', info_content: '6月佣金' },
    ],
    ...overrides,
  });

  it.each([
    ['no report infos', 'PARAM_ERROR', { transfer_scene_report_infos: [] }],
    ["scene 1000 with 1005's labels", 'PARAM_ERROR', { transfer_scene_id: '1000' }],
    [
      'a missing 报酬说明',
      'PARAM_ERROR',
      { transfer_scene_report_infos: [{ info_type: '岗位类型', info_content: '分销员' }] },
    ],
    ['a scene not granted', 'PARAM_ERROR', { transfer_scene_id: '1001' }],
    ['an out_bill_no with _', 'PARAM_ERROR', { out_bill_no: 'W_1' }],
    ['a 33-character out_bill_no', 'PARAM_ERROR', { out_bill_no: 'W'.repeat(33) }],
    ['a 33-character remark', 'PARAM_ERROR', { transfer_remark: '佣'.repeat(33) }],
    ['a zero amount', 'PARAM_ERROR', { transfer_amount: 0 }],
    ['a fractional amount', 'PARAM_ERROR', { transfer_amount: 1.5 }],
    ['a malformed openid', 'PARAM_ERROR', { openid: 'oUnknown' }],
    ['a non-loopback notify_url', 'PARAM_ERROR', { notify_url: 'https://shop.example.com/n' }],
    ['an undecryptable user_name', 'PARAM_ERROR', { user_name: 'bm90IHJzYQ==' }],
    ['another appid', 'APPID_MCHID_NOT_MATCH', { appid: 'wx0000000000000000' }],
    ['an unsupported 用户收款感知', 'INVALID_REQUEST', { user_recv_perception: '现金奖励' }],
  ])('refuses %s (400 %s), nothing created', async (_name, code, overrides) => {
    const body = rawBody(overrides);
    const refused = await rejection(client.http().request('POST', TRANSFER_BILLS, body));
    expect(refused).toMatchObject({ httpStatus: 400, code });
    if (typeof body.out_bill_no === 'string' && /^[0-9A-Za-z]{1,32}$/.test(body.out_bill_no))
      expect(await client.queryTransferBill(body.out_bill_no)).toBeNull();
  });

  it.each([
    [
      'scene 1000 with 活动名称 and 奖励说明',
      {
        transfer_scene_id: '1000',
        transfer_scene_report_infos: [
          { info_type: '活动名称', info_content: '新人有礼' },
          { info_type: '奖励说明', info_content: '注册奖励' },
        ],
      },
    ],
    ['a well-formed openid the sandbox never issued', { openid: `o${'Z'.repeat(27)}` }],
    ['no notify_url', {}],
    ['an allowed 用户收款感知', { user_recv_perception: '劳务报酬' }],
  ])('accepts %s', async (_name, overrides) => {
    const answer = await client.http().request('POST', TRANSFER_BILLS, rawBody(overrides));
    expect(WechatTransferBill.parse(answer.data).state).toBe('WAIT_USER_CONFIRM');
  });
});

describe('a lost answer: query before re-creating', () => {
  it('the bill was created although the connection dropped: query finds it, the same number recovers the package', async () => {
    const input = withdrawal({ amount: 888 });
    await call('POST', '/sandbox/pay/faults', {
      method: 'POST',
      path: '/v3/fund-app/mch-transfer/transfer-bills',
      dropConnection: true,
    });
    const lost = await rejection(client.createTransferBill(input));
    expect(lost).toBeInstanceOf(WechatPayUnavailable);
    expect(classifyPayFailure(lost)).toBe('TRANSIENT');

    const found = await client.queryTransferBill(input.outBillNo);
    expect(found).toMatchObject({ outBillNo: input.outBillNo, state: 'WAIT_USER_CONFIRM', amount: 888 });
    const recovered = await client.createTransferBill(input);
    expect(recovered).toMatchObject({ transferBillNo: found?.transferBillNo, state: 'WAIT_USER_CONFIRM' });
    expect(recovered.packageInfo).toEqual(expect.any(String));
    const bills = (await call('GET', '/sandbox/transfers')).body.items.filter(
      (bill: { out_bill_no: string }) => bill.out_bill_no === input.outBillNo,
    );
    expect(bills).toHaveLength(1);
  });

  it('a 500 SYSTEM_ERROR before anything happened: query finds nothing, the same number creates it', async () => {
    const input = withdrawal();
    await call('POST', '/sandbox/pay/faults', {
      method: 'POST',
      path: '/v3/fund-app/mch-transfer/transfer-bills',
      respond: { status: 500, code: 'SYSTEM_ERROR', message: '系统繁忙，请稍后重试' },
    });
    const failed = await rejection(client.createTransferBill(input));
    expect(failed).toMatchObject({ httpStatus: 500, code: 'SYSTEM_ERROR' });
    expect(classifyPayFailure(failed)).toBe('TRANSIENT');
    expect(await client.queryTransferBill(input.outBillNo)).toBeNull();
    expect((await client.createTransferBill(input)).state).toBe('WAIT_USER_CONFIRM');
  });
});
