import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 消息推送 cryptography (WECHAT.md §C.6): URL verification signatures and the safe mode's
 * AES-256-CBC envelope. AESKey = base64decode(EncodingAESKey + "="), iv = AESKey[0..16], PKCS#7
 * padded to 32-byte blocks, plaintext = random(16) ‖ uint32BE(len) ‖ message ‖ appid.
 * Pure functions of node:crypto; WeChat's side (the sandbox) uses {@link encryptPushMessage}.
 */

const BLOCK = 32;

/** `sha1(sort(parts).join(''))`, lower-case hex: `signature` (token, timestamp, nonce) and `msg_signature` (+ Encrypt). */
export function pushSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(given.toLowerCase(), 'utf8'));
}

/** The 32-byte AES key of an EncodingAESKey (43 base64 characters). */
export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 characters');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  return key;
}

/** WeChat's side: the `Encrypt` field for `message` (what the sandbox sends). */
export function encryptPushMessage(
  message: string,
  encodingAesKey: string,
  appid: string,
  random = randomBytes(16),
): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appid, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export class PushDecryptError extends Error {}

/**
 * Our side: the message and the appid it was encrypted for. Throws {@link PushDecryptError} for
 * anything malformed (not base64, not whole blocks, bad padding, impossible length).
 */
export function decryptPushMessage(encrypted: string, encodingAesKey: string): { message: string; appid: string } {
  const key = aesKeyOf(encodingAesKey);
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0 || data.toString('base64') !== encrypted.replace(/\s/g, ''))
    throw new PushDecryptError('Encrypt is not a whole number of AES blocks in base64');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new PushDecryptError('Encrypt cannot be decrypted');
  }
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every((b) => b === pad))
    throw new PushDecryptError('bad padding');
  const unpadded = plain.subarray(0, plain.length - pad);
  if (unpadded.length < 20) throw new PushDecryptError('too short');
  const length = unpadded.readUInt32BE(16);
  if (20 + length > unpadded.length) throw new PushDecryptError('bad length');
  return {
    message: unpadded.subarray(20, 20 + length).toString('utf8'),
    appid: unpadded.subarray(20 + length).toString('utf8'),
  };
}
