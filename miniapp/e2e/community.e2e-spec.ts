import { type Page } from 'playwright-core';
import {
  CommentCursorPage,
  CommunityView,
  PostCursorPage,
  PostView,
  ProductPage,
  type ProductCard,
} from '@weshop/shared';
import { http, loginAs } from '../../server/test/support/http';
import { type Stack } from '../../server/test/support/stack';
import { openH5Shop, type H5Shop } from './support/h5-shop';

/**
 * 社群与内容 through the h5 build in headless Chromium against the real server and WeChat sandbox.
 * Arranged over HTTP: the shop creates a community and a shopper joins it. In the browser the
 * member opens the community page, writes a note with an uploaded image and a product tag found by
 * search, and sees 审核中 until the sandbox's image check passes (media_check_async + message push);
 * the note is then in the feed, where the member opens it, likes it, comments and replies; its
 * product tag opens the product page with the post for attribution. A text the content check
 * refuses comes back 未通过 with the reason, and the shop's admin pins the note from the community
 * console. Screenshots: artifacts/screenshots/community-*.png.
 */
jest.setTimeout(240_000);

const MEMBER = 'community_member_e2e';
const NOTE = '入手一周的真实感受：做工扎实，推荐给大家！';
const COMMENT = '请问尺码偏大吗？';
const REPLY = '正常尺码就好';
const RISKY = '违规测试词';
/** A 1×1 PNG: what the server's byte sniffing accepts as an image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let stack: Stack;
let page: Page;
const pageErrors: string[] = [];

let h5: H5Shop;
const shoot = (step: string) => h5.shoot(step);
const stationed = () => h5.stationed();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson<T>(path: string, schema: { parse(data: unknown): T }, token: string): Promise<T> {
  const res = await http(stack.baseUrl, 'GET', `/api/v1${path}`, { token });
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

/** Asks again every 300 ms until `check` holds (or fails with what it saw last). */
async function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await sleep(300);
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  h5 = await openH5Shop('miniapp_community', 'community', pageErrors);
  ({ stack, page } = h5);
}, 180_000);

afterAll(async () => {
  if (stack) {
    await http(stack.sandboxUrl, 'POST', '/sandbox/content-rules', { body: { reset: true } }).catch(() => undefined);
  }
  await h5?.close();
});

describe('a member publishes a note with a product tag, likes and comments it in the h5 mini-program', () => {
  let admin: string;
  let member: string;
  let community: CommunityView;
  let product: ProductCard;
  let post: PostView;

  it('arranged over HTTP: the shop creates a community and a shopper joins it', async () => {
    admin = (await loginAs(stack.baseUrl, 'admin')).token;
    const created = await http(stack.baseUrl, 'POST', '/api/v1/admin/communities', {
      token: admin,
      body: { name: '好物研究所', intro: '分享真实的使用体验', announcement: '本周六晚八点直播选品' },
    });
    expect(created.status).toBe(201);
    const id = CommunityView.parse(created.body).id;

    member = (await loginAs(stack.baseUrl, MEMBER)).token;
    const joined = await http(stack.baseUrl, 'POST', `/api/v1/communities/${id}/join`, {
      token: member,
      body: { source: 'LINK' },
    });
    expect(joined.status).toBe(200);
    community = await getJson(`/communities/${id}`, CommunityView, member);
    expect(community).toMatchObject({ name: '好物研究所', joined: true, myRole: 'MEMBER' });

    product = (await getJson('/products?sort=sales&pageSize=1', ProductPage, member)).items[0];
    expect(product).toBeDefined();
  });

  it('the community page shows the community to its member; 发帖 opens the editor', async () => {
    await page.goto(`${stack.baseUrl}/#/pages/community/index?id=${community.id}&as=${MEMBER}`);
    const home = page.locator(`.taro_page_stationed .community[data-id="${community.id}"]`);
    await home.waitFor({ timeout: 30_000 });
    await expect(home.getAttribute('data-joined')).resolves.toBe('1');
    await expect(stationed().locator('.community__name').textContent()).resolves.toBe('好物研究所');
    await expect(stationed().locator('.community__intro').textContent()).resolves.toBe('分享真实的使用体验');
    await expect(stationed().locator('.community__announcement-text').textContent()).resolves.toBe(
      '本周六晚八点直播选品',
    );
    await expect(stationed().locator('.community__members').textContent()).resolves.toBe(String(community.memberCount));
    await stationed().locator('.empty').waitFor({ timeout: 15_000 });
    await shoot('1-community');

    await stationed().locator('.community__post').click();
    await page.locator('.taro_page_stationed .editor[data-type="NOTE"]').waitFor({ timeout: 30_000 });
  });

  it('publishes a note with an uploaded image and a tagged product: 审核中 until the image check passes', async () => {
    // Checked in the page first: an empty text never reaches the server.
    await stationed().locator('.editor-publish').click();
    await stationed().locator('.editor-error[data-field="text"]').waitFor({ timeout: 10_000 });
    await expect(stationed().locator('.editor-error[data-field="text"]').textContent()).resolves.toBe('请写点内容');

    await stationed().locator('.editor-text textarea').fill(NOTE);

    // 图片: the h5 file picker, then POST /uploads (multipart) through Taro.uploadFile.
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 });
    await stationed().locator('.media-images__add').click();
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await stationed().locator('.media-images[data-count="1"]').waitFor({ timeout: 30_000 });

    // 关联商品: search the catalog by title and pick the product.
    await stationed().locator('.editor-products__add').click();
    await stationed().locator('.product-picker__input input').fill(product.title);
    await stationed().locator('.product-picker__go').click();
    await stationed().locator(`.product-picker__item[data-id="${product.id}"]`).click();
    await stationed().locator(`.editor-product[data-id="${product.id}"]`).waitFor({ timeout: 10_000 });
    await stationed().locator('.product-picker__close').click();
    await expect(stationed().locator('.editor-product').count()).resolves.toBe(1);
    await shoot('2-editor');

    await stationed().locator('.editor-publish').click();
    // Text passed msg_sec_check; the image waits for media_check_async's answer.
    const outcome = stationed().locator('.editor-outcome');
    await outcome.waitFor({ timeout: 30_000 });
    await expect(outcome.getAttribute('data-status')).resolves.toBe('IN_REVIEW');
    await expect(stationed().locator('.editor-outcome__title').textContent()).resolves.toBe('审核中');
    await shoot('3-in-review');

    const mine = await getJson('/posts?feed=mine', PostCursorPage, member);
    expect(mine.items).toHaveLength(1);
    // The sandbox pushes the image's result (pass) by message push: the note goes out by itself.
    post = await until(
      'the note after its image check',
      () => getJson(`/posts/${mine.items[0].id}`, PostView, member),
      (p) => p.status === 'PUBLISHED',
    );
    expect(post).toMatchObject({ communityId: community.id, type: 'NOTE', text: NOTE, rejectReason: null });
    expect(post.products.map((p) => p.id)).toEqual([product.id]);
    expect(post.images).toHaveLength(1);
    expect(post.images[0]).toMatch(/^http:\/\/.+\/media\/uploads\/\d{6}\/[0-9a-f]{24}\.png$/);
  });

  it('the note is in the community feed; the member opens it, likes it, comments and replies', async () => {
    // Back on the community page, which loads its feed again when shown.
    await page.goBack();
    const card = page.locator(`.taro_page_stationed .post-card[data-id="${post.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    await expect(card.getAttribute('data-status')).resolves.toBe('PUBLISHED');
    await expect(card.locator('.post-card__text').textContent()).resolves.toBe(NOTE);
    await expect(card.locator('.post-card__product').textContent()).resolves.toContain(product.title);
    await shoot('4-feed');

    await card.click();
    const detail = page.locator(`.taro_page_stationed .post-page[data-id="${post.id}"]`);
    await detail.waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.post-body__text').textContent()).resolves.toBe(NOTE);
    await stationed().locator(`.post-product[data-id="${product.id}"]`).waitFor({ timeout: 10_000 });
    await page.waitForFunction(
      () => {
        const img = document.querySelector('.taro_page_stationed .post-body__image img') as HTMLImageElement | null;
        return Boolean(img && img.complete && img.naturalWidth > 0);
      },
      undefined,
      { timeout: 15_000 },
    );

    await stationed().locator('.post-like').click();
    await stationed().locator('.post-like[data-liked="1"]').waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.post-like__count').textContent()).resolves.toBe('1');

    await stationed().locator('.comment-box__input input').fill(COMMENT);
    await stationed().locator('.comment-box__send').click();
    const comment = stationed().locator('.comment').filter({ hasText: COMMENT });
    await comment.waitFor({ timeout: 15_000 });

    await comment.locator('.comment__reply').first().click();
    await stationed().locator('.comment-box__replying').waitFor({ timeout: 10_000 });
    await stationed().locator('.comment-box__input input').fill(REPLY);
    await stationed().locator('.comment-box__send').click();
    await comment.locator('.comment-reply').filter({ hasText: REPLY }).waitFor({ timeout: 15_000 });
    await expect(stationed().locator('.comment-box__replying').count()).resolves.toBe(0);
    await shoot('5-post-liked-commented');

    // The server agrees: liked once, one comment with its reply (one level). The author's own visits
    // are not views.
    const seen = await getJson(`/posts/${post.id}`, PostView, member);
    expect(seen).toMatchObject({ liked: true, favourited: false });
    expect(seen.counts).toMatchObject({ likes: 1, views: 0 });
    const comments = await getJson(`/posts/${post.id}/comments`, CommentCursorPage, member);
    expect(comments.items.map((c) => [c.text, c.replyCount, c.replies.map((r) => r.text)])).toEqual([
      [COMMENT, 1, [REPLY]],
    ]);
  });

  it('the product tag opens the product page with the post for attribution', async () => {
    await stationed().locator(`.post-product[data-id="${product.id}"]`).click();
    await page.locator('.taro_page_stationed .buy-bar__buy').waitFor({ timeout: 30_000 });
    expect(decodeURIComponent(page.url())).toContain(`id=${product.id}`);
    expect(decodeURIComponent(page.url())).toContain(`postId=${post.id}`);
    await shoot('6-product-from-post');
  });

  it('a text the content check refuses comes back 未通过 with its reason', async () => {
    const rules = await http(stack.sandboxUrl, 'POST', '/sandbox/content-rules', { body: { risky: [RISKY] } });
    expect(rules.status).toBe(200);
    await page.goto(`${stack.baseUrl}/#/subpackages/community/editor/index?communityId=${community.id}`);
    const text = page.locator('.taro_page_stationed .editor-text textarea');
    await text.waitFor({ timeout: 30_000 });
    await text.fill(`这里有${RISKY}的内容`);
    await stationed().locator('.editor-publish').click();
    const outcome = stationed().locator('.editor-outcome[data-status="REJECTED"]');
    await outcome.waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.editor-outcome__title').textContent()).resolves.toBe('未通过');
    await expect(stationed().locator('.editor-outcome__detail').textContent()).resolves.toMatch(/^原因：.+/);
    await shoot('7-rejected');

    const mine = await getJson('/posts?feed=mine', PostCursorPage, member);
    const rejected = mine.items.find((p) => p.id !== post.id);
    expect(rejected).toMatchObject({ status: 'REJECTED' });
    await expect(stationed().locator('.editor-outcome__detail').textContent()).resolves.toBe(
      `原因：${rejected?.rejectReason}`,
    );
  });

  it('the shop’s admin pins the note from the community console; it leads the feed and counts a view', async () => {
    await page.goto(`${stack.baseUrl}/#/subpackages/admin/community/index?id=${community.id}&as=admin`);
    await page.reload();
    await page.locator('.taro_page_stationed .moderation[data-tab="IN_REVIEW"]').waitFor({ timeout: 30_000 });
    await stationed().locator('.admin-tab[data-tab="PUBLISHED"]').click();
    const card = page.locator(`.taro_page_stationed .moderation-card[data-id="${post.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.locator('.moderation-pin').click();
    await until(
      'the pinned note',
      () => getJson(`/communities/${community.id}/posts`, PostCursorPage, admin),
      (feed) => feed.items[0]?.id === post.id && feed.items[0].pinned,
    );
    await card.locator('.moderation-pin', { hasText: '取消置顶' }).waitFor({ timeout: 15_000 });
    await shoot('8-console-pinned');

    await page.goto(`${stack.baseUrl}/#/pages/community/index?id=${community.id}`);
    const first = page.locator('.taro_page_stationed .post-card').first();
    await first.waitFor({ timeout: 30_000 });
    await expect(first.getAttribute('data-id')).resolves.toBe(post.id);
    await expect(first.locator('.post-card__pinned').textContent()).resolves.toBe('置顶');
    await shoot('9-feed-pinned');

    // Another reader opens it: the server counts the view on GET; the page shows the member's like and comment.
    await first.click();
    await page.locator(`.taro_page_stationed .post-page[data-id="${post.id}"]`).waitFor({ timeout: 30_000 });
    await expect(stationed().locator('.post-body__views').textContent()).resolves.toBe('浏览 1');
    await expect(stationed().locator('.post-like[data-liked="0"] .post-like__count').textContent()).resolves.toBe('1');
    await stationed().locator('.comment').filter({ hasText: COMMENT }).waitFor({ timeout: 15_000 });
    await shoot('10-post-as-reader');
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
