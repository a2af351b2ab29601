import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { WechatPayCredentials } from '../infra/config/env.schema';
import { generateSandboxPayMaterial } from './pay/pay-keys';
import { registerSandboxPay, type SandboxPay, type SandboxPayOptions } from './pay/sandbox-pay';
import { SANDBOX_NAME, sandboxOpenid, sandboxUnionid } from './sandbox-identity';
import { registerSandboxGroup } from './sandbox-group';
import { registerSandboxContent } from './sandbox-content';
import { registerSandboxShipping } from './sandbox-shipping';
import { registerSandboxSubscribe } from './sandbox-subscribe';
import { sandboxTemplateRegistry } from '../notification/notification-templates';
import { registerSandboxWxacode } from './sandbox-wxacode';

/**
 * A local WeChat for development and tests: it speaks WeChat's own HTTP contracts (same paths,
 * parameters, response shapes and errcodes) so the server's production clients run unchanged
 * against it, plus control routes under /sandbox/** that act as the user's phone and as WeChat.
 * It listens on loopback only and refuses to start in production.
 */
export interface WechatSandboxOptions {
  appid: string;
  secret: string;
  port: number;
  /** Access-token lifetime, shortened in tests to reach the expiry paths. */
  tokenTtlSec?: number;
  /** The shop's clock; `POST /sandbox/clock` moves it. */
  clock?: { now(): Date; set(at: Date | null): Promise<void> };
  env?: string;
  /**
   * Published mini-program pages for getwxacodeunlimit's check_path (the first is the home page);
   * default: any `pages/…` or `subpackages/…` path.
   */
  pages?: string[];
  /** The WeChat Pay side: key material (generated when absent), verify mode, retry time scale… */
  pay?: SandboxPayOptions;
  /** 订阅消息 templates: id → keyword → value type (default: the shop's templates with their sandbox ids). */
  subscribeTemplates?: Record<string, Record<string, string>>;
}

export interface WechatSandbox {
  url: string;
  /** The merchant credentials this sandbox generated (WeChat Pay side), for the server's config. */
  payCredentials?: WechatPayCredentials;
  close(): Promise<void>;
}

interface IssuedCode {
  name: string;
  used: boolean;
}
interface Fault {
  path: string;
  errcode: number;
  times: number;
}
interface Token {
  value: string;
  expiresAt: number;
}

const wechatError = (errcode: number, errmsg: string) => ({
  errcode,
  errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}`,
});

export async function startWechatSandbox(options: WechatSandboxOptions): Promise<WechatSandbox> {
  if (options.env === 'production') throw new Error('The WeChat sandbox never runs in production');
  // Keys are generated once per start, in parallel off the main thread, unless a test passes them.
  const material =
    options.pay?.material ??
    (await generateSandboxPayMaterial({ platformCertificate: (options.pay?.verifyMode ?? 'pubkey') !== 'pubkey' }));
  const app = buildSandbox({ ...options, pay: { ...options.pay, material } });
  const url = await app.listen({ host: '127.0.0.1', port: options.port });
  return { url, payCredentials: sandboxPays.get(app)?.credentials, close: () => app.close() };
}

/** The Pay side of each sandbox built here (its credentials complete the server's config). */
const sandboxPays = new WeakMap<FastifyInstance, SandboxPay>();

export function buildSandbox(options: WechatSandboxOptions): FastifyInstance {
  const { appid, secret } = options;
  const tokenTtlSec = options.tokenTtlSec ?? 7200;
  const now = () => options.clock?.now() ?? new Date();

  const codes = new Map<string, IssuedCode>();
  const sessionKeys = new Map<string, string>();
  /** When each openid last logged in (content security wants it within 2 hours). */
  const lastSeen = new Map<string, number>();
  const faults: Fault[] = [];
  let tokens: Token[] = [];

  const takeFault = (path: string): number | undefined => {
    const fault = faults.find((f) => f.path === path && f.times > 0);
    if (!fault) return undefined;
    fault.times -= 1;
    return fault.errcode;
  };

  const newToken = (): Token => {
    const token = { value: randomBytes(48).toString('base64url'), expiresAt: now().getTime() + tokenTtlSec * 1000 };
    tokens = [token, ...tokens].slice(0, 2);
    return token;
  };

  const credentialsError = (query: { appid?: string; secret?: string; grant_type?: string }, grantType: string) => {
    if (query.grant_type !== grantType) return wechatError(40002, 'invalid grant_type');
    if (query.appid !== appid) return wechatError(40013, 'invalid appid');
    if (query.secret !== secret) return wechatError(40125, 'invalid appsecret');
    return undefined;
  };

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addHook('onRequest', async (request, reply) => {
    const ip = request.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ip))
      await reply.code(403).send({ message: 'loopback only' });
    // Development h5 pages drive the control routes from the browser.
    reply.header('access-control-allow-origin', '*').header('access-control-allow-headers', 'content-type');
  });
  app.options('/*', async (_request, reply) => reply.code(204).send());

  // --- WeChat Pay (/v3/** and its /sandbox/** control routes) -----------------------------------
  // Openids the sandbox issued: through jscode2session or a /sandbox/users code.
  const knownOpenid = (openid: string) =>
    sessionKeys.has(openid) || [...codes.values()].some((issued) => sandboxOpenid(appid, issued.name) === openid);
  const pay = registerSandboxPay(app, { ...options.pay, appid, now, knownOpenid });
  sandboxPays.set(app, pay);
  app.addHook('onClose', async () => pay.close());

  // --- Mini-program login (code2Session) ---------------------------------------------------
  app.get<{ Querystring: Record<string, string | undefined> }>('/sns/jscode2session', async (request) => {
    const query = request.query;
    const bad = credentialsError(query, 'authorization_code');
    if (bad) return bad;
    const fault = takeFault('/sns/jscode2session');
    if (fault !== undefined) return wechatError(fault, 'injected fault');
    const code = query.js_code ?? '';
    let name: string | undefined;
    if (code.startsWith('sandbox:')) {
      name = code.slice('sandbox:'.length);
      if (!SANDBOX_NAME.test(name)) return wechatError(40029, 'invalid code');
    } else {
      const issued = codes.get(code);
      if (!issued) return wechatError(40029, 'invalid code');
      if (issued.used) return wechatError(40163, 'code been used');
      issued.used = true;
      name = issued.name;
    }
    const openid = sandboxOpenid(appid, name);
    const sessionKey = randomBytes(16).toString('base64');
    sessionKeys.set(openid, sessionKey);
    lastSeen.set(openid, now().getTime());
    return { openid, session_key: sessionKey, unionid: sandboxUnionid(name) };
  });

  // --- Access tokens ---------------------------------------------------------------------------
  app.get<{ Querystring: Record<string, string | undefined> }>('/cgi-bin/token', async (request) => {
    const bad = credentialsError(request.query, 'client_credential');
    if (bad) return bad;
    tokens = [];
    const token = newToken();
    return { access_token: token.value, expires_in: tokenTtlSec };
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/cgi-bin/stable_token', async (request) => {
    const body = request.body ?? {};
    const bad = credentialsError(
      { grant_type: String(body.grant_type ?? ''), appid: String(body.appid ?? ''), secret: String(body.secret ?? '') },
      'client_credential',
    );
    if (bad) return bad;
    const at = now().getTime();
    const current = tokens.find((t) => t.expiresAt > at);
    // The current token is returned until five minutes before it expires; force_refresh rotates.
    const token = body.force_refresh === true || !current || current.expiresAt - at < 300_000 ? newToken() : current;
    return { access_token: token.value, expires_in: Math.floor((token.expiresAt - at) / 1000) };
  });

  registerSandboxShipping(app, { now, pay, tokens: () => tokens });
  const wxacodes = registerSandboxWxacode(app, { now, tokens: () => tokens, takeFault, pages: options.pages });
  const content = registerSandboxContent(app, {
    appid,
    now,
    tokens: () => tokens,
    takeFault,
    lastSeen: (openid) => lastSeen.get(openid),
  });
  const subscriptions = registerSandboxSubscribe(app, {
    now,
    tokens: () => tokens,
    takeFault,
    knownOpenid,
    openidOf: (name) => (SANDBOX_NAME.test(name) ? sandboxOpenid(appid, name) : ''),
    templates: options.subscribeTemplates ?? sandboxTemplateRegistry(),
  });
  registerSandboxGroup(app, {
    appid,
    now,
    sessionKeyOf: (openid) => sessionKeys.get(openid),
    openidOf: (name) => (SANDBOX_NAME.test(name) ? sandboxOpenid(appid, name) : ''),
  });

  // --- Control routes: the test acting as the phone and as WeChat -------------------------------
  app.post<{ Body: { name?: unknown } | undefined }>('/sandbox/users', async (request, reply) => {
    const name = String(request.body?.name ?? '');
    if (!SANDBOX_NAME.test(name)) return sendBad(reply, 'name must be 1-32 letters, digits, _ or -');
    const code = randomBytes(16).toString('hex');
    codes.set(code, { name, used: false });
    return { openid: sandboxOpenid(appid, name), unionid: sandboxUnionid(name), code };
  });

  app.post<{ Body: { path?: unknown; errcode?: unknown; times?: unknown } | undefined }>(
    '/sandbox/faults',
    async (request, reply) => {
      const { path, errcode, times } = request.body ?? {};
      if (typeof path !== 'string' || !Number.isInteger(errcode))
        return sendBad(reply, 'path and errcode are required');
      const count = Number.isInteger(times) ? (times as number) : 1;
      faults.push({ path, errcode: errcode as number, times: count });
      return { ok: true };
    },
  );

  app.post('/sandbox/tokens/expire', async () => {
    tokens = [];
    return { ok: true };
  });

  app.post<{ Body: { now?: unknown } | undefined }>('/sandbox/clock', async (request, reply) => {
    const value = request.body?.now;
    if (!options.clock) return sendBad(reply, 'this sandbox has no shop clock attached');
    if (value === null || value === undefined) {
      await options.clock.set(null);
    } else if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      await options.clock.set(new Date(value));
    } else {
      return sendBad(reply, 'now must be an ISO-8601 time or null');
    }
    // 商家转账 bills left unconfirmed for 24 h by the new time close now (FAIL, OVERDUE_CLOSE).
    pay.expireOverdueTransfers();
    return { now: options.clock.now().toISOString() };
  });

  app.get('/sandbox/clock', async () => ({ now: now().toISOString() }));

  app.post('/sandbox/reset', async () => {
    codes.clear();
    sessionKeys.clear();
    faults.length = 0;
    tokens = [];
    pay.reset();
    wxacodes.reset();
    content.reset();
    subscriptions.reset();
    lastSeen.clear();
    return { ok: true };
  });

  return app;
}

function sendBad(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: { code: 'SANDBOX_BAD_REQUEST', message } });
}
