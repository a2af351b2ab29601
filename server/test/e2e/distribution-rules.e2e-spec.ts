import { randomUUID } from 'node:crypto';
import { WithdrawalService } from '../../src/distribution/withdrawal.service';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { OrderLifecycle } from '../../src/order/order-lifecycle.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 分销 rules over HTTP, beyond the scenario in distribution.e2e-spec.ts: applications (manual
 * review, the spend condition, rejection and re-applying, auto-approval), withdrawal review and
 * limits, product and SKU commission rules, tiers, customers and the leaderboard, last touch and
 * new-users-only binding, self-purchase commission, cancelled orders, and a transfer whose
 * notification is lost or duplicated.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;
const users: Record<string, { token: string; id: number }> = {};

const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(stack.baseUrl, method, path, { token, body, headers });
const sandbox = (path: string, body?: unknown) => http(stack.sandboxUrl, 'POST', path, { body });
const db = () => stack.server.app.get(PrismaService).client;
const me = async (name: string) => (await call('GET', '/api/v1/distribution/me', users[name].token)).body;
const as = (name: string) => users[name].token;

const SETTINGS = {
  enabled: true,
  levels: 2,
  l1RateBp: 1000,
  l2RateBp: 500,
  selfPurchaseCommission: false,
  activityGoodsEarn: false,
  application: { autoApprove: true, minSpend: 0 },
  binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
  withdrawal: { minAmount: 100, dailyCap: 1_000_000, reviewRequired: false },
  tiers: [],
};

/** Changes some top-level settings, keeping the rest (and the tiers' ids) as saved. */
async function configure(patch: Record<string, unknown>) {
  const current = (await call('GET', '/api/v1/admin/settings/distribution', admin)).body;
  const saved = await call('PUT', '/api/v1/admin/settings/distribution', admin, { ...current, ...patch });
  expect(saved.status).toBe(200);
  return saved.body;
}

async function login(...names: string[]) {
  for (const name of names) {
    const session = await loginAs(stack.baseUrl, name);
    users[name] = { token: session.token, id: Number(session.user.id) };
  }
}

async function bind(name: string, code: string, source = 'LINK') {
  const bound = await call('POST', '/api/v1/distribution/bind', as(name), { code, source });
  expect(bound.status).toBe(200);
  return bound.body;
}

/** With auto-approval on: opens the parent's share (if any), applies, and is approved at once. */
async function becomeDistributor(name: string, parentCode?: string): Promise<string> {
  if (parentCode) expect((await bind(name, parentCode)).outcome).toBe('BOUND');
  const applied = await call('POST', '/api/v1/distribution/apply', as(name), {});
  expect(applied.status).toBe(200);
  expect(applied.body).toMatchObject({ status: 'APPROVED', code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/) });
  return applied.body.code;
}

async function placeOrder(name: string, items: { skuId: string; quantity: number }[]) {
  const address = await given.addressFor(as(name));
  const created = await given.order(as(name), { items, addressId: address });
  expect(created.status).toBe(201);
  return created.body;
}

async function buyItems(name: string, items: { skuId: string; quantity: number }[]) {
  const created = await placeOrder(name, items);
  await given.pay(as(name), created.id);
  return given.waitForStatus(as(name), created.id, ['TO_SHIP']);
}

/** A paid order of one unit of a fresh SKU at `price`. */
async function buy(name: string, price: number) {
  const sku = await given.skuWithStock(10, price);
  return buyItems(name, [{ skuId: sku.skuId, quantity: 1 }]);
}

async function completeAndCloseWindow(orderId: string) {
  const lifecycle = stack.server.app.get(OrderLifecycle);
  await stack.server.app.get(PrismaService).transaction((tx) => lifecycle.markShipped(tx, Number(orderId), 'ADMIN'));
  await lifecycle.complete(Number(orderId), 'USER', '确认收货');
  const later = new Date(Date.now() + stack.config.orders.aftersaleWindowMs + 60_000).toISOString();
  await sandbox('/sandbox/clock', { now: later });
  try {
    await stack.server.app.get(JobQueue).sweepNow();
  } finally {
    await sandbox('/sandbox/clock', { now: null });
  }
}

const commissionsOf = (orderId: string) =>
  db().commission.findMany({
    where: { orderId: Number(orderId) },
    orderBy: [{ orderLineId: 'asc' }, { level: 'asc' }],
  });
const chainOf = async (orderId: string) =>
  (await commissionsOf(orderId)).map((c) => [c.level, c.beneficiaryId, c.status] as const);

async function waitForWithdrawal(name: string, id: string, statuses: string[]) {
  const until = Date.now() + 15_000;
  let last: any;
  while (Date.now() < until) {
    last = (await call('GET', `/api/v1/distribution/withdrawals/${id}`, as(name))).body;
    if (statuses.includes(last?.status)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`withdrawal ${id} stayed ${last?.status}, expected ${statuses.join('|')}`);
}

const withdraw = (name: string, amount: number) =>
  call('POST', '/api/v1/distribution/withdrawals', as(name), { amount }, { 'idempotency-key': `w-${randomUUID()}` });

async function expectLedgerBalanced() {
  const check = await call('GET', '/api/v1/admin/distribution/ledger-check', admin);
  expect(check.status).toBe(200);
  expect(check.body.mismatches).toEqual([]);
}

beforeAll(async () => {
  stack = await startStack({ label: 'distribution_rules', seed: true });
  given = shop(stack);
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  const saved = await call('PUT', '/api/v1/admin/settings/distribution', admin, SETTINGS);
  expect(saved.status).toBe(200);
}, 120_000);

afterAll(async () => {
  if (!stack) return;
  await sandbox('/sandbox/clock', { now: null });
  await stack.close();
});

describe('applying to become a distributor', () => {
  beforeAll(() => login('ap-spender', 'ap-auto'));

  it('with a spend condition: refused with the amounts before spending, accepted for review after a paid order', async () => {
    await configure({ application: { autoApprove: false, minSpend: 5000 } });
    const early = await call('POST', '/api/v1/distribution/apply', as('ap-spender'), {});
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'DISTRIBUTOR_CONDITION_NOT_MET',
      details: { minSpend: 5000, spent: 0 },
    });
    expect((await me('ap-spender')).application).toEqual({ open: false, autoApprove: false, minSpend: 5000, spent: 0 });
    expect((await me('ap-spender')).status).toBe('NONE');

    const order = await buy('ap-spender', 6000);
    expect((await me('ap-spender')).application).toEqual({
      open: true,
      autoApprove: false,
      minSpend: 5000,
      spent: order.payable,
    });
    const applied = await call('POST', '/api/v1/distribution/apply', as('ap-spender'), {});
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'PENDING', code: null });
    const pending = await call('GET', '/api/v1/admin/distributors?status=PENDING', admin);
    expect(pending.body.items.map((d: any) => d.userId)).toContain(String(users['ap-spender'].id));
    const again = await call('POST', '/api/v1/distribution/apply', as('ap-spender'), {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DISTRIBUTOR_ALREADY_APPLIED');
  });

  it('a rejected application shows its reason; the applicant may apply again and be approved', async () => {
    const id = users['ap-spender'].id;
    const rejected = await call('POST', `/api/v1/admin/distributors/${id}/reject`, admin, { reason: '资料不全' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', rejectReason: '资料不全', code: null });
    const seen = await me('ap-spender');
    expect(seen).toMatchObject({ status: 'REJECTED', rejectReason: '资料不全' });
    expect(seen.application.open).toBe(true);
    const twice = await call('POST', `/api/v1/admin/distributors/${id}/reject`, admin, { reason: '资料不全' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('DISTRIBUTOR_STATE_CONFLICT');

    const reapplied = await call('POST', '/api/v1/distribution/apply', as('ap-spender'), {});
    expect(reapplied.status).toBe(200);
    expect(reapplied.body).toMatchObject({ status: 'PENDING', rejectReason: null });
    const approved = await call('POST', `/api/v1/admin/distributors/${id}/approve`, admin, {});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/) });
    const late = await call('POST', `/api/v1/admin/distributors/${id}/reject`, admin, { reason: '迟到的拒绝' });
    expect(late.status).toBe(409);
    expect((await me('ap-spender')).status).toBe('APPROVED');
  });

  it('with auto-approval and no condition: approved on applying, with a code', async () => {
    await configure({ application: { autoApprove: true, minSpend: 0 } });
    expect((await me('ap-auto')).application).toMatchObject({ open: true, autoApprove: true, minSpend: 0 });
    const applied = await call('POST', '/api/v1/distribution/apply', as('ap-auto'), {});
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'APPROVED', code: expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/) });
    expect(applied.body.application.open).toBe(false);
  });
});

/** The network most of what follows uses: A → B → C, customers of B. */
const net: Record<string, string> = {};

describe('commission rules of products and SKUs', () => {
  let product: { id: number; skus: { id: number }[] };
  let capped: { id: number; skus: { id: number }[] };
  let order: any;

  beforeAll(async () => {
    await login('net-a', 'net-b', 'net-c', 'rc-buyer');
    net.a = await becomeDistributor('net-a');
    net.b = await becomeDistributor('net-b', net.a);
    net.c = await becomeDistributor('net-c', net.b);
    const nicknames: [string, string][] = [
      ['net-a', 'A 总代'],
      ['net-b', 'B 团长'],
      ['net-c', 'C 小店'],
    ];
    for (const [name, nickname] of nicknames)
      await db().user.update({ where: { id: users[name].id }, data: { nickname } });
    // From the end of the catalog: shop().skuWithStock hands out SKUs from the start.
    const candidates = await db().product.findMany({
      where: { onShelf: true, purchaseLimit: null },
      include: { skus: { orderBy: { id: 'asc' } } },
      orderBy: { id: 'desc' },
      take: 10,
    });
    const withTwo = candidates.filter((p) => p.skus.length >= 2);
    [product, capped] = [withTwo[0], withTwo[1]];
    const prices: [number, number][] = [
      [product.skus[0].id, 5000],
      [product.skus[1].id, 8000],
      [capped.skus[0].id, 300],
    ];
    for (const [id, price] of prices) await db().sku.update({ where: { id }, data: { stock: 20, price } });
  });

  it('PUT /admin/distribution/commission-rules saves a product rule and a SKU rule', async () => {
    const rules = [
      // Fixed per unit and a percentage: fixed wins.
      { productId: String(product.id), percent: { l1Bp: 2000, l2Bp: 1000 }, fixed: { l1: 300, l2: 100 } },
      // One SKU of the same product: its own rule wins over the product's.
      { productId: String(product.id), skuId: String(product.skus[1].id), percent: { l1Bp: 1500, l2Bp: 500 } },
      // ¥50 per unit on a ¥3 SKU: capped at what the buyer paid, L2 cut first.
      { productId: String(capped.id), fixed: { l1: 5000, l2: 1000 } },
    ];
    let last: any;
    for (const rule of rules) {
      last = await call('PUT', '/api/v1/admin/distribution/commission-rules', admin, rule);
      expect(last.status).toBe(200);
    }
    const listed = (await call('GET', '/api/v1/admin/distribution/commission-rules', admin)).body;
    expect(listed).toEqual(last.body);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          productId: String(product.id),
          skuId: null,
          percent: { l1Bp: 2000, l2Bp: 1000 },
          fixed: { l1: 300, l2: 100 },
        }),
        expect.objectContaining({
          productId: String(product.id),
          skuId: String(product.skus[1].id),
          percent: { l1Bp: 1500, l2Bp: 500 },
          fixed: null,
        }),
        expect.objectContaining({ productId: String(capped.id), skuId: null, fixed: { l1: 5000, l2: 1000 } }),
      ]),
    );
    const foreignSku = await call('PUT', '/api/v1/admin/distribution/commission-rules', admin, {
      productId: String(product.id),
      skuId: String(capped.skus[0].id),
      fixed: { l1: 1, l2: 1 },
    });
    expect(foreignSku.status).toBe(422);
    expect(foreignSku.body.error.code).toBe('COMMISSION_RULE_INVALID');
  });

  it('an order through B: fixed per unit beats percent, the SKU rule beats the product rule, fixed is capped', async () => {
    expect((await bind('rc-buyer', net.b)).outcome).toBe('BOUND');
    order = await buyItems('rc-buyer', [
      { skuId: String(product.skus[0].id), quantity: 2 },
      { skuId: String(product.skus[1].id), quantity: 1 },
      { skuId: String(capped.skus[0].id), quantity: 1 },
    ]);
    const line = (skuId: number) => order.lines.find((l: any) => l.skuId === String(skuId));
    const [fixedLine, skuLine, cappedLine] = [
      line(product.skus[0].id),
      line(product.skus[1].id),
      line(capped.skus[0].id),
    ];
    const rows = await commissionsOf(order.id);
    const of = (l: any) =>
      rows.filter((c) => c.orderLineId === Number(l.id)).map((c) => [c.level, c.beneficiaryId, c.amount, c.rule]);
    expect(of(fixedLine)).toEqual([
      [1, users['net-b'].id, 600, '商品固定 ¥3.00/件'],
      [2, users['net-a'].id, 200, '商品固定 ¥1.00/件'],
    ]);
    expect(of(skuLine)).toEqual([
      [1, users['net-b'].id, Math.floor(skuLine.paidAmount * 0.15), '商品佣金 15%'],
      [2, users['net-a'].id, Math.floor(skuLine.paidAmount * 0.05), '商品佣金 5%'],
    ]);
    expect(cappedLine.paidAmount).toBeLessThan(5000);
    expect(of(cappedLine)).toEqual([[1, users['net-b'].id, cappedLine.paidAmount, '商品固定 ¥50.00/件']]);
    for (const c of rows) expect(c.amount).toBeLessThanOrEqual(c.base);

    const listed = await call('GET', '/api/v1/distribution/commissions', as('net-b'));
    expect(listed.body.items.filter((c: any) => c.orderNo === order.orderNo)).toHaveLength(3);
    expect((await me('net-b')).balances.pending).toBe(
      600 + Math.floor(skuLine.paidAmount * 0.15) + cappedLine.paidAmount,
    );
    await expectLedgerBalanced();
  });
});

describe('customers, leaderboard, binding modes, self-purchase, cancelled orders', () => {
  beforeAll(() => login('cx-cust', 'lt-cust', 'nu-old', 'nu-new', 'lb-cust'));

  it('the customers list shows each bound customer, masked, with orders and spend through the distributor', async () => {
    await db().user.update({ where: { id: users['rc-buyer'].id }, data: { nickname: '张小明' } });
    const order = await db().order.findFirstOrThrow({ where: { userId: users['rc-buyer'].id } });
    const list = await call('GET', '/api/v1/distribution/customers', as('net-b'));
    expect(list.status).toBe(200);
    // Newest binding first: rc-buyer, then C (B's customer before becoming a distributor under B).
    expect(list.body.total).toBe(2);
    expect(list.body.items).toEqual([
      {
        nickname: '张**',
        avatarUrl: expect.any(String),
        source: 'LINK',
        boundAt: expect.any(String),
        until: expect.any(String),
        orders: 1,
        spent: order.payable,
      },
      expect.objectContaining({ nickname: 'C**', orders: 0, spent: 0 }),
    ]);
    const until = new Date(list.body.items[0].until).getTime() - new Date(list.body.items[0].boundAt).getTime();
    expect(until).toBe(365 * 86_400_000);
    expect((await me('net-b')).customers).toBe(2);
    const paged = await call('GET', '/api/v1/distribution/customers?page=2&pageSize=1', as('net-b'));
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ nickname: 'C**' }] });
  });

  it('the leaderboard ranks L1 sales of the period and marks the caller', async () => {
    // A second distributor with bigger sales: lb-cust buys ¥500 through C.
    expect((await bind('lb-cust', net.c)).outcome).toBe('BOUND');
    const big = await buy('lb-cust', 50_000);
    const rcOrder = await db().order.findFirstOrThrow({
      where: { userId: users['rc-buyer'].id },
      include: { lines: true },
    });
    const bSales = rcOrder.lines.reduce((s, l) => s + l.paidAmount, 0);
    const board = await call('GET', '/api/v1/distribution/leaderboard?period=month', as('net-b'));
    expect(board.status).toBe(200);
    expect(board.body.period).toBe('month');
    const items = board.body.items;
    expect(items.map((i: any) => i.rank)).toEqual(items.map((_: unknown, i: number) => i + 1));
    for (let i = 1; i < items.length; i += 1) expect(items[i - 1].sales).toBeGreaterThanOrEqual(items[i].sales);
    const c = items.find((i: any) => i.nickname === 'C 小店');
    const b = items.find((i: any) => i.nickname === 'B 团长');
    expect(c).toMatchObject({ sales: big.lines[0].paidAmount, isMe: false });
    expect(b).toMatchObject({ sales: bSales, isMe: true });
    expect(items.indexOf(c)).toBeLessThan(items.indexOf(b));
    expect(items.filter((i: any) => i.isMe)).toHaveLength(1);
    // A has only earned as L2 so far: not on the board.
    expect(items.some((i: any) => i.nickname === 'A 总代')).toBe(false);
    const a = (await call('GET', '/api/v1/distribution/leaderboard?period=all', as('net-a'))).body.items;
    expect(a.some((i: any) => i.isMe)).toBe(false);
  });

  it('last touch: opening another distributor’s share re-binds, and the next order follows it', async () => {
    await configure({ binding: { mode: 'LAST_TOUCH', protectionDays: 365, newUsersOnly: false } });
    expect(await bind('lt-cust', net.a)).toMatchObject({ bound: true, outcome: 'BOUND', distributorCode: net.a });
    expect(await bind('lt-cust', net.c)).toMatchObject({ bound: true, outcome: 'REBOUND', distributorCode: net.c });
    expect(await bind('lt-cust', net.c)).toMatchObject({ bound: false, outcome: 'ALREADY_BOUND' });
    expect((await me('lt-cust')).boundTo).toMatchObject({ code: net.c });
    const log = await db().bindingLog.findMany({ where: { customerId: users['lt-cust'].id }, orderBy: { id: 'asc' } });
    expect(log.map((l) => [l.distributorId, l.previousId])).toEqual([
      [users['net-a'].id, null],
      [users['net-c'].id, users['net-a'].id],
    ]);
    const order = await buy('lt-cust', 10_000);
    expect(await chainOf(order.id)).toEqual([
      [1, users['net-c'].id, 'PENDING'],
      [2, users['net-b'].id, 'PENDING'],
    ]);
  });

  it('new users only: someone who has already paid an order is not bound; a brand-new user is', async () => {
    await configure({ binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: true } });
    await buy('nu-old', 3000);
    expect(await bind('nu-old', net.a)).toEqual({
      bound: false,
      outcome: 'NOT_NEW_CUSTOMER',
      distributorCode: null,
      until: null,
    });
    expect((await me('nu-old')).boundTo).toBeNull();
    expect(await bind('nu-new', net.a)).toMatchObject({ bound: true, outcome: 'BOUND', distributorCode: net.a });
    await configure({ binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false } });
  });

  it('self-purchase commission on: C buying earns C L1 and B L2; off: B L1 and A L2', async () => {
    await configure({ selfPurchaseCommission: true });
    const on = await buy('net-c', 10_000);
    expect(await chainOf(on.id)).toEqual([
      [1, users['net-c'].id, 'PENDING'],
      [2, users['net-b'].id, 'PENDING'],
    ]);
    await configure({ selfPurchaseCommission: false });
    const off = await buy('net-c', 10_000);
    expect(await chainOf(off.id)).toEqual([
      [1, users['net-b'].id, 'PENDING'],
      [2, users['net-a'].id, 'PENDING'],
    ]);
    const paid = off.lines[0].paidAmount;
    expect((await commissionsOf(off.id)).map((c) => c.amount)).toEqual([
      Math.floor(paid * 0.1),
      Math.floor(paid * 0.05),
    ]);
    // A root distributor buying with self-purchase off: nobody earns.
    const root = await buy('net-a', 10_000);
    expect(await commissionsOf(root.id)).toEqual([]);
  });

  it('a cancelled unpaid order: its estimated commission is cancelled and never reaches the ledger', async () => {
    expect((await bind('cx-cust', net.b)).outcome).toBe('BOUND');
    const before = (await me('net-b')).balances;
    const sku = await given.skuWithStock(5, 12_000);
    const order = await placeOrder('cx-cust', [{ skuId: sku.skuId, quantity: 1 }]);
    expect(await chainOf(order.id)).toEqual([
      [1, users['net-b'].id, 'ESTIMATED'],
      [2, users['net-a'].id, 'ESTIMATED'],
    ]);
    expect((await me('net-b')).balances).toEqual(before);

    const cancelled = await call('POST', `/api/v1/orders/${order.id}/cancel`, as('cx-cust'), { reason: '不想要了' });
    expect(cancelled.status).toBe(200);
    expect(await chainOf(order.id)).toEqual([
      [1, users['net-b'].id, 'CANCELLED'],
      [2, users['net-a'].id, 'CANCELLED'],
    ]);
    const ids = (await commissionsOf(order.id)).map((c) => c.id);
    expect(await db().ledgerEntry.count({ where: { commissionId: { in: ids } } })).toBe(0);
    expect((await me('net-b')).balances).toEqual(before);
    const visible = await call('GET', '/api/v1/distribution/commissions?pageSize=100', as('net-b'));
    expect(visible.body.items.some((c: any) => c.orderNo === order.orderNo)).toBe(false);
    const asked = await call('GET', '/api/v1/distribution/commissions?status=CANCELLED', as('net-b'));
    expect(asked.body.items.map((c: any) => [c.orderNo, c.status])).toEqual([[order.orderNo, 'CANCELLED']]);
    await expectLedgerBalanced();
  });
});

describe('withdrawals: review, limits, a lost and a duplicated notification', () => {
  let balance: number;
  let approved: any;

  beforeAll(async () => {
    await login('wd', 'wd-cust');
    const code = await becomeDistributor('wd');
    expect((await bind('wd-cust', code)).outcome).toBe('BOUND');
    const order = await buy('wd-cust', 30_000);
    await completeAndCloseWindow(order.id);
    balance = (await me('wd')).balances.withdrawable;
    expect(balance).toBe(Math.floor(order.lines[0].paidAmount * 0.1));
    await configure({ withdrawal: { minAmount: 150, dailyCap: 1000, reviewRequired: true } });
  });

  it('refuses below the minimum, from 2,000 yuan (real name), and beyond the balance', async () => {
    const small = await withdraw('wd', 149);
    expect(small.status).toBe(422);
    expect(small.body.error).toMatchObject({ code: 'WITHDRAWAL_BELOW_MINIMUM', details: { minAmount: 150 } });
    const named = await withdraw('wd', 200_000);
    expect(named.status).toBe(422);
    expect(named.body.error).toMatchObject({ code: 'WITHDRAWAL_REAL_NAME_REQUIRED', details: { limit: 200_000 } });
    const tooMuch = await withdraw('wd', 199_999);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({
      code: 'BALANCE_INSUFFICIENT',
      details: { amount: 199_999, withdrawable: balance },
    });
    expect((await me('wd')).balances).toMatchObject({ balance, inFlight: 0 });
    expect(await db().withdrawal.count({ where: { distributorId: users['wd'].id } })).toBe(0);
  });

  it('with review: REQUESTED and no transfer; the daily cap counts it; the merchant rejects → money back', async () => {
    const first = await withdraw('wd', 600);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'REQUESTED', amount: 600, confirm: null });
    expect((await me('wd')).balances).toMatchObject({ balance: balance - 600, inFlight: 600 });
    const queue = await call('GET', '/api/v1/admin/withdrawals?status=REQUESTED', admin);
    expect(queue.body.items.find((w: any) => w.id === first.body.id)).toMatchObject({
      amount: 600,
      distributor: { userId: String(users['wd'].id) },
    });
    const capped = await withdraw('wd', 500);
    expect(capped.status).toBe(409);
    expect(capped.body.error).toMatchObject({
      code: 'WITHDRAWAL_DAILY_CAP',
      details: { dailyCap: 1000, usedToday: 600 },
    });
    // Nothing goes to WeChat before the review.
    await new Promise((r) => setTimeout(r, 500));
    expect((await call('GET', `/api/v1/distribution/withdrawals/${first.body.id}`, as('wd'))).body.status).toBe(
      'REQUESTED',
    );
    const transfers = (await http(stack.sandboxUrl, 'GET', '/sandbox/transfers')).body.items;
    expect(transfers.some((b: any) => b.out_bill_no === first.body.outBillNo)).toBe(false);

    const rejected = await call('POST', `/api/v1/admin/withdrawals/${first.body.id}/reject`, admin, {
      reason: '收款账户异常',
    });
    expect(rejected.status).toBe(200);
    const seen = (await call('GET', `/api/v1/distribution/withdrawals/${first.body.id}`, as('wd'))).body;
    expect(seen).toMatchObject({ status: 'REJECTED', failReason: '收款账户异常' });
    expect((await me('wd')).balances).toMatchObject({ balance, inFlight: 0, withdrawn: 0 });
    const again = await call('POST', `/api/v1/admin/withdrawals/${first.body.id}/reject`, admin, { reason: '再拒' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('WITHDRAWAL_STATE_CONFLICT');
    const late = await call('POST', `/api/v1/admin/withdrawals/${first.body.id}/approve`, admin, {});
    expect(late.status).toBe(409);
    await expectLedgerBalanced();
  });

  it('the merchant approves: the transfer starts and waits for the user', async () => {
    const second = await withdraw('wd', 600); // a rejected withdrawal no longer counts against the cap
    expect(second.status).toBe(201);
    const ok = await call('POST', `/api/v1/admin/withdrawals/${second.body.id}/approve`, admin, {});
    expect(ok.status).toBe(200);
    approved = await waitForWithdrawal('wd', second.body.id, ['WAITING_USER_CONFIRM']);
    expect(approved.confirm).toMatchObject({ package: expect.any(String), openId: expect.any(String) });
    const twice = await call('POST', `/api/v1/admin/withdrawals/${second.body.id}/approve`, admin, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('WITHDRAWAL_STATE_CONFLICT');
  });

  it('the notification is lost: the sweeper asks WeChat after five minutes and the withdrawal is PAID', async () => {
    const confirmed = await sandbox(`/sandbox/transfers/${approved.outBillNo}/confirm`, {
      package: approved.confirm.package,
      openid: approved.confirm.openId,
      hold: true,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.state).toBe('SUCCESS');
    await new Promise((r) => setTimeout(r, 500));
    expect((await call('GET', `/api/v1/distribution/withdrawals/${approved.id}`, as('wd'))).body.status).toBe(
      'WAITING_USER_CONFIRM',
    );
    const withdrawals = stack.server.app.get(WithdrawalService);
    await withdrawals.reconcile(); // too early: bills are asked about after five minutes
    expect((await db().withdrawal.findUniqueOrThrow({ where: { id: Number(approved.id) } })).status).toBe(
      'WAITING_USER_CONFIRM',
    );
    await sandbox('/sandbox/clock', { now: new Date(Date.now() + 6 * 60_000).toISOString() });
    try {
      await withdrawals.reconcile();
    } finally {
      await sandbox('/sandbox/clock', { now: null });
    }
    const paid = (await call('GET', `/api/v1/distribution/withdrawals/${approved.id}`, as('wd'))).body;
    expect(paid).toMatchObject({ status: 'PAID', paidAt: expect.any(String) });
    expect((await me('wd')).balances).toMatchObject({ balance: balance - 600, inFlight: 0, withdrawn: 600 });

    // The held notification arrives after all: nothing changes.
    const released = await sandbox('/sandbox/notifications/release', { out_bill_no: approved.outBillNo });
    expect(released.body.released).toBe(1);
    await waitForDeliveries(approved.outBillNo, 1);
    expect(
      await db().ledgerEntry.count({ where: { withdrawalId: Number(approved.id), type: 'WITHDRAWAL_PAID' } }),
    ).toBe(1);
    expect((await me('wd')).balances).toMatchObject({ balance: balance - 600, withdrawn: 600 });
    await expectLedgerBalanced();
  });

  it('the notification arrives three times at once: paid once, one ledger entry', async () => {
    const third = await withdraw('wd', 400); // 600 paid + 400 = the daily cap exactly
    expect(third.status).toBe(201);
    expect((await call('POST', `/api/v1/admin/withdrawals/${third.body.id}/approve`, admin, {})).status).toBe(200);
    const waiting = await waitForWithdrawal('wd', third.body.id, ['WAITING_USER_CONFIRM']);
    const confirmed = await sandbox(`/sandbox/transfers/${waiting.outBillNo}/confirm`, {
      package: waiting.confirm.package,
      openid: waiting.confirm.openId,
      duplicates: 3,
    });
    expect(confirmed.status).toBe(200);
    await waitForWithdrawal('wd', third.body.id, ['PAID']);
    const deliveries = await waitForDeliveries(waiting.outBillNo, 3);
    expect(
      deliveries
        .filter((d: any) => d.attempt === 1)
        .map((d: any) => d.copy)
        .sort(),
    ).toEqual([1, 2, 3]);
    expect(
      await db().ledgerEntry.count({ where: { withdrawalId: Number(third.body.id), type: 'WITHDRAWAL_PAID' } }),
    ).toBe(1);
    expect((await me('wd')).balances).toMatchObject({ balance: balance - 1000, inFlight: 0, withdrawn: 1000 });
    const capped = await withdraw('wd', 150);
    expect(capped.body.error).toMatchObject({ code: 'WITHDRAWAL_DAILY_CAP', details: { usedToday: 1000 } });
    await expectLedgerBalanced();
  });
});

/** Waits until the sandbox has finished delivering `count` notifications of a bill. */
async function waitForDeliveries(outBillNo: string, count: number) {
  const until = Date.now() + 15_000;
  let items: any[] = [];
  while (Date.now() < until) {
    items = (await http(stack.sandboxUrl, 'GET', `/sandbox/deliveries?out_bill_no=${outBillNo}`)).body.items;
    if (items.length >= count) return items;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${items.length} deliveries for ${outBillNo}, expected ${count}`);
}

describe('tiers: an override rate, and an upgrade by own settled sales', () => {
  beforeAll(() => login('tier-d', 'tier-sub', 'tier-c1', 'tier-c2'));
  afterAll(() => configure({ tiers: [] }));

  it('a distributor reaches 银牌 by own sales; new orders earn the tier’s rates, old ones keep theirs', async () => {
    await configure({ tiers: [{ name: '银牌', minSales: 15_000, l1RateBp: 2000, l2RateBp: 1200 }] });
    const code = await becomeDistributor('tier-d');
    const subCode = await becomeDistributor('tier-sub', code);
    expect((await bind('tier-c1', code)).outcome).toBe('BOUND');
    expect((await bind('tier-c2', subCode)).outcome).toBe('BOUND');

    const first = await buy('tier-c1', 20_000);
    const firstPaid = first.lines[0].paidAmount;
    expect((await commissionsOf(first.id)).map((c) => [c.level, c.amount, c.rule])).toEqual([
      [1, Math.floor(firstPaid * 0.1), '店铺默认 10%'],
    ]);
    expect((await me('tier-d')).tier).toBeNull();
    await completeAndCloseWindow(first.id);
    const team = await call('GET', '/api/v1/distribution/team', as('tier-d'));
    expect(team.body).toMatchObject({ ownSales: firstPaid, directCount: 1 });
    expect((await me('tier-d')).tier).toMatchObject({ name: '银牌' });
    const listed = await call('GET', '/api/v1/admin/distributors?status=APPROVED&pageSize=100', admin);
    expect(listed.body.items.find((d: any) => d.userId === String(users['tier-d'].id)).tier).toBe('银牌');

    const second = await buy('tier-c1', 20_000);
    const secondPaid = second.lines[0].paidAmount;
    expect((await commissionsOf(second.id)).map((c) => [c.level, c.amount, c.rule])).toEqual([
      [1, Math.floor(secondPaid * 0.2), '等级佣金 20%'],
    ]);
    expect((await commissionsOf(first.id))[0].amount).toBe(Math.floor(firstPaid * 0.1));

    // As L2 the tier's L2 rate applies; the sub-distributor (no tier) earns the shop's L1 rate.
    const viaSub = await buy('tier-c2', 10_000);
    const subPaid = viaSub.lines[0].paidAmount;
    expect((await commissionsOf(viaSub.id)).map((c) => [c.level, c.beneficiaryId, c.amount, c.rule])).toEqual([
      [1, users['tier-sub'].id, Math.floor(subPaid * 0.1), '店铺默认 10%'],
      [2, users['tier-d'].id, Math.floor(subPaid * 0.12), '等级佣金 12%'],
    ]);
    expect((await me('tier-sub')).tier).toBeNull();
    await expectLedgerBalanced();
  });
});
