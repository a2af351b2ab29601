import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { encryptPushMessage, pushSignature } from '../content/message-push/push-crypto';

/**
 * The sandbox's content security v2 and message push (WECHAT.md §C.6, §E.8).
 *
 * - `POST /wxa/msg_sec_check?access_token=`: version 2, scene 1–4 (else 40129), an openid that
 *   logged in within the last 2 hours (else 40003), content ≤ 2,500 characters (else 47001).
 *   The verdict comes from the content rules: a `risky` word in content, title or nickname →
 *   risky (label 20006), else a `review` word → review (label 21000), else pass (label 100).
 * - `POST /wxa/media_check_async?access_token=`: media_type 1|2, version 2, scene, openid as above;
 *   answers a trace_id, then after `mediaDelayMs` pushes `wxa_media_check` (result from
 *   `mediaUrls[media_url]`, default pass) to the message-push URL in JSON safe mode: body
 *   `{ToUserName, Encrypt}`, query `signature, timestamp, nonce, openid, encrypt_type=aes,
 *   msg_signature`. Anything but a 200 answering `success` (or empty) is retried three times.
 * - Control: `POST /sandbox/content-rules {risky?, review?, mediaUrls?, mediaDelayMs?, reset?}`
 *   (merged into the current rules), `GET /sandbox/content-rules`; `POST /sandbox/push/config
 *   {url, token, encodingAesKey}` acts as the console's 消息推送 settings: the URL is verified with
 *   the GET handshake (signature, timestamp, nonce, echostr) before it is saved;
 *   `POST /sandbox/push/verify` repeats the handshake; `GET /sandbox/push/deliveries` and
 *   `GET /sandbox/media-checks` list what happened, for assertions.
 */
export interface SandboxContentOptions {
  appid: string;
  now: () => Date;
  tokens: () => ReadonlyArray<{ value: string; expiresAt: number }>;
  takeFault: (path: string) => number | undefined;
  /** When the openid last logged in (jscode2session), ms; undefined when never. */
  lastSeen: (openid: string) => number | undefined;
  /** Delay of a media check's push (default 300 ms); content rules can change it. */
  mediaDelayMs?: number;
  /** Between push retries (default 1 s). */
  pushRetryMs?: number;
}

type Suggest = 'pass' | 'review' | 'risky';
interface PushConfig {
  url: string;
  token: string;
  encodingAesKey: string;
}
interface Delivery {
  event: string;
  traceId?: string;
  url: string;
  attempt: number;
  status: number | null;
  body: string;
  at: string;
}
interface MediaCheck {
  traceId: string;
  mediaUrl: string;
  openid: string;
  suggest: Suggest;
  at: string;
}

const TWO_HOURS_MS = 2 * 3600 * 1000;
const LABEL: Record<Suggest, number> = { pass: 100, review: 21000, risky: 20006 };
const SUGGESTS: Suggest[] = ['pass', 'review', 'risky'];

const wechatError = (errcode: number, errmsg: string) => ({
  errcode,
  errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}`,
});

function sendBad(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: { code: 'SANDBOX_BAD_REQUEST', message } });
}

const isLoopbackUrl = (value: string) => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
};

export function registerSandboxContent(app: FastifyInstance, options: SandboxContentOptions): { reset(): void } {
  const rules = { risky: [] as string[], review: [] as string[], mediaUrls: new Map<string, Suggest>() };
  let mediaDelayMs = options.mediaDelayMs ?? 300;
  const retryMs = options.pushRetryMs ?? 1000;
  let push: PushConfig | null = null;
  const deliveries: Delivery[] = [];
  const checks: MediaCheck[] = [];
  const timers = new Set<NodeJS.Timeout>();

  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });

  const later = (ms: number, fn: () => Promise<void>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void fn().catch(() => undefined);
    }, ms);
    timers.add(timer);
  };

  /** The access-token and openid checks both endpoints share; an error body, or null. */
  const refuse = (path: string, token: string | undefined, body: Record<string, unknown>) => {
    const current = options.tokens().find((t) => t.value === token);
    if (!current) return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
    if (current.expiresAt <= options.now().getTime()) return wechatError(42001, 'access_token expired');
    const fault = options.takeFault(path);
    if (fault !== undefined) return wechatError(fault, 'injected fault');
    if (body.version !== 2) return wechatError(47001, 'data format error: version must be 2');
    if (!Number.isInteger(body.scene) || (body.scene as number) < 1 || (body.scene as number) > 4)
      return wechatError(40129, 'invalid scene');
    const openid = typeof body.openid === 'string' ? body.openid : '';
    const seen = openid ? options.lastSeen(openid) : undefined;
    if (seen === undefined || options.now().getTime() - seen > TWO_HOURS_MS)
      return wechatError(40003, 'invalid openid: the user has not used the mini-program in the last 2 hours');
    return null;
  };

  const verdictOf = (...texts: unknown[]): Suggest => {
    const haystack = texts.filter((t): t is string => typeof t === 'string').join('\n');
    if (rules.risky.some((word) => haystack.includes(word))) return 'risky';
    if (rules.review.some((word) => haystack.includes(word))) return 'review';
    return 'pass';
  };

  const bodyOf = (raw: unknown) =>
    (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;

  app.post<{ Querystring: { access_token?: string }; Body: unknown }>('/wxa/msg_sec_check', async (request) => {
    const body = bodyOf(request.body);
    const refused = refuse('/wxa/msg_sec_check', request.query.access_token, body);
    if (refused) return refused;
    if (typeof body.content !== 'string' || Array.from(body.content).length > 2500)
      return wechatError(47001, 'data format error: content');
    const suggest = verdictOf(body.content, body.title, body.nickname, body.signature);
    const keyword = [...rules.risky, ...rules.review].find((w) =>
      [body.content, body.title, body.nickname].some((t) => typeof t === 'string' && t.includes(w)),
    );
    return {
      errcode: 0,
      errmsg: 'ok',
      trace_id: randomBytes(12).toString('hex'),
      result: { suggest, label: LABEL[suggest] },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label: LABEL[suggest], prob: suggest === 'pass' ? 0 : 90 },
        ...(keyword ? [{ strategy: 'keyword', errcode: 0, suggest, label: LABEL[suggest], level: 20, keyword }] : []),
      ],
    };
  });

  app.post<{ Querystring: { access_token?: string }; Body: unknown }>('/wxa/media_check_async', async (request) => {
    const body = bodyOf(request.body);
    const refused = refuse('/wxa/media_check_async', request.query.access_token, body);
    if (refused) return refused;
    const mediaUrl = body.media_url;
    if (typeof mediaUrl !== 'string' || !/^https?:\/\//.test(mediaUrl) || mediaUrl.length > 1024)
      return wechatError(47001, 'data format error: media_url');
    if (body.media_type !== 1 && body.media_type !== 2) return wechatError(47001, 'data format error: media_type');
    const traceId = randomBytes(16).toString('hex');
    const suggest = rules.mediaUrls.get(mediaUrl) ?? 'pass';
    const openid = body.openid as string;
    checks.push({ traceId, mediaUrl, openid, suggest, at: options.now().toISOString() });
    later(mediaDelayMs, () =>
      deliver(
        'wxa_media_check',
        {
          ToUserName: 'gh_sandbox0000',
          FromUserName: openid,
          CreateTime: Math.floor(options.now().getTime() / 1000),
          MsgType: 'event',
          Event: 'wxa_media_check',
          appid: options.appid,
          trace_id: traceId,
          version: 2,
          detail: [
            {
              strategy: 'content_model',
              errcode: 0,
              suggest,
              label: LABEL[suggest],
              prob: suggest === 'pass' ? 0 : 90,
            },
          ],
          errcode: 0,
          errmsg: 'ok',
          result: { suggest, label: LABEL[suggest] },
        },
        traceId,
        1,
      ),
    );
    return { errcode: 0, errmsg: 'ok', trace_id: traceId };
  });

  /** Sends one event in JSON safe mode; retried three times unless the merchant answers `success`. */
  async function deliver(event: string, message: Record<string, unknown>, traceId: string, attempt: number) {
    const target = push;
    if (!target) {
      deliveries.push({
        event,
        traceId,
        url: '',
        attempt,
        status: null,
        body: 'no message-push URL configured',
        at: options.now().toISOString(),
      });
      return;
    }
    const encrypt = encryptPushMessage(JSON.stringify(message), target.encodingAesKey, options.appid);
    const timestamp = String(Math.floor(options.now().getTime() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e10));
    const query = new URLSearchParams({
      signature: pushSignature(target.token, timestamp, nonce),
      timestamp,
      nonce,
      openid: String(message.FromUserName ?? ''),
      encrypt_type: 'aes',
      msg_signature: pushSignature(target.token, timestamp, nonce, encrypt),
    });
    let status: number | null = null;
    let text: string;
    try {
      const response = await fetch(`${target.url}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ToUserName: message.ToUserName, Encrypt: encrypt }),
        signal: AbortSignal.timeout(5_000),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = (error as Error).message;
    }
    deliveries.push({
      event,
      traceId,
      url: target.url,
      attempt,
      status,
      body: text.slice(0, 500),
      at: options.now().toISOString(),
    });
    const accepted = status === 200 && (text === '' || text === 'success');
    if (!accepted && attempt < 4) later(retryMs, () => deliver(event, message, traceId, attempt + 1));
  }

  /** The console's URL check: GET with signature, timestamp, nonce, echostr; the echo must match. */
  async function handshake(config: PushConfig): Promise<{ ok: boolean; status: number | null }> {
    const timestamp = String(Math.floor(options.now().getTime() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e10));
    const echostr = randomBytes(9).toString('hex');
    const query = new URLSearchParams({
      signature: pushSignature(config.token, timestamp, nonce),
      timestamp,
      nonce,
      echostr,
    });
    try {
      const response = await fetch(`${config.url}?${query}`, { signal: AbortSignal.timeout(5_000) });
      return { ok: response.status === 200 && (await response.text()) === echostr, status: response.status };
    } catch {
      return { ok: false, status: null };
    }
  }

  app.post<{ Body: unknown }>('/sandbox/push/config', async (request, reply) => {
    const body = bodyOf(request.body);
    const { url, token, encodingAesKey } = body;
    if (typeof url !== 'string' || !isLoopbackUrl(url)) return sendBad(reply, 'url must be a loopback http(s) URL');
    if (typeof token !== 'string' || !/^[A-Za-z0-9]{3,32}$/.test(token))
      return sendBad(reply, 'token must be 3-32 letters or digits');
    if (typeof encodingAesKey !== 'string' || !/^[A-Za-z0-9]{43}$/.test(encodingAesKey))
      return sendBad(reply, 'encodingAesKey must be 43 letters or digits');
    const config = { url, token, encodingAesKey };
    const check = await handshake(config);
    if (!check.ok)
      return sendBad(reply, `Token验证失败: the URL did not echo echostr (status ${check.status ?? 'none'})`);
    push = config;
    return { ok: true, url };
  });

  app.post('/sandbox/push/verify', async (_request, reply) => {
    if (!push) return sendBad(reply, 'no message-push URL configured');
    return handshake(push);
  });

  app.get('/sandbox/push/deliveries', async () => ({ items: deliveries }));
  app.get<{ Querystring: { media_url?: string } }>('/sandbox/media-checks', async (request) => ({
    items: checks.filter((c) => !request.query.media_url || c.mediaUrl === request.query.media_url),
  }));

  app.get('/sandbox/content-rules', async () => ({
    risky: rules.risky,
    review: rules.review,
    mediaUrls: Object.fromEntries(rules.mediaUrls),
    mediaDelayMs,
  }));

  app.post<{ Body: unknown }>('/sandbox/content-rules', async (request, reply) => {
    const body = bodyOf(request.body);
    const words = (value: unknown) =>
      value === undefined ||
      (Array.isArray(value) && value.every((w) => typeof w === 'string' && w.length > 0 && w.length <= 100));
    if (!words(body.risky) || !words(body.review)) return sendBad(reply, 'risky and review are lists of words');
    const urls = body.mediaUrls;
    if (
      urls !== undefined &&
      (typeof urls !== 'object' || urls === null || Object.values(urls).some((s) => !SUGGESTS.includes(s as Suggest)))
    )
      return sendBad(reply, 'mediaUrls maps a URL to "pass", "review" or "risky"');
    const delay = body.mediaDelayMs;
    if (delay !== undefined && (!Number.isInteger(delay) || (delay as number) < 0 || (delay as number) > 600_000))
      return sendBad(reply, 'mediaDelayMs is 0-600000');
    if (body.reset === true) clearRules();
    rules.risky.push(...((body.risky as string[] | undefined) ?? []));
    rules.review.push(...((body.review as string[] | undefined) ?? []));
    for (const [url, suggest] of Object.entries((urls as Record<string, Suggest> | undefined) ?? {}))
      rules.mediaUrls.set(url, suggest);
    if (typeof delay === 'number') mediaDelayMs = delay;
    return { risky: rules.risky, review: rules.review, mediaUrls: Object.fromEntries(rules.mediaUrls), mediaDelayMs };
  });

  function clearRules() {
    rules.risky.length = 0;
    rules.review.length = 0;
    rules.mediaUrls.clear();
    mediaDelayMs = options.mediaDelayMs ?? 300;
  }

  return {
    /** `/sandbox/reset`: rules and records go; the message-push settings (console configuration) stay. */
    reset() {
      clearRules();
      deliveries.length = 0;
      checks.length = 0;
    },
  };
}
