import { type Page } from 'playwright-core';
import { DistributionSettings, DistributorMe, ProductDetail } from '@weshop/shared';
import { PrismaService } from '../../server/src/infra/prisma/prisma.service';
import { sandboxOpenid } from '../../server/src/sandbox/sandbox-identity';
import { http, loginAs } from '../../server/test/support/http';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * 归因 through the h5 build in headless Chromium: a shopper opens a distributor's product share "from
 * a WeChat group card" (h5 stands in with `?opengid=`: the sandbox shim seals the group data with
 * the shopper's session_key, as wx.getGroupEnterInfo would) → the launch is recorded as GROUP_CHAT
 * with the group, the shopper is bound to the distributor, and the page's events (page view,
 * product view, add to cart) reach the server in batches without holding the page up.
 * Screenshot: artifacts/screenshots/attribution-*.png.
 */
jest.setTimeout(240_000);

const DISTRIBUTOR = 'attr_h5_distributor';
const SHOPPER = 'attr_h5_shopper';
const OPENGID = 'tGh5Group_001';

let stack: Stack;
let page: Page;
let h5: H5Shop;
const pageErrors: string[] = [];
const db = () => stack.server.app.get(PrismaService).client;

async function until<T>(read: () => Promise<T | null | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_attribution', 'attribution', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => h5?.close());

it('a group card share: GROUP_CHAT visit with the group, the binding, and batched events', async () => {
  const admin = (await loginAs(stack.baseUrl, 'admin')).token;
  const current = DistributionSettings.parse(
    (await http(stack.baseUrl, 'GET', '/api/v1/admin/settings/distribution', { token: admin })).body,
  );
  const saved = await http(stack.baseUrl, 'PUT', '/api/v1/admin/settings/distribution', {
    token: admin,
    body: { ...current, enabled: true, application: { autoApprove: true, minSpend: 0 } },
  });
  expect(saved.status).toBe(200);
  const distributor = await loginAs(stack.baseUrl, DISTRIBUTOR);
  const applied = await http(stack.baseUrl, 'POST', '/api/v1/distribution/apply', {
    token: distributor.token,
    body: {},
  });
  const code = DistributorMe.parse(applied.body).code ?? '';
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);

  const sku = await db().sku.findFirstOrThrow({
    where: { stock: { gt: 0 }, product: { onShelf: true, purchaseLimit: null } },
    orderBy: { id: 'asc' },
  });
  const product = ProductDetail.parse((await http(stack.baseUrl, 'GET', `/api/v1/products/${sku.productId}`)).body);

  await page.goto(
    `${stack.baseUrl}/#/pages/product/index?id=${product.id}&ref=${code}&postId=77&opengid=${OPENGID}&as=${SHOPPER}`,
  );
  await page.reload(); // a fresh launch
  await page.locator('.taro_page_stationed .buy-bar__cart').waitFor({ timeout: 30_000 });
  const openid = sandboxOpenid(stack.config.wechat.appid, SHOPPER);
  const shopper = await until(() => db().user.findUnique({ where: { openid } }), 'the shopper’s login');
  const visit = await until(
    () => db().visit.findFirst({ where: { opengid: OPENGID }, orderBy: { id: 'desc' } }),
    'the launch with the group',
  );
  expect(visit).toMatchObject({ scene: 1044, source: 'GROUP_CHAT', ref: code, postId: 77 });
  expect(visit.userId).toBe(shopper.id);
  expect(visit.sharerId).toBe(Number(distributor.user.id));
  // The group is remembered right after the visit is written: wait for it rather than race it.
  await until(
    () => db().userWechatGroup.findFirst({ where: { userId: visit.userId!, opengid: OPENGID } }),
    'the group remembered',
  );
  expect(await db().userWechatGroup.count({ where: { userId: visit.userId!, opengid: OPENGID } })).toBe(1);
  const binding = await until(
    () => db().customerBinding.findUnique({ where: { customerId: visit.userId! } }),
    'the binding',
  );
  expect(binding.distributorId).toBe(Number(distributor.user.id));

  // Add to cart: the toast comes at once; the events follow in a batch (at most a few seconds later).
  const stationed = page.locator('.taro_page_stationed');
  for (const dimension of product.specs) {
    const value = product.skus.find((s) => s.id === String(sku.id))?.specs[dimension.name];
    await stationed
      .locator(`.sku-option[data-dimension=${JSON.stringify(dimension.name)}][data-value=${JSON.stringify(value)}]`)
      .click();
  }
  await stationed.locator('.buy-bar__cart').click();
  await page.getByText('已加入购物车').first().waitFor({ timeout: 10_000 });
  await h5.shoot('1-product-from-group');

  const events = await until(async () => {
    const rows = await db().analyticsEvent.findMany({ where: { userId: visit.userId }, orderBy: { id: 'asc' } });
    return rows.some((r) => r.type === 'ADD_TO_CART') ? rows : null;
  }, 'the batched events');
  const types = events.map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['PAGE_VIEW', 'PRODUCT_VIEW', 'ADD_TO_CART']));
  const view = events.find((e) => e.type === 'PRODUCT_VIEW')!;
  expect(view).toMatchObject({ productId: Number(product.id), postId: 77, page: 'pages/product/index' });
  expect(view.deviceId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  // The page was opened twice (goto, then reload): events carry one of those two launches' visits.
  const launches = await db().visit.findMany({
    where: { userId: visit.userId, opengid: OPENGID },
    select: { id: true },
  });
  const visitIds = new Set(launches.map((v) => v.id));
  expect(events.every((e) => e.visitId === null || visitIds.has(e.visitId))).toBe(true);
  expect(events.some((e) => e.visitId !== null)).toBe(true);
  expect(pageErrors).toEqual([]);
});
