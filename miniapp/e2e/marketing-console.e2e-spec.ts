import { type Page } from 'playwright-core';
import {
  ActivePromotions,
  CouponTemplateAdminPage,
  formatFen,
  MemberDaySettings,
  MemberLevelList,
  OrderPreview,
  PromotionPage,
  PromotionView,
} from '@weshop/shared';
import { http, loginAs } from '../../server/test/support/http';
import { shop } from '../../server/test/support/shop';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * The 营销 console and 限时秒杀 through the h5 build in headless Chromium against the real server.
 * The admin creates a flash sale in 营销活动 (a flash price above the SKU's ¥80 first: the server's
 * message shows under that price; then ¥50, quota 10, 2 per person) and a coupon template in 优惠券
 * (¥120 off ¥100 first: refused on 面额; then 满100减20). Another buyer takes 2 of the 10 over HTTP,
 * and a second flash sale of quota 1 is sold out. The shopper opens 限时秒杀 from the home page: the
 * countdown to the end, ¥50.00 against ¥80.00, the bar at 已抢 20%, the sold-out SKU 已抢光; 马上抢
 * opens 确认订单 priced at the flash price. 编辑: a flash sale not started yet changes its price, quota
 * and title in the console; the running sale shows its price read-only and gets its quota raised and a
 * new title; the shopper finds the first under 即将开始 with its start time, a countdown to it and a
 * disabled 即将开始 button. Screenshots: artifacts/screenshots/marketing-console-*.png.
 */
jest.setTimeout(240_000);

const SHOPPER = 'mkc_shopper_e2e';
const RIVAL = 'mkc_rival_e2e';
const PRICE = 8_000;

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];
let h5: H5Shop;
/** A screenshot once any toast is gone (it would hide the messages). */
async function shoot(step: string): Promise<void> {
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every(
          (el) => getComputedStyle(el).display === 'none',
        ),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  await h5.shoot(step);
}
const stationed = () => h5.stationed();

async function api<T>(
  path: string,
  schema: { parse(data: unknown): T },
  options: { method?: 'GET' | 'POST'; token?: string; body?: unknown } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const res = await http(stack.baseUrl, method, `/api/v1${path}`, { token: options.token, body: options.body });
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${method} ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

/** The text input of the console field at `path` inside `scope`. */
const input = (scope: string, path: string) =>
  stationed().locator(`${scope} .console-field[data-path="${path}"] input`);
const fieldError = (scope: string, path: string) =>
  page.locator(`.taro_page_stationed ${scope} .console-field[data-path="${path}"] .console-field__error`);

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_marketing_console', 'marketing-console', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => h5?.close());

describe('the marketing console creates a flash sale and a coupon; the shopper sees 限时秒杀', () => {
  let admin: string;
  let sku: { skuId: string; productId: string; price: number };
  let soldOutSku: { skuId: string; productId: string; price: number };
  let sale: PromotionView;
  let soonSku: { skuId: string; productId: string; price: number };
  let upcoming: PromotionView;

  it('arranged over HTTP: two SKUs at ¥80 and a sold-out flash sale of quota 1', async () => {
    admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const given = shop(stack);
    sku = await given.skuWithStock(50, PRICE);
    soldOutSku = await given.skuWithStock(50, PRICE);
    const now = Date.now();
    await api('/admin/promotions', PromotionView, {
      method: 'POST',
      token: admin,
      body: {
        type: 'FLASH_SALE',
        title: '一元秒杀',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3 * 3_600_000).toISOString(),
        skus: [{ skuId: soldOutSku.skuId, price: 100, quota: 1, perUserLimit: 1 }],
      },
    });
    const rival = (await loginAs(stack.baseUrl, RIVAL)).token;
    const addressId = await given.addressFor(rival);
    const bought = await given.order(rival, { items: [{ skuId: soldOutSku.skuId, quantity: 1 }], addressId });
    expect(bought.status).toBe(201);
    // A flash sale the day after tomorrow, to be edited in the console and announced as 即将开始.
    soonSku = await given.skuWithStock(50, PRICE);
    const starts = new Date(now + 2 * 86_400_000);
    starts.setSeconds(0, 0);
    upcoming = await api('/admin/promotions', PromotionView, {
      method: 'POST',
      token: admin,
      body: {
        type: 'FLASH_SALE',
        title: '预告秒杀',
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + 3_600_000).toISOString(),
        skus: [{ skuId: soonSku.skuId, price: 3_000, quota: 5, perUserLimit: 1 }],
      },
    });
  });

  it('营销活动: a flash price above the SKU’s is refused on its field, then the sale is created', async () => {
    await page.goto(`${stack.baseUrl}/#/subpackages/admin/promotions/index?as=admin`);
    await page.reload();
    await page.locator('.taro_page_stationed .admin-promotion__create').waitFor({ timeout: 30_000 });
    await stationed().locator('.admin-promotion__create').click();
    const form = '.promotion-form';
    await page.locator(`.taro_page_stationed ${form}[data-type="FLASH_SALE"]`).waitFor({ timeout: 15_000 });
    await input(form, 'skus.0.skuId').fill(sku.skuId);
    await input(form, 'skus.0.price').fill('100');
    await input(form, 'skus.0.quota').fill('10');
    await input(form, 'skus.0.perUserLimit').fill('2');
    await input(form, 'title').fill('周末秒杀 e2e');
    await stationed().locator('.promotion-form__submit').click();

    const priceError = fieldError(form, 'skus.0.price');
    await priceError.waitFor({ timeout: 15_000 });
    await expect(priceError.textContent()).resolves.toContain(`must be below the SKU's price (${PRICE} fen)`);
    const none = await api('/admin/promotions?type=FLASH_SALE', PromotionPage, { token: admin });
    expect(none.items.map((p) => p.title)).not.toContain('周末秒杀 e2e');
    await priceError.scrollIntoViewIfNeeded();
    await shoot('1-flash-sale-refused');

    await input(form, 'skus.0.price').fill('50');
    await stationed().locator('.promotion-form__submit').click();
    await page.locator(`.taro_page_stationed ${form}`).waitFor({ state: 'detached', timeout: 15_000 });

    const listed = await api('/admin/promotions?type=FLASH_SALE&status=ACTIVE', PromotionPage, { token: admin });
    sale = listed.items.find((p) => p.title === '周末秒杀 e2e')!;
    expect(sale).toMatchObject({
      type: 'FLASH_SALE',
      status: 'ACTIVE',
      skus: [{ skuId: sku.skuId, price: 5_000, quota: 10, sold: 0, perUserLimit: 2 }],
    });
    expect(Date.parse(sale.startsAt)).toBeLessThanOrEqual(Date.now());
    const card = page.locator(`.taro_page_stationed .admin-promotion[data-id="${sale.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.locator('.admin-card__status').textContent()).resolves.toBe('进行中');
    await shoot('2-promotions');
  });

  it('优惠券: ¥120 off ¥100 is refused on 面额, then 满100减20 is created', async () => {
    // Through the console's 营销 strip.
    await stationed().locator('.admin-tabs--pages .admin-tab[data-tab="coupons"]').click();
    await page.locator('.taro_page_stationed .admin-coupon__create').waitFor({ timeout: 15_000 });
    await stationed().locator('.admin-coupon__create').click();
    const form = '.coupon-form';
    await input(form, 'name').fill('秒杀专享券');
    await input(form, 'threshold').fill('100');
    await input(form, 'amount').fill('120');
    await input(form, 'totalQuantity').fill('50');
    await input(form, 'perUserLimit').fill('2');
    await stationed().locator('.coupon-form__submit').click();

    const amountError = fieldError(form, 'amount');
    await amountError.waitFor({ timeout: 15_000 });
    await expect(amountError.textContent()).resolves.toContain('worth more than its threshold');
    await amountError.scrollIntoViewIfNeeded();
    await shoot('3-coupon-refused');

    await input(form, 'amount').fill('20');
    await stationed().locator('.coupon-form__submit').click();
    await page.locator(`.taro_page_stationed ${form}`).waitFor({ state: 'detached', timeout: 15_000 });
    const templates = await api('/admin/coupons', CouponTemplateAdminPage, { token: admin });
    const created = templates.items.filter((t) => t.name === '秒杀专享券');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      title: '满100减20',
      kind: 'AMOUNT_OFF',
      threshold: 10_000,
      amount: 2_000,
      validity: 'DAYS',
      validDays: 30,
      totalQuantity: 50,
      perUserLimit: 2,
      channel: 'CENTER',
      status: 'ACTIVE',
      issued: 0,
    });
    const card = page.locator(`.taro_page_stationed .admin-coupon[data-id="${created[0].id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.locator('.admin-coupon__stat--issued .admin-coupon__value').textContent()).resolves.toBe('0/50');
    await shoot('4-coupons');
  });

  it('限时秒杀: the countdown, ¥50 against ¥80, the bar at 已抢 20%, a sold-out SKU; 马上抢 to 确认订单', async () => {
    const given = shop(stack);
    const rival = (await loginAs(stack.baseUrl, RIVAL)).token;
    const rivalAddress = await given.addressFor(rival);
    const taken = await given.order(rival, { items: [{ skuId: sku.skuId, quantity: 2 }], addressId: rivalAddress });
    expect(taken.status).toBe(201);
    const shopper = (await loginAs(stack.baseUrl, SHOPPER)).token;
    const addressId = await given.addressFor(shopper);
    const active = await api('/promotions/active', ActivePromotions, { token: shopper });
    expect(active.items.find((p) => p.id === sale.id)?.skus).toEqual([
      expect.objectContaining({
        skuId: sku.skuId,
        price: 5_000,
        remaining: 8,
        skuPrice: PRICE,
        productId: sku.productId,
      }),
    ]);

    await page.goto(`${stack.baseUrl}/#/pages/home/index?as=${SHOPPER}`);
    await page.reload();
    await page.locator('.taro_page_stationed .home-flash').waitFor({ timeout: 30_000 });
    await stationed().locator('.home-flash').click();

    const session = page.locator(`.taro_page_stationed .flash-session[data-id="${sale.id}"]`);
    await session.waitFor({ timeout: 15_000 });
    await expect(session.locator('.flash-session__countdown').getAttribute('data-phase')).resolves.toBe('RUNNING');
    await expect(session.locator('.flash-session__countdown-label').textContent()).resolves.toBe('距结束');
    const clock = (await session.locator('.flash-session__clock').textContent()) ?? '';
    expect(clock).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    const [h, m, s] = clock.split(':').map(Number);
    const left = h * 3_600 + m * 60 + s;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual((Date.parse(sale.endsAt) - Date.parse(sale.startsAt)) / 1_000);

    const item = session.locator(`.flash-item[data-sku="${sku.skuId}"]`);
    await expect(item.getAttribute('data-sold-out')).resolves.toBe('0');
    await expect(item.locator('.flash-item__price').textContent()).resolves.toBe('¥50.00');
    await expect(item.locator('.flash-item__was').textContent()).resolves.toBe(formatFen(PRICE));
    await expect(item.locator('.flash-bar__text').textContent()).resolves.toBe('已抢 20%');
    await expect(item.locator('.flash-bar__fill').getAttribute('style')).resolves.toContain('width: 20%');
    await expect(item.locator('.flash-item__buy').textContent()).resolves.toBe('马上抢');

    const soldOut = page.locator(`.taro_page_stationed .flash-item[data-sku="${soldOutSku.skuId}"]`);
    await expect(soldOut.getAttribute('data-sold-out')).resolves.toBe('1');
    await expect(soldOut.locator('.flash-bar__text').textContent()).resolves.toBe('已抢光');
    await expect(soldOut.locator('.flash-item__buy').textContent()).resolves.toBe('已抢光');
    await shoot('5-flash-sale');

    await item.locator('.flash-item__buy').click();
    await page.waitForURL(/subpackages\/order\/confirm\/index\?items=/, { timeout: 15_000 });
    expect(decodeURIComponent(page.url())).toContain(`items=${sku.skuId}:1`);
    const preview = await api('/orders/preview', OrderPreview, {
      method: 'POST',
      token: shopper,
      body: { items: [{ skuId: sku.skuId, quantity: 1 }], addressId },
    });
    expect(preview.lines[0].unitPrice).toBe(5_000);
    await page
      .locator('.taro_page_stationed .confirm-bar__payable', { hasText: formatFen(preview.payable) })
      .waitFor({ timeout: 15_000 });
    await shoot('6-confirm');
  });

  it('编辑: a sale not started changes its price and quota; a running one keeps its price, its quota is raised', async () => {
    await page.goto(`${stack.baseUrl}/#/subpackages/admin/promotions/index?as=admin`);
    await page.reload();
    const cardOf = (id: string) => page.locator(`.taro_page_stationed .admin-promotion[data-id="${id}"]`);
    await cardOf(upcoming.id).waitFor({ timeout: 30_000 });
    await expect(cardOf(upcoming.id).locator('.admin-card__status').textContent()).resolves.toBe('未开始');

    // Not started: every field but the type, prefilled.
    await cardOf(upcoming.id).locator('.admin-promotion__edit').click();
    const soonForm = `.promotion-form[data-id="${upcoming.id}"]`;
    await page.locator(`.taro_page_stationed ${soonForm}[data-mode="edit"]`).waitFor({ timeout: 15_000 });
    await expect(input(soonForm, 'skus.0.price').inputValue()).resolves.toBe('30');
    const fixedType = stationed().locator(`${soonForm} .console-field[data-path="type"] .promotion-form__fixed`);
    await expect(fixedType.textContent()).resolves.toBe('限时秒杀');
    await input(soonForm, 'skus.0.price').fill('25');
    await input(soonForm, 'skus.0.quota').fill('8');
    await input(soonForm, 'title').fill('预告秒杀 改价');
    await stationed().locator(`${soonForm} .promotion-form__submit`).click();
    await page.locator(`.taro_page_stationed ${soonForm}`).waitFor({ state: 'detached', timeout: 15_000 });
    const listed = await api('/admin/promotions?type=FLASH_SALE', PromotionPage, { token: admin });
    expect(listed.items.find((p) => p.id === upcoming.id)).toMatchObject({
      title: '预告秒杀 改价',
      startsAt: upcoming.startsAt,
      endsAt: upcoming.endsAt,
      skus: [{ skuId: soonSku.skuId, price: 2_500, quota: 8, sold: 0, perUserLimit: 1 }],
    });

    // Running: the price shows read-only; the quota goes up and the title changes.
    await cardOf(sale.id).waitFor({ timeout: 15_000 });
    await cardOf(sale.id).locator('.admin-promotion__edit').click();
    const runningForm = `.promotion-form[data-id="${sale.id}"]`;
    await page.locator(`.taro_page_stationed ${runningForm}[data-mode="edit-running"]`).waitFor({ timeout: 15_000 });
    await expect(input(runningForm, 'skus.0.price').count()).resolves.toBe(0);
    await expect(input(runningForm, 'startsAt').count()).resolves.toBe(0);
    const fixedPrice = stationed().locator(
      `${runningForm} .console-field[data-path="skus.0.price"] .promotion-form__fixed`,
    );
    await expect(fixedPrice.textContent()).resolves.toBe('50 元');
    await input(runningForm, 'skus.0.quota').fill('20');
    await input(runningForm, 'title').fill('周末秒杀 加量');
    await shoot('10-edit-running');
    await stationed().locator(`${runningForm} .promotion-form__submit`).click();
    await page.locator(`.taro_page_stationed ${runningForm}`).waitFor({ state: 'detached', timeout: 15_000 });
    const after = await api('/admin/promotions?type=FLASH_SALE', PromotionPage, { token: admin });
    expect(after.items.find((p) => p.id === sale.id)).toMatchObject({
      title: '周末秒杀 加量',
      startsAt: sale.startsAt,
      endsAt: sale.endsAt,
      skus: [{ skuId: sku.skuId, price: 5_000, quota: 20, sold: 2, perUserLimit: 2 }],
    });
    await expect(cardOf(sale.id).locator('.admin-promotion__title').textContent()).resolves.toBe('周末秒杀 加量');
  });

  it('即将开始: the edited sale with its start time and a countdown; not buyable yet', async () => {
    const shopper = (await loginAs(stack.baseUrl, SHOPPER)).token;
    const active = await api('/promotions/active', ActivePromotions, { token: shopper });
    expect(active.upcoming?.map((p) => p.id)).toContain(upcoming.id);

    await page.goto(`${stack.baseUrl}/#/subpackages/marketing/flash-sale/index?as=${SHOPPER}`);
    await page.reload();
    await page.locator('.taro_page_stationed .flash-tabs .mk-tab[data-tab="UPCOMING"]').waitFor({ timeout: 30_000 });
    await stationed().locator('.flash-tabs .mk-tab[data-tab="UPCOMING"]').click();
    const session = page.locator(`.taro_page_stationed .flash-session[data-id="${upcoming.id}"]`);
    await session.waitFor({ timeout: 15_000 });
    await expect(session.getAttribute('data-tab')).resolves.toBe('UPCOMING');
    await expect(session.locator('.flash-session__countdown').getAttribute('data-phase')).resolves.toBe('UPCOMING');
    await expect(session.locator('.flash-session__countdown-label').textContent()).resolves.toBe('距开始');
    expect(await session.locator('.flash-session__clock').textContent()).toMatch(/^[12]天 \d{2}:\d{2}:\d{2}$/);
    const start = new Date(upcoming.startsAt);
    const hhmm = `${String(start.getHours()).padStart(2, '0')}:${String(start.getMinutes()).padStart(2, '0')}`;
    await expect(session.locator('.flash-session__starts').textContent()).resolves.toContain(`${hhmm} 开抢`);
    const item = session.locator(`.flash-item[data-sku="${soonSku.skuId}"]`);
    await expect(item.locator('.flash-item__price').textContent()).resolves.toBe('¥25.00');
    await expect(item.locator('.flash-bar__text').textContent()).resolves.toBe('限量 8 件');
    const buy = item.locator('.flash-item__buy');
    await expect(buy.textContent()).resolves.toBe('即将开始');
    await expect(buy.getAttribute('disabled')).resolves.not.toBeNull();
    await shoot('11-upcoming');
  });

  it('会员等级, 会员日 and 积分规则: nonsense is refused on its field; a level is created', async () => {
    // From 我的 → 管理后台 · 会员等级 / 会员日 / 积分规则.
    await page.goto(`${stack.baseUrl}/#/pages/me/index?as=admin`);
    await page.reload();
    await page.locator('.taro_page_stationed .me-admin-members').waitFor({ timeout: 30_000 });
    await stationed().locator('.me-admin-members').click();
    await page.locator('.taro_page_stationed .level__create').waitFor({ timeout: 15_000 });
    await stationed().locator('.level__create').click();
    const form = '.level-form';
    await input(form, 'name').fill('钻石 e2e');
    await input(form, 'minGrowth').fill('987654');
    await input(form, 'discountBp').fill('12');
    await input(form, 'pointsMultiplierBp').fill('2');
    await stationed().locator('.level-form__save').click();
    await fieldError(form, 'discountBp').waitFor({ timeout: 15_000 });
    await shoot('7-level-refused');
    await input(form, 'discountBp').fill('8.8');
    await stationed().locator('.level-form__save').click();
    await page.locator(`.taro_page_stationed ${form}`).waitFor({ state: 'detached', timeout: 15_000 });
    const levels = await api('/admin/member-levels', MemberLevelList, { token: admin });
    const level = levels.items.find((l) => l.name === '钻石 e2e');
    expect(level).toMatchObject({ minGrowth: 987_654, discountBp: 8_800, pointsMultiplierBp: 20_000 });
    await page.locator(`.taro_page_stationed .admin-level[data-id="${level!.id}"]`).waitFor({ timeout: 15_000 });

    // 会员日: a member-day price above the SKU's is refused by the server on that row's price.
    await stationed().locator('.admin-tabs--pages .admin-tab[data-tab="member-day"]').click();
    await page.locator('.taro_page_stationed .member-day-form').waitFor({ timeout: 15_000 });
    const before = await api('/admin/member-days', MemberDaySettings, { token: admin });
    await stationed().locator('.member-day-form .console-section__add').click();
    const row = before.prices.length;
    await input('.member-day-form', `prices.${row}.skuId`).fill(sku.skuId);
    await input('.member-day-form', `prices.${row}.price`).fill('90');
    await stationed().locator('.member-day-form__save').click();
    const priceError = fieldError('.member-day-form', `prices.${row}.price`);
    await priceError.waitFor({ timeout: 15_000 });
    await expect(priceError.textContent()).resolves.toBe('会员日价需低于 SKU 售价');
    await expect(api('/admin/member-days', MemberDaySettings, { token: admin })).resolves.toEqual(before);
    await priceError.scrollIntoViewIfNeeded();
    await shoot('8-member-day-refused');

    // 积分规则: a deduction share above 100% is refused before it is sent.
    await stationed().locator('.admin-tabs--pages .admin-tab[data-tab="points-rules"]').click();
    await page.locator('.taro_page_stationed .points-rules-form').waitFor({ timeout: 15_000 });
    await input('.points-rules-form', 'deduction.maxShareBp').fill('120');
    await stationed().locator('.points-rules-form__save').click();
    const shareError = fieldError('.points-rules-form', 'deduction.maxShareBp');
    await shareError.waitFor({ timeout: 15_000 });
    await shareError.scrollIntoViewIfNeeded();
    await shoot('9-points-rules-refused');
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
