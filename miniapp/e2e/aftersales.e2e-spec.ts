import { type Page } from 'playwright-core';
import { AftersalePage, AftersaleView, formatFen, OrderView } from '@weshop/shared';
import { http, loginAs } from '../../server/test/support/http';
import { shop } from '../../server/test/support/shop';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * 申请售后 through the h5 build in headless Chromium against the real server and WeChat sandbox:
 * a buyer with a paid order (created and paid through the API) opens the order, taps 申请售后,
 * asks for a refund of the whole line and sees it 待审核; the admin approves it through the API,
 * the sandbox refunds, and after a reload the page shows 已退款.
 * Screenshots: artifacts/screenshots/aftersales-*.png.
 */
jest.setTimeout(180_000);

const BUYER = 'aftersale_e2e';

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

async function waitForAftersale(token: string, id: string, statuses: string[], timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  let last: AftersaleView | null = null;
  while (Date.now() < until) {
    const res = await http(stack.baseUrl, 'GET', `/api/v1/aftersales/${id}`, { token });
    last = AftersaleView.parse(res.body);
    if (statuses.includes(last.status)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`after-sale ${id} stayed ${last?.status}, expected ${statuses.join('|')}`);
}

let h5: H5Shop;
const shoot = (step: string) => h5.shoot(step);
const stationed = () => h5.stationed();
const browserToken = () => h5.browserToken();

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_aftersales', 'aftersales', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => h5?.close());

describe('申请售后 through the h5 mini-program', () => {
  let token: string;
  let order: OrderView;
  let aftersaleId: string;
  let completed: OrderView;

  it('a buyer with a paid order opens it: 待发货 with 申请售后 on the line', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/home/index?as=${BUYER}`);
    await page.waitForFunction(() => window.localStorage.getItem('weshop.token') !== null, undefined, {
      timeout: 30_000,
    });
    token = await browserToken();

    const given = shop(stack);
    const sku = await given.skuWithStock(5);
    const addressId = await given.addressFor(token);
    const created = await given.order(token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId });
    expect(created.status).toBe(201);
    await given.pay(token, created.body.id);
    order = OrderView.parse(await given.waitForStatus(token, created.body.id, ['TO_SHIP']));

    await page.goto(`${stack.baseUrl}/#/subpackages/order/detail/index?id=${order.id}`);
    await page.locator('.taro_page_stationed .detail-status[data-status="TO_SHIP"]').waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.detail-aftersale').count()).resolves.toBe(1);
    await shoot('1-order');
  });

  it('申请售后 shows the line with the server’s refundable figure and submits a full refund', async () => {
    const line = order.lines[0];
    await stationed().locator(`.detail-aftersale[data-line="${line.id}"]`).click();
    await page.locator('.taro_page_stationed .aftersale-line').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.aftersale-line__paid').textContent()).resolves.toBe(
      `实付 ${formatFen(line.paidAmount)}`,
    );
    await expect(stationed().locator('.aftersale-line__refundable').textContent()).resolves.toBe(
      `最多可退 ${formatFen(line.paidAmount)}`,
    );
    // Not shipped yet: only 仅退款 is offered.
    await expect(stationed().locator('.aftersale-type').allTextContents()).resolves.toEqual(['仅退款']);

    // A malformed amount is refused in the page: nothing reaches the server.
    const amount = stationed().locator('.amount-input__row input');
    await amount.fill('1.234');
    await stationed().locator('.amount-input__error').waitFor({ timeout: 5_000 });
    await amount.fill(formatFen(line.paidAmount, { symbol: false }));
    await expect(stationed().locator('.amount-input__error').count()).resolves.toBe(0);
    await stationed().locator('.aftersale-reason[data-reason="不想要了"]').click();
    await shoot('2-request');

    await stationed().locator('.aftersale-form__submit').click();
    await page.locator('.taro_page_stationed .aftersale-status[data-status="REQUESTED"]').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.aftersale-status__text').textContent()).resolves.toBe('待审核');
    await expect(stationed().locator('.aftersale-amount').textContent()).resolves.toBe(formatFen(line.paidAmount));
    await expect(stationed().locator('.aftersale-cancel').count()).resolves.toBe(1);
    // h5 greys out a button carrying any `disabled` attribute, even "false".
    await expect(stationed().locator('.aftersale-cancel').getAttribute('disabled')).resolves.toBeNull();
    await shoot('3-requested');

    const mine = AftersalePage.parse((await http(stack.baseUrl, 'GET', '/api/v1/aftersales', { token })).body);
    expect(mine.items.map((a) => [a.status, a.type, a.amount, a.line.id, a.reason])).toEqual([
      ['REQUESTED', 'REFUND', line.paidAmount, line.id, '不想要了'],
    ]);
    aftersaleId = mine.items[0].id;
    expect(page.url()).toContain(`id=${aftersaleId}`);
  });

  it('the admin approves it; after a reload the page shows 已退款', async () => {
    const admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const approved = await http(stack.baseUrl, 'POST', `/api/v1/admin/aftersales/${aftersaleId}/approve`, {
      token: admin,
      body: {},
    });
    expect(approved.status).toBe(200);
    const done = await waitForAftersale(token, aftersaleId, ['REFUNDED']);
    expect(done.refund).toMatchObject({ status: 'SUCCESS', amount: order.lines[0].paidAmount });

    await page.reload();
    await page.locator('.taro_page_stationed .aftersale-status[data-status="REFUNDED"]').waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.aftersale-status__text').textContent()).resolves.toBe('已退款');
    await expect(stationed().locator('.aftersale-refund').textContent()).resolves.toBe(
      formatFen(order.lines[0].paidAmount),
    );
    await expect(stationed().locator('.aftersale-step__status').allTextContents()).resolves.toEqual([
      '已退款',
      '退款中',
      '已同意',
      '待审核',
    ]);
    await expect(stationed().locator('.aftersale-cancel').count()).resolves.toBe(0);
    await shoot('4-refunded');
  });

  it('the order list’s 售后 tab lists it and opens its detail', async () => {
    await page.goto(`${stack.baseUrl}/#/subpackages/order/list/index?status=AFTERSALE`);
    const card = page.locator(`.taro_page_stationed .aftersale-entry[data-id="${aftersaleId}"]`);
    await card.waitFor({ timeout: 30_000 });
    await shoot('5-list');
    await card.click();
    await page.locator('.taro_page_stationed .aftersale-status[data-status="REFUNDED"]').waitFor({ timeout: 15_000 });
  });

  it('a completed order offers 评价: three star rows and a few words, then 已评价 and the review on the product page', async () => {
    const given = shop(stack);
    const admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const sku = await given.skuWithStock(5);
    const addressId = (await http(stack.baseUrl, 'GET', '/api/v1/addresses', { token })).body.items[0].id as string;
    const created = await given.order(token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId });
    expect(created.status).toBe(201);
    await given.pay(token, created.body.id);
    await given.waitForStatus(token, created.body.id, ['TO_SHIP']);
    const shipped = await http(stack.baseUrl, 'POST', `/api/v1/admin/orders/${created.body.id}/ship`, {
      token: admin,
      body: { carrier: 'SF', trackingNo: 'SF1234567890' },
    });
    expect(shipped.status).toBe(200);
    const received = await http(stack.baseUrl, 'POST', `/api/v1/orders/${created.body.id}/confirm-receipt`, {
      token,
      body: {},
    });
    expect(received.status).toBe(200);
    completed = OrderView.parse(received.body);
    expect(completed.status).toBe('COMPLETED');
    const line = completed.lines[0];

    await page.goto(`${stack.baseUrl}/#/subpackages/order/detail/index?id=${completed.id}`);
    await page.locator('.taro_page_stationed .detail-status[data-status="COMPLETED"]').waitFor({ timeout: 30_000 });
    await stationed().locator(`.detail-review[data-line="${line.id}"]`).click();
    await page.locator('.taro_page_stationed .star-rating[data-name="product"]').waitFor({ timeout: 15_000 });
    await stationed().locator('.star-rating[data-name="product"] .star[data-score="4"]').click();
    await stationed().locator('.star-rating[data-name="logistics"] .star[data-score="3"]').click();
    await expect(stationed().locator('.star-rating[data-name="product"]').getAttribute('data-value')).resolves.toBe(
      '4',
    );
    await stationed().locator('.review-text textarea').fill('面料厚实，尺码合适');
    await shoot('6-review');
    await stationed().locator('.review-submit').click();

    // Back on the order: the line reads 已评价.
    await page.locator(`.taro_page_stationed .detail-reviewed[data-line="${line.id}"]`).waitFor({ timeout: 15_000 });
    const reviews = await http(stack.baseUrl, 'GET', `/api/v1/orders/${completed.id}/reviews`, { token });
    expect(
      reviews.body.items.map(
        (r: { lineId: string; productScore: number; logisticsScore: number; serviceScore: number; text: string }) => [
          r.lineId,
          r.productScore,
          r.logisticsScore,
          r.serviceScore,
          r.text,
        ],
      ),
    ).toEqual([[line.id, 4, 3, 5, '面料厚实，尺码合适']]);

    // The product page shows the shop's scores and the review under the detail.
    await page.goto(`${stack.baseUrl}/#/pages/product/index?id=${line.productId}`);
    await page.locator('.taro_page_stationed .product-review').first().waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.shop-dsr__score').count()).resolves.toBe(3);
    await expect(stationed().locator('.product-review__text').first().textContent()).resolves.toBe(
      '面料厚实，尺码合适',
    );
    await stationed().locator('.review-summary').scrollIntoViewIfNeeded();
    await shoot('7-product-reviews');
  });

  it('退货退款 on the completed order: approved, then 填写退货物流 sends it RETURNING', async () => {
    const line = completed.lines[0];
    await page.goto(`${stack.baseUrl}/#/subpackages/order/detail/index?id=${completed.id}`);
    await page.locator('.taro_page_stationed .detail-status[data-status="COMPLETED"]').waitFor({ timeout: 30_000 });
    await stationed().locator(`.detail-aftersale[data-line="${line.id}"]`).click();
    await page.locator('.taro_page_stationed .aftersale-line').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.aftersale-type').allTextContents()).resolves.toEqual(['仅退款', '退货退款']);
    await stationed().locator('.aftersale-type[data-type="RETURN_REFUND"]').click();
    await stationed().locator('.aftersale-reason[data-reason="商品质量问题"]').click();
    await stationed().locator('.aftersale-form__submit').click();
    await page.locator('.taro_page_stationed .aftersale-status[data-status="REQUESTED"]').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.aftersale-type-text').textContent()).resolves.toBe('退货退款');
    const id = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
    expect(id).toMatch(/^\d+$/);

    const admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const approved = await http(stack.baseUrl, 'POST', `/api/v1/admin/aftersales/${id}/approve`, {
      token: admin,
      body: {},
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');

    await page.reload();
    await page.locator('.taro_page_stationed .return-carrier[data-code="SF"]').waitFor({ timeout: 30_000 });
    await stationed().locator('.return-carrier[data-code="SF"]').click();
    await stationed().locator('.return-form__no input').fill('SF9876543210');
    await shoot('8-return-form');
    await stationed().locator('.return-form__submit').click();
    await page.locator('.taro_page_stationed .aftersale-status[data-status="RETURNING"]').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.return-form').count()).resolves.toBe(0);
    const returning = await waitForAftersale(token, id, ['RETURNING']);
    expect([returning.returnCarrier, returning.returnTrackingNo]).toEqual(['SF', 'SF9876543210']);
    await shoot('9-returning');
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
