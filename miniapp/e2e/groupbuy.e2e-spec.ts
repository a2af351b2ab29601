import { type Page } from 'playwright-core';
import {
  CampaignResultPage,
  CampaignResultView,
  formatFen,
  GroupBuyCampaignView,
  GroupView,
  MyGroupPage,
  OrderPage,
  OrderPreview,
  OrderView,
} from '@weshop/shared';
import { z } from 'zod';
import { http, loginAs } from '../../server/test/support/http';
import { shop } from '../../server/test/support/shop';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * 拼团 through the h5 build in headless Chromium against the real server and WeChat sandbox.
 * Arranged over HTTP: the admin creates a campaign for groups of 2 (group price ¥80.00, 团长价
 * ¥70.00); the leader opens a group and pays through the sandbox. In the browser a friend sees the
 * open group on the product page, opens the group's share link, taps 我也要参团, confirms at the
 * server's group price, pays in the sandbox sheet and lands on the group page: SUCCEEDED, and the
 * friend's order 待发货. Then 我的拼团 lists it, and the manager console shows the campaign's results
 * and creates and stops another campaign through its form.
 * Screenshots: artifacts/screenshots/groupbuy-*.png.
 */
jest.setTimeout(240_000);

const LEADER = 'gb_leader_e2e';
const FRIEND = 'gb_friend_e2e';
const GROUP_PRICE = 8_000;
const LEADER_PRICE = 7_000;

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

let h5: H5Shop;
const shoot = (step: string) => h5.shoot(step);
const stationed = () => h5.stationed();
const browserToken = () => h5.browserToken();

async function getJson<T>(path: string, schema: { parse(data: unknown): T }, token?: string): Promise<T> {
  const res = await http(stack.baseUrl, 'GET', `/api/v1${path}`, { token });
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_groupbuy', 'groupbuy', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => h5?.close());

describe('joining a group through its share link in the h5 mini-program', () => {
  let admin: string;
  let campaign: CampaignResultView;
  let sku: { skuId: string; productId: string; price: number };
  let leaderOrder: OrderView;
  let groupId: string;
  let friend: string;
  let friendAddressId: string;

  it('arranged over HTTP: a campaign for groups of 2; the leader opens a group and pays', async () => {
    admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const given = shop(stack);
    sku = await given.skuWithStock(20, 10_000);
    const now = Date.now();
    const created = await http(stack.baseUrl, 'POST', '/api/v1/admin/groupbuys/campaigns', {
      token: admin,
      body: {
        title: '双人拼团',
        productId: sku.productId,
        skus: [{ skuId: sku.skuId, groupPrice: GROUP_PRICE, leaderPrice: LEADER_PRICE }],
        groupSize: 2,
        durationMinutes: 60,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 7 * 86_400_000).toISOString(),
        quota: 100,
      },
    });
    if (created.status === 404) throw new Error('POST /api/v1/admin/groupbuys/campaigns is missing (404)');
    expect(created.status).toBe(201);
    campaign = CampaignResultView.parse(created.body);
    expect(campaign).toMatchObject({ status: 'ACTIVE', groupSize: 2, quotaUsed: 0 });

    const leader = (await loginAs(stack.baseUrl, LEADER)).token;
    const opened = await given.order(leader, {
      items: [{ skuId: sku.skuId, quantity: 1 }],
      addressId: await given.addressFor(leader),
      groupBuy: { campaignId: campaign.id },
    });
    expect(opened.status).toBe(201);
    leaderOrder = OrderView.parse(opened.body);
    expect(leaderOrder).toMatchObject({ kind: 'GROUP_BUY', status: 'PENDING_PAYMENT' });
    await given.pay(leader, leaderOrder.id);
    leaderOrder = OrderView.parse(await given.waitForStatus(leader, leaderOrder.id, ['GROUPING']));
    expect(leaderOrder.lines[0].unitPrice).toBe(LEADER_PRICE);

    // The group exists from the leader's payment: 我的拼团 names it by the order.
    const mine = await getJson('/groupbuys/mine', MyGroupPage, leader);
    const group = mine.items.find((g) => g.myOrderId === leaderOrder.id);
    expect(group).toMatchObject({ status: 'FORMING', size: 2, seatsLeft: 1, campaignId: campaign.id });
    groupId = group!.id;

    friend = (await loginAs(stack.baseUrl, FRIEND)).token;
    friendAddressId = await given.addressFor(friend);
  });

  // A group opened less than a second ago still shows its full hour (seconds are rounded up).
  const WITHIN_THE_HOUR = /^(00:5\d:\d\d|01:00:00)$/;

  it('the product page shows the group price, 团长价 and the leader’s open group with a countdown', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/product/index?id=${sku.productId}&as=${FRIEND}`);
    const block = page.locator(`.taro_page_stationed .group-buy[data-campaign="${campaign.id}"]`);
    await block.waitFor({ timeout: 30_000 });
    await expect(block.locator('.group-buy__tag').textContent()).resolves.toBe('2人团');
    await expect(block.locator('.group-buy__price').textContent()).resolves.toBe(formatFen(GROUP_PRICE));
    await expect(block.locator('.group-buy__leader').textContent()).resolves.toBe(`团长价 ${formatFen(LEADER_PRICE)}`);
    const open = block.locator(`.open-group[data-id="${groupId}"]`);
    await open.waitFor({ timeout: 15_000 });
    await expect(open.locator('.open-group__seats').textContent()).resolves.toBe('还差1人');
    await expect(open.locator('.group-countdown').textContent()).resolves.toMatch(WITHIN_THE_HOUR);
    await block.scrollIntoViewIfNeeded();
    await shoot('1-product');
  });

  it('the share link opens the group: FORMING, the leader and one empty seat, a countdown, 我也要参团', async () => {
    // A fresh launch on the shared path (a hash change alone would not restart the app).
    await page.goto(`${stack.baseUrl}/#/subpackages/groupbuy/group/index?id=${groupId}&as=${FRIEND}`);
    await page.reload();
    const groupPage = page.locator('.taro_page_stationed .group-page[data-status="FORMING"]');
    await groupPage.waitFor({ timeout: 30_000 });
    await expect(groupPage.locator('.group-status__text').textContent()).resolves.toBe('拼团中');
    await expect(groupPage.locator('.group-status__hint').textContent()).resolves.toBe('还差1人成团');
    await expect(groupPage.locator('.group-status__countdown').textContent()).resolves.toMatch(WITHIN_THE_HOUR);
    await expect(groupPage.locator('.group-seat--member').count()).resolves.toBe(1);
    await expect(groupPage.locator('.group-seat--member').getAttribute('data-leader')).resolves.toBe('1');
    await expect(groupPage.locator('.group-seat--empty').count()).resolves.toBe(1);
    // A visitor: no own order, no invitation, the join button.
    await expect(groupPage.locator('.group-my-order').count()).resolves.toBe(0);
    await groupPage.locator('.group-join').waitFor({ timeout: 15_000 });
    await groupPage.locator('.group-product__price').waitFor({ timeout: 15_000 });
    await expect(groupPage.locator('.group-product__price').textContent()).resolves.toBe(
      `拼团价 ${formatFen(GROUP_PRICE)}`,
    );
    await shoot('2-group-visitor');
  });

  it('我也要参团 opens 确认订单 with the join choice and the server’s group price', async () => {
    await stationed().locator('.group-join').click();
    const note = page.locator('.taro_page_stationed .gb-note[data-mode="join"]');
    await note.waitFor({ timeout: 15_000 });
    expect(page.url()).toContain(`gb=${campaign.id}&group=${groupId}`);
    await stationed().locator('.breakdown__row--payable').waitFor({ timeout: 15_000 });

    const preview = await http(stack.baseUrl, 'POST', '/api/v1/orders/preview', {
      token: friend,
      body: {
        items: [{ skuId: sku.skuId, quantity: 1 }],
        addressId: friendAddressId,
        groupBuy: { campaignId: campaign.id, groupId },
      },
    });
    expect(preview.status).toBe(200);
    const priced = OrderPreview.parse(preview.body);
    expect(priced.lines[0]).toMatchObject({ unitPrice: GROUP_PRICE, skuPrice: 10_000 });
    await expect(note.locator('.gb-note__price-value').textContent()).resolves.toBe(`${formatFen(GROUP_PRICE)} × 1`);
    await expect(note.locator('.gb-note__price-single').textContent()).resolves.toBe(`单买 ${formatFen(10_000)}`);
    await note.locator('.gb-note__seats').waitFor({ timeout: 15_000 });
    await expect(note.locator('.gb-note__seats').textContent()).resolves.toBe('还差1人');
    await expect(stationed().locator('.confirm-bar__payable').textContent()).resolves.toBe(formatFen(priced.payable));
    await expect(stationed().locator('.confirm__error').count()).resolves.toBe(0);
    await shoot('3-confirm');
  });

  it('pays in the sandbox sheet and lands on the group page: SUCCEEDED, the order 待发货', async () => {
    await stationed().locator('.confirm-bar__submit').click();
    await page.locator('.taro_page_stationed .sandbox-pay__confirm').waitFor({ timeout: 15_000 });
    const token = await browserToken();
    const pending = await getJson('/orders?status=PENDING_PAYMENT', OrderPage, token);
    expect(pending.items.map((o) => [o.kind, o.lines[0].unitPrice])).toEqual([['GROUP_BUY', GROUP_PRICE]]);
    const friendOrderId = pending.items[0].id;
    await expect(stationed().locator('.sandbox-pay__amount').textContent()).resolves.toBe(
      formatFen(pending.items[0].payable),
    );
    await shoot('4-pay-sheet');

    await stationed().locator('.sandbox-pay__confirm').click();
    // pay-result waits for the server, then goes on to the group.
    const groupPage = page.locator('.taro_page_stationed .group-page[data-status="SUCCEEDED"]');
    await groupPage.waitFor({ timeout: 45_000 });
    expect(page.url()).toContain(`/subpackages/groupbuy/group/index?id=${groupId}`);
    await expect(groupPage.locator('.group-status__text').textContent()).resolves.toBe('拼团成功');
    await expect(groupPage.locator('.group-seat--member').count()).resolves.toBe(2);
    await expect(groupPage.locator('.group-seat--empty').count()).resolves.toBe(0);
    await expect(groupPage.locator('.group-join').count()).resolves.toBe(0);
    await shoot('5-group-succeeded');

    await groupPage.locator('.group-my-order').click();
    await page.locator('.taro_page_stationed .detail-status[data-status="TO_SHIP"]').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.detail-status__text').textContent()).resolves.toBe('待发货');
    await shoot('6-order');

    // The server agrees: both orders moved on together, the group is full and succeeded.
    const group = await getJson(`/groupbuys/groups/${groupId}`, GroupView, token);
    expect(group).toMatchObject({ status: 'SUCCEEDED', seatsLeft: 0, myOrderId: friendOrderId, simulated: false });
    expect(group.members.map((m) => m.isLeader)).toEqual([true, false]);
    const orders = await getJson('/orders', OrderPage, token);
    expect(orders.items.map((o) => [o.id, o.kind, o.status])).toEqual([[friendOrderId, 'GROUP_BUY', 'TO_SHIP']]);
    const leader = (await loginAs(stack.baseUrl, LEADER)).token;
    const leaderNow = await getJson(`/orders/${leaderOrder.id}`, OrderView, leader);
    expect(leaderNow.status).toBe('TO_SHIP');
  });

  it('我的 → 我的拼团 lists the group under 拼团成功', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/me/index`);
    await page.locator('.taro_page_stationed .me-groupbuys').waitFor({ timeout: 30_000 });
    await stationed().locator('.me-groupbuys').click();
    const card = page.locator(`.taro_page_stationed .my-group[data-id="${groupId}"]`);
    await card.waitFor({ timeout: 15_000 });
    await expect(card.getAttribute('data-status')).resolves.toBe('SUCCEEDED');
    await expect(card.locator('.my-group__status').textContent()).resolves.toBe('拼团成功');
    await stationed().locator('.my-groups__tab[data-tab="FORMING"]').click();
    await page.locator('.taro_page_stationed .empty').waitFor({ timeout: 15_000 });
    await stationed().locator('.my-groups__tab[data-tab="SUCCEEDED"]').click();
    await card.waitFor({ timeout: 15_000 });
    await shoot('7-my-groups');
  });

  it('the manager console shows the campaign’s results', async () => {
    const results = await getJson('/admin/groupbuys/campaigns?status=ACTIVE', CampaignResultPage, admin);
    const result = results.items.find((c) => c.id === campaign.id);
    expect(result).toMatchObject({
      groups: { forming: 0, succeeded: 1, failed: 0 },
      successRateBp: 10_000,
      quotaUsed: 2,
      paidOrders: 2,
    });

    await page.goto(`${stack.baseUrl}/#/subpackages/admin/groupbuys/index?as=admin`);
    await page.reload();
    const card = page.locator(`.taro_page_stationed .admin-campaign[data-id="${campaign.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    const stat = (kind: string) => card.locator(`.campaign-stat--${kind} .campaign-stat__value`).textContent();
    await expect(stat('succeeded')).resolves.toBe('1');
    await expect(stat('forming')).resolves.toBe('0');
    await expect(stat('failed')).resolves.toBe('0');
    await expect(stat('rate')).resolves.toBe('100%');
    await expect(stat('quota')).resolves.toBe(`2/100`);
    await expect(stat('orders')).resolves.toBe('2');
    await expect(stat('gmv')).resolves.toBe(formatFen(result!.gmv));
    await shoot('8-admin-results');
  });

  it('the console’s form creates a campaign with the product’s SKUs, and 停用 stops it', async () => {
    const other = await shop(stack).skuWithStock(10);
    const before = await getJson('/admin/groupbuys/campaigns', CampaignResultPage, admin);

    await stationed().locator('.admin-campaign__create').click();
    const form = stationed().locator('.campaign-form');
    await form.locator('.console-field[data-path="productId"] input').fill(other.productId);
    await form.locator('.campaign-form__load').click();
    await form.locator('.campaign-form__product').waitFor({ timeout: 15_000 });
    const included = await form.locator('.campaign-sku:not(.campaign-sku--off)').count();
    expect(included).toBeGreaterThan(0);
    for (let i = 0; i < included; i += 1) {
      await form.locator(`.console-field[data-path="skus.${i}.groupPrice"] input`).fill('1');
    }
    await form.locator('.console-field[data-path="title"] input').fill('三人成团 e2e');
    await form.locator('.console-field[data-path="groupSize"] .admin-chip[data-value="3"]').click();
    await form.locator('.admin-chip[data-value="60"]').click();
    await form.locator('.console-field[data-path="quota"] input').fill('30');
    await form.scrollIntoViewIfNeeded();
    await shoot('9-admin-form');
    await form.locator('.campaign-form__submit').click();
    await page.locator('.taro_page_stationed .campaign-form').waitFor({ state: 'detached', timeout: 15_000 });

    const after = await getJson('/admin/groupbuys/campaigns', CampaignResultPage, admin);
    const fresh = after.items.filter((c) => !before.items.some((b) => b.id === c.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({
      title: '三人成团 e2e',
      productId: other.productId,
      groupSize: 3,
      quota: 30,
      status: 'ACTIVE',
    });
    const shopView = await getJson(`/groupbuys/campaigns/${fresh[0].id}`, GroupBuyCampaignView);
    expect(shopView.durationMinutes).toBe(60);
    expect(shopView.skus.map((s) => s.groupPrice)).toEqual(Array(included).fill(100));
    expect(shopView.skus.map((s) => s.skuId)).toContain(other.skuId);

    const card = page.locator(`.taro_page_stationed .admin-campaign[data-id="${fresh[0].id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.locator('.admin-campaign__disable').click();
    await page.locator('.taro-model__confirm').click();
    await card.waitFor({ state: 'detached', timeout: 15_000 });
    const disabled = await getJson('/admin/groupbuys/campaigns?status=DISABLED', CampaignResultPage, admin);
    expect(disabled.items.map((c) => c.id)).toEqual([fresh[0].id]);
    const active = z
      .array(GroupBuyCampaignView)
      .parse((await http(stack.baseUrl, 'GET', '/api/v1/groupbuys/campaigns')).body);
    expect(active.map((c) => c.id)).not.toContain(fresh[0].id);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
