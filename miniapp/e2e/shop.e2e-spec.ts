import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  CartView,
  CategoryList,
  formatFen,
  ProductDetail,
  ProductPage,
  UserView,
  WechatLoginResponse,
  type SkuView,
} from '@weshop/shared';
import { startStack, type Stack } from '../../server/test/support/stack';

/**
 * The h5 build in headless Chromium against the real server (fresh database, seeded demo shop,
 * WeChat sandbox): a shopper logs in as `sandbox:e2e_shopper`, browses the feed, opens a product,
 * picks a SKU and browses categories. Screenshots go to artifacts/screenshots/.
 */
jest.setTimeout(120_000);

const CHROMIUM = '/usr/bin/chromium';
const h5Dir = path.resolve(__dirname, '../dist/h5');
const shots = path.resolve(__dirname, '../../artifacts/screenshots');
const PRICE = /^¥\d+\.\d{2}$/;
const CHINESE = /[\u4e00-\u9fff]/;
const SHOPPER = 'e2e_shopper';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function api<T>(route: string, schema: { parse(data: unknown): T }, init?: RequestInit): Promise<T> {
  const res = await fetch(`${stack.baseUrl}/api/v1${route}`, init);
  expect(res.status).toBeLessThan(300);
  return schema.parse(await res.json());
}

/** Taro h5 keeps storage in localStorage as JSON `{ data }`. */
async function storedToken(): Promise<string | null> {
  const raw = await page.evaluate(() => window.localStorage.getItem('weshop.token'));
  return raw ? (JSON.parse(raw) as { data: string }).data : null;
}

async function shoot(name: string): Promise<void> {
  // Let the ~300 ms page transition and image loads settle.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: path.join(shots, name) });
}

beforeAll(async () => {
  if (!existsSync(path.join(h5Dir, 'index.html'))) {
    throw new Error(`no h5 build at ${h5Dir}: run npm run build:h5 -w miniapp`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(shots, { recursive: true });
  stack = await startStack({ label: 'miniapp_shop', seed: true, h5Dir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  // Counts zod's JIT probe (`new Function("")`), which WeChat's runtime forbids: jitless must prevent it.
  await context.addInitScript(() => {
    const Original = window.Function;
    const w = window as unknown as { __functionProbes: number };
    w.__functionProbes = 0;
    const count = (args: unknown[]) => {
      if (args.length === 0 || (args.length === 1 && args[0] === '')) w.__functionProbes++;
    };
    window.Function = new Proxy(Original, {
      construct(target, args) {
        count(args);
        return Reflect.construct(target, args) as object;
      },
      apply(target, thisArg, args) {
        count(args);
        return Reflect.apply(target, thisArg, args) as unknown;
      },
    });
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('h5 shop against the real server', () => {
  it('home: logs in as the URL’s sandbox user and shows the seeded feed with prices from fen', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/home/index?as=${SHOPPER}`);
    await page.locator('.product-card').first().waitFor({ timeout: 30_000 });

    const expected = await api('/products?sort=new&page=1&pageSize=20', ProductPage);
    expect(expected.total).toBeGreaterThanOrEqual(40);
    expect(await page.locator('.product-card').count()).toBe(20);

    const titles = await page.locator('.product-title').allTextContents();
    expect(titles.slice(0, 20)).toEqual(expected.items.map((p) => p.title));
    expect(titles.every((t) => CHINESE.test(t))).toBe(true);
    const prices = await page.locator('.product-price .price__now').allTextContents();
    expect(prices[0]).toMatch(PRICE);
    expect(prices).toEqual(expected.items.map((p) => formatFen(p.price)));

    // The browser's token belongs to sandbox user e2e_shopper (same name, same user).
    await page.waitForFunction(() => window.localStorage.getItem('weshop.token') !== null);
    const token = await storedToken();
    const me = await api('/me', UserView, { headers: { authorization: `Bearer ${token}` } });
    const direct = await api('/auth/wechat-login', WechatLoginResponse, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: `sandbox:${SHOPPER}` }),
    });
    expect(me.id).toBe(direct.user.id);

    await shoot('home.png');
  });

  it('home: loads the next page at the end of the feed, and sorts by price', async () => {
    await page.locator('.load-more').scrollIntoViewIfNeeded();
    await page.locator('.load-more').click();
    await page.waitForFunction(() => document.querySelectorAll('.product-card').length >= 40);

    const cheapest = await api('/products?sort=price_asc&page=1&pageSize=20', ProductPage);
    await page.locator('.sort-tab', { hasText: '价格' }).click();
    await expect(page.locator('.sort-tab--active').textContent()).resolves.toContain('价格');
    await page.waitForFunction(
      (first) => document.querySelector('.product-card .product-title')?.textContent === first,
      cheapest.items[0].title,
    );
    const prices = await page.locator('.product-price .price__now').allTextContents();
    expect(prices.slice(0, 20)).toEqual(cheapest.items.map((p) => formatFen(p.price)));
  });

  it('product: choosing one value per spec selects the SKU and shows its price from the API', async () => {
    // A product with at least two spec dimensions from the first page of the price-sorted feed.
    const feed = await api('/products?sort=price_asc&page=1&pageSize=20', ProductPage);
    let product: ProductDetail | null = null;
    for (const card of feed.items) {
      const detail = await api(`/products/${card.id}`, ProductDetail);
      if (detail.specs.length >= 2 && detail.skus.some((s) => s.stock > 0)) {
        product = detail;
        break;
      }
    }
    if (!product) throw new Error('the seeded feed has no product with two spec dimensions in stock');

    await page.locator(`.product-card[data-id="${product.id}"]`).click();
    await page.locator('.taro_page_stationed .sku-option').first().waitFor({ timeout: 15_000 });
    expect(page.url()).toContain(`id=${product.id}`);
    await expect(page.locator('.product-detail-title').textContent()).resolves.toBe(product.title);

    // The dearest SKU in stock, so the choice differs from the lowest price shown before choosing.
    const target = product.skus
      .filter((s) => s.stock > 0)
      .reduce((a: SkuView, b: SkuView) => (b.price > a.price ? b : a));
    const stationed = page.locator('.taro_page_stationed');
    for (const dimension of product.specs) {
      const value = target.specs[dimension.name];
      const option = stationed.locator(
        `.sku-option[data-dimension=${JSON.stringify(dimension.name)}][data-value=${JSON.stringify(value)}]`,
      );
      await option.click();
      await expect(option.getAttribute('class')).resolves.toContain('sku-option--active');
    }
    await expect(stationed.locator('.sku-selected-price').textContent()).resolves.toBe(formatFen(target.price));
    await expect(stationed.locator('.sku-selected-stock').textContent()).resolves.toBe(`库存 ${target.stock} 件`);
    await shoot('product-sku.png');
    await stationed.locator('.product__gallery').scrollIntoViewIfNeeded();
    await shoot('product.png');

    // 加入购物车 puts the chosen SKU in this shopper's cart on the server.
    await stationed.locator('.buy-bar__cart').click();
    await page.getByText('已加入购物车').first().waitFor({ timeout: 5_000 });
    const cart = await api('/cart', CartView, { headers: { authorization: `Bearer ${await storedToken()}` } });
    expect(cart.items.map((i) => [i.skuId, i.quantity])).toEqual([[target.id, 1]]);
  });

  it('category: two levels from the API; a child shows its products', async () => {
    const categories = await api('/categories', CategoryList);
    const top = categories.items.find((c) => c.children.length > 0);
    if (!top) throw new Error('the seeded shop has no second-level category');

    await page.goto(`${stack.baseUrl}/#/pages/category/index?as=${SHOPPER}`);
    await page.locator('.category-top').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('.category-top').allTextContents()).resolves.toEqual(categories.items.map((c) => c.name));
    await page.locator('.category-top', { hasText: top.name }).click();
    await expect(page.locator('.category-child__name').allTextContents()).resolves.toEqual(
      top.children.map((c) => c.name),
    );
    await shoot('category.png');

    // The first child that has products, according to the API.
    let childIndex = -1;
    let products: ProductPage | null = null;
    for (const [i, child] of top.children.entries()) {
      const list = await api(`/products?categoryId=${child.id}&sort=sales&page=1&pageSize=20`, ProductPage);
      if (list.total > 0) {
        childIndex = i;
        products = list;
        break;
      }
    }
    if (!products) throw new Error(`no products under ${top.name}`);
    await page.locator('.category-child').nth(childIndex).click();
    await page.locator('.category-products .product-card').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('.category-products .product-title').allTextContents()).resolves.toEqual(
      products.items.map((p) => p.title),
    );
    await shoot('category-products.png');
  });

  it('ran without page errors and without zod probing new Function', async () => {
    expect(pageErrors).toEqual([]);
    await expect(
      page.evaluate(() => (window as unknown as { __functionProbes: number }).__functionProbes),
    ).resolves.toBe(0);
  });
});
