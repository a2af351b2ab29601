import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The sandbox's 订阅消息 (WECHAT.md §C.5, §E.6, §E.8).
 *
 * - Template registry: template id → keyword → value type, the same ids the server is configured
 *   with by default.
 * - `POST /sandbox/subscriptions {openid, templateIds[]}` acts as the user accepting in
 *   `wx.requestSubscribeMessage`: one more one-time quota per (openid, template). Answers like the
 *   client API (`{errMsg: 'requestSubscribeMessage:ok', <templateId>: 'accept'}`). The h5 build,
 *   which knows its sandbox user's name but not the openid, may send `{name}` instead.
 * - `POST /cgi-bin/message/subscribe/send?access_token=`: token (40001 unknown, 42001 expired), an
 *   injected fault (`POST /sandbox/faults {path: '/cgi-bin/message/subscribe/send', errcode:
 *   45009, times}`), touser known (40003), template known (40037), page a mini-program path
 *   (41030), every keyword of the template present and valid for its type (47003
 *   `argument invalid! data.thing2.value invalid`), then one quota spent (none left → 43101) and the
 *   message recorded.
 * - `GET /sandbox/messages?touser=` lists the messages sent; `GET /sandbox/subscriptions?openid=`
 *   the quota left.
 */
export type SandboxValueType =
  'thing' | 'number' | 'letter' | 'symbol' | 'character_string' | 'time' | 'date' | 'amount' | 'phrase' | 'name';

export interface SandboxSubscribeOptions {
  now: () => Date;
  /** The tokens the token endpoints issued (newest first). */
  tokens: () => ReadonlyArray<{ value: string; expiresAt: number }>;
  takeFault: (path: string) => number | undefined;
  /** Openids the sandbox knows (logged in or registered). */
  knownOpenid: (openid: string) => boolean;
  /** The openid of a sandbox user name ('' for a name that cannot be one). */
  openidOf?: (name: string) => string;
  /** Template id → keyword → type. */
  templates: Record<string, Record<string, string>>;
}

export interface SentSubscribeMessage {
  msgid: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, string>;
  miniprogramState?: string;
  at: string;
}

const PATH = '/cgi-bin/message/subscribe/send';
const PAGE = /^(pages|subpackages)\/[0-9A-Za-z_\-/]+(\?[^\s]*)?$/;

const wechatError = (errcode: number, errmsg: string) => ({
  errcode,
  errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}`,
});

const chars = (text: string) => Array.from(text);
const TIME = /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{1,2}:\d{2}(:\d{2})?$|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/;
const DATE = /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?$|^\d{4}-\d{2}-\d{2}$/;

/** WeChat's rules for a keyword value of each type (§C.5). */
export function subscribeValueValid(type: string, value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  const n = chars(value).length;
  switch (type) {
    case 'thing':
      return n <= 20;
    case 'number':
      return n <= 32 && /^\d+(\.\d+)?$/.test(value);
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value);
    case 'symbol':
      return n <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(value);
    case 'character_string':
      return /^[\x21-\x7e]{1,32}$/.test(value);
    case 'time':
      return TIME.test(value);
    case 'date':
      return DATE.test(value);
    case 'amount':
      return /^[¥￥$]\d{1,10}(\.\d{1,2})?$|^\d{1,10}(\.\d{1,2})?元$/.test(value);
    case 'phrase':
      return n <= 5 && /^\p{Script=Han}+$/u.test(value);
    case 'name':
      return (n <= 10 && /^\p{Script=Han}+$/u.test(value)) || /^[A-Za-z ]{1,20}$/.test(value);
    default:
      return false;
  }
}

export function registerSandboxSubscribe(app: FastifyInstance, options: SandboxSubscribeOptions): { reset(): void } {
  const quota = new Map<string, number>();
  const sent: SentSubscribeMessage[] = [];
  const slot = (openid: string, templateId: string) => `${openid}\n${templateId}`;

  app.post<{ Body: { openid?: unknown; name?: unknown; templateIds?: unknown } | undefined }>(
    '/sandbox/subscriptions',
    async (request, reply) => {
      const { name, templateIds } = request.body ?? {};
      const openid =
        request.body?.openid ?? (typeof name === 'string' && options.openidOf ? options.openidOf(name) : undefined);
      if (typeof openid !== 'string' || !options.knownOpenid(openid))
        return bad(reply, 'openid must be a user the sandbox knows');
      if (!Array.isArray(templateIds) || templateIds.length === 0 || templateIds.length > 3)
        return bad(reply, 'templateIds: 1 to 3 template ids (as in requestSubscribeMessage)');
      const unknown = templateIds.filter((id) => typeof id !== 'string' || !options.templates[id]);
      if (unknown.length) return bad(reply, `unknown template ids: ${unknown.join(', ')}`);
      const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of templateIds as string[]) {
        quota.set(slot(openid, id), (quota.get(slot(openid, id)) ?? 0) + 1);
        answer[id] = 'accept';
      }
      return answer;
    },
  );

  app.get<{ Querystring: { openid?: string } }>('/sandbox/subscriptions', async (request) => ({
    items: [...quota.entries()]
      .map(([key, remaining]) => {
        const [openid, templateId] = key.split('\n');
        return { openid, templateId, remaining };
      })
      .filter((q) => !request.query.openid || q.openid === request.query.openid),
  }));

  app.post<{ Querystring: { access_token?: string }; Body: unknown }>(PATH, async (request) => {
    const token = options.tokens().find((t) => t.value === request.query.access_token);
    if (!token) return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
    if (token.expiresAt <= options.now().getTime()) return wechatError(42001, 'access_token expired');
    const fault = options.takeFault(PATH);
    if (fault === 45009) return wechatError(45009, 'reach max api daily quota limit');
    if (fault !== undefined) return wechatError(fault, fault === -1 ? 'system error' : 'injected fault');

    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const touser = body.touser;
    if (typeof touser !== 'string' || !options.knownOpenid(touser)) return wechatError(40003, 'invalid openid');
    const templateId = body.template_id;
    const fields = typeof templateId === 'string' ? options.templates[templateId] : undefined;
    if (typeof templateId !== 'string' || !fields) return wechatError(40037, 'invalid template_id');
    if (body.page !== undefined && (typeof body.page !== 'string' || !PAGE.test(body.page)))
      return wechatError(41030, 'invalid page');
    const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const key of Object.keys(data))
      if (!fields[key]) return wechatError(47003, `argument invalid! data.${key} not in template`);
    for (const [key, type] of Object.entries(fields)) {
      const value = (data[key] as { value?: unknown } | undefined)?.value;
      if (!subscribeValueValid(type, value)) return wechatError(47003, `argument invalid! data.${key}.value invalid`);
      values[key] = value as string;
    }
    const left = quota.get(slot(touser, templateId)) ?? 0;
    if (left <= 0) return wechatError(43101, 'user refuse to accept the msg');
    quota.set(slot(touser, templateId), left - 1);
    const msgid = String(BigInt(`0x${randomBytes(7).toString('hex')}`));
    sent.push({
      msgid,
      touser,
      templateId,
      page: typeof body.page === 'string' ? body.page : undefined,
      data: values,
      miniprogramState: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
      at: options.now().toISOString(),
    });
    return { errcode: 0, errmsg: 'ok', msgid };
  });

  app.get<{ Querystring: { touser?: string; templateId?: string } }>('/sandbox/messages', async (request) => ({
    items: sent.filter(
      (m) =>
        (!request.query.touser || m.touser === request.query.touser) &&
        (!request.query.templateId || m.templateId === request.query.templateId),
    ),
  }));

  return {
    reset() {
      quota.clear();
      sent.length = 0;
    },
  };
}

function bad(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: { code: 'SANDBOX_BAD_REQUEST', message } });
}
