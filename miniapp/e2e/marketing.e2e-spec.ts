import { type Page } from 'playwright-core';
import {
  CouponCenter,
  CouponTemplateAdminView,
  formatFen,
  OrderPage,
  OrderPreview,
  PointsSummary,
  UserCouponPage,
  type PointsRules,
} from '@weshop/shared';
import { http, loginAs } from '../../server/test/support/http';
import { shop } from '../../server/test/support/shop';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * 营销 through the h5 build in headless Chromium against the real server. Arranged over HTTP: the
 * admin sets the points rules (签到 50 points a day; 10 points = ¥1 at checkout, any multiple) and
 * creates a claim-centre coupon 满100减20. In the browser the buyer signs in (签到 → 50 points),
 * claims the coupon in 领券中心, opens 确认订单 for a ¥150 item: the coupon is preselected (the best
 * one), the points toggle spends the 50 points (¥5); the page shows exactly the server's preview;
 * 提交订单 and pay; the order's breakdown is the preview's, the coupon is USED and the points spent.
 * Screenshots: artifacts/screenshots/marketing-*.png.
 */
jest.setTimeout(240_000);

const BUYER = 'mk_buyer_e2e';
const PRICE = 15_000;

const RULES: PointsRules = {
  earn: { pointsPerYuan: 1, excludeActivityGoods: true, birthdayMultiplierBp: 10_000 },
  deduction: { pointsPerYuan: 10, maxShareBp: 5_000, minUnit: 1, combineWithCoupon: true },
  signIn: { cycle: 'WEEKLY', dailyPoints: 50, bonusDay: 7, bonusPoints: 20 },
  expiry: { yearsAfter: 1, noticeDays: 30 },
  tasks: { FIRST_REVIEW: 0, COMPLETE_PROFILE: 0, FIRST_ORDER: 0 },
};

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

let h5: H5Shop;
const shoot = (step: string) => h5.shoot(step);
const stationed = () => h5.stationed();

async function api<T>(
  path: string,
  schema: { parse(data: unknown): T },
  options: { method?: 'GET' | 'POST' | 'PUT'; token?: string; body?: unknown } = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  const res = await http(stack.baseUrl, method, `/api/v1${path}`, { token: options.token, body: options.body });
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${method} ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

const breakdownRows = () =>
  stationed()
    .locator('.breakdown__row')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('.breakdown__label')?.textContent ?? '',
        row.querySelector('.breakdown__value')?.textContent ?? '',
      ]),
    );

function expectedRows(amounts: OrderPreview, payableLabel: string): string[][] {
  return [
    ['商品金额', formatFen(amounts.goodsAmount)],
    ...amounts.discounts.map((d) => [d.label, `-${formatFen(d.amount)}`]),
    ...(amounts.couponDiscount > 0 ? [['优惠券', `-${formatFen(amounts.couponDiscount)}`]] : []),
    ...(amounts.pointsDeduction > 0 ? [['积分抵扣', `-${formatFen(amounts.pointsDeduction)}`]] : []),
    ['运费', amounts.shippingFee > 0 ? formatFen(amounts.shippingFee) : '包邮'],
    [payableLabel, formatFen(amounts.payable)],
  ];
}

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_marketing', 'marketing', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => h5?.close());

describe('sign in, claim a coupon and buy with it and points in the h5 mini-program', () => {
  let template: CouponTemplateAdminView;
  let sku: { skuId: string; productId: string; price: number };
  let buyer: string;
  let addressId: string;
  let preview: OrderPreview;

  it('arranged over HTTP: points rules and a claim-centre coupon 满100减20', async () => {
    const admin = (await loginAs(stack.baseUrl, 'admin')).token;
    await api('/admin/points-rules', { parse: (x) => x }, { method: 'PUT', token: admin, body: RULES });
    template = await api('/admin/coupons', CouponTemplateAdminView, {
      method: 'POST',
      token: admin,
      body: {
        name: '新品满减券',
        kind: 'AMOUNT_OFF',
        threshold: 10_000,
        amount: 2_000,
        validity: 'DAYS',
        validDays: 30,
        totalQuantity: 100,
        perUserLimit: 1,
        channel: 'CENTER',
      },
    });
    expect(template).toMatchObject({ title: '满100减20', status: 'ACTIVE' });
    const given = shop(stack);
    sku = await given.skuWithStock(20, PRICE);
    buyer = (await loginAs(stack.baseUrl, BUYER)).token;
    addressId = await given.addressFor(buyer);
    await expect(api('/points', PointsSummary, { token: buyer })).resolves.toMatchObject({ available: 0 });
  });

  it('我的 shows the marketing strip; 签到 signs in for 50 points and marks today', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/me/index?as=${BUYER}`);
    await page.reload();
    await page.locator('.taro_page_stationed .me-marketing').waitFor({ timeout: 30_000 });
    // The figures arrive after the strip is drawn: wait for them rather than read a placeholder.
    await page
      .locator('.taro_page_stationed .me-marketing-points .me-marketing__value', { hasText: /^0$/ })
      .waitFor({ timeout: 15_000 });
    await shoot('1-me');

    await stationed().locator('.me-marketing-sign-in').click();
    const button = page.locator('.taro_page_stationed .sign-in__button');
    await button.waitFor({ timeout: 15_000 });
    await expect(button.textContent()).resolves.toBe('立即签到');
    await expect(stationed().locator('.sign-in__streak').textContent()).resolves.toBe('0 天');
    await expect(stationed().locator('.sign-in__cell').count()).resolves.toBe(7);
    await button.click();
    await page.locator('.taro_page_stationed .sign-in__streak', { hasText: '1 天' }).waitFor({ timeout: 15_000 });
    await expect(button.textContent()).resolves.toBe('今日已签到');
    await expect(stationed().locator('.sign-in__cell--today').getAttribute('data-signed')).resolves.toBe('1');
    await expect(stationed().locator('.sign-in__cell--today .sign-in__mark').textContent()).resolves.toBe('+50');
    await shoot('2-sign-in');

    await expect(api('/points', PointsSummary, { token: buyer })).resolves.toMatchObject({ available: 50 });
  });

  it('领券中心: 领取 the coupon; it then says the limit is reached and 我的优惠券 lists it', async () => {
    await page.goto(`${stack.baseUrl}/#/subpackages/marketing/coupons/index?tab=center&as=${BUYER}`);
    await page.reload();
    const card = page.locator(`.taro_page_stationed .coupon-card[data-template="${template.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    await expect(card.locator('.coupon-card__title').textContent()).resolves.toBe('满100减20');
    await shoot('3-center');
    await card.locator('.coupon-card__claim').click();
    await card.locator('.coupon-card__reason', { hasText: '已达领取上限' }).waitFor({ timeout: 15_000 });
    const center = await api('/coupons/center', CouponCenter, { token: buyer });
    expect(center.items.find((i) => i.id === template.id)).toMatchObject({ claimedByMe: 1, claimable: false });
    await shoot('4-claimed');

    await stationed().locator('.mk-tab[data-tab="AVAILABLE"]').click();
    await page.locator('.taro_page_stationed .coupon-mine .coupon-card').first().waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.coupon-mine .coupon-card').count()).resolves.toBe(1);
    await shoot('5-my-coupons');
  });

  it('确认订单 preselects the coupon, the toggle spends the points, the page shows the server’s preview', async () => {
    const mine = await api('/me/coupons?status=AVAILABLE', UserCouponPage, { token: buyer });
    expect(mine.items).toHaveLength(1);
    const couponId = mine.items[0].id;

    await page.goto(`${stack.baseUrl}/#/subpackages/order/confirm/index?items=${sku.skuId}:1&as=${BUYER}`);
    await page.reload();
    const summary = page.locator('.taro_page_stationed .coupon-picker__summary');
    await summary.waitFor({ timeout: 30_000 });
    await page
      .locator('.taro_page_stationed .coupon-picker__summary', { hasText: '-¥20.00' })
      .waitFor({ timeout: 15_000 });

    // The sheet: the coupon usable with what it takes off; then close it as it was.
    await stationed().locator('.coupon-picker').click();
    const option = page.locator(`.taro_page_stationed .coupon-option[data-id="${couponId}"]`);
    await option.waitFor({ timeout: 15_000 });
    await expect(option.getAttribute('data-usable')).resolves.toBe('1');
    await expect(option.locator('.coupon-option__discount').textContent()).resolves.toBe('-¥20.00');
    await shoot('6-coupon-sheet');
    await option.click();
    await expect(stationed().locator('.coupon-sheet').count()).resolves.toBe(0);

    await page
      .locator('.taro_page_stationed .points-toggle__text', { hasText: '可用 50 积分' })
      .waitFor({ timeout: 15_000 });
    await stationed().locator('.points-toggle__switch').click();
    await page
      .locator('.taro_page_stationed .points-toggle__text', { hasText: '抵扣 50 积分 -¥5.00' })
      .waitFor({ timeout: 15_000 });

    preview = await api('/orders/preview', OrderPreview, {
      method: 'POST',
      token: buyer,
      body: { items: [{ skuId: sku.skuId, quantity: 1 }], addressId, couponId, pointsToUse: 50 },
    });
    expect(preview).toMatchObject({ couponDiscount: 2_000, pointsUsed: 50, pointsDeduction: 500 });
    await page
      .locator('.taro_page_stationed .confirm-bar__payable', { hasText: formatFen(preview.payable) })
      .waitFor({ timeout: 15_000 });
    await expect(breakdownRows()).resolves.toEqual(expectedRows(preview, '应付'));
    await shoot('7-confirm');
  });

  it('提交订单 and pay: the order’s breakdown is the preview’s; the coupon is used, the points spent', async () => {
    await stationed().locator('.confirm-bar__submit').click();
    await page.locator('.taro_page_stationed .sandbox-pay__confirm').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.sandbox-pay__amount').textContent()).resolves.toBe(formatFen(preview.payable));
    await stationed().locator('.sandbox-pay__confirm').click();
    await page.locator('.taro_page_stationed .pay-result--paid').waitFor({ timeout: 30_000 });
    await stationed().locator('.pay-result__view').click();
    await page.locator('.taro_page_stationed .detail-status[data-status="TO_SHIP"]').waitFor({ timeout: 15_000 });

    const orders = await api('/orders', OrderPage, { token: buyer });
    expect(orders.items).toHaveLength(1);
    const order = orders.items[0];
    expect({
      goodsAmount: order.goodsAmount,
      discountAmount: order.discountAmount,
      couponDiscount: order.couponDiscount,
      pointsDeduction: order.pointsDeduction,
      pointsUsed: order.pointsUsed,
      shippingFee: order.shippingFee,
      payable: order.payable,
    }).toEqual({
      goodsAmount: preview.goodsAmount,
      discountAmount: preview.discountAmount,
      couponDiscount: preview.couponDiscount,
      pointsDeduction: preview.pointsDeduction,
      pointsUsed: preview.pointsUsed,
      shippingFee: preview.shippingFee,
      payable: preview.payable,
    });
    // 订单详情 shows the order's step 1-2 discounts as one 活动优惠 row.
    const collapsed =
      preview.discountAmount > 0 ? [{ type: 'ALL', label: '活动优惠', amount: preview.discountAmount }] : [];
    await expect(breakdownRows()).resolves.toEqual(expectedRows({ ...preview, discounts: collapsed }, '实付'));
    await shoot('8-order-detail');

    const used = await api('/me/coupons?status=USED', UserCouponPage, { token: buyer });
    expect(used.items.map((c) => [c.templateId, c.orderId])).toEqual([[template.id, order.id]]);
    await expect(api('/points', PointsSummary, { token: buyer })).resolves.toMatchObject({ available: 0 });
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
