import { type Page } from 'playwright-core';
import {
  BindResult,
  CommissionPage,
  DistributionSettings,
  DistributorMe,
  formatFen,
  OrderView,
  WithdrawalPage,
  type CommissionView,
} from '@weshop/shared';
import { JobQueue } from '../../server/src/infra/queue/job-queue';
import { http, loginAs } from '../../server/test/support/http';
import { shop } from '../../server/test/support/shop';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * 分销 through the h5 build in headless Chromium against the real server and WeChat sandbox.
 * Arranged over HTTP: the shop auto-approves applications, a reseller applies, a friend binds to
 * the reseller's code, buys and pays through the sandbox; the order completes and the clock moves
 * past the after-sales window so the commission settles. Then the reseller opens 分销中心, sees the
 * commission, withdraws it, confirms receipt on the sandbox sheet and sees it PAID. Also: a shared
 * link with `ref` binds a newcomer on launch, the product page offers 分享赚 and draws the poster,
 * and the manager's settings page shows the server's compliance refusal next to its field.
 * Screenshots: artifacts/screenshots/distribution-*.png.
 */
jest.setTimeout(240_000);

const RESELLER = 'reseller_e2e';
const FRIEND = 'friend_e2e';
const NEWCOMER = 'newcomer_e2e';

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

let h5: H5Shop;
const shoot = (step: string) => h5.shoot(step);
const stationed = () => h5.stationed();
const browserToken = () => h5.browserToken();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson<T>(path: string, schema: { parse(data: unknown): T }, token: string): Promise<T> {
  const res = await http(stack.baseUrl, 'GET', `/api/v1${path}`, { token });
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_distribution', 'distribution', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => {
  if (stack) await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } }).catch(() => undefined);
  await h5?.close();
});

describe('a reseller earns, sees and withdraws commission through the h5 mini-program', () => {
  let reseller: { token: string };
  let code: string;
  let productId: string;
  let order: OrderView;
  let commission: CommissionView;

  it('arranged over HTTP: auto-approval, a distributor, a bound friend who buys; the commission settles', async () => {
    const admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const current = await getJson('/admin/settings/distribution', DistributionSettings, admin);
    const settings: DistributionSettings = {
      ...current,
      enabled: true,
      l1RateBp: 1_000,
      application: { autoApprove: true, minSpend: 0 },
      withdrawal: { ...current.withdrawal, minAmount: 100, reviewRequired: false },
    };
    const saved = await http(stack.baseUrl, 'PUT', '/api/v1/admin/settings/distribution', {
      token: admin,
      body: settings,
    });
    expect(saved.status).toBe(200);

    reseller = await loginAs(stack.baseUrl, RESELLER);
    const applied = await http(stack.baseUrl, 'POST', '/api/v1/distribution/apply', {
      token: reseller.token,
      body: {},
    });
    expect(applied.status).toBeLessThan(300);
    const me = DistributorMe.parse(applied.body);
    expect(me.status).toBe('APPROVED');
    code = me.code ?? '';
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);

    const friend = (await loginAs(stack.baseUrl, FRIEND)).token;
    const bound = await http(stack.baseUrl, 'POST', '/api/v1/distribution/bind', {
      token: friend,
      body: { code, source: 'MANUAL' },
    });
    expect(bound.status).toBe(200);
    expect(BindResult.parse(bound.body)).toMatchObject({ bound: true, distributorCode: code });

    // The friend buys one unit at ¥200.00 and pays through the sandbox.
    const given = shop(stack);
    const sku = await given.skuWithStock(5, 20_000);
    productId = sku.productId;
    const addressId = await given.addressFor(friend);
    const created = await given.order(friend, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId });
    expect(created.status).toBe(201);
    await given.pay(friend, created.body.id);
    await given.waitForStatus(friend, created.body.id, ['TO_SHIP']);

    // Paid: the reseller's L1 commission is PENDING (待结算), 10% of what the line paid.
    const pending = await getJson('/distribution/commissions', CommissionPage, reseller.token);
    expect(pending.items.map((c) => [c.status, c.level])).toEqual([['PENDING', 1]]);

    // Shipped and received, then the after-sales window closes: the commission settles.
    const shipped = await http(stack.baseUrl, 'POST', `/api/v1/admin/orders/${created.body.id}/ship`, {
      token: admin,
      body: { carrier: 'SF', trackingNo: 'SF2026112401' },
    });
    expect(shipped.status).toBe(200);
    const received = await http(stack.baseUrl, 'POST', `/api/v1/orders/${created.body.id}/confirm-receipt`, {
      token: friend,
      body: {},
    });
    expect(received.status).toBe(200);
    order = OrderView.parse(received.body);
    expect(order.status).toBe('COMPLETED');
    expect(pending.items[0]).toMatchObject({
      orderNo: order.orderNo,
      base: order.lines[0].paidAmount,
      amount: Math.floor((order.lines[0].paidAmount * 1_000) / 10_000),
    });

    const row = await given.db().order.findUniqueOrThrow({ where: { id: Number(order.id) } });
    expect(row.aftersaleDeadline).not.toBeNull();
    const after = new Date(row.aftersaleDeadline!.getTime() + 60_000).toISOString();
    expect((await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: after } })).status).toBe(200);
    try {
      const until = Date.now() + 30_000;
      for (;;) {
        await stack.server.app.get(JobQueue).sweepNow();
        // A fresh session in the moved time (the browser's comes later, back in real time).
        const late = (await loginAs(stack.baseUrl, RESELLER)).token;
        const settled = await getJson('/distribution/commissions?status=SETTLED', CommissionPage, late);
        if (settled.items.length === 1) {
          commission = settled.items[0];
          break;
        }
        if (Date.now() > until) throw new Error('the commission did not settle after the after-sales window');
        await sleep(500);
      }
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
    }
    expect(commission).toMatchObject({ orderNo: order.orderNo, status: 'SETTLED', reversedAmount: 0 });
    expect(commission.net).toBe(commission.amount);

    const balances = (await getJson('/distribution/me', DistributorMe, reseller.token)).balances;
    expect(balances).toMatchObject({ pending: 0, withdrawable: commission.amount, withdrawn: 0, inFlight: 0 });
  });

  it('分销中心 shows the code and the settled commission as withdrawable; 佣金明细 lists it', async () => {
    await page.goto(`${stack.baseUrl}/#/subpackages/distribution/center/index?as=${RESELLER}`);
    await page.locator('.taro_page_stationed .dist-center[data-status="APPROVED"]').waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.dist-code').textContent()).resolves.toBe(`推荐码 ${code}`);
    await expect(stationed().locator('.dist-balance--withdrawable .dist-balance__value').textContent()).resolves.toBe(
      formatFen(commission.amount),
    );
    await expect(stationed().locator('.dist-balance--pending .dist-balance__value').textContent()).resolves.toBe(
      formatFen(0),
    );
    await expect(stationed().locator('.dist-negative').count()).resolves.toBe(0);
    await shoot('1-center');

    await stationed().locator('.dist-entry[data-page="commissions"]').click();
    const card = page.locator(`.taro_page_stationed .commission[data-id="${commission.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.getAttribute('data-status')).resolves.toBe('SETTLED');
    await expect(card.locator('.commission__order').textContent()).resolves.toBe(`订单 ${order.orderNo}`);
    await expect(card.locator('.commission__level').textContent()).resolves.toBe('一级');
    await expect(card.locator('.commission__amount').textContent()).resolves.toBe(formatFen(commission.amount));
    await expect(card.locator('.commission__status').textContent()).resolves.toBe('已结算');
    await shoot('2-commissions');

    // The 待结算 tab is empty now; the 已结算 tab has it.
    await stationed().locator('.dist-tab[data-tab="PENDING"]').click();
    await page.locator('.taro_page_stationed .empty').waitFor({ timeout: 15_000 });
    await stationed().locator('.dist-tab[data-tab="SETTLED"]').click();
    await card.waitFor({ timeout: 15_000 });
  });

  it('提现: the amount is checked in the page, then the sandbox 确认收款 sheet, then 已到账', async () => {
    await page.goBack();
    await page.locator('.taro_page_stationed .dist-balance__withdraw').waitFor({ timeout: 15_000 });
    await stationed().locator('.dist-balance__withdraw').click();
    const amount = stationed().locator('.withdraw-form__amount input');
    await amount.waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.withdraw-form__hint').textContent()).resolves.toContain(
      `可提现 ${formatFen(commission.amount)}`,
    );

    // More than the balance is refused in the page: nothing reaches the server.
    await amount.fill(formatFen(commission.amount + 1, { symbol: false }));
    await expect(stationed().locator('.withdraw-form__error').textContent()).resolves.toBe(
      `最多可提现 ${formatFen(commission.amount)}`,
    );
    await amount.fill(formatFen(commission.amount, { symbol: false }));
    await expect(stationed().locator('.withdraw-form__error').count()).resolves.toBe(0);
    await shoot('3-withdraw');

    await stationed().locator('.withdraw-form__submit').click();
    // The server pays by 商家转账: the transfer waits for the user, the page shows the 确认收款 sheet.
    await page.locator('.taro_page_stationed .sandbox-transfer__confirm').waitFor({ timeout: 45_000 });
    await expect(stationed().locator('.sandbox-transfer__amount').textContent()).resolves.toBe(
      formatFen(commission.amount),
    );
    const waiting = await getJson('/distribution/withdrawals', WithdrawalPage, reseller.token);
    expect(waiting.items.map((w) => [w.status, w.amount])).toEqual([['WAITING_USER_CONFIRM', commission.amount]]);
    expect(waiting.items[0].confirm).not.toBeNull();
    await shoot('4-confirm-sheet');

    await stationed().locator('.sandbox-transfer__confirm').click();
    await page.locator('.taro_page_stationed .withdraw-progress[data-status="PAID"]').waitFor({ timeout: 45_000 });
    await expect(stationed().locator('.withdraw-progress__text').textContent()).resolves.toBe(
      '提现成功，已到账微信零钱',
    );
    const row = page.locator(`.taro_page_stationed .withdrawal[data-id="${waiting.items[0].id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await page.locator(`.taro_page_stationed .withdrawal[data-status="PAID"]`).waitFor({ timeout: 15_000 });
    await expect(row.locator('.withdrawal__status').textContent()).resolves.toBe('已到账');
    await expect(row.locator('.withdrawal__amount').textContent()).resolves.toBe(formatFen(commission.amount));
    await shoot('5-paid');

    // The server agrees: paid once, the balance moved from withdrawable to withdrawn.
    const paid = await getJson('/distribution/withdrawals', WithdrawalPage, reseller.token);
    expect(paid.items.map((w) => [w.status, w.amount, w.paidAt !== null])).toEqual([['PAID', commission.amount, true]]);
    const balances = (await getJson('/distribution/me', DistributorMe, reseller.token)).balances;
    expect(balances).toMatchObject({ withdrawable: 0, inFlight: 0, withdrawn: commission.amount, balance: 0 });
  });

  it('the product page offers 分享赚 to the reseller and draws the poster with the code', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/product/index?id=${productId}`);
    await page.locator('.taro_page_stationed .share-earn__poster').waitFor({ timeout: 30_000 });
    await shoot('6-product-share');
    await stationed().locator('.share-earn__poster').click();
    await page.locator('.taro_page_stationed .poster__code').waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.poster__code').textContent()).resolves.toBe(`推荐码 ${code}`);
    const image = stationed().locator('.poster__image img');
    await image.waitFor({ timeout: 30_000 });
    await expect(image.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await page.waitForFunction(
      () => {
        const img = document.querySelector('.taro_page_stationed .poster__image img') as HTMLImageElement | null;
        return Boolean(img && img.complete && img.naturalWidth > 0);
      },
      undefined,
      { timeout: 15_000 },
    );
    const size = await image.evaluate((img) => [
      (img as HTMLImageElement).naturalWidth,
      (img as HTMLImageElement).naturalHeight,
    ]);
    expect(size).toEqual([1_200, 1_920]);
    await shoot('7-poster');
  });

  it('a newcomer who opens the reseller’s shared link is bound to the reseller on launch', async () => {
    const newcomer = await loginAs(stack.baseUrl, NEWCOMER);
    // A fresh launch (a hash change alone would not restart the app) on the shared path.
    await page.goto(`${stack.baseUrl}/#/pages/product/index?id=${productId}&ref=${code}&as=${NEWCOMER}`);
    await page.reload();
    await page.locator('.taro_page_stationed .buy-bar__buy').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (id) => {
        const raw = window.localStorage.getItem('weshop.user');
        return raw !== null && (JSON.parse(raw) as { data?: { id?: string } }).data?.id === id;
      },
      String(newcomer.user.id),
      { timeout: 15_000 },
    );
    const token = await browserToken();
    const until = Date.now() + 15_000;
    let me = await getJson('/distribution/me', DistributorMe, token);
    while (!me.boundTo && Date.now() < until) {
      await sleep(300);
      me = await getJson('/distribution/me', DistributorMe, token);
    }
    expect(me.boundTo?.code).toBe(code);
    expect(me.status).toBe('NONE');
    // 分享赚 is for distributors only.
    await stationed().locator('.share-earn').waitFor({ state: 'detached', timeout: 15_000 });
    await shoot('8-newcomer-bound');
  });

  it('分销设置 shows the server’s compliance refusal next to its field', async () => {
    await page.goto(`${stack.baseUrl}/#/subpackages/admin/distribution-settings/index?as=admin`);
    await page.reload();
    const l1 = page.locator('.taro_page_stationed .settings-field[data-path="l1RateBp"]');
    await l1.locator('input').waitFor({ timeout: 30_000 });
    await expect(l1.locator('input').inputValue()).resolves.toBe('10');
    await l1.locator('input').fill('80');
    await stationed().locator('.settings-field[data-path="l2RateBp"] input').fill('30');
    await stationed().locator('.settings-save').click();
    await l1.locator('.settings-field__error').waitFor({ timeout: 15_000 });
    await expect(l1.locator('.settings-field__error').textContent()).resolves.toContain('100%');
    await l1.scrollIntoViewIfNeeded();
    await shoot('9-settings-refused');

    // Nothing was saved.
    const admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const kept = await getJson('/admin/settings/distribution', DistributionSettings, admin);
    expect(kept.l1RateBp).toBe(1_000);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
