import { createDecipheriv } from 'node:crypto';
import type { ShareTicketData } from '@weshop/shared';

/**
 * 群标识: the group data of a share ticket (`wx.getGroupEnterInfo`, WECHAT.md §C.7), decrypted with
 * the user's current session_key: AES-128-CBC, PKCS#7, key = base64decode(session_key),
 * iv = base64decode(iv); the plaintext is JSON `{ opengid, watermark: { appid, timestamp } }`
 * (plus `chat_type`, `open_single_roomid`, `group_openid` with newer flags), and the watermark's
 * appid must be ours. Pure: the caller brings the session_key and the appid.
 */

export type ShareTicketFailure =
  /** No session_key on record (logged out, expired): nothing to decrypt with. */
  | 'NO_SESSION_KEY'
  /** Key, iv or ciphertext are not base64 of the right length. */
  | 'MALFORMED'
  /** Wrong key (a stale session_key) or tampered bytes: the padding does not check out. */
  | 'UNDECRYPTABLE'
  | 'NOT_JSON'
  /** Decrypted, but for another mini-program. */
  | 'WRONG_APPID'
  | 'NO_OPENGID';

export type GroupEnterInfo = { ok: true; opengid: string } | { ok: false; reason: ShareTicketFailure };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** opengid as WeChat issues them (letters, digits, `_`, `-`), within the column's 64 characters. */
const OPENGID = /^[A-Za-z0-9_-]{1,64}$/;

class OpenDataError extends Error {
  constructor(readonly reason: ShareTicketFailure) {
    super(reason);
  }
}

function base64Bytes(value: string, length?: number): Buffer {
  if (!BASE64.test(value) || value.length % 4 !== 0) throw new OpenDataError('MALFORMED');
  const bytes = Buffer.from(value, 'base64');
  if (length !== undefined && bytes.length !== length) throw new OpenDataError('MALFORMED');
  return bytes;
}

/**
 * Decrypts WeChat open data (encryptedData + iv) with a session_key and parses the JSON inside.
 * Throws an error whose `reason` says what was wrong; never echoes key or plaintext.
 */
export function decryptOpenData(sessionKey: string, encryptedData: string, iv: string): unknown {
  const key = base64Bytes(sessionKey, 16);
  const ivBytes = base64Bytes(iv, 16);
  const ciphertext = base64Bytes(encryptedData);
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw new OpenDataError('MALFORMED');
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, ivBytes);
    decipher.setAutoPadding(true);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new OpenDataError('UNDECRYPTABLE');
  }
  try {
    return JSON.parse(plaintext) as unknown;
  } catch {
    // A wrong key can still end in valid-looking padding (about 1 in 256): garbage, not JSON.
    throw new OpenDataError('NOT_JSON');
  }
}

/** The opengid of a share ticket, or why there is none. Never throws. */
export function openGroupEnterInfo(ticket: ShareTicketData, sessionKey: string | null, appid: string): GroupEnterInfo {
  if (!sessionKey) return { ok: false, reason: 'NO_SESSION_KEY' };
  let data: unknown;
  try {
    data = decryptOpenData(sessionKey, ticket.encryptedData, ticket.iv);
  } catch (error) {
    return { ok: false, reason: error instanceof OpenDataError ? error.reason : 'UNDECRYPTABLE' };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'NOT_JSON' };
  const { opengid, watermark } = data as { opengid?: unknown; watermark?: { appid?: unknown } | null };
  if (typeof watermark !== 'object' || watermark === null || watermark.appid !== appid) {
    return { ok: false, reason: 'WRONG_APPID' };
  }
  if (typeof opengid !== 'string' || !OPENGID.test(opengid)) return { ok: false, reason: 'NO_OPENGID' };
  return { ok: true, opengid };
}
