import { startStack, type Stack } from '../support/stack';
import { http, loginAs } from '../support/http';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'auth', seed: true });
});
afterAll(async () => stack?.close());

describe('WeChat login through the sandbox', () => {
  it('logs two sandbox users in as two stable, different users', async () => {
    const alice1 = await loginAs(stack.baseUrl, 'alice_e2e');
    const alice2 = await loginAs(stack.baseUrl, 'alice_e2e');
    const bob = await loginAs(stack.baseUrl, 'bob_e2e');
    expect(alice1.user.id).toBe(alice2.user.id);
    expect(bob.user.id).not.toBe(alice1.user.id);
    expect(alice1.user.roles).toEqual(['CONSUMER']);
    expect(alice1.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const me = await http(stack.baseUrl, 'GET', '/api/v1/me', { token: bob.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: bob.user.id, roles: ['CONSUMER'], points: { available: 0, frozen: 0 } });
    expect(me.body).not.toHaveProperty('openid');
    expect(JSON.stringify(me.body)).not.toMatch(/session_?key/i);
  });

  it('gives the seeded admin the ADMIN role', async () => {
    const admin = await loginAs(stack.baseUrl, 'admin');
    expect(admin.user.roles).toEqual(expect.arrayContaining(['CONSUMER', 'ADMIN']));
  });

  it('accepts a code issued by the sandbox once, and refuses it the second time', async () => {
    const issued = await http(stack.sandboxUrl, 'POST', '/sandbox/users', { body: { name: 'carol_e2e' } });
    expect(issued.status).toBe(200);
    const first = await http(stack.baseUrl, 'POST', '/api/v1/auth/wechat-login', { body: { code: issued.body.code } });
    expect(first.status).toBe(200);
    const again = await http(stack.baseUrl, 'POST', '/api/v1/auth/wechat-login', { body: { code: issued.body.code } });
    expect(again.status).toBe(401);
    expect(again.body.error).toMatchObject({ code: 'WECHAT_LOGIN_FAILED', details: { errcode: 40163 } });
    const carol = await loginAs(stack.baseUrl, 'carol_e2e');
    expect(carol.user.id).toBe(first.body.user.id);
  });

  it.each([
    ['an unknown code', { code: 'not-a-code' }, 401, 'WECHAT_LOGIN_FAILED'],
    ['a malformed sandbox name', { code: 'sandbox:has space' }, 401, 'WECHAT_LOGIN_FAILED'],
    ['no code', {}, 400, 'VALIDATION_FAILED'],
    ['an empty code', { code: '' }, 400, 'VALIDATION_FAILED'],
    ['a numeric code', { code: 42 }, 400, 'VALIDATION_FAILED'],
    ['an extra field', { code: 'sandbox:x', admin: true }, 400, 'VALIDATION_FAILED'],
    ['an array body', [1, 2], 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_what, body, status, code) => {
    const result = await http(stack.baseUrl, 'POST', '/api/v1/auth/wechat-login', { body });
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
  });

  it('answers malformed JSON and a wrong content type with a 4xx in the error shape', async () => {
    const badJson = await http(stack.baseUrl, 'POST', '/api/v1/auth/wechat-login', {
      rawBody: '{"code":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('VALIDATION_FAILED');
    const text = await http(stack.baseUrl, 'POST', '/api/v1/auth/wechat-login', {
      rawBody: '<code>1</code>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('maps WeChat rate limiting (45011) to 429', async () => {
    await http(stack.sandboxUrl, 'POST', '/sandbox/faults', { body: { path: '/sns/jscode2session', errcode: 45011 } });
    const limited = await http(stack.baseUrl, 'POST', '/api/v1/auth/wechat-login', { body: { code: 'sandbox:dave' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it.each([
    ['no token', undefined],
    ['a garbage token', 'garbage'],
    [
      'a token signed with another secret',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwiaWF0IjoxLCJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl',
    ],
  ])('answers /me with %s by 401', async (_what, token) => {
    const result = await http(stack.baseUrl, 'GET', '/api/v1/me', { token });
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('expires tokens by the shop clock', async () => {
    const { token } = await loginAs(stack.baseUrl, 'erin_e2e');
    const clock = await http(stack.sandboxUrl, 'POST', '/sandbox/clock', {
      body: { now: new Date(Date.now() + 8 * 24 * 3600 * 1000).toISOString() },
    });
    expect(clock.status).toBe(200);
    try {
      const expired = await http(stack.baseUrl, 'GET', '/api/v1/me', { token });
      expect(expired.status).toBe(401);
    } finally {
      await http(stack.sandboxUrl, 'POST', '/sandbox/clock', { body: { now: null } });
    }
    const fresh = await http(stack.baseUrl, 'GET', '/api/v1/me', { token });
    expect(fresh.status).toBe(200);
  });
});

describe('roles', () => {
  it('lets an admin list every product and forbids a consumer', async () => {
    const admin = await loginAs(stack.baseUrl, 'admin');
    const shopper = await loginAs(stack.baseUrl, 'alice_e2e');
    const allowed = await http(stack.baseUrl, 'GET', '/api/v1/admin/products', { token: admin.token });
    expect(allowed.status).toBe(200);
    expect(allowed.body.total).toBeGreaterThanOrEqual(40);
    const forbidden = await http(stack.baseUrl, 'GET', '/api/v1/admin/products', { token: shopper.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const anonymous = await http(stack.baseUrl, 'GET', '/api/v1/admin/products');
    expect(anonymous.status).toBe(401);
  });
});

describe('WeChat access token (stable_token)', () => {
  it('is fetched over HTTP from the sandbox, cached, and refreshed on demand', async () => {
    const { WechatMiniClient } = await import('../../src/wechat/wechat-mini.client');
    const client = stack.server.app.get(WechatMiniClient);
    const first = await client.accessToken();
    expect(first.length).toBeGreaterThan(20);
    expect(await client.accessToken()).toBe(first);
    const rotated = await client.accessToken(true);
    expect(rotated).not.toBe(first);
    expect(await client.accessToken()).toBe(rotated);
  });

  it('answers wrong credentials with WeChat errcodes', async () => {
    const wrongSecret = await http(stack.sandboxUrl, 'POST', '/cgi-bin/stable_token', {
      body: { grant_type: 'client_credential', appid: stack.config.wechat.appid, secret: 'wrong' },
    });
    expect(wrongSecret.body.errcode).toBe(40125);
    const wrongAppid = await http(
      stack.sandboxUrl,
      'GET',
      `/sns/jscode2session?appid=wx0000000000000000&secret=x&js_code=sandbox:a&grant_type=authorization_code`,
    );
    expect(wrongAppid.body.errcode).toBe(40013);
  });
});
