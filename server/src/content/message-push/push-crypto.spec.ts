import { createDecipheriv } from 'node:crypto';
import {
  aesKeyOf,
  decryptPushMessage,
  encryptPushMessage,
  PushDecryptError,
  pushSignature,
  signaturesEqual,
} from './push-crypto';

// Tencent's published sample for the message-encryption scheme (WXBizMsgCrypt, C# Sample.cs).
const SAMPLE = {
  token: 'QDG6eK',
  appid: 'wx5823bf96d3bd56c7',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APPID = 'wx5a0d7e0c4b6f1e20';

describe('message push crypto', () => {
  it("verifies and decrypts Tencent's published sample", () => {
    expect(pushSignature(SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypt)).toBe(SAMPLE.msgSignature);
    const { message, appid } = decryptPushMessage(SAMPLE.encrypt, SAMPLE.encodingAesKey);
    expect(appid).toBe(SAMPLE.appid);
    expect(message).toMatch(/^<xml>.*<\/xml>$/s);
  });

  it('signs the sorted parts (order-independent)', () => {
    expect(pushSignature('b', 'a', 'c')).toBe(pushSignature('c', 'b', 'a'));
    expect(signaturesEqual(pushSignature('x'), pushSignature('x').toUpperCase())).toBe(true);
    expect(signaturesEqual(pushSignature('x'), pushSignature('y'))).toBe(false);
    expect(signaturesEqual(pushSignature('x'), undefined)).toBe(false);
    expect(signaturesEqual(pushSignature('x'), 'short')).toBe(false);
  });

  it.each(['', '{}', '{"Event":"wxa_media_check","trace_id":"6a1b"}', '中文消息'.repeat(50), 'x'.repeat(12)])(
    'round-trips %j with the layout random ‖ len ‖ msg ‖ appid, padded to 32-byte blocks',
    (message) => {
      const random = Buffer.alloc(16, 7);
      const encrypted = encryptPushMessage(message, KEY, APPID, random);
      expect(decryptPushMessage(encrypted, KEY)).toEqual({ message, appid: APPID });
      // Independent check of the layout with plain node:crypto.
      const key = Buffer.from(`${KEY}=`, 'base64');
      const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
      decipher.setAutoPadding(false);
      const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
      expect(plain.length % 32).toBe(0);
      expect(plain.subarray(0, 16)).toEqual(random);
      expect(plain.readUInt32BE(16)).toBe(Buffer.byteLength(message));
    },
  );

  it.each([
    ['not base64', '!!!!'],
    ['empty', ''],
    ['not whole blocks', Buffer.alloc(17).toString('base64')],
    ['garbage blocks (bad padding)', Buffer.alloc(32, 1).toString('base64')],
  ])('refuses %s', (_why, encrypted) => {
    expect(() => decryptPushMessage(encrypted, KEY)).toThrow(PushDecryptError);
  });

  it('refuses a message encrypted with another key', () => {
    const encrypted = encryptPushMessage('{"a":1}', KEY, APPID);
    const other = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg';
    let result: unknown;
    try {
      result = decryptPushMessage(encrypted, other);
    } catch (error) {
      result = error;
    }
    // Either the padding check fails or the plaintext is garbage without our appid.
    if (!(result instanceof PushDecryptError)) expect((result as { appid: string }).appid).not.toBe(APPID);
  });

  it('rejects EncodingAESKeys of the wrong length', () => {
    expect(() => aesKeyOf('short')).toThrow();
    expect(aesKeyOf(KEY)).toHaveLength(32);
  });
});
