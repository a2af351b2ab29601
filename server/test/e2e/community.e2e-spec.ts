import jsQR from 'jsqr';
import { parseWxacodeContent } from '../../src/sandbox/sandbox-wxacode';
import { PrismaService } from '../../src/infra/prisma/prisma.service';
import { http, loginAs } from '../support/http';
import { startStack, type Stack } from '../support/stack';

// pngjs ships no types (it is qrcode's own PNG encoder); only its synchronous reader is used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
};

/**
 * 社群 over HTTP: the shop creates communities and appoints managers; users join by link or code,
 * see the members and leave; managers keep the announcement and members of their own community
 * only; the community's mini-program code; stats with the WeChat groups members came from.
 */

let stack: Stack;
let admin: string;
const users: Record<string, { token: string; id: string }> = {};
let a: string; // community A, managed by mgr-a
let b: string; // community B, managed by mgr-b

const call = (method: string, path: string, token?: string, body?: unknown) =>
  http(stack.baseUrl, method, path, { token, body });
const as = (name: string) => users[name].token;
const db = () => stack.server.app.get(PrismaService).client;

function expectError(result: { status: number; body: any }, status: number, code: string) {
  expect({ status: result.status, code: result.body?.error?.code }).toEqual({ status, code });
  expect(typeof result.body.error.message).toBe('string');
}

beforeAll(async () => {
  stack = await startStack({ label: 'community', seed: true });
  admin = (await loginAs(stack.baseUrl, 'admin')).token;
  for (const name of ['mgr-a', 'mgr-b', 'fan-1', 'fan-2', 'fan-3', 'outsider']) {
    const login = await loginAs(stack.baseUrl, name);
    users[name] = { token: login.token, id: String(login.user.id) };
  }
  const created = await call('POST', '/api/v1/admin/communities', admin, {
    name: '宝妈好物圈',
    intro: '分享育儿好物',
    announcement: '欢迎加入',
  });
  expect(created.status).toBe(201);
  a = created.body.id;
  b = (await call('POST', '/api/v1/admin/communities', admin, { name: '户外装备' })).body.id;
  expect(
    (await call('POST', `/api/v1/admin/communities/${a}/managers`, admin, { userId: users['mgr-a'].id })).status,
  ).toBe(200);
  expect(
    (await call('POST', `/api/v1/admin/communities/${b}/managers`, admin, { userId: users['mgr-b'].id })).status,
  ).toBe(200);
});
afterAll(async () => stack?.close());

describe('the shop sets communities up', () => {
  it('creates a community with its fields (ADMIN only)', async () => {
    const view = await call('GET', `/api/v1/communities/${a}`, as('fan-1'));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: a,
      name: '宝妈好物圈',
      intro: '分享育儿好物',
      announcement: '欢迎加入',
      memberCount: 1,
      postCount: 0,
      joined: false,
      myRole: null,
    });
    expect(view.body.announcementAt).not.toBeNull();
    expectError(await call('POST', '/api/v1/admin/communities', as('fan-1'), { name: 'x' }), 403, 'FORBIDDEN');
    expectError(await call('GET', '/api/v1/communities'), 401, 'UNAUTHENTICATED');
  });

  it('appoints a manager: a member with the MANAGER role and the COMMUNITY_MANAGER user role', async () => {
    const view = await call('GET', `/api/v1/communities/${a}`, as('mgr-a'));
    expect(view.body).toMatchObject({ joined: true, myRole: 'MANAGER' });
    const me = await call('GET', '/api/v1/me', as('mgr-a'));
    expect(me.body.roles).toContain('COMMUNITY_MANAGER');
    const managed = await call('GET', '/api/v1/manage/communities', as('mgr-a'));
    expect(managed.body.items.map((c: any) => c.id)).toEqual([a]);
    // The admin manages every community.
    const all = await call('GET', '/api/v1/manage/communities', admin);
    expect(all.body.items.map((c: any) => c.id).sort()).toEqual([a, b].sort());
  });

  it('edits a community and lists them for the admin', async () => {
    const edited = await call('PATCH', `/api/v1/admin/communities/${b}`, admin, { intro: '徒步、露营', cover: '' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: '户外装备', intro: '徒步、露营' });
    const list = await call('GET', '/api/v1/admin/communities?pageSize=50', admin);
    expect(list.body.total).toBeGreaterThanOrEqual(2);
  });

  it('revoking the only manager is refused; with a second manager it works and the user role follows', async () => {
    expectError(
      await call('DELETE', `/api/v1/admin/communities/${b}/managers/${users['mgr-b'].id}`, admin),
      409,
      'COMMUNITY_LAST_MANAGER',
    );
    const c = (await call('POST', '/api/v1/admin/communities', admin, { name: '临时社群' })).body.id;
    await call('POST', `/api/v1/admin/communities/${c}/managers`, admin, { userId: users['fan-3'].id });
    await call('POST', `/api/v1/admin/communities/${c}/managers`, admin, { userId: users['outsider'].id });
    expect((await call('GET', '/api/v1/me', as('fan-3'))).body.roles).toContain('COMMUNITY_MANAGER');
    const revoked = await call('DELETE', `/api/v1/admin/communities/${c}/managers/${users['fan-3'].id}`, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ userId: users['fan-3'].id, role: 'MEMBER', source: 'MANUAL' });
    expect((await call('GET', '/api/v1/me', as('fan-3'))).body.roles).not.toContain('COMMUNITY_MANAGER');
    await call('POST', `/api/v1/communities/${c}/leave`, as('fan-3'));
  });
});

describe('joining and leaving', () => {
  it('joins by link and by code, once each, and the member count follows', async () => {
    const joined = await call('POST', `/api/v1/communities/${a}/join`, as('fan-1'));
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ joined: true, myRole: 'MEMBER', memberCount: 2 });
    const again = await call('POST', `/api/v1/communities/${a}/join`, as('fan-1'), { source: 'CODE' });
    expect(again.body.memberCount).toBe(2);
    const byCode = await call('POST', `/api/v1/communities/${a}/join`, as('fan-2'), { source: 'CODE' });
    expect(byCode.body.memberCount).toBe(3);
    const rows = await db().communityMember.findMany({
      where: { communityId: Number(a) },
      orderBy: { joinedAt: 'asc' },
    });
    expect(rows.map((r) => [String(r.userId), r.source])).toEqual([
      [users['mgr-a'].id, 'MANUAL'],
      [users['fan-1'].id, 'LINK'],
      [users['fan-2'].id, 'CODE'],
    ]);
    const mine = await call('GET', '/api/v1/communities?mine=true', as('fan-1'));
    expect(mine.body.items.map((c: any) => c.id)).toEqual([a]);
  });

  it('lists members to members (managers first), not to outsiders', async () => {
    const members = await call('GET', `/api/v1/communities/${a}/members`, as('fan-1'));
    expect(members.status).toBe(200);
    expect(members.body.total).toBe(3);
    expect(members.body.items[0]).toMatchObject({ userId: users['mgr-a'].id, role: 'MANAGER' });
    expect(members.body.items.map((m: any) => m.userId)).toEqual([
      users['mgr-a'].id,
      users['fan-1'].id,
      users['fan-2'].id,
    ]);
    const managers = await call('GET', `/api/v1/communities/${a}/members?role=MANAGER`, as('fan-1'));
    expect(managers.body.items).toHaveLength(1);
    expectError(await call('GET', `/api/v1/communities/${a}/members`, as('outsider')), 403, 'COMMUNITY_NOT_MEMBER');
  });

  it('leaves (twice changes nothing); the last manager cannot leave', async () => {
    await call('POST', `/api/v1/communities/${a}/join`, as('fan-3'));
    const left = await call('POST', `/api/v1/communities/${a}/leave`, as('fan-3'));
    expect(left.body).toMatchObject({ joined: false, myRole: null, memberCount: 3 });
    const again = await call('POST', `/api/v1/communities/${a}/leave`, as('fan-3'));
    expect(again.body.memberCount).toBe(3);
    expectError(await call('POST', `/api/v1/communities/${a}/leave`, as('mgr-a')), 409, 'COMMUNITY_LAST_MANAGER');
  });

  it('joins many at once without losing a count', async () => {
    const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => loginAs(stack.baseUrl, `crowd-${i}`)));
    const before = (await call('GET', `/api/v1/communities/${b}`, admin)).body.memberCount;
    await Promise.all(crowd.flatMap((u) => [1, 2].map(() => call('POST', `/api/v1/communities/${b}/join`, u.token))));
    const after = (await call('GET', `/api/v1/communities/${b}`, admin)).body.memberCount;
    expect(after).toBe(before + 8);
    expect(await db().communityMember.count({ where: { communityId: Number(b) } })).toBe(after);
  });
});

describe('the community code', () => {
  it('is a real mini-program code opening pages/community/index with scene c=<id>', async () => {
    const share = await call('GET', `/api/v1/communities/${a}/share`, as('fan-1'));
    expect(share.status).toBe(200);
    expect(share.body).toMatchObject({ path: `/pages/community/index?id=${a}`, scene: `c=${a}` });
    expect(share.body.codeImage).toMatch(/^data:image\/png;base64,/);
    const image = PNG.sync.read(Buffer.from(share.body.codeImage.split(',')[1], 'base64'));
    const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(parseWxacodeContent(code?.data ?? '')).toEqual({ page: 'pages/community/index', scene: `c=${a}` });
    expectError(await call('GET', '/api/v1/communities/999999/share', as('fan-1')), 404, 'COMMUNITY_NOT_FOUND');
  });
});

describe('managers manage their own community only', () => {
  it('sets the announcement; a member or the manager of B cannot', async () => {
    const set = await call('PUT', `/api/v1/manage/communities/${a}/announcement`, as('mgr-a'), {
      announcement: '周五团购',
    });
    expect(set.status).toBe(200);
    expect(set.body.announcement).toBe('周五团购');
    expectError(
      await call('PUT', `/api/v1/manage/communities/${a}/announcement`, as('mgr-b'), { announcement: 'x' }),
      403,
      'COMMUNITY_NOT_MANAGER',
    );
    expectError(
      await call('PUT', `/api/v1/manage/communities/${a}/announcement`, as('fan-1'), { announcement: 'x' }),
      403,
      'COMMUNITY_NOT_MANAGER',
    );
    const cleared = await call('PUT', `/api/v1/manage/communities/${a}/announcement`, admin, { announcement: '' });
    expect(cleared.body).toMatchObject({ announcement: '', announcementAt: null });
  });

  it('promotes and demotes members, removes members, never the last manager', async () => {
    expectError(
      await call('PATCH', `/api/v1/manage/communities/${a}/members/${users['fan-1'].id}`, as('mgr-b'), {
        role: 'MANAGER',
      }),
      403,
      'COMMUNITY_NOT_MANAGER',
    );
    const promoted = await call('PATCH', `/api/v1/manage/communities/${a}/members/${users['fan-1'].id}`, as('mgr-a'), {
      role: 'MANAGER',
    });
    expect(promoted.body).toMatchObject({ role: 'MANAGER' });
    const demoted = await call('PATCH', `/api/v1/manage/communities/${a}/members/${users['fan-1'].id}`, as('mgr-a'), {
      role: 'MEMBER',
    });
    expect(demoted.body).toMatchObject({ role: 'MEMBER' });
    expectError(
      await call('PATCH', `/api/v1/manage/communities/${a}/members/${users['mgr-a'].id}`, as('mgr-a'), {
        role: 'MEMBER',
      }),
      409,
      'COMMUNITY_LAST_MANAGER',
    );
    expectError(
      await call('PATCH', `/api/v1/manage/communities/${a}/members/${users['outsider'].id}`, as('mgr-a'), {
        role: 'MEMBER',
      }),
      404,
      'COMMUNITY_NOT_MEMBER',
    );
    expectError(
      await call('DELETE', `/api/v1/manage/communities/${a}/members/${users['mgr-a'].id}`, as('mgr-a')),
      403,
      'FORBIDDEN',
    );
    await call('POST', `/api/v1/communities/${a}/join`, as('outsider'));
    const removed = await call(
      'DELETE',
      `/api/v1/manage/communities/${a}/members/${users['outsider'].id}`,
      as('mgr-a'),
    );
    expect(removed.body).toEqual({ ok: true });
    expect((await call('GET', `/api/v1/communities/${a}`, as('outsider'))).body.joined).toBe(false);
    const list = await call('GET', `/api/v1/manage/communities/${a}/members`, as('mgr-a'));
    expect(list.body.total).toBe(3);
  });

  it('reads stats of its own community, with the WeChat groups members came from', async () => {
    const now = new Date();
    await db().userWechatGroup.createMany({
      data: [
        { userId: Number(users['fan-1'].id), opengid: 'G-family', firstSeenAt: now, lastSeenAt: now },
        { userId: Number(users['fan-2'].id), opengid: 'G-family', firstSeenAt: now, lastSeenAt: now },
        { userId: Number(users['fan-2'].id), opengid: 'G-school', firstSeenAt: now, lastSeenAt: now },
        { userId: Number(users['outsider'].id), opengid: 'G-other', firstSeenAt: now, lastSeenAt: now },
      ],
    });
    const stats = await call('GET', `/api/v1/manage/communities/${a}/stats`, as('mgr-a'));
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ communityId: a, members: 3, managers: 1, likes: 0, comments: 0 });
    expect(stats.body.posts).toMatchObject({ PUBLISHED: 0, IN_REVIEW: 0 });
    expect(stats.body.wechatGroups.map((g: any) => [g.opengid, g.members])).toEqual([
      ['G-family', 2],
      ['G-school', 1],
    ]);
    expectError(await call('GET', `/api/v1/manage/communities/${a}/stats`, as('mgr-b')), 403, 'COMMUNITY_NOT_MANAGER');
    expectError(await call('GET', `/api/v1/manage/communities/${a}/stats`, as('fan-1')), 403, 'COMMUNITY_NOT_MANAGER');
  });
});

describe('the API document', () => {
  it('publishes the community and post routes', async () => {
    const doc = (await call('GET', '/api/docs-json')).body;
    for (const path of [
      '/api/v1/communities/{id}/join',
      '/api/v1/posts',
      '/api/v1/posts/{id}/comments',
      '/api/v1/uploads',
      '/api/v1/manage/communities/{id}/posts/{postId}/approve',
      '/api/v1/admin/communities/{id}/managers',
      '/api/v1/wechat/message-push',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/v1/posts'].post.requestBody.content['application/json'].schema.properties.type.enum).toEqual(
      ['NOTE', 'VIDEO', 'ARTICLE'],
    );
  });
});

describe('bad inputs are 4xx in the error shape, never 500', () => {
  const cases: Array<[string, string, string, () => string, unknown, number]> = [
    ['list: page 0', 'GET', '/api/v1/communities?page=0', () => 'fan-1', undefined, 400],
    ['list: unknown query', 'GET', '/api/v1/communities?sort=x', () => 'fan-1', undefined, 400],
    ['list: mine=yes', 'GET', '/api/v1/communities?mine=yes', () => 'fan-1', undefined, 400],
    ['get: not an id', 'GET', '/api/v1/communities/abc', () => 'fan-1', undefined, 400],
    ['get: unknown', 'GET', '/api/v1/communities/999999', () => 'fan-1', undefined, 404],
    ['join: unknown', 'POST', '/api/v1/communities/999999/join', () => 'fan-1', {}, 404],
    ['join: bad source', 'POST', '/api/v1/communities/{a}/join', () => 'fan-1', { source: 'QR' }, 400],
    ['join: extra field', 'POST', '/api/v1/communities/{a}/join', () => 'fan-1', { source: 'LINK', x: 1 }, 400],
    ['leave: unknown', 'POST', '/api/v1/communities/999999/leave', () => 'fan-1', {}, 404],
    ['members: bad role', 'GET', '/api/v1/communities/{a}/members?role=OWNER', () => 'fan-1', undefined, 400],
    ['members: unknown', 'GET', '/api/v1/communities/999999/members', () => 'fan-1', undefined, 404],
    ['share: not an id', 'GET', '/api/v1/communities/-1/share', () => 'fan-1', undefined, 400],
    ['admin create: no name', 'POST', '/api/v1/admin/communities', () => 'admin', {}, 400],
    ['admin create: long name', 'POST', '/api/v1/admin/communities', () => 'admin', { name: 'x'.repeat(33) }, 400],
    [
      'admin create: bad cover',
      'POST',
      '/api/v1/admin/communities',
      () => 'admin',
      { name: 'x', cover: 'ftp://x' },
      400,
    ],
    ['admin create: body is a list', 'POST', '/api/v1/admin/communities', () => 'admin', [1, 2], 400],
    ['admin update: empty', 'PATCH', '/api/v1/admin/communities/{a}', () => 'admin', {}, 400],
    ['admin update: unknown', 'PATCH', '/api/v1/admin/communities/999999', () => 'admin', { name: 'x' }, 404],
    ['admin managers: no user', 'POST', '/api/v1/admin/communities/{a}/managers', () => 'admin', {}, 400],
    [
      'admin managers: unknown user',
      'POST',
      '/api/v1/admin/communities/{a}/managers',
      () => 'admin',
      { userId: '999999' },
      404,
    ],
    [
      'admin managers: unknown community',
      'POST',
      '/api/v1/admin/communities/999999/managers',
      () => 'admin',
      { userId: '{fan-1}' },
      404,
    ],
    ['admin managers: numeric id', 'POST', '/api/v1/admin/communities/{a}/managers', () => 'admin', { userId: 5 }, 400],
    [
      'admin revoke: not a member',
      'DELETE',
      '/api/v1/admin/communities/{a}/managers/999999',
      () => 'admin',
      undefined,
      404,
    ],
    [
      'announcement: too long',
      'PUT',
      '/api/v1/manage/communities/{a}/announcement',
      () => 'mgr-a',
      { announcement: 'x'.repeat(1001) },
      400,
    ],
    ['announcement: missing', 'PUT', '/api/v1/manage/communities/{a}/announcement', () => 'mgr-a', {}, 400],
    [
      'announcement: unknown community',
      'PUT',
      '/api/v1/manage/communities/999999/announcement',
      () => 'mgr-a',
      { announcement: 'x' },
      404,
    ],
    [
      'member role: bad role',
      'PATCH',
      '/api/v1/manage/communities/{a}/members/{fan-1}',
      () => 'mgr-a',
      { role: 'OWNER' },
      400,
    ],
    [
      'member role: bad user id',
      'PATCH',
      '/api/v1/manage/communities/{a}/members/x',
      () => 'mgr-a',
      { role: 'MEMBER' },
      400,
    ],
    [
      'remove member: not a member',
      'DELETE',
      '/api/v1/manage/communities/{a}/members/999999',
      () => 'mgr-a',
      undefined,
      404,
    ],
    ['stats: unknown', 'GET', '/api/v1/manage/communities/999999/stats', () => 'mgr-a', undefined, 404],
    ['manage list: bad page', 'GET', '/api/v1/manage/communities?pageSize=1000', () => 'mgr-a', undefined, 400],
  ];
  it.each(cases)('%s', async (_name, method, template, who, body, status) => {
    const fill = (text: string) =>
      text.replace('{a}', a).replace(/\{([a-z0-9-]+)\}/g, (_m, name: string) => users[name]?.id ?? name);
    const token = who() === 'admin' ? admin : as(who());
    const payload = body && typeof body === 'object' ? JSON.parse(fill(JSON.stringify(body))) : body;
    const result = await call(method, fill(template), token, payload);
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('a body that is not JSON is a 400', async () => {
    const result = await http(stack.baseUrl, 'POST', '/api/v1/admin/communities', {
      token: admin,
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('VALIDATION_FAILED');
  });
});
