import { DistributionSettings, MAX_EVENTS_PER_BATCH, shareScene } from '@weshop/shared';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 归因 over HTTP against the WeChat sandbox: a shopper opens a distributor's product share from a
 * WeChat group card (scene 1044 with a share ticket the sandbox seals with the shopper's
 * session_key) → the visit is GROUP_CHAT with the group's opengid, the shopper is bound to the
 * distributor (once), and the order they pay later carries the group, the sharer, the ref and the
 * post. Tampered or stale share tickets never fail a launch; events arrive in batches, also
 * anonymously; bad inputs are 4xx in the one error shape.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
const db = () => stack.server.app.get(PrismaService).client;
const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(stack.baseUrl, method, path, { token, body, headers });
const launch = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  call('POST', '/api/v1/launch', token, body, headers);

interface Person {
  token: string;
  id: number;
  openid: string;
}
async function person(name: string): Promise<Person> {
  const login = await loginAs(stack.baseUrl, name);
  const id = Number(login.user.id);
  const { openid } = await db().user.findUniqueOrThrow({ where: { id } });
  return { token: login.token, id, openid };
}

/** What wx.getGroupEnterInfo gives this user's phone for a group (sealed with their current session_key). */
async function groupEnterInfo(who: Person, opengid: string): Promise<{ encryptedData: string; iv: string }> {
  const res = await http(stack.sandboxUrl, 'POST', '/sandbox/group-enter-info', {
    body: { openid: who.openid, opengid },
  });
  expect(res.status).toBe(200);
  return { encryptedData: res.body.encryptedData, iv: res.body.iv };
}

/** One unit of a fresh SKU, ordered and paid. */
async function buyAndPay(who: Person) {
  const sku = await given.skuWithStock(5, 12_800);
  const addressId = await given.addressFor(who.token);
  const created = await given.order(who.token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId });
  expect(created.status).toBe(201);
  await given.pay(who.token, created.body.id);
  await given.waitForStatus(who.token, created.body.id, ['TO_SHIP']);
  return Number(created.body.id);
}

let distributor: Person;
let code: string;
let productId: string;

beforeAll(async () => {
  stack = await startStack({ label: 'attribution', seed: true });
  given = shop(stack);
  const admin = (await loginAs(stack.baseUrl, 'admin')).token;
  const current = DistributionSettings.parse((await call('GET', '/api/v1/admin/settings/distribution', admin)).body);
  const saved = await call('PUT', '/api/v1/admin/settings/distribution', admin, {
    ...current,
    enabled: true,
    l1RateBp: 1_000,
    application: { autoApprove: true, minSpend: 0 },
    binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
  });
  expect(saved.status).toBe(200);

  distributor = await person('attr_distributor');
  const applied = await call('POST', '/api/v1/distribution/apply', distributor.token, {});
  expect(applied.status).toBe(200);
  expect(applied.body.status).toBe('APPROVED');
  code = applied.body.code;
  productId = (await given.skuWithStock(5)).productId;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('a shopper opens a distributor’s share from a WeChat group card and buys', () => {
  const OPENGID = 'tGattrGroup_0001-x';
  let shopper: Person;
  let secondVisitId: number;

  it('the launch records a GROUP_CHAT visit with the group, the sharer, the post, and binds the ref', async () => {
    shopper = await person('attr_shopper');
    const shareTicket = await groupEnterInfo(shopper, OPENGID);
    const query = { id: productId, ref: code, postId: '77', communityId: '5', groupId: '9' };
    const res = await launch(shopper.token, { scene: 1044, path: 'pages/product/index', query, shareTicket });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      visitId: expect.stringMatching(/^\d+$/),
      source: 'GROUP_CHAT',
      bound: { distributorCode: code },
    });

    const visit = await db().visit.findUniqueOrThrow({ where: { id: Number(res.body.visitId) } });
    expect(visit).toMatchObject({
      userId: shopper.id,
      scene: 1044,
      source: 'GROUP_CHAT',
      path: 'pages/product/index',
      opengid: OPENGID,
      sharerId: distributor.id,
      ref: code,
      postId: 77,
      communityId: 5,
      groupBuyId: 9,
    });
    const groups = await db().userWechatGroup.findMany({ where: { userId: shopper.id } });
    expect(groups.map((g) => g.opengid)).toEqual([OPENGID]);

    const me = (await call('GET', '/api/v1/distribution/me', shopper.token)).body;
    expect(me.boundTo?.code).toBe(code);
    const binding = await db().customerBinding.findUniqueOrThrow({ where: { customerId: shopper.id } });
    expect(binding).toMatchObject({ distributorId: distributor.id, source: 'LINK' });
  });

  it('opening the same card again records a second visit but binds nothing more (exactly once)', async () => {
    const shareTicket = await groupEnterInfo(shopper, OPENGID);
    const res = await launch(shopper.token, {
      scene: 1044,
      path: 'pages/product/index',
      query: { id: productId, ref: code, postId: '77', communityId: '5' },
      shareTicket,
    });
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('GROUP_CHAT');
    expect(res.body.bound).toBeUndefined();
    secondVisitId = Number(res.body.visitId);
    expect(await db().bindingLog.count({ where: { customerId: shopper.id } })).toBe(1);
    const group = await db().userWechatGroup.findUniqueOrThrow({
      where: { userId_opengid: { userId: shopper.id, opengid: OPENGID } },
    });
    expect(group.lastSeenAt.getTime()).toBeGreaterThanOrEqual(group.firstSeenAt.getTime());
  });

  it('a later DIRECT reopen does not take the credit: the paid order carries the group card visit', async () => {
    const direct = await launch(shopper.token, { scene: 1001, path: 'pages/home/index', query: {} });
    expect(direct.status).toBe(200);
    expect(direct.body).toEqual({ visitId: expect.any(String), source: 'DIRECT' });

    const orderId = await buyAndPay(shopper);
    const attribution = await db().orderAttribution.findUniqueOrThrow({ where: { orderId } });
    expect(attribution).toMatchObject({
      visitId: secondVisitId,
      source: 'GROUP_CHAT',
      scene: 1044,
      opengid: OPENGID,
      sharerId: distributor.id,
      ref: code,
      postId: 77,
      communityId: 5,
    });
    // …and the distribution domain credits the same distributor (L1) on the same order.
    const referral = await db().orderReferral.findUniqueOrThrow({ where: { orderId } });
    expect(referral.l1Id).toBe(distributor.id);
  });
});

describe('share tickets that do not decrypt never fail a launch', () => {
  it('a tampered ticket: 200, GROUP_CHAT, but no opengid and no group row', async () => {
    const shopper = await person('attr_tamper');
    const ticket = await groupEnterInfo(shopper, 'tGtampered01');
    const bytes = Buffer.from(ticket.encryptedData, 'base64');
    bytes[bytes.length - 17] ^= 0xff; // garbles the last block: bad padding or bad JSON
    const res = await launch(shopper.token, {
      scene: 1044,
      path: 'pages/home/index',
      query: {},
      shareTicket: { ...ticket, encryptedData: bytes.toString('base64') },
    });
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('GROUP_CHAT');
    const visit = await db().visit.findUniqueOrThrow({ where: { id: Number(res.body.visitId) } });
    expect(visit.opengid).toBeNull();
    expect(await db().userWechatGroup.count({ where: { userId: shopper.id } })).toBe(0);
  });

  it('a ticket sealed before the user logged in again (stale session_key) is ignored', async () => {
    const first = await person('attr_stale');
    const ticket = await groupEnterInfo(first, 'tGstale01');
    const again = await person('attr_stale'); // a new wx.login: a new session_key
    const res = await launch(again.token, { scene: 1044, path: '', query: {}, shareTicket: ticket });
    expect(res.status).toBe(200);
    const visit = await db().visit.findUniqueOrThrow({ where: { id: Number(res.body.visitId) } });
    expect(visit.opengid).toBeNull();

    // A fresh ticket for the current session decrypts.
    const fresh = await launch(again.token, {
      scene: 1044,
      path: '',
      query: {},
      shareTicket: await groupEnterInfo(again, 'tGstale01'),
    });
    const ok = await db().visit.findUniqueOrThrow({ where: { id: Number(fresh.body.visitId) } });
    expect(ok.opengid).toBe('tGstale01');
  });

  it('a ticket from garbage: still 200', async () => {
    const shopper = await person('attr_garbage');
    const res = await launch(shopper.token, {
      scene: 1044,
      path: '',
      query: {},
      shareTicket: { encryptedData: '%%%not-base64', iv: 'AAAA' },
    });
    expect(res.status).toBe(200);
  });
});

describe('other sources', () => {
  it('a scanned mini-program code binds by CODE and names the code’s distributor as sharer', async () => {
    const scanner = await person('attr_scanner');
    const res = await launch(scanner.token, {
      scene: 1047,
      path: 'pages/product/index',
      query: { scene: encodeURIComponent(shareScene(code, productId)) },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'CODE', bound: { distributorCode: code } });
    const visit = await db().visit.findUniqueOrThrow({ where: { id: Number(res.body.visitId) } });
    expect(visit).toMatchObject({ source: 'CODE', ref: code, sharerId: distributor.id, opengid: null });
    const binding = await db().customerBinding.findUniqueOrThrow({ where: { customerId: scanner.id } });
    expect(binding.source).toBe('CODE');
  });

  it('an explicit sharer (no referral code) from a single chat; unknown codes and odd ids are ignored, not errors', async () => {
    const friend = await person('attr_friend');
    const res = await launch(friend.token, {
      scene: 1007,
      path: '/pages/product/index',
      query: { id: productId, sharer: String(distributor.id), ref: 'ZZZZZZ', postId: '99999999999', communityId: 'x' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ visitId: expect.any(String), source: 'SINGLE_CHAT' });
    const visit = await db().visit.findUniqueOrThrow({ where: { id: Number(res.body.visitId) } });
    expect(visit).toMatchObject({
      path: 'pages/product/index',
      sharerId: distributor.id,
      ref: 'ZZZZZZ',
      postId: null,
      communityId: null,
    });
    expect(await db().customerBinding.count({ where: { customerId: friend.id } })).toBe(0);
  });

  it('an order without any launch is DIRECT', async () => {
    const walkIn = await person('attr_walkin');
    const orderId = await buyAndPay(walkIn);
    expect(await db().orderAttribution.findUniqueOrThrow({ where: { orderId } })).toMatchObject({
      visitId: null,
      source: 'DIRECT',
      opengid: null,
      sharerId: null,
      ref: null,
    });
  });
});

describe('events', () => {
  const at = () => new Date().toISOString();
  const post = (body: unknown, headers: Record<string, string> = {}, token?: string) =>
    call('POST', '/api/v1/events', token, body, headers);

  it('anonymous events with a device id are stored (one batch)', async () => {
    const res = await post(
      {
        events: [
          { type: 'PAGE_VIEW', at: at(), page: 'pages/home/index' },
          { type: 'PRODUCT_VIEW', at: at(), page: 'pages/product/index', productId },
          { type: 'ADD_TO_CART', at: at(), productId },
        ],
      },
      { 'x-device-id': 'dev-attr-anon-0001' },
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 3, rejected: [] });
    const rows = await db().analyticsEvent.findMany({
      where: { deviceId: 'dev-attr-anon-0001' },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => [r.type, r.userId, r.productId])).toEqual([
      ['PAGE_VIEW', null, null],
      ['PRODUCT_VIEW', null, Number(productId)],
      ['ADD_TO_CART', null, Number(productId)],
    ]);
  });

  it('a signed-in caller’s events carry the user and the visit; a bad event is reported, the rest kept', async () => {
    const who = await person('attr_events');
    const visitId = (await launch(who.token, { scene: 1007, path: 'pages/home/index', query: {} })).body.visitId;
    const res = await post(
      {
        events: [
          { type: 'SHARE', at: at(), productId, visitId },
          { type: 'PRODUCT_VIEW', at: at() },
          { type: 'POST_VIEW', at: at(), postId: '77', visitId },
        ],
      },
      {},
      who.token,
    );
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([{ index: 1, fields: [{ path: 'productId', message: expect.any(String) }] }]);
    const rows = await db().analyticsEvent.findMany({ where: { userId: who.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.type, r.visitId, r.postId])).toEqual([
      ['SHARE', Number(visitId), null],
      ['POST_VIEW', Number(visitId), 77],
    ]);
  });

  it('an expired or forged token with a device id counts as anonymous (events never wait for a login)', async () => {
    const res = await post(
      { events: [{ type: 'PAGE_VIEW', at: at(), page: 'pages/me/index' }] },
      { 'x-device-id': 'dev-attr-forged-01' },
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.forged',
    );
    expect(res.status).toBe(202);
    const row = await db().analyticsEvent.findFirstOrThrow({ where: { deviceId: 'dev-attr-forged-01' } });
    expect(row.userId).toBeNull();
  });

  it(`${MAX_EVENTS_PER_BATCH} events are one request; one more is 413`, async () => {
    const event = { type: 'PAGE_VIEW', at: at(), page: 'pages/category/index' };
    const headers = { 'x-device-id': 'dev-attr-batch-001' };
    const full = await post({ events: Array(MAX_EVENTS_PER_BATCH).fill(event) }, headers);
    expect(full.status).toBe(202);
    expect(full.body.accepted).toBe(MAX_EVENTS_PER_BATCH);
    const over = await post({ events: Array(MAX_EVENTS_PER_BATCH + 1).fill(event) }, headers);
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({
      code: 'EVENT_BATCH_TOO_LARGE',
      details: { max: MAX_EVENTS_PER_BATCH, got: MAX_EVENTS_PER_BATCH + 1 },
    });
    expect(await db().analyticsEvent.count({ where: { deviceId: 'dev-attr-batch-001' } })).toBe(MAX_EVENTS_PER_BATCH);
  });
});

it('the OpenAPI document publishes both routes with their schemas', async () => {
  const doc = (await call('GET', '/api/docs-json')).body;
  expect(doc.paths['/api/v1/launch'].post).toMatchObject({ tags: ['attribution'], security: [{ bearer: [] }] });
  const events = doc.paths['/api/v1/events'].post;
  expect(events.security).toBeUndefined();
  expect(events.requestBody.content['application/json'].schema.properties.events.maxItems).toBe(MAX_EVENTS_PER_BATCH);
  expect(Object.keys(events.responses)).toContain('202');
});

describe('bad inputs → 4xx in the one error shape, never 500', () => {
  let token: string;
  beforeAll(async () => {
    token = (await person('attr_bad')).token;
  });
  const event = { type: 'PAGE_VIEW', at: '2026-11-24T08:00:00.000Z', page: 'p' };
  const device = { 'x-device-id': 'dev-attr-bad-0001' };
  const json = { 'content-type': 'application/json' };
  const ok = { scene: 1007, path: '', query: {} };

  interface Case {
    name: string;
    path: '/api/v1/launch' | '/api/v1/events';
    anonymous?: boolean;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    status: number;
    code: string;
  }
  const L = '/api/v1/launch' as const;
  const E = '/api/v1/events' as const;
  const cases: Case[] = [
    { name: 'launch without a session', path: L, anonymous: true, body: ok, status: 401, code: 'UNAUTHENTICATED' },
    { name: 'launch without a body', path: L, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'launch with an array', path: L, body: [], status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'launch with broken JSON',
      path: L,
      raw: '{"scene":',
      headers: json,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'launch without path', path: L, body: { scene: 1007, query: {} }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'launch scene as text', path: L, body: { ...ok, scene: '1044' }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'launch scene fractional', path: L, body: { ...ok, scene: 10.44 }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'launch scene huge', path: L, body: { ...ok, scene: 1e12 }, status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'launch path too long',
      path: L,
      body: { ...ok, path: 'p'.repeat(300) },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'launch query with a number',
      path: L,
      body: { ...ok, query: { id: 12 } },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'launch query as a string',
      path: L,
      body: { ...ok, query: 'id=12' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'launch query value too long',
      path: L,
      body: { ...ok, query: { q: 'x'.repeat(600) } },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'launch with an unknown field',
      path: L,
      body: { ...ok, userId: '1' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'launch with an empty share ticket',
      path: L,
      body: { ...ok, scene: 1044, shareTicket: { encryptedData: '', iv: '' } },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'launch share ticket as a string',
      path: L,
      body: { ...ok, scene: 1044, shareTicket: 'abc' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'launch with a malformed device id',
      path: L,
      body: ok,
      headers: { 'x-device-id': 'a b' },
      status: 400,
      code: 'DEVICE_ID_INVALID',
    },
    {
      name: 'events without session or device',
      path: E,
      anonymous: true,
      body: { events: [event] },
      status: 400,
      code: 'DEVICE_ID_REQUIRED',
    },
    {
      name: 'events with a malformed device id',
      path: E,
      anonymous: true,
      body: { events: [event] },
      headers: { 'x-device-id': 'short' },
      status: 400,
      code: 'DEVICE_ID_INVALID',
    },
    { name: 'events empty', path: E, body: { events: [] }, headers: device, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'events missing', path: E, body: {}, headers: device, status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'events not an array',
      path: E,
      body: { events: event },
      headers: device,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'events with an extra field',
      path: E,
      body: { events: [event], userId: 1 },
      headers: device,
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'events body a string', path: E, body: 'events', headers: device, status: 400, code: 'VALIDATION_FAILED' },
    {
      name: 'events broken JSON',
      path: E,
      raw: '{"events":[',
      headers: { ...device, ...json },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'events as text/plain',
      path: E,
      raw: 'events',
      headers: { ...device, 'content-type': 'text/plain' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'events far too many',
      path: E,
      body: { events: Array(500).fill(event) },
      headers: device,
      status: 413,
      code: 'EVENT_BATCH_TOO_LARGE',
    },
  ];

  it.each(cases)('$name → $status $code', async ({ path, anonymous, body, raw, headers, status, code }) => {
    const res = await http(stack.baseUrl, 'POST', path, {
      token: anonymous ? undefined : token,
      body,
      rawBody: raw,
      headers,
    });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it('every anonymous event above was refused: nothing stored for the bad device', async () => {
    expect(await db().analyticsEvent.count({ where: { deviceId: 'dev-attr-bad-0001' } })).toBe(0);
  });
});
