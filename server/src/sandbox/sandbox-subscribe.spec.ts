import Fastify, { type FastifyInstance } from 'fastify';
import { registerSandboxSubscribe, subscribeValueValid } from './sandbox-subscribe';

describe("WeChat's subscription-message value types (47003)", () => {
  it.each([
    ['thing', '二十个字以内的任何内容都可以', true],
    ['thing', '一二三四五六七八九十一二三四五六七八九十', true],
    ['thing', '一二三四五六七八九十一二三四五六七八九十一', false],
    ['thing', '', false],
    ['number', '12345', true],
    ['number', '12.5', true],
    ['number', '1a', false],
    ['number', '1'.repeat(33), false],
    ['letter', 'abcXYZ', true],
    ['letter', 'abc1', false],
    ['character_string', 'SF1234567890-A', true],
    ['character_string', 'a'.repeat(32), true],
    ['character_string', 'a'.repeat(33), false],
    ['character_string', '中文', false],
    ['character_string', 'a b', false],
    ['phrase', '拼团成功', true],
    ['phrase', '一二三四五', true],
    ['phrase', '一二三四五六', false],
    ['phrase', 'ok', false],
    ['time', '2026年11月25日 08:05', true],
    ['time', '15:01', true],
    ['time', '2026-11-25 08:05', true],
    ['time', 'tomorrow', false],
    ['date', '2026年11月25日', true],
    ['date', '2026-11-25', true],
    ['date', '25/11/2026', false],
    ['amount', '¥100.00', true],
    ['amount', '100.5元', true],
    ['amount', '100', false],
    ['amount', '¥12345678901', false],
    ['symbol', '%', true],
    ['name', '张三', true],
    ['unknown-type', 'x', false],
  ])('%s %p → %p', (type, value, valid) => {
    expect(subscribeValueValid(type, value)).toBe(valid);
  });

  it('a value that is not a string is invalid', () => {
    expect(subscribeValueValid('number', 12)).toBe(false);
  });
});

describe('the sandbox subscribe/send', () => {
  const OPENID = 'oKnownUser';
  const TOKEN = 'token-1';
  const TEMPLATE = 'tmpl-shipped';
  let app: FastifyInstance;
  const faults: Array<{ path: string; errcode: number }> = [];

  beforeAll(async () => {
    app = Fastify();
    registerSandboxSubscribe(app, {
      now: () => new Date('2026-11-25T00:00:00Z'),
      tokens: () => [{ value: TOKEN, expiresAt: Date.parse('2026-11-25T02:00:00Z') }],
      takeFault: (path) => {
        const i = faults.findIndex((f) => f.path === path);
        return i < 0 ? undefined : faults.splice(i, 1)[0].errcode;
      },
      knownOpenid: (openid) => openid === OPENID,
      templates: { [TEMPLATE]: { thing1: 'thing', amount2: 'amount' } },
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const grant = (templateIds: unknown, openid = OPENID) =>
    app.inject({ method: 'POST', url: '/sandbox/subscriptions', payload: { openid, templateIds } });
  const send = (body: Record<string, unknown>, token = TOKEN) =>
    app.inject({ method: 'POST', url: `/cgi-bin/message/subscribe/send?access_token=${token}`, payload: body });
  const message = (change: Record<string, unknown> = {}) => ({
    touser: OPENID,
    template_id: TEMPLATE,
    page: 'subpackages/order/detail/index?id=1',
    data: { thing1: { value: '好东西' }, amount2: { value: '¥1.00' } },
    ...change,
  });
  const errcode = async (body: Record<string, unknown>, token?: string) => (await send(body, token)).json().errcode;

  it('sends once per accepted subscription, then 43101', async () => {
    expect(await errcode(message())).toBe(43101);
    const granted = await grant([TEMPLATE]);
    expect(granted.json()).toEqual({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept' });
    await grant([TEMPLATE]);
    expect((await send(message())).json()).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: expect.any(String) });
    expect(await errcode(message())).toBe(0);
    expect(await errcode(message())).toBe(43101);
    const sent = (await app.inject({ method: 'GET', url: `/sandbox/messages?touser=${OPENID}` })).json().items;
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ touser: OPENID, templateId: TEMPLATE, data: { thing1: '好东西' } });
  });

  it('refuses a value that breaks its type with 47003 and keeps the quota', async () => {
    await grant([TEMPLATE]);
    const long = message({ data: { thing1: { value: '二'.repeat(21) }, amount2: { value: '¥1.00' } } });
    const refused = (await send(long)).json();
    expect(refused.errcode).toBe(47003);
    expect(refused.errmsg).toContain('data.thing1.value invalid');
    expect(await errcode(message({ data: { thing1: { value: 'x' } } }))).toBe(47003); // a keyword missing
    expect(await errcode(message({ data: { ...message().data, thing9: { value: 'x' } } }))).toBe(47003);
    expect(await errcode(message())).toBe(0); // the quota was not spent by the refusals
  });

  it('checks the token, the openid, the template and the page', async () => {
    await grant([TEMPLATE]);
    expect(await errcode(message(), 'nope')).toBe(40001);
    expect(await errcode(message({ touser: 'oStranger' }))).toBe(40003);
    expect(await errcode(message({ template_id: 'unknown' }))).toBe(40037);
    expect(await errcode(message({ page: 'https://example.com' }))).toBe(41030);
  });

  it('answers an injected fault (45009) without spending the quota', async () => {
    await grant([TEMPLATE]);
    faults.push({ path: '/cgi-bin/message/subscribe/send', errcode: 45009 });
    expect((await send(message())).json()).toMatchObject({ errcode: 45009 });
    expect(await errcode(message())).toBe(0);
  });

  it('grants only to known users and templates, 1 to 3 at a time', async () => {
    expect((await grant([TEMPLATE], 'oStranger')).statusCode).toBe(400);
    expect((await grant(['unknown'])).statusCode).toBe(400);
    expect((await grant([])).statusCode).toBe(400);
    expect((await grant([TEMPLATE, TEMPLATE, TEMPLATE, TEMPLATE])).statusCode).toBe(400);
  });
});
