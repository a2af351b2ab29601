import { createCipheriv, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * The sandbox's group data (WECHAT.md §C.7, §E.8): what `wx.getGroupEnterInfo` yields on a phone
 * opened from a group chat card with a share ticket.
 *
 * `POST /sandbox/group-enter-info { openid, opengid }` → `{ encryptedData, iv, errMsg }`: the JSON
 * `{ opengid, chat_type: 3, watermark: { appid, timestamp } }` encrypted with AES-128-CBC (PKCS#7)
 * under that user's current session_key (the one the last jscode2session issued), so the
 * merchant's decryption runs exactly as with WeChat. `name` (a sandbox user name) may stand for
 * `openid`: h5 builds know their sandbox name, not their openid. A user without a session_key
 * (never logged in since the last reset) → 400; a malformed opengid → 400.
 */
export interface SandboxGroupOptions {
  appid: string;
  now: () => Date;
  /** The session_key jscode2session issued last to this openid. */
  sessionKeyOf: (openid: string) => string | undefined;
  /** The openid of a sandbox user name. */
  openidOf: (name: string) => string;
}

const OPENGID = /^[A-Za-z0-9_-]{1,64}$/;

/** WeChat open data: AES-128-CBC with PKCS#7 under the base64 session_key and a fresh iv. */
export function encryptOpenData(sessionKey: string, data: unknown): { encryptedData: string; iv: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

export function registerSandboxGroup(app: FastifyInstance, options: SandboxGroupOptions): void {
  app.post<{ Body: { openid?: unknown; name?: unknown; opengid?: unknown } | undefined }>(
    '/sandbox/group-enter-info',
    async (request, reply) => {
      const { openid, name, opengid } = request.body ?? {};
      const who =
        typeof openid === 'string' && openid ? openid : typeof name === 'string' ? options.openidOf(name) : '';
      if (typeof opengid !== 'string' || !OPENGID.test(opengid)) {
        return reply.code(400).send({ error: { code: 'SANDBOX_BAD_REQUEST', message: 'opengid is required' } });
      }
      const sessionKey = who ? options.sessionKeyOf(who) : undefined;
      if (!sessionKey) {
        return reply
          .code(400)
          .send({ error: { code: 'SANDBOX_BAD_REQUEST', message: 'this user has no session_key: log in first' } });
      }
      const timestamp = Math.floor(options.now().getTime() / 1000);
      const sealed = encryptOpenData(sessionKey, {
        opengid,
        chat_type: 3,
        watermark: { appid: options.appid, timestamp },
      });
      return { ...sealed, errMsg: 'getGroupEnterInfo:ok' };
    },
  );
}
