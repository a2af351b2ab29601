import { generateKeyPairSync } from 'node:crypto';
import { decryptSensitiveField, encryptSensitiveField } from './wechatpay-crypto';
import {
  classifyPayFailure,
  NotificationRejected,
  WechatPayError,
  WechatPayResponseForged,
  WechatPayUnavailable,
} from './wechatpay.errors';

describe('classifyPayFailure (query first, then retry with the same out_bill_no or give up)', () => {
  it.each([
    ['403 NOT_ENOUGH', new WechatPayError(403, 'NOT_ENOUGH', '资金不足'), 'REFUSED'],
    ['400 PARAM_ERROR', new WechatPayError(400, 'PARAM_ERROR', 'x'), 'REFUSED'],
    ['400 INVALID_REQUEST', new WechatPayError(400, 'INVALID_REQUEST', '单号已存在但信息不一致'), 'REFUSED'],
    ['401 SIGN_ERROR', new WechatPayError(401, 'SIGN_ERROR', 'x'), 'REFUSED'],
    ['404 NOT_FOUND', new WechatPayError(404, 'NOT_FOUND', 'x'), 'REFUSED'],
    ['429 FREQUENCY_LIMITED', new WechatPayError(429, 'FREQUENCY_LIMITED', 'x'), 'TRANSIENT'],
    ['500 SYSTEM_ERROR', new WechatPayError(500, 'SYSTEM_ERROR', 'x'), 'TRANSIENT'],
    ['503', new WechatPayError(503, 'UNKNOWN', 'x'), 'TRANSIENT'],
    ['a timeout', new WechatPayUnavailable('POST /v3/x', 'TIMEOUT'), 'TRANSIENT'],
    ['a dropped connection', new WechatPayUnavailable('POST /v3/x', 'NETWORK'), 'TRANSIENT'],
    ['an unsigned error answer', new WechatPayUnavailable('POST /v3/x', 'UNSIGNED_ERROR'), 'TRANSIENT'],
    ['a forged answer', new WechatPayResponseForged('POST /v3/x', 'BAD_SIGNATURE'), 'TRANSIENT'],
    ['a rejected notification', new NotificationRejected('BAD_SIGNATURE'), undefined],
    ['any other error', new Error('boom'), undefined],
    ['a non-error', 'boom', undefined],
  ])('%s → %p', (_name, error, kind) => {
    expect(classifyPayFailure(error)).toBe(kind);
  });

  it('exposes the same verdict on the error', () => {
    expect(new WechatPayError(403, 'NOT_ENOUGH', 'x').definitive).toBe(true);
    expect(new WechatPayError(500, 'SYSTEM_ERROR', 'x').definitive).toBe(false);
  });
});

describe('sensitive fields (user_name): RSA-OAEP/SHA-1', () => {
  const wechat = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('round-trips a Chinese name, differently every time', () => {
    const first = encryptSensitiveField('张三', wechat.publicKey);
    const second = encryptSensitiveField('张三', wechat.publicKey);
    expect(first).not.toBe(second);
    expect(Buffer.from(first, 'base64')).toHaveLength(256);
    expect(decryptSensitiveField(first, wechat.privateKey)).toBe('张三');
    expect(decryptSensitiveField(second, wechat.privateKey)).toBe('张三');
  });

  it('does not decrypt with another key or from garbage', () => {
    const ciphertext = encryptSensitiveField('张三', wechat.publicKey);
    expect(decryptSensitiveField(ciphertext, other.privateKey)).toBeNull();
    expect(decryptSensitiveField('bm90IHJzYQ==', wechat.privateKey)).toBeNull();
  });
});
