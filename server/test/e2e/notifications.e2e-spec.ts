import { NOTIFICATION_TEMPLATE_KEYS, type NotificationTemplateKey } from '@weshop/shared';
import { DomainEvents } from '../../src/infra/events/domain-events';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { JobQueue } from '../../src/infra/queue/job-queue';
import { NOTIFICATION_TEMPLATES } from '../../src/notification/notification-templates';
import { NotificationOutbox } from '../../src/notification/notification-outbox';
import { OrderLifecycle } from '../../src/order/order-lifecycle.service';
import { http, loginAs } from '../support/http';
import { shop } from '../support/shop';
import { startStack, type Stack } from '../support/stack';

/**
 * 订阅消息 end to end, against the sandbox's subscribe/send: for each fact exactly one message to a
 * user who accepted and none to one who did not; a duplicate fact sends nothing more; WeChat busy
 * is retried and then FAILED (credit back) while the order flow that caused it succeeded; 43101 is
 * REFUSED at once; 47003 FAILED at once; bad subscription input is 400.
 */

let stack: Stack;
let given: ReturnType<typeof shop>;
let admin: string;
const users: Record<string, { token: string; id: number; openid: string }> = {};
const SEND = '/cgi-bin/message/subscribe/send';

const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(stack.baseUrl, method, path, { token, body, headers });
const sandbox = (method: string, path: string, body?: unknown) => http(stack.sandboxUrl, method, path, { body });
const db = () => stack.server.app.get(PrismaService).client;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const templateId = (key: NotificationTemplateKey) => NOTIFICATION_TEMPLATES[key].defaultId;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

async function user(name: string) {
  if (!users[name]) {
    const login = await loginAs(stack.baseUrl, name);
    const id = Number(login.user.id);
    const { openid } = await db().user.findUniqueOrThrow({ where: { id } });
    users[name] = { token: login.token, id, openid };
  }
  return users[name];
}

/** The user taps 允许 for these templates: WeChat grants the quota and our server records the credit. */
async function subscribe(name: string, keys: NotificationTemplateKey[], { atWechat = true } = {}) {
  const u = await user(name);
  if (atWechat)
    expect(
      (await sandbox('POST', '/sandbox/subscriptions', { openid: u.openid, templateIds: keys.map(templateId) })).status,
    ).toBe(200);
  const recorded = await call('POST', '/api/v1/notifications/subscriptions', u.token, {
    results: Object.fromEntries(keys.map((k) => [k, 'accept'])),
  });
  expect(recorded.status).toBe(200);
  return recorded.body.credits as Record<NotificationTemplateKey, number>;
}

const credits = async (name: string) =>
  (await call('GET', '/api/v1/notifications/subscriptions', (await user(name)).token)).body.credits;

async function messages(name: string, key: NotificationTemplateKey) {
  const u = await user(name);
  const listed = await sandbox('GET', `/sandbox/messages?touser=${u.openid}&templateId=${templateId(key)}`);
  return listed.body.items as Array<{ touser: string; templateId: string; page: string; data: Record<string, string> }>;
}

/** The messages for one template and user, once every one of them has reached a final state. */
async function settled(name: string, key: NotificationTemplateKey, expected = 1) {
  const u = await user(name);
  return waitFor(
    () => db().notification.findMany({ where: { userId: u.id, template: key }, orderBy: { id: 'asc' } }),
    (rows) => rows.length >= expected && rows.every((r) => r.status !== 'PENDING'),
  );
}

/** A paid order (TO_SHIP) of one unit of a fresh SKU. */
async function paidOrder(name: string, price = 10_000) {
  const { token } = await user(name);
  const sku = await given.skuWithStock(10, price);
  const address = await given.addressFor(token);
  const created = await given.order(token, { items: [{ skuId: sku.skuId, quantity: 1 }], addressId: address });
  expect(created.status).toBe(201);
  await given.pay(token, created.body.id);
  return given.waitForStatus(token, created.body.id, ['TO_SHIP']);
}

const ship = (orderId: string) =>
  call('POST', `/api/v1/admin/orders/${orderId}/ship`, admin, {
    carrier: 'SF',
    trackingNo: `SF${orderId}${Date.now()}`,
  });

async function setClock(now: string | null) {
  expect((await sandbox('POST', '/sandbox/clock', { now })).status).toBe(200);
}

beforeAll(async () => {
  stack = await startStack({
    label: 'notifications',
    seed: true,
    env: { NOTIFICATION_SEND_ATTEMPTS: '3', NOTIFICATION_RETRY_BASE_MS: '100' },
  });
  given = shop(stack);
  admin = (await user('admin')).token;
});
afterAll(async () => {
  await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
  await stack?.close();
});

describe('subscriptions', () => {
  it('lists the templates and, per moment, at most three to ask for', async () => {
    const listed = await call('GET', '/api/v1/notifications/templates', (await user('sub-a')).token);
    expect(listed.status).toBe(200);
    expect(listed.body.templates.map((t: { key: string }) => t.key)).toEqual([...NOTIFICATION_TEMPLATE_KEYS]);
    expect(listed.body.templates[0]).toEqual({
      key: 'ORDER_SHIPPED',
      templateId: templateId('ORDER_SHIPPED'),
      title: '订单发货通知',
    });
    expect(listed.body.moments.ORDER_PAY).toEqual(['ORDER_SHIPPED', 'REFUND_DONE']);
    for (const keys of Object.values(listed.body.moments) as string[][]) expect(keys.length).toBeLessThanOrEqual(3);
  });

  it('counts each accept as one credit; reject, ban and filter add none', async () => {
    const { token } = await user('sub-a');
    const first = await call('POST', '/api/v1/notifications/subscriptions', token, {
      results: { ORDER_SHIPPED: 'accept', REFUND_DONE: 'reject', GROUP_FAILED: 'ban', GROUP_SUCCEEDED: 'filter' },
    });
    expect(first.status).toBe(200);
    expect(first.body.credits).toMatchObject({ ORDER_SHIPPED: 1, REFUND_DONE: 0, GROUP_FAILED: 0, GROUP_SUCCEEDED: 0 });
    const second = await call('POST', '/api/v1/notifications/subscriptions', token, {
      results: { ORDER_SHIPPED: 'accept' },
    });
    expect(second.body.credits.ORDER_SHIPPED).toBe(2);
    const log = await db().notificationCreditEntry.findMany({ where: { userId: (await user('sub-a')).id } });
    expect(log.map((e) => [e.template, e.type, e.delta])).toEqual(
      expect.arrayContaining([
        ['ORDER_SHIPPED', 'ACCEPT', 1],
        ['REFUND_DONE', 'REJECT', 0],
        ['GROUP_FAILED', 'BAN', 0],
      ]),
    );
  });

  it.each([
    ['an unknown template key', { results: { NOT_A_TEMPLATE: 'accept' } }],
    ['an unknown answer', { results: { ORDER_SHIPPED: 'yes' } }],
    ['no answers', { results: {} }],
    ['no results', {}],
    ['results not an object', { results: ['ORDER_SHIPPED'] }],
  ])('refuses %s with 400', async (_name, body) => {
    const refused = await call('POST', '/api/v1/notifications/subscriptions', (await user('sub-b')).token, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(await credits('sub-b')).toMatchObject({ ORDER_SHIPPED: 0 });
  });

  it('needs a logged-in user', async () => {
    expect((await call('POST', '/api/v1/notifications/subscriptions', undefined, { results: {} })).status).toBe(401);
  });
});

describe('order shipped', () => {
  it('one message to the buyer who accepted, none to one who did not; a second shipped event sends nothing', async () => {
    await subscribe('ship-yes', ['ORDER_SHIPPED']);
    const yes = await paidOrder('ship-yes');
    const no = await paidOrder('ship-no');
    expect((await ship(yes.id)).status).toBe(200);
    expect((await ship(no.id)).status).toBe(200);

    const [sent] = await settled('ship-yes', 'ORDER_SHIPPED');
    expect(sent).toMatchObject({ status: 'SENT', eventKey: `ORDER_SHIPPED:order:${yes.id}`, attempts: 1 });
    const inbox = await messages('ship-yes', 'ORDER_SHIPPED');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      page: `subpackages/order/detail/index?id=${yes.id}`,
      data: { character_string1: yes.orderNo, thing3: '顺丰速运' },
    });
    expect((await credits('ship-yes')).ORDER_SHIPPED).toBe(0);

    const [skipped] = await settled('ship-no', 'ORDER_SHIPPED');
    expect(skipped.status).toBe('SKIPPED_NO_CREDIT');
    expect(await messages('ship-no', 'ORDER_SHIPPED')).toEqual([]);

    // The same fact again (a replayed event), with a fresh credit that could pay for it: nothing more.
    await subscribe('ship-yes', ['ORDER_SHIPPED']);
    const events = stack.server.app.get(DomainEvents);
    await stack.server.app
      .get(PrismaService)
      .transaction(async (tx) =>
        (await events.publish(tx, 'order.shipped', { orderId: Number(yes.id), userId: (await user('ship-yes')).id }))(),
      );
    await stack.server.app.get(JobQueue).sweepNow();
    expect(await db().notification.count({ where: { eventKey: `ORDER_SHIPPED:order:${yes.id}` } })).toBe(1);
    expect(await messages('ship-yes', 'ORDER_SHIPPED')).toHaveLength(1);
    expect((await credits('ship-yes')).ORDER_SHIPPED).toBe(1);
  });
});

describe('refund done', () => {
  it('one message per refund; the same refund delivered twice sends nothing more', async () => {
    await subscribe('refund-yes', ['REFUND_DONE']);
    const order = await paidOrder('refund-yes');
    const line = order.lines[0];
    const { token } = await user('refund-yes');
    const asked = await call('POST', `/api/v1/orders/${order.id}/aftersales`, token, {
      lineId: line.id,
      type: 'REFUND',
      amount: line.paidAmount,
      reason: '不想要了',
    });
    expect(asked.status).toBe(201);
    expect((await call('POST', `/api/v1/admin/aftersales/${asked.body.id}/approve`, admin)).status).toBe(200);
    const [sent] = await settled('refund-yes', 'REFUND_DONE');
    expect(sent.status).toBe('SENT');
    const inbox = await messages('refund-yes', 'REFUND_DONE');
    expect(inbox).toHaveLength(1);
    expect(inbox[0].data).toMatchObject({ character_string1: order.orderNo, amount2: `¥${line.paidAmount / 100}.00` });

    await subscribe('refund-yes', ['REFUND_DONE']);
    const refund = await db().refund.findFirstOrThrow({ where: { orderId: Number(order.id) } });
    const payload = {
      refundId: refund.id,
      orderId: refund.orderId,
      aftersaleId: refund.aftersaleId,
      amount: refund.amount,
    };
    const events = stack.server.app.get(DomainEvents);
    for (let i = 0; i < 2; i += 1)
      await stack.server.app
        .get(PrismaService)
        .transaction(async (tx) => (await events.publish(tx, 'refund.succeeded', payload))());
    await stack.server.app.get(JobQueue).sweepNow();
    expect(await db().notification.count({ where: { eventKey: `REFUND_DONE:refund:${refund.id}` } })).toBe(1);
    expect(await messages('refund-yes', 'REFUND_DONE')).toHaveLength(1);
  });
});

describe('group buys', () => {
  async function campaign() {
    const sku = await given.skuWithStock(50, 10_000);
    const now = Date.now();
    const created = await call('POST', '/api/v1/admin/groupbuys/campaigns', admin, {
      title: '三人团',
      productId: sku.productId,
      skus: [{ skuId: sku.skuId, groupPrice: 8000, leaderPrice: 7000 }],
      groupSize: 3,
      durationMinutes: 60,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000).toISOString(),
      quota: 100,
      perOrderLimit: 2,
      perUserLimit: 2,
    });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, sku };
  }

  async function joinAndPay(name: string, c: { id: string; sku: { skuId: string } }, groupId?: string) {
    const { token } = await user(name);
    const address = await given.addressFor(token);
    const created = await given.order(token, {
      items: [{ skuId: c.sku.skuId, quantity: 1 }],
      addressId: address,
      groupBuy: groupId ? { campaignId: c.id, groupId } : { campaignId: c.id },
    });
    expect(created.status).toBe(201);
    await given.pay(token, created.body.id);
    return given.waitForStatus(token, created.body.id, ['GROUPING', 'TO_SHIP']);
  }

  const groupOf = async (orderId: string) =>
    String((await db().groupBuyMember.findUniqueOrThrow({ where: { orderId: Number(orderId) } })).groupId);

  it('succeeded: one message to each member who accepted, none to the one who did not', async () => {
    await subscribe('gb-leader', ['GROUP_SUCCEEDED', 'GROUP_FAILED']);
    await subscribe('gb-friend', ['GROUP_SUCCEEDED']);
    const c = await campaign();
    const leader = await joinAndPay('gb-leader', c);
    const groupId = await groupOf(leader.id);
    await joinAndPay('gb-friend', c, groupId);
    await joinAndPay('gb-silent', c, groupId);

    for (const name of ['gb-leader', 'gb-friend']) {
      const [row] = await settled(name, 'GROUP_SUCCEEDED');
      expect(row).toMatchObject({
        status: 'SENT',
        eventKey: `GROUP_SUCCEEDED:group:${groupId}:user:${(await user(name)).id}`,
      });
      const inbox = await messages(name, 'GROUP_SUCCEEDED');
      expect(inbox).toHaveLength(1);
      expect(inbox[0].page).toBe(`subpackages/groupbuy/group/index?id=${groupId}`);
    }
    expect((await messages('gb-leader', 'GROUP_SUCCEEDED'))[0].data).toMatchObject({ amount2: '¥70.00', number3: '3' });
    expect((await settled('gb-silent', 'GROUP_SUCCEEDED'))[0].status).toBe('SKIPPED_NO_CREDIT');
    expect(await messages('gb-silent', 'GROUP_SUCCEEDED')).toEqual([]);
    expect(await messages('gb-leader', 'GROUP_FAILED')).toEqual([]);
  });

  it('failed at the deadline: a message to the paid member who accepted, and the refund’s', async () => {
    await subscribe('gb-alone', ['GROUP_FAILED', 'REFUND_DONE']);
    const c = await campaign();
    const leader = await joinAndPay('gb-alone', c);
    const groupId = await groupOf(leader.id);
    const group = await db().groupBuyGroup.findUniqueOrThrow({ where: { id: Number(groupId) } });
    await setClock(new Date(group.expiresAt!.getTime() + 1_000).toISOString());
    try {
      await stack.server.app.get(JobQueue).sweepNow();
    } finally {
      await setClock(null);
    }
    const [row] = await settled('gb-alone', 'GROUP_FAILED');
    expect(row.status).toBe('SENT');
    const inbox = await messages('gb-alone', 'GROUP_FAILED');
    expect(inbox).toHaveLength(1);
    const paid = await db().order.findUniqueOrThrow({ where: { id: Number(leader.id) } });
    // The whole payment comes back (团长价 70 yuan and the shipping fee).
    expect(inbox[0].data).toMatchObject({ amount2: `¥${(paid.payable / 100).toFixed(2)}`, phrase5: '拼团失败' });
    expect((await settled('gb-alone', 'REFUND_DONE'))[0].status).toBe('SENT');
    expect(await messages('gb-alone', 'REFUND_DONE')).toHaveLength(1);
  });
});

describe('distribution: commission settled and withdrawal paid', () => {
  it('one message per order per distributor (not per line), one when the withdrawal is paid', async () => {
    const saved = await call('PUT', '/api/v1/admin/settings/distribution', admin, {
      enabled: true,
      levels: 2,
      l1RateBp: 1000,
      l2RateBp: 500,
      selfPurchaseCommission: false,
      activityGoodsEarn: false,
      application: { autoApprove: false, minSpend: 0 },
      binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
      withdrawal: { minAmount: 100, dailyCap: 1_000_000, reviewRequired: false },
      tiers: [],
    });
    expect(saved.status).toBe(200);
    const dist = await user('dist-n');
    expect((await call('POST', '/api/v1/distribution/apply', dist.token, {})).status).toBe(200);
    const approved = await call('POST', `/api/v1/admin/distributors/${dist.id}/approve`, admin, {});
    expect(approved.status).toBe(200);
    await subscribe('dist-n', ['COMMISSION_SETTLED', 'WITHDRAWAL_PAID']);

    const buyer = await user('dist-buyer');
    expect(
      (await call('POST', '/api/v1/distribution/bind', buyer.token, { code: approved.body.code, source: 'LINK' }))
        .status,
    ).toBe(200);
    const first = await given.skuWithStock(10, 10_000);
    const second = await given.skuWithStock(10, 20_000);
    const created = await given.order(buyer.token, {
      items: [
        { skuId: first.skuId, quantity: 1 },
        { skuId: second.skuId, quantity: 1 },
      ],
      addressId: await given.addressFor(buyer.token),
    });
    expect(created.status).toBe(201);
    await given.pay(buyer.token, created.body.id);
    await given.waitForStatus(buyer.token, created.body.id, ['TO_SHIP']);
    const lifecycle = stack.server.app.get(OrderLifecycle);
    await stack.server.app
      .get(PrismaService)
      .transaction((tx) => lifecycle.markShipped(tx, Number(created.body.id), 'ADMIN'));
    await lifecycle.complete(Number(created.body.id), 'USER', '确认收货');
    await setClock(new Date(Date.now() + stack.config.orders.aftersaleWindowMs + 60_000).toISOString());
    try {
      await stack.server.app.get(JobQueue).sweepNow();
    } finally {
      await setClock(null);
    }
    expect(await db().commission.count({ where: { orderId: Number(created.body.id), status: 'SETTLED' } })).toBe(2);
    const [row] = await settled('dist-n', 'COMMISSION_SETTLED');
    expect(row).toMatchObject({
      status: 'SENT',
      eventKey: `COMMISSION_SETTLED:order:${created.body.id}:user:${dist.id}`,
    });
    const inbox = await messages('dist-n', 'COMMISSION_SETTLED');
    expect(inbox).toHaveLength(1);
    expect(inbox[0].data.amount1).toBe('¥30.00'); // 10% of 100 + 200 yuan, both lines in one message

    const requested = await call(
      'POST',
      '/api/v1/distribution/withdrawals',
      dist.token,
      { amount: 1000 },
      {
        'idempotency-key': `w-notify-${Date.now()}`,
      },
    );
    expect(requested.status).toBe(201);
    const waiting = await waitFor(
      async () => (await call('GET', `/api/v1/distribution/withdrawals/${requested.body.id}`, dist.token)).body,
      (w) => w.status === 'WAITING_USER_CONFIRM',
    );
    const confirmed = await sandbox('POST', `/sandbox/transfers/${waiting.outBillNo}/confirm`, {
      package: waiting.confirm.package,
      openid: waiting.confirm.openId,
    });
    expect(confirmed.status).toBe(200);
    const [paid] = await settled('dist-n', 'WITHDRAWAL_PAID');
    expect(paid).toMatchObject({ status: 'SENT', eventKey: `WITHDRAWAL_PAID:withdrawal:${requested.body.id}` });
    const paidInbox = await messages('dist-n', 'WITHDRAWAL_PAID');
    expect(paidInbox).toHaveLength(1);
    expect(paidInbox[0].data.amount1).toBe('¥10.00');
  });
});

describe('when WeChat fails', () => {
  it('rate-limited on every attempt: retried, then FAILED with the credit back; the shipping itself succeeded', async () => {
    await subscribe('fault-busy', ['ORDER_SHIPPED']);
    const order = await paidOrder('fault-busy');
    expect((await sandbox('POST', '/sandbox/faults', { path: SEND, errcode: 45009, times: 3 })).status).toBe(200);
    const shipped = await ship(order.id);
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('SHIPPED');
    const [row] = await settled('fault-busy', 'ORDER_SHIPPED');
    expect(row).toMatchObject({ status: 'FAILED', attempts: 3, errcode: 45009, creditSpent: false });
    expect(await messages('fault-busy', 'ORDER_SHIPPED')).toEqual([]);
    expect((await credits('fault-busy')).ORDER_SHIPPED).toBe(1);
    expect((await given.getOrder((await user('fault-busy')).token, order.id)).body.status).toBe('SHIPPED');
  });

  it('busy once: the retry sends it, once', async () => {
    await subscribe('fault-once', ['ORDER_SHIPPED']);
    const order = await paidOrder('fault-once');
    await sandbox('POST', '/sandbox/faults', { path: SEND, errcode: -1, times: 1 });
    expect((await ship(order.id)).status).toBe(200);
    const [row] = await settled('fault-once', 'ORDER_SHIPPED');
    expect(row).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(await messages('fault-once', 'ORDER_SHIPPED')).toHaveLength(1);
    expect((await credits('fault-once')).ORDER_SHIPPED).toBe(0);
  });

  it('43101 (no quota at WeChat): REFUSED at once, no retry, the credit void', async () => {
    await subscribe('no-quota', ['ORDER_SHIPPED'], { atWechat: false });
    const order = await paidOrder('no-quota');
    expect((await ship(order.id)).status).toBe(200);
    const [row] = await settled('no-quota', 'ORDER_SHIPPED');
    expect(row).toMatchObject({ status: 'REFUSED', attempts: 1, errcode: 43101 });
    expect((await credits('no-quota')).ORDER_SHIPPED).toBe(0);
    expect(await messages('no-quota', 'ORDER_SHIPPED')).toEqual([]);
  });

  it('47003 (a value WeChat refuses): FAILED at once, the credit back', async () => {
    await subscribe('bad-value', ['WITHDRAWAL_PAID']);
    const u = await user('bad-value');
    const outbox = stack.server.app.get(NotificationOutbox);
    const draft = outbox.draft('WITHDRAWAL_PAID', u.id, ['test', 'bad-value'], { amount: 100, at: new Date() });
    draft.data.thing3 = { value: '这段说明远远超过了二十个字的限制所以微信会拒绝它' };
    await outbox.recordNow([draft]);
    const [row] = await settled('bad-value', 'WITHDRAWAL_PAID');
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1, errcode: 47003, creditSpent: false });
    expect((await credits('bad-value')).WITHDRAWAL_PAID).toBe(1);
  });
});

describe('community posts, member day and points expiring (sweepers)', () => {
  it('a new post: one message to each member with a credit, none to others or the author; once', async () => {
    const community = await call('POST', '/api/v1/admin/communities', admin, { name: '通知社群' });
    expect(community.status).toBe(201);
    for (const name of ['post-author', 'post-reader', 'post-quiet'])
      await call('POST', `/api/v1/communities/${community.body.id}/join`, (await user(name)).token);
    await subscribe('post-reader', ['COMMUNITY_NEW_POST']);
    await subscribe('post-author', ['COMMUNITY_NEW_POST']);
    const posted = await call('POST', '/api/v1/posts', (await user('post-author')).token, {
      communityId: community.body.id,
      type: 'NOTE',
      text: '今天的团购清单来了',
    });
    expect(posted.status).toBe(201);
    await waitFor(
      async () => (await db().post.findUniqueOrThrow({ where: { id: Number(posted.body.id) } })).status,
      (status) => status === 'PUBLISHED',
    );
    await stack.server.app.get(JobQueue).sweepNow();
    const [row] = await settled('post-reader', 'COMMUNITY_NEW_POST');
    expect(row.status).toBe('SENT');
    const inbox = await messages('post-reader', 'COMMUNITY_NEW_POST');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      page: `subpackages/community/post/index?id=${posted.body.id}`,
      data: { thing1: '通知社群', thing2: '今天的团购清单来了' },
    });
    await stack.server.app.get(JobQueue).sweepNow(); // the post was fanned out already: nothing more
    expect(await db().notification.count({ where: { template: 'COMMUNITY_NEW_POST' } })).toBe(1);
    expect(await messages('post-reader', 'COMMUNITY_NEW_POST')).toHaveLength(1);
    expect(
      await db().notification.count({
        where: { template: 'COMMUNITY_NEW_POST', userId: (await user('post-quiet')).id },
      }),
    ).toBe(0);
    expect(
      await db().notification.count({
        where: { template: 'COMMUNITY_NEW_POST', userId: (await user('post-author')).id },
      }),
    ).toBe(0);
  });

  it('member day: the day before from 10:00, one reminder to each entitled member who opted in, once', async () => {
    const levels: Record<string, string> = {};
    for (const [name, minGrowth, memberDayAccess] of [
      ['bronze', 0, false],
      ['silver', 1_000, true],
    ] as const) {
      const created = await call('POST', '/api/v1/admin/member-levels', admin, {
        name,
        minGrowth,
        discountBp: 10_000,
        pointsMultiplierBp: 10_000,
        memberDayAccess,
      });
      expect(created.status).toBe(201);
      levels[name] = created.body.id;
    }
    const saved = await call('PUT', '/api/v1/admin/member-days', admin, {
      enabled: true,
      kind: 'WEEKLY',
      days: [3],
      levelIds: [levels.silver],
      pointsMultiplierBp: 20_000,
      prices: [],
    });
    expect(saved.status).toBe(200);
    // Silver: ¥1,500 of growth; bronze: none.
    for (const name of ['md-fan', 'md-quiet'])
      await db().memberProfile.create({ data: { userId: (await user(name)).id, growthFen: 150_000 } });
    await subscribe('md-fan', ['MEMBER_DAY_REMINDER']);
    await subscribe('md-bronze', ['MEMBER_DAY_REMINDER']);
    const jobs = stack.server.app.get(JobQueue);
    const count = () => db().notification.count({ where: { template: 'MEMBER_DAY_REMINDER' } });
    try {
      await setClock('2026-12-01T01:30:00.000Z'); // Tuesday 09:30 in Shanghai: too early
      await jobs.sweepNow();
      expect(await count()).toBe(0);
      await setClock('2026-12-01T02:00:00.000Z'); // Tuesday 10:00, the day before Wednesday's member day
      await jobs.sweepNow();
      await jobs.sweepNow();
      await setClock('2026-12-02T02:00:00.000Z'); // Wednesday 10:00: Thursday is no member day
      await jobs.sweepNow();
    } finally {
      await setClock(null);
    }
    const [row] = await settled('md-fan', 'MEMBER_DAY_REMINDER');
    expect(row).toMatchObject({
      status: 'SENT',
      eventKey: `MEMBER_DAY_REMINDER:2026-12-02:user:${(await user('md-fan')).id}`,
    });
    const inbox = await messages('md-fan', 'MEMBER_DAY_REMINDER');
    expect(inbox).toHaveLength(1);
    expect(inbox[0].data).toMatchObject({ date2: '2026年12月2日', thing3: '会员专享价，积分2倍' });
    // md-quiet is silver but did not opt in; md-bronze opted in but bronze has no member day.
    expect(await count()).toBe(1);
    expect(await messages('md-bronze', 'MEMBER_DAY_REMINDER')).toHaveLength(0);
    const disabled = await call('PUT', '/api/v1/admin/member-days', admin, { ...saved.body, enabled: false });
    expect(disabled.status).toBe(200);
  });

  it('points expiring within 7 days: one reminder per user with a credit', async () => {
    const fan = await user('pts-fan');
    const quiet = await user('pts-quiet');
    await subscribe('pts-fan', ['POINTS_EXPIRING']);
    const now = Date.now();
    for (const [userId, days] of [
      [fan.id, 3],
      [fan.id, 5],
      [quiet.id, 3],
    ])
      await db().pointsLot.create({
        data: {
          userId,
          source: 'TEST',
          amount: 100,
          remaining: 100,
          status: 'ACTIVE',
          earnedAt: new Date(now - 86_400_000),
          usableFrom: new Date(now - 86_400_000),
          expiresAt: new Date(now + days * 86_400_000),
        },
      });
    await stack.server.app.get(JobQueue).sweepNow();
    await stack.server.app.get(JobQueue).sweepNow();
    const [row] = await settled('pts-fan', 'POINTS_EXPIRING');
    expect(row.status).toBe('SENT');
    const inbox = await messages('pts-fan', 'POINTS_EXPIRING');
    expect(inbox).toHaveLength(1);
    expect(inbox[0].data.number1).toBe('200');
    expect(await db().notification.count({ where: { template: 'POINTS_EXPIRING' } })).toBe(1);
    expect(await db().notification.count({ where: { template: 'POINTS_EXPIRING', userId: quiet.id } })).toBe(0);
  });
});
