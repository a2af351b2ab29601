import { parseShareScene } from '@weshop/shared';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { OrderLifecycle } from '../../src/order/order-lifecycle.service';
import { RefundService } from '../../src/payment/refund.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 分销 over HTTP: A refers B, B becomes a distributor under A, C buys through B (B earns L1, A L2),
 * D under C under B under A buys (only C and B earn), settlement, refunds before and after it,
 * withdrawals through the sandbox's 商家转账 (confirmed, failed, expired).
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;
const users: Record<string, { token: string; id: number }> = {};

const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(stack.baseUrl, method, path, { token, body, headers });
const sandbox = (path: string, body?: unknown) => http(stack.sandboxUrl, 'POST', path, { body });
const me = async (name: string) => (await call('GET', '/api/v1/distribution/me', users[name].token)).body;
const db = () => stack.server.app.get(PrismaService).client;

const SETTINGS = {
  enabled: true,
  levels: 2,
  l1RateBp: 1000,
  l2RateBp: 500,
  selfPurchaseCommission: false,
  activityGoodsEarn: false,
  application: { autoApprove: false, minSpend: 0 },
  binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
  withdrawal: { minAmount: 100, dailyCap: 1_000_000, reviewRequired: false },
  tiers: [],
};

beforeAll(async () => {
  stack = await startStack({ label: 'distribution', seed: true });
  given = shop(stack);
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  for (const name of ['dist-a', 'dist-b', 'dist-c', 'dist-d', 'dist-e', 'dist-f']) {
    const login = await loginAs(stack.baseUrl, name);
    users[name] = { token: login.token, id: Number(login.user.id) };
  }
  const saved = await call('PUT', '/api/v1/admin/settings/distribution', admin, SETTINGS);
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

async function becomeDistributor(name: string): Promise<string> {
  const applied = await call('POST', '/api/v1/distribution/apply', users[name].token, {});
  expect(applied.status).toBe(200);
  expect(applied.body.status).toBe('PENDING');
  const approved = await call('POST', `/api/v1/admin/distributors/${users[name].id}/approve`, admin, {});
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'APPROVED', code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/) });
  return approved.body.code;
}

/** A paid order of one unit of a fresh SKU at `price`. */
async function buy(name: string, price: number) {
  const token = users[name].token;
  const sku = await given.skuWithStock(10, price);
  const address = await given.addressFor(token);
  const created = await given.order(token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address });
  expect(created.status).toBe(201);
  await given.pay(token, created.body.id);
  return given.waitForStatus(token, created.body.id, ['TO_SHIP']);
}

const lifecycle = () => stack.server.app.get(OrderLifecycle);
async function completeAndCloseWindow(orderId: string) {
  await stack.server.app.get(PrismaService).transaction((tx) => lifecycle().markShipped(tx, Number(orderId), 'ADMIN'));
  await lifecycle().complete(Number(orderId), 'USER', '确认收货');
  const later = new Date(Date.now() + stack.config.orders.aftersaleWindowMs + 60_000).toISOString();
  await sandbox('/sandbox/clock', { now: later });
  try {
    await stack.server.app.get(JobQueue).sweepNow();
  } finally {
    await sandbox('/sandbox/clock', { now: null });
  }
}

const commissionsOf = (orderId: string) =>
  db().commission.findMany({ where: { orderId: Number(orderId) }, orderBy: { level: 'asc' } });

async function waitForWithdrawal(name: string, id: string, statuses: string[]) {
  const until = Date.now() + 15_000;
  let last: any;
  while (Date.now() < until) {
    last = (await call('GET', `/api/v1/distribution/withdrawals/${id}`, users[name].token)).body;
    if (statuses.includes(last?.status)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`withdrawal ${id} stayed ${last?.status}, expected ${statuses.join('|')}`);
}

async function withdraw(name: string, amount: number, key = `w-${name}-${amount}-${Date.now()}`) {
  return call('POST', '/api/v1/distribution/withdrawals', users[name].token, { amount }, { 'idempotency-key': key });
}

async function expectLedgerBalanced() {
  const check = await call('GET', '/api/v1/admin/distribution/ledger-check', admin);
  expect(check.status).toBe(200);
  expect(check.body.mismatches).toEqual([]);
}

describe('the referral network, end to end', () => {
  let codeA: string;
  let codeB: string;
  let codeC: string;
  let orderC: any;
  let orderD: any;

  it('A becomes a distributor; B opens A’s share and is bound; B becomes a distributor under A', async () => {
    codeA = await becomeDistributor('dist-a');
    const product = await given.skuWithStock(10);
    const share = await call('GET', `/api/v1/distribution/share?productId=${product.productId}`, users['dist-a'].token);
    expect(share.status).toBe(200);
    expect(share.body).toMatchObject({ ref: codeA, path: expect.stringContaining(`ref=${codeA}`) });
    expect(share.body.codeImage).toMatch(/^data:image\/png;base64,/);
    expect(parseShareScene(share.body.scene)).toEqual({ ref: codeA, productId: product.productId });

    const bound = await call('POST', '/api/v1/distribution/bind', users['dist-b'].token, {
      code: codeA,
      source: 'LINK',
    });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ bound: true, outcome: 'BOUND', distributorCode: codeA });
    const log = await db().bindingLog.findFirst({ where: { customerId: users['dist-b'].id } });
    expect(log).toMatchObject({ distributorId: users['dist-a'].id, source: 'LINK' });

    codeB = await becomeDistributor('dist-b');
    expect((await me('dist-b')).parent).toEqual({ nickname: expect.any(String) });
    const list = await call('GET', '/api/v1/admin/distributors?status=APPROVED', admin);
    expect(list.body.items.find((d: any) => d.userId === String(users['dist-b'].id)).parent).not.toBeNull();
    expect((await me('dist-a')).teamSize).toBe(1);
  });

  it('C opens B’s code and buys: B earns L1, A earns L2, both pending', async () => {
    const bound = await call('POST', '/api/v1/distribution/bind', users['dist-c'].token, {
      code: codeB,
      source: 'CODE',
    });
    expect(bound.body.outcome).toBe('BOUND');
    orderC = await buy('dist-c', 9999);
    const paid = orderC.lines[0].paidAmount;
    const rows = await commissionsOf(orderC.id);
    expect(rows.map((c) => [c.level, c.beneficiaryId, c.amount, c.status])).toEqual([
      [1, users['dist-b'].id, Math.floor(paid * 0.1), 'PENDING'],
      [2, users['dist-a'].id, Math.floor(paid * 0.05), 'PENDING'],
    ]);
    expect((await me('dist-b')).balances).toMatchObject({
      pending: Math.floor(paid * 0.1),
      balance: 0,
      withdrawable: 0,
    });
    expect((await me('dist-a')).balances.pending).toBe(Math.floor(paid * 0.05));
    const list = await call('GET', '/api/v1/distribution/commissions', users['dist-b'].token);
    expect(list.body.items[0]).toMatchObject({
      orderNo: orderC.orderNo,
      level: 1,
      status: 'PENDING',
      rule: '店铺默认 10%',
    });
    await expectLedgerBalanced();
  });

  it('D under C under B under A buys: only the two nearest levels earn', async () => {
    codeC = await becomeDistributor('dist-c');
    await call('POST', '/api/v1/distribution/bind', users['dist-d'].token, { code: codeC, source: 'LINK' });
    orderD = await buy('dist-d', 20000);
    const rows = await commissionsOf(orderD.id);
    expect(rows.map((c) => [c.level, c.beneficiaryId])).toEqual([
      [1, users['dist-c'].id],
      [2, users['dist-b'].id],
    ]);
    expect(rows.some((c) => c.beneficiaryId === users['dist-a'].id)).toBe(false);
    const team = await call('GET', '/api/v1/distribution/team', users['dist-a'].token);
    expect(team.body).toMatchObject({ teamSize: 2, directCount: 1 });
  });

  it('a partial refund before settlement reverses in proportion', async () => {
    const line = orderD.lines[0];
    const asked = await call('POST', `/api/v1/orders/${orderD.id}/aftersales`, users['dist-d'].token, {
      lineId: line.id,
      type: 'REFUND',
      amount: Math.floor(line.paidAmount / 4),
      reason: '少发一件配件',
    });
    expect(asked.status).toBe(201);
    expect((await call('POST', `/api/v1/admin/aftersales/${asked.body.id}/approve`, admin, {})).status).toBe(200);
    const until = Date.now() + 15_000;
    let rows = await commissionsOf(orderD.id);
    while (rows[0].reversedAmount === 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await commissionsOf(orderD.id);
    }
    const refunded = Math.floor(line.paidAmount / 4);
    for (const c of rows) {
      const remaining = Math.floor((c.amount * (line.paidAmount - refunded)) / line.paidAmount);
      expect(c.reversedAmount).toBe(c.amount - remaining);
      expect(c.status).toBe('PENDING');
    }
    const c = await me('dist-c');
    expect(c.balances.pending).toBe(rows[0].amount - rows[0].reversedAmount);
    await expectLedgerBalanced();
  });

  it('the after-sales window closes: commissions settle into the withdrawable balance', async () => {
    await completeAndCloseWindow(orderC.id);
    const rows = await commissionsOf(orderC.id);
    expect(rows.every((c) => c.status === 'SETTLED')).toBe(true);
    const b = await me('dist-b');
    expect(b.balances.balance).toBe(rows[0].amount);
    expect(b.balances.withdrawable).toBe(rows[0].amount);
    const a = await me('dist-a');
    expect(a.balances).toMatchObject({ pending: 0, balance: rows[1].amount });
    const team = await call('GET', '/api/v1/distribution/team', users['dist-a'].token);
    expect(team.body.teamSales).toBe(orderC.lines[0].paidAmount); // B's settled sales
    await expectLedgerBalanced();
  });

  it('withdrawal → the user confirms in WeChat → PAID', async () => {
    const before = await me('dist-b');
    const amount = before.balances.withdrawable;
    const requested = await withdraw('dist-b', amount);
    expect(requested.status).toBe(201);
    expect((await me('dist-b')).balances).toMatchObject({ balance: 0, inFlight: amount });
    const waiting = await waitForWithdrawal('dist-b', requested.body.id, ['WAITING_USER_CONFIRM']);
    expect(waiting.confirm).toMatchObject({
      package: expect.any(String),
      mchId: expect.any(String),
      appId: stack.config.wechat.appid,
    });
    const confirmed = await sandbox(`/sandbox/transfers/${waiting.outBillNo}/confirm`, {
      package: waiting.confirm.package,
      openid: waiting.confirm.openId,
    });
    expect(confirmed.status).toBe(200);
    await waitForWithdrawal('dist-b', requested.body.id, ['PAID']);
    expect((await me('dist-b')).balances).toMatchObject({ balance: 0, inFlight: 0, withdrawn: amount });
    await expectLedgerBalanced();
  });

  it('a refund after settlement drives the balance negative; a later commission nets it', async () => {
    const rows = await commissionsOf(orderC.id);
    const payment = await db().payment.findFirstOrThrow({ where: { orderId: Number(orderC.id) } });
    const order = await db().order.findUniqueOrThrow({ where: { id: Number(orderC.id) } });
    // 商家主动退款 of the whole completed order (e.g. a complaint settled after the window).
    await stack.server.app.get(PrismaService).transaction(async (tx, afterCommit) => {
      const refund = await stack.server.app.get(RefundService).createRefund(tx, {
        orderId: order.id,
        paymentId: payment.id,
        amount: order.payable,
        reason: 'MERCHANT',
        key: 'M1',
      });
      afterCommit(() => stack.server.app.get(RefundService).submit(refund.id));
    });
    const until = Date.now() + 15_000;
    while ((await commissionsOf(orderC.id))[0].status !== 'REVERSED' && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    const after = await commissionsOf(orderC.id);
    expect(after.map((c) => [c.status, c.reversedAmount])).toEqual([
      ['REVERSED', rows[0].amount],
      ['REVERSED', rows[1].amount],
    ]);
    const b = await me('dist-b');
    expect(b.balances).toMatchObject({ balance: -rows[0].amount, withdrawable: 0 });
    expect((await withdraw('dist-b', 100)).body.error.code).toBe('BALANCE_INSUFFICIENT');

    // B sells again; once settled, the new commission first fills the hole.
    const e = users['dist-e'];
    await call('POST', '/api/v1/distribution/bind', e.token, { code: codeB, source: 'LINK' });
    const next = await buy('dist-e', 30000);
    await completeAndCloseWindow(next.id);
    const earned = (await commissionsOf(next.id))[0].amount;
    expect((await me('dist-b')).balances.balance).toBe(earned - rows[0].amount);
    await expectLedgerBalanced();
  });

  it('a failed and an expired transfer give the money back', async () => {
    const start = (await me('dist-a')).balances;
    expect(start.withdrawable).toBeGreaterThanOrEqual(200);

    const first = await withdraw('dist-a', 100);
    const w1 = await waitForWithdrawal('dist-a', first.body.id, ['WAITING_USER_CONFIRM']);
    expect(
      (await sandbox(`/sandbox/transfers/${w1.outBillNo}/fail`, { reason: 'PAYEE_ACCOUNT_ABNORMAL' })).status,
    ).toBe(200);
    const failed = await waitForWithdrawal('dist-a', first.body.id, ['FAILED']);
    expect(failed.failReason).toContain('PAYEE_ACCOUNT_ABNORMAL');
    expect((await me('dist-a')).balances).toMatchObject({ balance: start.balance, inFlight: 0 });

    const second = await withdraw('dist-a', 100);
    const w2 = await waitForWithdrawal('dist-a', second.body.id, ['WAITING_USER_CONFIRM']);
    expect((await sandbox(`/sandbox/transfers/${w2.outBillNo}/expire`)).status).toBe(200);
    const expired = await waitForWithdrawal('dist-a', second.body.id, ['FAILED']);
    expect(expired.failReason).toBe('超过24小时未确认收款');
    expect((await me('dist-a')).balances).toMatchObject({ balance: start.balance, inFlight: 0, withdrawn: 0 });
    await expectLedgerBalanced();
  });

  it('the same Idempotency-Key gives the same withdrawal once', async () => {
    const key = `same-${Date.now()}`;
    const [one, two] = [await withdraw('dist-a', 100, key), await withdraw('dist-a', 100, key)];
    expect(one.status).toBe(201);
    expect(two.body.id).toBe(one.body.id);
    expect(await db().withdrawal.count({ where: { id: Number(one.body.id) } })).toBe(1);
    const other = await withdraw('dist-a', 101, key);
    expect(other.status).toBe(422);
  });
});

describe('binding rules', () => {
  it('refuses self-binding and cycles; an unknown code is 404', async () => {
    const a = await me('dist-a');
    const b = await me('dist-b');
    const self = await call('POST', '/api/v1/distribution/bind', users['dist-a'].token, { code: a.code });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('REFERRAL_SELF');
    const cycle = await call('POST', '/api/v1/distribution/bind', users['dist-a'].token, { code: b.code });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('REFERRAL_CYCLE');
    const unknown = await call('POST', '/api/v1/distribution/bind', users['dist-a'].token, { code: 'ZZZZZZ' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('REFERRAL_CODE_UNKNOWN');
  });

  it('a bound customer keeps the first distributor inside the protection period and re-binds after it', async () => {
    const a = await me('dist-a');
    const c = await me('dist-c');
    const f = users['dist-f'];
    expect((await call('POST', '/api/v1/distribution/bind', f.token, { code: a.code })).body.outcome).toBe('BOUND');
    const kept = await call('POST', '/api/v1/distribution/bind', f.token, { code: c.code });
    expect(kept.body).toMatchObject({ bound: false, outcome: 'PROTECTED', distributorCode: a.code });
    const later = new Date(Date.now() + 366 * 86_400_000).toISOString();
    await sandbox('/sandbox/clock', { now: later });
    try {
      // A year on, F's old session has expired: F logs in again, as the phone would.
      const token = (await loginAs(stack.baseUrl, 'dist-f')).token;
      const rebound = await call('POST', '/api/v1/distribution/bind', token, { code: c.code });
      expect(rebound.body).toMatchObject({ bound: true, outcome: 'REBOUND', distributorCode: c.code });
    } finally {
      await sandbox('/sandbox/clock', { now: null });
    }
    const log = await db().bindingLog.findMany({ where: { customerId: f.id }, orderBy: { id: 'asc' } });
    expect(log.map((l) => l.distributorId)).toEqual([users['dist-a'].id, users['dist-c'].id]);
  });
});

describe('withdrawals under concurrency', () => {
  it('two concurrent withdrawals of the whole balance: exactly one succeeds', async () => {
    const c = await me('dist-c');
    // C's commission from D's order settles first.
    const orderD = await db().commission.findFirstOrThrow({ where: { beneficiaryId: users['dist-c'].id } });
    if (c.balances.withdrawable === 0) await completeAndCloseWindow(String(orderD.orderId));
    const whole = (await me('dist-c')).balances.withdrawable;
    expect(whole).toBeGreaterThan(0);
    const results = await Promise.all([withdraw('dist-c', whole, 'race-one'), withdraw('dist-c', whole, 'race-two')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('BALANCE_INSUFFICIENT');
    expect((await me('dist-c')).balances).toMatchObject({ balance: 0, inFlight: whole });
    await expectLedgerBalanced();
  });
});

describe('settings guardrails', () => {
  it.each([
    ['three levels', { levels: 3 }, 'levels', /at most two levels/],
    ['L1 + L2 above 100%', { l1RateBp: 8000, l2RateBp: 2500 }, 'l1RateBp', /100%/],
    [
      'an entry fee',
      { application: { autoApprove: true, minSpend: 0, entryFee: 990 } },
      'application.entryFee',
      /never costs money/,
    ],
    ['a reward per recruit', { recruitBonus: 500 }, 'recruitBonus', /recruited/],
    ['a reward for sharing', { shareReward: 1 }, 'shareReward', /sharing/],
  ])('refuses %s with a clear message and changes nothing', async (_name, change, path, message) => {
    const before = (await call('GET', '/api/v1/admin/settings/distribution', admin)).body;
    const refused = await call('PUT', '/api/v1/admin/settings/distribution', admin, { ...SETTINGS, ...change });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('DISTRIBUTION_SETTINGS_NONCOMPLIANT');
    expect(refused.body.error.details.violations).toContainEqual({ path, message: expect.stringMatching(message) });
    expect((await call('GET', '/api/v1/admin/settings/distribution', admin)).body).toEqual(before);
  });

  it('a malformed setting is a 400 with the field named', async () => {
    const refused = await call('PUT', '/api/v1/admin/settings/distribution', admin, { ...SETTINGS, l1RateBp: 'ten' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].path).toBe('l1RateBp');
  });

  it('only admins change settings', async () => {
    expect((await call('PUT', '/api/v1/admin/settings/distribution', users['dist-a'].token, SETTINGS)).status).toBe(
      403,
    );
  });
});

describe('bad input never gives a 500', () => {
  const cases: [string, string, unknown][] = [
    ['POST', '/api/v1/distribution/bind', { code: 'O0I1' }],
    ['POST', '/api/v1/distribution/bind', { code: 12 }],
    ['POST', '/api/v1/distribution/bind', { code: 'ABCDEF', source: 'POSTER' }],
    ['POST', '/api/v1/distribution/bind', 'not json'],
    ['POST', '/api/v1/distribution/apply', { fee: 1 }],
    ['POST', '/api/v1/distribution/withdrawals', { amount: -1 }],
    ['POST', '/api/v1/distribution/withdrawals', { amount: 1.5 }],
    ['POST', '/api/v1/distribution/withdrawals', { amount: '100' }],
    ['POST', '/api/v1/distribution/withdrawals', {}],
    ['GET', '/api/v1/distribution/withdrawals/abc', undefined],
    ['GET', '/api/v1/distribution/withdrawals/999999', undefined],
    ['GET', '/api/v1/distribution/commissions?status=LOST', undefined],
    ['GET', '/api/v1/distribution/customers?page=0', undefined],
    ['GET', '/api/v1/distribution/team?pageSize=1000', undefined],
    ['GET', '/api/v1/distribution/leaderboard?period=year', undefined],
    ['GET', '/api/v1/distribution/share', undefined],
    ['GET', '/api/v1/distribution/share?productId=999999', undefined],
    ['POST', '/api/v1/admin/distributors/abc/approve', {}],
    ['POST', '/api/v1/admin/distributors/999999/approve', {}],
    ['POST', '/api/v1/admin/distributors/1/reject', { reason: '' }],
    ['POST', '/api/v1/admin/withdrawals/999999/approve', {}],
    ['POST', '/api/v1/admin/withdrawals/1/reject', {}],
    ['PUT', '/api/v1/admin/settings/distribution', []],
    ['PUT', '/api/v1/admin/settings/distribution', null],
    ['PUT', '/api/v1/admin/distribution/commission-rules', { productId: '1', percent: { l1Bp: 9000, l2Bp: 2000 } }],
    ['PUT', '/api/v1/admin/distribution/commission-rules', { productId: '999999', fixed: { l1: 1, l2: 1 } }],
    ['PUT', '/api/v1/admin/distribution/commission-rules', { productId: '1' }],
    ['POST', '/api/v1/distribution/transfers/wechat/notify', { id: 'x' }],
  ];
  it.each(cases)('%s %s %j → 4xx with the error shape', async (method, path, body) => {
    const token = path.includes('/admin/') ? admin : users['dist-f'].token;
    const result =
      typeof body === 'string'
        ? await http(stack.baseUrl, method, path, {
            token,
            rawBody: body,
            headers: { 'content-type': 'application/json' },
          })
        : await call(method, path, token, body);
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    if (!path.includes('/notify'))
      expect(result.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
