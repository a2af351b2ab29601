import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encryptPushMessage, pushSignature } from '../../src/content/message-push/push-crypto';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { placeholderPng } from '../../src/media/placeholder-image';
import { http, loginAs } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/**
 * 内容 over HTTP against the WeChat sandbox: content security before publication (keyword list,
 * msg_sec_check, media_check_async with its encrypted message-push callback), moderation,
 * scheduled posts (delayed job and sweeper), likes, favourites, comments with replies, views,
 * reports, cursor feeds, authorization, product tags with the distributor's ref, and uploads.
 */

let stack: Stack;
let uploadDir: string;
let admin: string;
const users: Record<string, { token: string; id: string }> = {};
let a: string; // community A (mgr-a)
let b: string; // community B (mgr-b)
let productIds: string[];

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
const as = (name: string) => users[name].token;
const sandbox = (method: string, path: string, body?: unknown) => http(stack.sandboxUrl, method, path, { body });
const db = () => stack.server.app.get(PrismaService).client;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let unique = 0;
const imageUrl = (name: string) => `https://img.example.com/${name}-${++unique}.png`;

function expectError(result: { status: number; body: any }, status: number, code: string) {
  expect({ status: result.status, code: result.body?.error?.code }).toEqual({ status, code });
}

async function post(name: string, body: Record<string, unknown>) {
  const result = await call('POST', '/api/v1/posts', as(name), { communityId: a, type: 'NOTE', ...body });
  expect(result.status).toBe(201);
  return result.body;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

const statusOf = async (id: string, who = 'author') => (await call('GET', `/api/v1/posts/${id}`, as(who))).body;
const feedIds = async (communityId: string, who = 'reader') => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: any = await call(
      'GET',
      `/api/v1/communities/${communityId}/posts?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      as(who),
    );
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((p: any) => p.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
};

beforeAll(async () => {
  uploadDir = mkdtempSync(path.join(tmpdir(), 'weshop-uploads-'));
  stack = await startStack({
    label: 'posts',
    seed: true,
    env: {
      UPLOAD_DIR: uploadDir,
      UPLOAD_MAX_IMAGE_BYTES: '65536',
      UPLOAD_MAX_VIDEO_BYTES: '131072',
      SWEEP_INTERVAL_SECONDS: '1',
    },
  });
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  for (const name of ['mgr-a', 'mgr-b', 'author', 'reader', 'reader-2', 'kol', 'stranger']) {
    const login = await loginAs(stack.baseUrl, name);
    users[name] = { token: login.token, id: String(login.user.id) };
  }
  a = (await call('POST', '/api/v1/admin/communities', admin, { name: '社群A' })).body.id;
  b = (await call('POST', '/api/v1/admin/communities', admin, { name: '社群B' })).body.id;
  await call('POST', `/api/v1/admin/communities/${a}/managers`, admin, { userId: users['mgr-a'].id });
  await call('POST', `/api/v1/admin/communities/${b}/managers`, admin, { userId: users['mgr-b'].id });
  for (const name of ['author', 'reader', 'reader-2', 'kol'])
    await call('POST', `/api/v1/communities/${a}/join`, as(name));
  const products = await db().product.findMany({ where: { onShelf: true }, orderBy: { id: 'asc' }, take: 3 });
  productIds = products.map((p) => String(p.id));
  await sandbox('POST', '/sandbox/content-rules', { risky: ['违禁广告词'], review: ['敏感话题'] });
});
afterAll(async () => {
  await stack?.close();
  rmSync(uploadDir, { recursive: true, force: true });
});

describe('publishing through content security', () => {
  it('publishes a clean note at once: in the community feed, the discover feed and the count', async () => {
    const created = await post('author', { title: '开箱', text: '今天的好物分享', productIds: [productIds[0]] });
    expect(created).toMatchObject({ status: 'PUBLISHED', rejectReason: null, reviewReason: null, communityId: a });
    expect(created.publishedAt).not.toBeNull();
    expect(created.author).toMatchObject({ id: users.author.id, isDistributor: false });
    expect(await feedIds(a)).toContain(created.id);
    const discover = await call('GET', '/api/v1/posts?feed=discover', as('reader'));
    expect(discover.body.items.map((p: any) => p.id)).toContain(created.id);
    expect((await call('GET', `/api/v1/communities/${a}`, as('reader'))).body.postCount).toBeGreaterThanOrEqual(1);
  });

  it('rejects a post with a word from the local keyword list, before asking WeChat', async () => {
    const created = await post('author', { text: '本店可代 开 发 票，欢迎咨询' });
    expect(created).toMatchObject({ status: 'REJECTED', rejectReason: '包含违禁词「代开发票」', publishedAt: null });
    expect(await feedIds(a)).not.toContain(created.id);
    expectError(await call('GET', `/api/v1/posts/${created.id}`, as('reader')), 404, 'POST_NOT_FOUND');
  });

  it('rejects a post msg_sec_check calls risky (the title is checked too)', async () => {
    const risky = await post('author', { text: '快来看看违禁广告词' });
    expect(risky.status).toBe('REJECTED');
    expect(risky.rejectReason).toMatch(/^内容安全检测未通过/);
    const riskyTitle = await post('author', { type: 'ARTICLE', title: '违禁广告词合集', text: '正文没问题' });
    expect(riskyTitle.status).toBe('REJECTED');
    expect(await feedIds(a)).not.toEqual(expect.arrayContaining([risky.id]));
  });

  it('sends a post WeChat wants reviewed to the manager queue, not the feed; the manager approves it', async () => {
    const held = await post('author', { text: '聊聊敏感话题' });
    expect(held).toMatchObject({ status: 'IN_REVIEW', reviewReason: '文本需人工审核（其他）' });
    expect(await feedIds(a)).not.toContain(held.id);
    expectError(await call('GET', `/api/v1/posts/${held.id}`, as('reader')), 404, 'POST_NOT_FOUND');
    const queue = await call('GET', `/api/v1/manage/communities/${a}/posts?status=IN_REVIEW`, as('mgr-a'));
    expect(queue.body.items.map((p: any) => p.id)).toContain(held.id);
    // The manager of B neither sees A's queue nor reaches A's post through B.
    expectError(await call('GET', `/api/v1/manage/communities/${a}/posts`, as('mgr-b')), 403, 'COMMUNITY_NOT_MANAGER');
    expectError(
      await call('POST', `/api/v1/manage/communities/${a}/posts/${held.id}/approve`, as('mgr-b')),
      403,
      'COMMUNITY_NOT_MANAGER',
    );
    expectError(
      await call('POST', `/api/v1/manage/communities/${b}/posts/${held.id}/approve`, as('mgr-b')),
      404,
      'POST_NOT_FOUND',
    );
    const approved = await call('POST', `/api/v1/manage/communities/${a}/posts/${held.id}/approve`, as('mgr-a'));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'PUBLISHED', reviewReason: null });
    expect(await feedIds(a)).toContain(held.id);
    expectError(
      await call('POST', `/api/v1/manage/communities/${a}/posts/${held.id}/approve`, as('mgr-a')),
      409,
      'POST_STATE_CONFLICT',
    );
  });

  it('a manager rejects and removes; the post leaves the feed', async () => {
    const one = await post('author', { text: '普通内容一' });
    const rejected = await call('POST', `/api/v1/manage/communities/${a}/posts/${one.id}/reject`, as('mgr-a'), {
      reason: '与社群无关',
    });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', rejectReason: '与社群无关' });
    const two = await post('author', { text: '普通内容二' });
    const removed = await call('POST', `/api/v1/manage/communities/${a}/posts/${two.id}/remove`, as('mgr-a'), {});
    expect(removed.body).toMatchObject({ status: 'REMOVED', rejectReason: '违反社群规范' });
    const feed = await feedIds(a);
    expect(feed).not.toContain(one.id);
    expect(feed).not.toContain(two.id);
    expectError(
      await call('PATCH', `/api/v1/posts/${two.id}`, as('author'), { text: '改一下' }),
      409,
      'POST_NOT_EDITABLE',
    );
  });
});

describe('images through media_check_async and message push', () => {
  it('holds a post until every image result arrives, then publishes it', async () => {
    await sandbox('POST', '/sandbox/content-rules', { mediaDelayMs: 1200 });
    const created = await post('author', { text: '两张图', images: [imageUrl('ok'), imageUrl('ok')] });
    expect(created).toMatchObject({ status: 'IN_REVIEW', reviewReason: null });
    const checks = await db().mediaCheck.findMany({ where: { postId: Number(created.id) } });
    expect(checks).toHaveLength(2);
    expect(checks.every((c) => c.result === 'PENDING')).toBe(true);
    const published = await waitFor(
      () => statusOf(created.id),
      (p) => p.status === 'PUBLISHED',
    );
    expect(published.reviewReason).toBeNull();
    const deliveries = (await sandbox('GET', '/sandbox/push/deliveries')).body.items.filter((d: any) =>
      checks.some((c) => c.traceId === d.traceId),
    );
    expect(deliveries.map((d: any) => [d.status, d.body])).toEqual([
      [200, 'success'],
      [200, 'success'],
    ]);
  });

  it('rejects a post when the callback says an image is risky', async () => {
    const bad = imageUrl('bad');
    await sandbox('POST', '/sandbox/content-rules', { mediaUrls: { [bad]: 'risky' }, mediaDelayMs: 800 });
    const created = await post('author', { text: '有一张图有问题', images: [imageUrl('ok'), bad] });
    expect(created.status).toBe('IN_REVIEW');
    const rejected = await waitFor(
      () => statusOf(created.id),
      (p) => p.status === 'REJECTED',
    );
    expect(rejected.rejectReason).toBe('图片未通过内容安全检测');
    expect(await feedIds(a)).not.toContain(created.id);
  });

  it('keeps a post whose image needs review in the manager queue', async () => {
    const unsure = imageUrl('unsure');
    await sandbox('POST', '/sandbox/content-rules', { mediaUrls: { [unsure]: 'review' }, mediaDelayMs: 100 });
    const created = await post('author', { text: '这张图需要看看', images: [unsure] });
    const held = await waitFor(
      () => statusOf(created.id),
      (p) => p.reviewReason !== null,
    );
    expect(held).toMatchObject({ status: 'IN_REVIEW', reviewReason: '图片需人工审核' });
  });

  it('an edit that keeps checked images reuses their results; a new image is checked', async () => {
    await sandbox('POST', '/sandbox/content-rules', { mediaDelayMs: 100 });
    const first = imageUrl('keep');
    const created = await post('author', { text: '原文', images: [first] });
    await waitFor(
      () => statusOf(created.id),
      (p) => p.status === 'PUBLISHED',
    );
    const edited = await call('PATCH', `/api/v1/posts/${created.id}`, as('author'), { text: '改过的正文' });
    expect(edited.body).toMatchObject({ status: 'PUBLISHED', text: '改过的正文' });
    expect(await db().mediaCheck.count({ where: { postId: Number(created.id) } })).toBe(1);
    const second = imageUrl('new');
    const withNew = await call('PATCH', `/api/v1/posts/${created.id}`, as('author'), { images: [first, second] });
    expect(withNew.body.status).toBe('IN_REVIEW');
    await waitFor(
      () => statusOf(created.id),
      (p) => p.status === 'PUBLISHED',
    );
    expect(
      (await db().mediaCheck.findMany({ where: { postId: Number(created.id) } })).map((c) => c.url).sort(),
    ).toEqual([first, second].sort());
  });

  it('a video post waits for a manager (no machine check covers video)', async () => {
    const created = await post('author', {
      type: 'VIDEO',
      text: '视频笔记',
      videoUrl: 'https://video.example.com/v.mp4',
    });
    expect(created).toMatchObject({ status: 'IN_REVIEW', reviewReason: '视频需人工审核' });
  });
});

describe('the message-push endpoint', () => {
  const push = '/api/v1/wechat/message-push';
  const token = () => stack.config.wechat.messagePush.token;
  const aesKey = () => stack.config.wechat.messagePush.encodingAesKey;
  const signedQuery = (encrypt: string, overrides: Record<string, string> = {}) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '12345';
    return new URLSearchParams({
      signature: pushSignature(token(), timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: pushSignature(token(), timestamp, nonce, encrypt),
      ...overrides,
    });
  };
  const send = (query: URLSearchParams, body: unknown) => call('POST', `${push}?${query}`, undefined, body);
  const event = (fields: Record<string, unknown>) =>
    encryptPushMessage(
      JSON.stringify({ MsgType: 'event', Event: 'wxa_media_check', version: 2, ...fields }),
      aesKey(),
      stack.config.wechat.appid,
    );

  it('answers the URL verification handshake only with the right signature', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const good = new URLSearchParams({
      signature: pushSignature(token(), timestamp, '9'),
      timestamp,
      nonce: '9',
      echostr: 'hello123',
    });
    const ok = await call('GET', `${push}?${good}`);
    expect([ok.status, ok.body]).toEqual([200, 'hello123']);
    const bad = new URLSearchParams({
      signature: pushSignature('wrong', timestamp, '9'),
      timestamp,
      nonce: '9',
      echostr: 'x',
    });
    expectError(await call('GET', `${push}?${bad}`), 401, 'WECHAT_PUSH_SIGNATURE_INVALID');
    expectError(await call('GET', push), 400, 'VALIDATION_FAILED');
    const verified = await sandbox('POST', '/sandbox/push/verify');
    expect(verified.body).toEqual({ ok: true, status: 200 });
  });

  it('refuses forged, tampered, stale, plaintext and foreign pushes without changing anything', async () => {
    const encrypt = event({ trace_id: 'nope', result: { suggest: 'risky', label: 20002 } });
    expectError(
      await send(signedQuery(encrypt, { msg_signature: pushSignature('forged', '1', '2', encrypt) }), {
        Encrypt: encrypt,
      }),
      401,
      'WECHAT_PUSH_SIGNATURE_INVALID',
    );
    const tampered = `${encrypt.slice(0, 10)}${encrypt[10] === 'A' ? 'B' : 'A'}${encrypt.slice(11)}`;
    expectError(await send(signedQuery(encrypt), { Encrypt: tampered }), 401, 'WECHAT_PUSH_SIGNATURE_INVALID');
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const staleQuery = signedQuery(encrypt, {
      timestamp: stale,
      msg_signature: pushSignature(token(), stale, '12345', encrypt),
    });
    expectError(await send(staleQuery, { Encrypt: encrypt }), 401, 'WECHAT_PUSH_SIGNATURE_INVALID');
    const plain = signedQuery(encrypt);
    plain.delete('encrypt_type');
    expectError(await send(plain, { Encrypt: encrypt }), 400, 'WECHAT_PUSH_MALFORMED');
    const garbage = Buffer.alloc(48, 7).toString('base64');
    expectError(await send(signedQuery(garbage), { Encrypt: garbage }), 400, 'WECHAT_PUSH_MALFORMED');
    const foreign = encryptPushMessage('{"Event":"wxa_media_check"}', aesKey(), 'wx0000000000000000');
    expectError(await send(signedQuery(foreign), { Encrypt: foreign }), 400, 'WECHAT_PUSH_MALFORMED');
    expectError(await send(signedQuery(encrypt), { nothing: 1 }), 400, 'VALIDATION_FAILED');
    // Signed and decrypted, but no such check (yet): WeChat is asked to push it again.
    expectError(await send(signedQuery(encrypt), { Encrypt: encrypt }), 503, 'WECHAT_PUSH_RETRY');
  });

  it('acknowledges events nobody handles', async () => {
    const encrypt = encryptPushMessage(
      JSON.stringify({ MsgType: 'event', Event: 'some_other_event' }),
      aesKey(),
      stack.config.wechat.appid,
    );
    const answer = await send(signedQuery(encrypt), { ToUserName: 'gh_x', Encrypt: encrypt });
    expect([answer.status, answer.body]).toEqual([200, 'success']);
  });

  it('a result pushed by hand for a pending check moves the post on, once', async () => {
    await sandbox('POST', '/sandbox/content-rules', { mediaDelayMs: 600_000 });
    const created = await post('author', { text: '手动推送', images: [imageUrl('manual')] });
    const [check] = await db().mediaCheck.findMany({ where: { postId: Number(created.id) } });
    const encrypt = event({ trace_id: check.traceId, result: { suggest: 'pass', label: 100 } });
    const answer = await send(signedQuery(encrypt), { Encrypt: encrypt });
    expect([answer.status, answer.body]).toEqual([200, 'success']);
    expect((await statusOf(created.id)).status).toBe('PUBLISHED');
    const again = await send(signedQuery(encrypt), { Encrypt: encrypt });
    expect(again.status).toBe(200);
    expect((await statusOf(created.id)).status).toBe('PUBLISHED');
    await sandbox('POST', '/sandbox/content-rules', { mediaDelayMs: 100 });
  });
});

describe("the sandbox's content security", () => {
  let token: string;
  let openid: string;
  beforeAll(async () => {
    const { appid, secret } = stack.config.wechat;
    const issued = await sandbox('POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret });
    token = issued.body.access_token;
    openid = (await db().user.findUniqueOrThrow({ where: { id: Number(users.author.id) } })).openid;
  });
  const check = (path: string, body: Record<string, unknown>) => sandbox('POST', `${path}?access_token=${token}`, body);

  it.each([
    ['a wrong version', { version: 1, scene: 2, content: 'x' }, 47001],
    ['scene 5', { version: 2, scene: 5, content: 'x' }, 40129],
    ['an unknown openid', { version: 2, scene: 2, content: 'x', openid: 'o_unknown' }, 40003],
    ['content over 2500 characters', { version: 2, scene: 2, content: '字'.repeat(2501) }, 47001],
  ])('msg_sec_check refuses %s', async (_name, body, errcode) => {
    const answer = await check('/wxa/msg_sec_check', { openid, ...body });
    expect(answer.body.errcode).toBe(errcode);
  });

  it('msg_sec_check answers per the content rules, with a trace_id', async () => {
    const pass = await check('/wxa/msg_sec_check', { version: 2, scene: 2, openid, content: '你好' });
    expect(pass.body).toMatchObject({
      errcode: 0,
      result: { suggest: 'pass', label: 100 },
      trace_id: expect.any(String),
    });
    const risky = await check('/wxa/msg_sec_check', {
      version: 2,
      scene: 2,
      openid,
      content: '好',
      title: '违禁广告词',
    });
    expect(risky.body.result.suggest).toBe('risky');
    expect((await sandbox('POST', '/wxa/msg_sec_check?access_token=nope', {})).body.errcode).toBe(40001);
  });

  it('media_check_async validates its body', async () => {
    const base = { version: 2, scene: 2, openid, media_type: 2, media_url: 'https://a.b/c.png' };
    expect((await check('/wxa/media_check_async', { ...base, media_type: 3 })).body.errcode).toBe(47001);
    expect((await check('/wxa/media_check_async', { ...base, media_url: 'ftp://a' })).body.errcode).toBe(47001);
    expect((await check('/wxa/media_check_async', { ...base, openid: 'o_x' })).body.errcode).toBe(40003);
  });

  it('refuses bad content rules and a push URL that does not echo', async () => {
    expect((await sandbox('POST', '/sandbox/content-rules', { risky: 'word' })).status).toBe(400);
    expect((await sandbox('POST', '/sandbox/content-rules', { mediaUrls: { x: 'bad' } })).status).toBe(400);
    expect((await sandbox('POST', '/sandbox/content-rules', { mediaDelayMs: -1 })).status).toBe(400);
    const wrongToken = await sandbox('POST', '/sandbox/push/config', {
      url: `${stack.baseUrl}/api/v1/wechat/message-push`,
      token: 'notTheShopsToken',
      encodingAesKey: stack.config.wechat.messagePush.encodingAesKey,
    });
    expect(wrongToken.status).toBe(400);
    expect(wrongToken.body.error.message).toMatch(/Token验证失败/);
    expect(
      (
        await sandbox('POST', '/sandbox/push/config', {
          url: 'http://example.com/push',
          token: 'abc',
          encodingAesKey: 'x',
        })
      ).status,
    ).toBe(400);
    // The shop's own configuration is still in place.
    expect((await sandbox('POST', '/sandbox/push/verify')).body).toEqual({ ok: true, status: 200 });
  });

  it('a post waits for a manager when msg_sec_check cannot answer', async () => {
    await sandbox('POST', '/sandbox/faults', { path: '/wxa/msg_sec_check', errcode: -1, times: 1 });
    const created = await post('author', { text: '微信忙的时候' });
    expect(created).toMatchObject({ status: 'IN_REVIEW', reviewReason: '文本检测暂不可用' });
  });
});

describe('scheduled posts', () => {
  it('are published on time by the delayed job', async () => {
    const publishAt = new Date(Date.now() + 2_000).toISOString();
    const created = await post('author', { text: '定时发布的笔记', publishAt });
    expect(created).toMatchObject({ status: 'SCHEDULED', publishAt, publishedAt: null });
    expect(await feedIds(a)).not.toContain(created.id);
    const pending = await stack.server.app.get(JobQueue).pending();
    expect(pending.map((j) => j.name)).toContain('content.publish-scheduled');
    await waitFor(
      () => feedIds(a),
      (ids) => ids.includes(created.id),
    );
    const published = await statusOf(created.id);
    expect(published.status).toBe('PUBLISHED');
    expect(new Date(published.publishedAt).getTime()).toBeGreaterThanOrEqual(new Date(publishAt).getTime());
  });

  it('are published after a worker restart even when the job was lost (the sweeper)', async () => {
    const jobs = stack.server.app.get(JobQueue);
    await jobs.stopWorker();
    try {
      const publishAt = new Date(Date.now() + 1_500);
      const created = await post('author', { text: '重启后发布', publishAt: publishAt.toISOString() });
      await jobs.remove('content.publish-scheduled', `${created.id}-${publishAt.getTime()}`);
      await sleep(2_500);
      expect((await statusOf(created.id)).status).toBe('SCHEDULED');
      jobs.startWorker();
      await waitFor(
        () => feedIds(a),
        (ids) => ids.includes(created.id),
      );
    } finally {
      jobs.startWorker();
    }
  });

  it('go through content security when they are published', async () => {
    const created = await post('author', {
      text: '定时的违禁广告词',
      publishAt: new Date(Date.now() + 1_000).toISOString(),
    });
    expect(created.status).toBe('SCHEDULED');
    const rejected = await waitFor(
      () => statusOf(created.id),
      (p) => p.status !== 'SCHEDULED',
    );
    expect(rejected.status).toBe('REJECTED');
  });

  it('can be moved and kept as drafts', async () => {
    const past = await post('author', { text: '过去的时间即现在', publishAt: '0001-01-01T00:00:00Z' });
    expect(past).toMatchObject({ status: 'PUBLISHED', publishAt: null });
    const draft = await post('author', { text: '草稿', draft: true });
    expect(draft.status).toBe('DRAFT');
    const mine = await call('GET', '/api/v1/posts?feed=mine', as('author'));
    expect(mine.body.items.map((p: any) => p.id)).toContain(draft.id);
    const later = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await call('PATCH', `/api/v1/posts/${draft.id}`, as('author'), { publishAt: later });
    expect(scheduled.body).toMatchObject({ status: 'SCHEDULED', publishAt: later });
    const now = await call('PATCH', `/api/v1/posts/${draft.id}`, as('author'), { publishAt: null });
    expect(now.body.status).toBe('PUBLISHED');
    expectError(
      await call('PATCH', `/api/v1/posts/${draft.id}`, as('author'), { draft: true }),
      409,
      'POST_NOT_EDITABLE',
    );
    expectError(
      await call('POST', '/api/v1/posts', as('author'), {
        communityId: a,
        type: 'NOTE',
        text: 'x',
        publishAt: new Date(Date.now() + 100 * 86_400_000).toISOString(),
      }),
      422,
      'POST_SCHEDULE_TOO_FAR',
    );
  });
});

describe('likes, favourites, comments, views and reports', () => {
  let id: string;
  beforeAll(async () => {
    id = (await post('author', { text: '互动测试' })).id;
  });

  it('counts a like and a favourite once per user, and takes them back', async () => {
    await call('POST', `/api/v1/posts/${id}/like`, as('reader'));
    const twice = await call('POST', `/api/v1/posts/${id}/like`, as('reader'));
    expect(twice.body).toMatchObject({ liked: true, counts: { likes: 1 } });
    await call('POST', `/api/v1/posts/${id}/like`, as('reader-2'));
    await Promise.all([1, 2, 3].map(() => call('POST', `/api/v1/posts/${id}/favourite`, as('reader'))));
    const view = await call('GET', `/api/v1/posts/${id}`, as('reader'));
    expect(view.body).toMatchObject({ liked: true, favourited: true, counts: { likes: 2, favourites: 1 } });
    const unliked = await call('DELETE', `/api/v1/posts/${id}/like`, as('reader'));
    expect(unliked.body).toMatchObject({ liked: false, counts: { likes: 1 } });
    await call('DELETE', `/api/v1/posts/${id}/like`, as('reader'));
    expect((await call('GET', `/api/v1/posts/${id}`, as('reader-2'))).body.counts.likes).toBe(1);
    const favourites = await call('GET', '/api/v1/posts?feed=favourites', as('reader'));
    expect(favourites.body.items.map((p: any) => p.id)).toEqual([id]);
    await call('DELETE', `/api/v1/posts/${id}/favourite`, as('reader'));
    expect((await call('GET', '/api/v1/posts?feed=favourites', as('reader'))).body.items).toEqual([]);
  });

  it("shows each reader's own likes in the community feed at once, however often it is read", async () => {
    const target = (await statusOf(id)) as { communityId: string };
    const feedEntry = async (who: string) => {
      const page = await call('GET', `/api/v1/communities/${target.communityId}/posts?limit=50`, as(who));
      expect(page.status).toBe(200);
      return page.body.items.find((p: any) => p.id === id);
    };
    const before = await feedEntry('reader');
    await feedEntry('author'); // both readers' pages are now held in memory
    await call('POST', `/api/v1/posts/${id}/like`, as('reader'));
    expect(await feedEntry('reader')).toMatchObject({ liked: true, counts: { likes: before.counts.likes + 1 } });
    expect(await feedEntry('author')).toMatchObject({ liked: false, counts: { likes: before.counts.likes + 1 } });
    await call('DELETE', `/api/v1/posts/${id}/like`, as('reader'));
    expect(await feedEntry('reader')).toMatchObject({ liked: false, counts: { likes: before.counts.likes } });
    const fresh = await post('author', { text: '刚发布的' });
    expect((await feedIds(target.communityId))[0]).toBe(fresh.id);
    await call('DELETE', `/api/v1/posts/${fresh.id}`, as('author'));
    expect(await feedIds(target.communityId)).not.toContain(fresh.id);
  });

  it('comments with one level of replies: a reply to a reply joins the top comment', async () => {
    const top = await call('POST', `/api/v1/posts/${id}/comments`, as('reader'), { text: '好看！' });
    expect(top.status).toBe(201);
    expect(top.body).toMatchObject({ parentId: null, replyTo: null, author: { id: users.reader.id } });
    const reply = await call('POST', `/api/v1/posts/${id}/comments`, as('author'), {
      text: '谢谢',
      replyToId: top.body.id,
    });
    expect(reply.body).toMatchObject({ parentId: top.body.id, replyTo: { id: users.reader.id } });
    const nested = await call('POST', `/api/v1/posts/${id}/comments`, as('reader-2'), {
      text: '同感',
      replyToId: reply.body.id,
    });
    expect(nested.body.parentId).toBe(top.body.id);
    await call('POST', `/api/v1/posts/${id}/comments`, as('reader-2'), { text: '第二条评论' });
    const list = await call('GET', `/api/v1/posts/${id}/comments`, as('reader'));
    expect(list.body.items.map((c: any) => [c.text, c.replyCount, c.replies.map((r: any) => r.text)])).toEqual([
      ['好看！', 2, ['谢谢', '同感']],
      ['第二条评论', 0, []],
    ]);
    const replies = await call('GET', `/api/v1/posts/${id}/comments?parentId=${top.body.id}&limit=1`, as('reader'));
    expect(replies.body.items.map((r: any) => r.text)).toEqual(['谢谢']);
    const rest = await call(
      'GET',
      `/api/v1/posts/${id}/comments?parentId=${top.body.id}&limit=1&cursor=${replies.body.nextCursor}`,
      as('reader'),
    );
    expect(rest.body.items.map((r: any) => r.text)).toEqual(['同感']);
    expect((await statusOf(id)).counts.comments).toBe(4);
    // Its author deletes a reply; a manager deletes the top comment and its thread; others cannot.
    expectError(
      await call('DELETE', `/api/v1/posts/${id}/comments/${reply.body.id}`, as('reader-2')),
      403,
      'FORBIDDEN',
    );
    expect((await call('DELETE', `/api/v1/posts/${id}/comments/${reply.body.id}`, as('author'))).status).toBe(200);
    expect((await statusOf(id)).counts.comments).toBe(3);
    expect((await call('DELETE', `/api/v1/posts/${id}/comments/${top.body.id}`, as('mgr-a'))).status).toBe(200);
    expect((await statusOf(id)).counts.comments).toBe(1);
    expectError(
      await call('POST', `/api/v1/posts/${id}/comments`, as('reader'), { text: 'x', replyToId: top.body.id }),
      404,
      'COMMENT_NOT_FOUND',
    );
  });

  it('refuses comments with forbidden words', async () => {
    expectError(
      await call('POST', `/api/v1/posts/${id}/comments`, as('reader'), { text: '私聊代开发票' }),
      422,
      'CONTENT_REJECTED',
    );
    expectError(
      await call('POST', `/api/v1/posts/${id}/comments`, as('reader'), { text: '违禁广告词' }),
      422,
      'CONTENT_REJECTED',
    );
  });

  it('counts a view once per reader, never the author', async () => {
    const before = (await statusOf(id)).counts.views;
    await call('GET', `/api/v1/posts/${id}`, as('stranger'));
    await call('GET', `/api/v1/posts/${id}`, as('stranger'));
    await call('GET', `/api/v1/posts/${id}`, as('author'));
    expect((await statusOf(id)).counts.views).toBe(before + 1);
  });

  it('sends a post back to review after five reports', async () => {
    const target = (await post('author', { text: '被举报的内容' })).id;
    for (let i = 0; i < 5; i += 1) {
      const reporter = await loginAs(stack.baseUrl, `reporter-${i}`);
      const reported = await call('POST', `/api/v1/posts/${target}/report`, reporter.token, { reason: '广告' });
      expect(reported.status).toBe(200);
      if (i === 0) await call('POST', `/api/v1/posts/${target}/report`, reporter.token, { reason: '广告' });
    }
    const held = await statusOf(target);
    expect(held).toMatchObject({ status: 'IN_REVIEW', reviewReason: '多人举报，待复核' });
    const queue = await call(
      'GET',
      `/api/v1/manage/communities/${a}/posts?status=IN_REVIEW&reported=true`,
      as('mgr-a'),
    );
    expect(queue.body.items.map((p: any) => p.id)).toContain(target);
    expect((await db().post.findUniqueOrThrow({ where: { id: Number(target) } })).reportCount).toBe(5);
  });

  it('refuses reactions to posts that are not published', async () => {
    const draft = await post('author', { text: '还是草稿', draft: true });
    expectError(await call('POST', `/api/v1/posts/${draft.id}/like`, as('author')), 409, 'POST_NOT_PUBLISHED');
    expectError(
      await call('POST', `/api/v1/posts/${draft.id}/comments`, as('author'), { text: 'x' }),
      409,
      'POST_NOT_PUBLISHED',
    );
    expectError(await call('POST', `/api/v1/posts/${draft.id}/like`, as('reader')), 404, 'POST_NOT_FOUND');
  });
});

describe('feeds and cursors', () => {
  it('returns every post of a community once across pages, pinned first, then newest', async () => {
    const c = (await call('POST', '/api/v1/admin/communities', admin, { name: '分页社群' })).body.id;
    await call('POST', `/api/v1/admin/communities/${c}/managers`, admin, { userId: users['mgr-a'].id });
    await call('POST', `/api/v1/communities/${c}/join`, as('author'));
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1)
      ids.push(
        (await call('POST', '/api/v1/posts', as('author'), { communityId: c, type: 'NOTE', text: `第${i}篇` })).body.id,
      );
    for (const pinned of [ids[2], ids[5]]) {
      const result = await call('POST', `/api/v1/manage/communities/${c}/posts/${pinned}/pin`, as('mgr-a'), {
        pinned: true,
      });
      expect(result.body.pinned).toBe(true);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await call(
        'GET',
        `/api/v1/communities/${c}/posts?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        as('reader'),
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((p: any) => p.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([ids[5], ids[2], ids[7], ids[6], ids[4], ids[3], ids[1], ids[0]]);
    // Unpinning puts it back in time order; another feed's cursor is refused.
    await call('POST', `/api/v1/manage/communities/${c}/posts/${ids[5]}/pin`, as('mgr-a'), { pinned: false });
    expect((await feedIds(c)).slice(0, 3)).toEqual([ids[2], ids[7], ids[6]]);
    const first = await call('GET', `/api/v1/communities/${c}/posts?limit=1`, as('reader'));
    expectError(
      await call('GET', `/api/v1/communities/${a}/posts?cursor=${first.body.nextCursor}`, as('reader')),
      400,
      'CURSOR_INVALID',
    );
    expectError(
      await call('GET', `/api/v1/posts?cursor=${first.body.nextCursor}`, as('reader')),
      400,
      'CURSOR_INVALID',
    );
    // A manager of B cannot pin in C.
    expectError(
      await call('POST', `/api/v1/manage/communities/${c}/posts/${ids[0]}/pin`, as('mgr-b'), { pinned: true }),
      403,
      'COMMUNITY_NOT_MANAGER',
    );
  });

  it('leads the discover feed with featured posts, each post once', async () => {
    const featured = await post('author', { text: '精选内容' });
    const result = await call('POST', `/api/v1/manage/communities/${a}/posts/${featured.id}/feature`, as('mgr-a'), {
      featured: true,
    });
    expect(result.body.featured).toBe(true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call(
        'GET',
        `/api/v1/posts?feed=discover&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        as('reader'),
      );
      seen.push(...page.body.items.map((p: any) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen[0]).toBe(featured.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await db().post.count({ where: { status: 'PUBLISHED' } }));
  });
});

describe('authorization', () => {
  it('only members post; only the author edits or deletes', async () => {
    expectError(
      await call('POST', '/api/v1/posts', as('stranger'), { communityId: a, type: 'NOTE', text: 'hi' }),
      403,
      'COMMUNITY_NOT_MEMBER',
    );
    expectError(
      await call('POST', '/api/v1/posts', as('author'), { communityId: b, type: 'NOTE', text: 'hi' }),
      403,
      'COMMUNITY_NOT_MEMBER',
    );
    const mine = await post('author', { text: '我的帖子' });
    expectError(await call('PATCH', `/api/v1/posts/${mine.id}`, as('reader'), { text: '改你的' }), 403, 'FORBIDDEN');
    expectError(
      await call('PATCH', `/api/v1/posts/${mine.id}`, as('mgr-a'), { text: '管理员也不行' }),
      403,
      'FORBIDDEN',
    );
    expectError(await call('DELETE', `/api/v1/posts/${mine.id}`, as('reader')), 403, 'FORBIDDEN');
    const draft = await post('author', { text: '别人的草稿', draft: true });
    expectError(await call('PATCH', `/api/v1/posts/${draft.id}`, as('reader'), { text: 'x' }), 404, 'POST_NOT_FOUND');
    expect((await call('GET', `/api/v1/posts/${draft.id}`, as('mgr-a'))).status).toBe(200);
    expectError(await call('GET', `/api/v1/posts/${draft.id}`, as('mgr-b')), 404, 'POST_NOT_FOUND');
    const deleted = await call('DELETE', `/api/v1/posts/${mine.id}`, as('author'));
    expect(deleted.body).toMatchObject({ status: 'REMOVED', rejectReason: '作者已删除' });
    expect(await feedIds(a)).not.toContain(mine.id);
  });

  it('a published post edited into something risky leaves the feed; fixed, it comes back', async () => {
    const created = await post('author', { text: '正常内容' });
    const bad = await call('PATCH', `/api/v1/posts/${created.id}`, as('author'), { text: '改成违禁广告词' });
    expect(bad.body.status).toBe('REJECTED');
    expect(await feedIds(a)).not.toContain(created.id);
    const fixed = await call('PATCH', `/api/v1/posts/${created.id}`, as('author'), { text: '改回正常内容' });
    expect(fixed.body.status).toBe('PUBLISHED');
    expect(await feedIds(a)).toContain(created.id);
  });
});

describe('product tags', () => {
  it("carry the distributor author's ref; a plain author's tags carry none", async () => {
    await db().distributor.create({
      data: {
        userId: Number(users.kol.id),
        status: 'APPROVED',
        code: 'K7M3PQ',
        path: `/${Number(users.kol.id).toString(36)}/`,
        appliedAt: new Date(),
        approvedAt: new Date(),
      },
    });
    const byKol = await post('kol', { text: '推荐这两件', productIds: [productIds[1], productIds[2]] });
    expect(byKol.author).toMatchObject({ id: users.kol.id, isDistributor: true });
    expect(byKol.products.map((p: any) => p.id)).toEqual([productIds[1], productIds[2]]);
    for (const product of byKol.products) {
      expect(product.path).toBe(`/pages/product/index?id=${product.id}&ref=K7M3PQ&postId=${byKol.id}`);
      expect(product).toMatchObject({ title: expect.any(String), price: expect.any(Number) });
    }
    expect((await db().post.findUniqueOrThrow({ where: { id: Number(byKol.id) } })).authorRef).toBe('K7M3PQ');
    const plain = await post('author', { text: '普通推荐', productIds: [productIds[1]] });
    expect(plain.products[0].path).toBe(`/pages/product/index?id=${productIds[1]}&postId=${plain.id}`);
    expectError(
      await call('POST', '/api/v1/posts', as('author'), {
        communityId: a,
        type: 'NOTE',
        text: 'x',
        productIds: ['999999'],
      }),
      422,
      'POST_PRODUCT_UNKNOWN',
    );
  });
});

describe('uploads', () => {
  const upload = async (bytes: Buffer, filename: string, type: string, field = 'file') => {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(bytes)], { type }), filename);
    const response = await fetch(`${stack.baseUrl}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as('author')}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('stores an image and serves it back', async () => {
    const png = placeholderPng('upload-test', 64);
    const result = await upload(png, 'a.png', 'image/png');
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ kind: 'image', mime: 'image/png', bytes: png.length });
    expect(result.body.url).toMatch(new RegExp(`^${stack.baseUrl}/media/uploads/\\d{6}/[0-9a-f]{24}\\.png$`));
    const served = await fetch(result.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    expect(await db().upload.count({ where: { userId: Number(users.author.id) } })).toBe(1);
    // The uploaded image goes into a post like any URL.
    const created = await post('author', { text: '用上传的图', images: [result.body.url] });
    expect(created.images).toEqual([result.body.url]);
  });

  it('stores a small video by its bytes, whatever it is called', async () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(2000)]);
    const result = await upload(mp4, 'clip.bin', 'application/octet-stream');
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ kind: 'video', mime: 'video/mp4' });
  });

  it('refuses a file too large, of the wrong type, or no file at all', async () => {
    const big = Buffer.concat([placeholderPng('x', 16), Buffer.alloc(70_000)]);
    const tooBig = await upload(big, 'big.png', 'image/png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({
      code: 'UPLOAD_TOO_LARGE',
      details: { limitBytes: 65536, kind: 'image' },
    });
    const beyondAll = await upload(Buffer.alloc(140_000, 1), 'huge.bin', 'application/octet-stream');
    expect(beyondAll.status).toBe(413);
    const text = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.svg', 'image/svg+xml');
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('UPLOAD_TYPE_UNSUPPORTED');
    const form = new FormData();
    form.append('note', 'no file here');
    const none = await fetch(`${stack.baseUrl}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as('author')}` },
      body: form,
    });
    expect(none.status).toBe(400);
    expect(((await none.json()) as any).error.code).toBe('UPLOAD_MISSING_FILE');
    expectError(await call('POST', '/api/v1/uploads', as('author'), { url: 'x' }), 415, 'UPLOAD_TYPE_UNSUPPORTED');
    const anonymous = await fetch(`${stack.baseUrl}/api/v1/uploads`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
    const broken = await fetch(`${stack.baseUrl}/api/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as('author')}`, 'content-type': 'multipart/form-data; boundary=zzz' },
      body: '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expectError(await call('GET', '/media/uploads/202501/000000000000000000000000.png'), 404, 'NOT_FOUND');
    expectError(await call('GET', '/media/uploads/..%2F..%2Fetc/passwd'), 400, 'VALIDATION_FAILED');
  });
});

describe('bad inputs are 4xx in the error shape, never 500', () => {
  let published: string;
  beforeAll(async () => {
    published = (await post('author', { text: '坏输入测试' })).id;
  });
  const long = (n: number) => 'x'.repeat(n);
  const cases: Array<[string, string, string, unknown, number]> = [
    ['create: empty body', 'POST', '/api/v1/posts', {}, 400],
    ['create: no text', 'POST', '/api/v1/posts', { communityId: '{a}', type: 'NOTE' }, 400],
    ['create: blank text', 'POST', '/api/v1/posts', { communityId: '{a}', type: 'NOTE', text: '   ' }, 400],
    ['create: text too long', 'POST', '/api/v1/posts', { communityId: '{a}', type: 'NOTE', text: long(10_001) }, 400],
    ['create: bad type', 'POST', '/api/v1/posts', { communityId: '{a}', type: 'POLL', text: 'x' }, 400],
    ['create: video without url', 'POST', '/api/v1/posts', { communityId: '{a}', type: 'VIDEO', text: 'x' }, 400],
    ['create: article without title', 'POST', '/api/v1/posts', { communityId: '{a}', type: 'ARTICLE', text: 'x' }, 400],
    [
      'create: title too long',
      'POST',
      '/api/v1/posts',
      { communityId: '{a}', type: 'NOTE', text: 'x', title: long(65) },
      400,
    ],
    [
      'create: ten images',
      'POST',
      '/api/v1/posts',
      {
        communityId: '{a}',
        type: 'NOTE',
        text: 'x',
        images: Array.from({ length: 10 }, (_, i) => `https://a.b/${i}.png`),
      },
      400,
    ],
    [
      'create: image not a URL',
      'POST',
      '/api/v1/posts',
      { communityId: '{a}', type: 'NOTE', text: 'x', images: ['javascript:alert(1)'] },
      400,
    ],
    [
      'create: repeated product',
      'POST',
      '/api/v1/posts',
      { communityId: '{a}', type: 'NOTE', text: 'x', productIds: ['1', '1'] },
      400,
    ],
    [
      'create: product id not numeric',
      'POST',
      '/api/v1/posts',
      { communityId: '{a}', type: 'NOTE', text: 'x', productIds: ['a'] },
      400,
    ],
    [
      'create: publishAt not a time',
      'POST',
      '/api/v1/posts',
      { communityId: '{a}', type: 'NOTE', text: 'x', publishAt: 'tomorrow' },
      400,
    ],
    ['create: unknown community', 'POST', '/api/v1/posts', { communityId: '999999', type: 'NOTE', text: 'x' }, 404],
    [
      'create: extra field',
      'POST',
      '/api/v1/posts',
      { communityId: '{a}', type: 'NOTE', text: 'x', status: 'PUBLISHED' },
      400,
    ],
    [
      'create: draft not boolean',
      'POST',
      '/api/v1/posts',
      { communityId: '{a}', type: 'NOTE', text: 'x', draft: 'yes' },
      400,
    ],
    ['get: not an id', 'GET', '/api/v1/posts/abc', undefined, 400],
    ['get: unknown', 'GET', '/api/v1/posts/999999', undefined, 404],
    ['patch: empty', 'PATCH', '/api/v1/posts/{p}', {}, 400],
    ['patch: unknown', 'PATCH', '/api/v1/posts/999999', { text: 'x' }, 404],
    ['patch: video without url', 'PATCH', '/api/v1/posts/{p}', { type: 'VIDEO' }, 409],
    ['patch: communityId not editable', 'PATCH', '/api/v1/posts/{p}', { communityId: '{a}' }, 400],
    ['delete: unknown', 'DELETE', '/api/v1/posts/999999', undefined, 404],
    ['feed: unknown feed', 'GET', '/api/v1/posts?feed=hot', undefined, 400],
    ['feed: limit 0', 'GET', '/api/v1/posts?limit=0', undefined, 400],
    ['feed: limit 51', 'GET', '/api/v1/posts?limit=51', undefined, 400],
    ['feed: garbage cursor', 'GET', '/api/v1/posts?cursor=%%%', undefined, 400],
    [
      'feed: forged cursor',
      'GET',
      `/api/v1/posts?cursor=${Buffer.from('["discover",1,-5,3]').toString('base64url')}`,
      undefined,
      400,
    ],
    ['community feed: unknown', 'GET', '/api/v1/communities/999999/posts', undefined, 404],
    ['community feed: bad cursor', 'GET', '/api/v1/communities/{a}/posts?cursor=abc', undefined, 400],
    ['like: unknown', 'POST', '/api/v1/posts/999999/like', undefined, 404],
    ['unlike: not an id', 'DELETE', '/api/v1/posts/1.5/like', undefined, 400],
    ['favourite: unknown', 'POST', '/api/v1/posts/999999/favourite', undefined, 404],
    ['report: no reason', 'POST', '/api/v1/posts/{p}/report', {}, 400],
    ['report: reason too long', 'POST', '/api/v1/posts/{p}/report', { reason: long(256) }, 400],
    ['comments: bad parent', 'GET', '/api/v1/posts/{p}/comments?parentId=x', undefined, 400],
    ['comments: unknown parent', 'GET', '/api/v1/posts/{p}/comments?parentId=999999', undefined, 404],
    ['comment: empty text', 'POST', '/api/v1/posts/{p}/comments', { text: '' }, 400],
    ['comment: too long', 'POST', '/api/v1/posts/{p}/comments', { text: long(501) }, 400],
    ['comment: unknown reply target', 'POST', '/api/v1/posts/{p}/comments', { text: 'x', replyToId: '999999' }, 404],
    ['comment: on unknown post', 'POST', '/api/v1/posts/999999/comments', { text: 'x' }, 404],
    ['delete comment: unknown', 'DELETE', '/api/v1/posts/{p}/comments/999999', undefined, 404],
    ['queue: bad status', 'GET', '/api/v1/manage/communities/{a}/posts?status=LIVE', undefined, 400],
    ['queue: unknown community', 'GET', '/api/v1/manage/communities/999999/posts', undefined, 404],
    ['approve: with a body', 'POST', '/api/v1/manage/communities/{a}/posts/{p}/approve', { force: true }, 400],
    ['approve: a published post', 'POST', '/api/v1/manage/communities/{a}/posts/{p}/approve', undefined, 409],
    ['approve: unknown post', 'POST', '/api/v1/manage/communities/{a}/posts/999999/approve', undefined, 404],
    ['reject: no reason', 'POST', '/api/v1/manage/communities/{a}/posts/{p}/reject', {}, 400],
    ['pin: not boolean', 'POST', '/api/v1/manage/communities/{a}/posts/{p}/pin', { pinned: 'yes' }, 400],
    ['feature: missing', 'POST', '/api/v1/manage/communities/{a}/posts/{p}/feature', {}, 400],
    ['remove: reason too long', 'POST', '/api/v1/manage/communities/{a}/posts/{p}/remove', { reason: long(256) }, 400],
  ];
  it.each(cases)('%s', async (_name, method, template, body, status) => {
    const fill = (text: string) => text.replace('{a}', a).replace('{p}', published);
    const who = template.startsWith('/api/v1/manage') ? 'mgr-a' : 'author';
    const payload = body && typeof body === 'object' ? JSON.parse(fill(JSON.stringify(body))) : body;
    const result = await call(method, fill(template), as(who), payload);
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});
