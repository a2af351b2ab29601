import { type Page } from 'playwright-core';
import {
  AddressList,
  AdminOrderPage,
  CartView,
  formatFen,
  OrderPage,
  OrderPreview,
  ProductDetail,
  ProductPage,
  WechatLoginResponse,
  type SkuView,
} from '@weshop/shared';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * A purchase through the h5 build in headless Chromium against the real server and WeChat sandbox:
 * a new shopper picks a SKU, adds it to the cart, checks out (adding an address on the way), sees
 * the server's own breakdown, pays through the sandbox sheet and finds the order 待发货; then the
 * shop admin sees it in the console. Screenshots: artifacts/screenshots/purchase-*.png.
 */
jest.setTimeout(180_000);

const BUYER = 'buyer_e2e';
const ADDRESS = {
  name: '林晓',
  phone: '13800138000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 90 号 1 幢 301',
};

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

async function api<T>(
  route: string,
  schema: { parse(data: unknown): T },
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(`${stack.baseUrl}/api/v1${route}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${route} -> ${res.status}: ${text}`);
  return schema.parse(JSON.parse(text));
}

let h5: H5Shop;
const shoot = (step: string) => h5.shoot(step);
const stationed = () => h5.stationed();
const browserToken = () => h5.browserToken();

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_purchase', 'purchase', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => h5?.close());

describe('buying a product through the h5 mini-program', () => {
  let product: ProductDetail;
  let sku: SkuView;
  let orderNo: string;

  it('a new shopper picks a SKU and adds it to the cart', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/home/index?as=${BUYER}`);
    await page.locator('.product-card').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => window.localStorage.getItem('weshop.token') !== null);

    // The first product of the feed with a SKU in stock; its cheapest such SKU.
    const feed = await api('/products?sort=new&page=1&pageSize=20', ProductPage);
    let found: ProductDetail | null = null;
    for (const card of feed.items) {
      const detail = await api(`/products/${card.id}`, ProductDetail);
      if (detail.skus.some((s) => s.stock > 0)) {
        found = detail;
        break;
      }
    }
    if (!found) throw new Error('the seeded feed has no product in stock');
    product = found;
    sku = product.skus.filter((s) => s.stock > 0).reduce((a, b) => (b.price < a.price ? b : a));

    await page.locator(`.product-card[data-id="${product.id}"]`).click();
    await stationed().locator('.buy-bar__cart').waitFor({ timeout: 15_000 });
    for (const dimension of product.specs) {
      const value = sku.specs[dimension.name];
      await stationed()
        .locator(`.sku-option[data-dimension=${JSON.stringify(dimension.name)}][data-value=${JSON.stringify(value)}]`)
        .click();
    }
    await expect(stationed().locator('.sku-selected-price').textContent()).resolves.toBe(formatFen(sku.price));
    await shoot('1-product');

    await stationed().locator('.buy-bar__cart').click();
    await page.getByText('已加入购物车').first().waitFor({ timeout: 10_000 });
    const cart = await api('/cart', CartView, { token: await browserToken() });
    expect(cart.items.map((i) => [i.skuId, i.quantity])).toEqual([[sku.id, 1]]);
  });

  it('the cart lists the line; 去结算 opens 确认订单, which asks for an address', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/cart/index`);
    const line = stationed().locator('.cart-line');
    await line.first().waitFor({ timeout: 15_000 });
    await expect(line.count()).resolves.toBe(1);
    await expect(line.locator('.cart-line__title').textContent()).resolves.toBe(product.title);
    await expect(line.locator('.cart-line__price').textContent()).resolves.toBe(formatFen(sku.price));
    await expect(line.locator('.stepper__value').textContent()).resolves.toBe('1');
    await expect(line.locator('.cart-check').getAttribute('class')).resolves.toContain('cart-check--on');
    await shoot('2-cart');

    await stationed().locator('.cart-bar__checkout').click();
    await page.locator('.taro_page_stationed .address-card--empty').waitFor({ timeout: 15_000 });
    expect(page.url()).toContain('fromCart=1');
    await shoot('3-confirm-no-address');
  });

  it('adds an address on the way and shows exactly the server’s breakdown', async () => {
    await stationed().locator('.address-card--empty').click();
    await page.locator('.taro_page_stationed .address-field--name input').waitFor({ timeout: 15_000 });
    for (const [field, value] of Object.entries(ADDRESS)) {
      await stationed().locator(`.address-field--${field} input`).fill(value);
    }
    await shoot('4-address');
    await stationed().locator('.address-edit__save').click();

    // Back on 确认订单 with the new (default) address and a breakdown.
    await page.locator('.taro_page_stationed .address-card__name').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.address-card__name').textContent()).resolves.toBe(ADDRESS.name);
    await stationed().locator('.breakdown__row--payable').waitFor({ timeout: 15_000 });

    const token = await browserToken();
    const addresses = await api('/addresses', AddressList, { token });
    expect(addresses.items).toHaveLength(1);
    expect(addresses.items[0]).toMatchObject({ ...ADDRESS, isDefault: true });
    const preview = await api('/orders/preview', OrderPreview, {
      method: 'POST',
      token,
      body: { items: [{ skuId: sku.id, quantity: 1 }], addressId: addresses.items[0].id, fromCart: true },
    });
    const expected = [
      ['商品金额', formatFen(preview.goodsAmount)],
      ...preview.discounts.map((d) => [d.label, `-${formatFen(d.amount)}`]),
      ...(preview.couponDiscount > 0 ? [['优惠券', `-${formatFen(preview.couponDiscount)}`]] : []),
      ...(preview.pointsDeduction > 0 ? [['积分抵扣', `-${formatFen(preview.pointsDeduction)}`]] : []),
      ['运费', preview.shippingFee > 0 ? formatFen(preview.shippingFee) : '包邮'],
      ['应付', formatFen(preview.payable)],
    ];
    const shown = await stationed()
      .locator('.breakdown__row')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('.breakdown__label')?.textContent ?? '',
          row.querySelector('.breakdown__value')?.textContent ?? '',
        ]),
      );
    expect(shown).toEqual(expected);
    await expect(stationed().locator('.confirm-bar__payable').textContent()).resolves.toBe(formatFen(preview.payable));
    await expect(stationed().locator('.order-line__title').allTextContents()).resolves.toEqual([product.title]);
    await shoot('5-confirm');
  });

  it('提交订单 and pay through the sandbox sheet: 支付成功, then the order is 待发货', async () => {
    await stationed().locator('.confirm-bar__submit').click();
    await page.locator('.taro_page_stationed .sandbox-pay__confirm').waitFor({ timeout: 15_000 });
    const token = await browserToken();
    const pending = await api('/orders?status=PENDING_PAYMENT', OrderPage, { token });
    expect(pending.items).toHaveLength(1);
    orderNo = pending.items[0].orderNo;
    await expect(stationed().locator('.sandbox-pay__amount').textContent()).resolves.toBe(
      formatFen(pending.items[0].payable),
    );
    await shoot('6-pay-sheet');

    await stationed().locator('.sandbox-pay__confirm').click();
    await page.locator('.taro_page_stationed .pay-result--paid').waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.pay-result__title').textContent()).resolves.toBe('支付成功');
    await shoot('7-paid');

    await stationed().locator('.pay-result__view').click();
    await page.locator('.taro_page_stationed .detail-status[data-status="TO_SHIP"]').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.detail-status__text').textContent()).resolves.toBe('待发货');
    await expect(stationed().locator('.detail-info').textContent()).resolves.toContain(orderNo);
    await shoot('8-order-detail');

    // The server agrees: one order, paid and waiting to ship; the cart line left with it.
    const orders = await api('/orders', OrderPage, { token });
    expect(orders.items.map((o) => [o.orderNo, o.status])).toEqual([[orderNo, 'TO_SHIP']]);
    expect(orders.items[0].lines.map((l) => [l.skuId, l.quantity])).toEqual([[sku.id, 1]]);
    const cart = await api('/cart', CartView, { token });
    expect(cart.items).toEqual([]);
  });

  it('the admin sees the order in the console’s 待发货 list', async () => {
    // A fresh launch as another sandbox user (a hash change alone would not restart the app).
    await page.goto(`${stack.baseUrl}/#/pages/me/index?as=admin`);
    await page.reload();
    await page.locator('.taro_page_stationed .me-admin').waitFor({ timeout: 30_000 });
    await shoot('9-admin-me');

    await stationed().locator('.me-admin').click();
    const card = page.locator(`.taro_page_stationed .admin-order[data-order-no="${orderNo}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.locator('.admin-card__status').textContent()).resolves.toBe('待发货');
    await expect(card.locator('.admin-ship').count()).resolves.toBe(1);
    await shoot('10-admin-orders');

    const admin = await api('/auth/wechat-login', WechatLoginResponse, {
      method: 'POST',
      body: { code: 'sandbox:admin' },
    });
    const toShip = await api('/admin/orders?status=TO_SHIP', AdminOrderPage, { token: admin.token });
    expect(toShip.items.map((o) => o.orderNo)).toContain(orderNo);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
