import { createCipheriv, createSign, generateKeyPairSync } from 'node:crypto';
import {
  buildAuthorization,
  decryptResource,
  encryptResource,
  parseAuthorization,
  paySignFor,
  ResourceDecryptionFailed,
  signMessage,
  verifyMessage,
  verifyPaySign,
  verifyWechatpaySignature,
  wechatTime,
  type WechatpaySignedMessage,
} from './wechatpay-crypto';

const pair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const wechat = pair();
const other = pair();
const merchant = pair();

const PUB_KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000000001';
const CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const keys = { [PUB_KEY_ID]: wechat.publicKey, [CERT_SERIAL]: other.publicKey };
const NOW = new Date('2025-06-01T04:00:00Z');
const TS = String(NOW.getTime() / 1000);

/** Signs `ts\nnonce\nbody\n` independently of the code under test. */
function rsa(message: string, privateKey: string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

function signed(overrides: Partial<WechatpaySignedMessage> & { key?: string; signedBody?: string } = {}) {
  const timestamp = overrides.timestamp ?? TS;
  const nonce = overrides.nonce ?? 'fdasflkja484w';
  const body = overrides.body ?? '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS"}';
  const signature =
    overrides.signature ??
    rsa(`${timestamp}\n${nonce}\n${overrides.signedBody ?? body}\n`, overrides.key ?? wechat.privateKey);
  return { timestamp, nonce, body, signature, serial: overrides.serial ?? PUB_KEY_ID };
}

describe('verifyWechatpaySignature', () => {
  it.each([
    ['a genuine public-key signature', signed(), { ok: true }],
    ['a genuine empty-body answer (ts\\nnonce\\n\\n)', signed({ body: '' }), { ok: true }],
    [
      'the certificate serial in lower case',
      signed({ serial: CERT_SERIAL.toLowerCase(), key: other.privateKey }),
      { ok: true },
    ],
    ['299 s old', signed({ timestamp: String(Number(TS) - 299) }), { ok: true }],
    [
      'forged with another key under the real serial',
      signed({ key: other.privateKey }),
      { ok: false, reason: 'BAD_SIGNATURE' },
    ],
    ['body altered after signing', signed({ signedBody: '{"id":"EV-1"}' }), { ok: false, reason: 'BAD_SIGNATURE' }],
    [
      'body re-serialised with other whitespace',
      signed({ signedBody: '{"id": "EV-1","event_type":"TRANSACTION.SUCCESS"}' }),
      { ok: false, reason: 'BAD_SIGNATURE' },
    ],
    ['garbage signature', signed({ signature: 'not-base64!!' }), { ok: false, reason: 'BAD_SIGNATURE' }],
    ['301 s old', signed({ timestamp: String(Number(TS) - 301) }), { ok: false, reason: 'STALE_TIMESTAMP' }],
    ['301 s in the future', signed({ timestamp: String(Number(TS) + 301) }), { ok: false, reason: 'STALE_TIMESTAMP' }],
    ['a non-numeric timestamp', signed({ timestamp: 'yesterday' }), { ok: false, reason: 'STALE_TIMESTAMP' }],
    [
      'a SIGNTEST probe',
      signed({ signature: 'WECHATPAY/SIGNTEST/abcdefg==' }),
      { ok: false, reason: 'SIGNTEST_PROBE' },
    ],
    ['an unknown serial', signed({ serial: 'PUB_KEY_ID_9999' }), { ok: false, reason: 'UNKNOWN_SERIAL' }],
    ['no signature header', { ...signed(), signature: undefined }, { ok: false, reason: 'MISSING_HEADERS' }],
    ['no timestamp header', { ...signed(), timestamp: undefined }, { ok: false, reason: 'MISSING_HEADERS' }],
    ['no nonce header', { ...signed(), nonce: '' }, { ok: false, reason: 'MISSING_HEADERS' }],
    ['no serial header', { ...signed(), serial: undefined }, { ok: false, reason: 'MISSING_HEADERS' }],
  ])('%s', (_name, message, expected) => {
    expect(verifyWechatpaySignature(message, keys, NOW)).toEqual(expected);
  });

  it('honours a custom skew', () => {
    expect(verifyWechatpaySignature(signed({ timestamp: String(Number(TS) - 61) }), keys, NOW, 60)).toEqual({
      ok: false,
      reason: 'STALE_TIMESTAMP',
    });
  });
});

describe('AES-256-GCM resources', () => {
  const apiV3Key = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';
  const plaintext = JSON.stringify({ out_trade_no: 'T20250601001', amount: { total: 1990 } });

  /** Encrypts like WeChat does, independently of encryptResource. */
  function wechatEncrypt(text: string, key: string, aad: string, nonce = 'abcdefghijkl') {
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'), nonce, associated_data: aad };
  }
  const genuine = wechatEncrypt(plaintext, apiV3Key, 'transaction');
  const flipped = (() => {
    const bytes = Buffer.from(genuine.ciphertext, 'base64');
    bytes[3] ^= 0x01;
    return { ...genuine, ciphertext: bytes.toString('base64') };
  })();
  const flippedTag = (() => {
    const bytes = Buffer.from(genuine.ciphertext, 'base64');
    bytes[bytes.length - 1] ^= 0x80;
    return { ...genuine, ciphertext: bytes.toString('base64') };
  })();

  it.each([
    ['tampered ciphertext', flipped, apiV3Key],
    ['tampered tag', flippedTag, apiV3Key],
    ['wrong associated data', { ...genuine, associated_data: 'refund' }, apiV3Key],
    ['missing associated data', { ...genuine, associated_data: undefined }, apiV3Key],
    ['wrong nonce', { ...genuine, nonce: 'abcdefghijkm' }, apiV3Key],
    ['wrong APIv3 key', genuine, 'Z1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6'],
    ['an APIv3 key of the wrong length', genuine, 'short'],
    ['another algorithm', { ...genuine, algorithm: 'AEAD_SM4_GCM' }, apiV3Key],
    ['a ciphertext shorter than the tag', { ...genuine, ciphertext: 'AAAA' }, apiV3Key],
  ])('rejects %s', (_name, resource, key) => {
    expect(() => decryptResource(resource, key)).toThrow(ResourceDecryptionFailed);
  });

  it('decrypts what WeChat encrypted', () => {
    expect(decryptResource(genuine, apiV3Key)).toBe(plaintext);
  });

  it.each([['transaction'], ['refund'], ['']])('encryptResource round-trips with AAD %p', (aad) => {
    const resource = encryptResource(plaintext, apiV3Key, aad);
    expect(resource.algorithm).toBe('AEAD_AES_256_GCM');
    expect(resource.nonce).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(decryptResource(resource, apiV3Key)).toBe(plaintext);
    // Same inputs as WeChat's construction → same bytes.
    expect(encryptResource(plaintext, apiV3Key, aad, 'abcdefghijkl').ciphertext).toBe(
      wechatEncrypt(plaintext, apiV3Key, aad).ciphertext,
    );
  });
});

describe('paySign', () => {
  const params = { appId: 'wx5a0d7e0c4b6f1e20', timeStamp: '1748750400', nonceStr: 'n0nce', package: 'prepay_id=wx01' };

  it('signs appId\\ntimeStamp\\nnonceStr\\npackage\\n with the merchant key', () => {
    const paySign = paySignFor(params, merchant.privateKey);
    expect(paySign).toBe(rsa('wx5a0d7e0c4b6f1e20\n1748750400\nn0nce\nprepay_id=wx01\n', merchant.privateKey));
    expect(verifyPaySign({ ...params, paySign }, merchant.publicKey)).toBe(true);
  });

  it.each([
    ['another appId', { appId: 'wx0000000000000000' }],
    ['another timeStamp', { timeStamp: '1748750401' }],
    ['another nonceStr', { nonceStr: 'other' }],
    ['another package', { package: 'prepay_id=wx02' }],
  ])('fails for %s', (_name, change) => {
    const paySign = paySignFor(params, merchant.privateKey);
    expect(verifyPaySign({ ...params, ...change, paySign }, merchant.publicKey)).toBe(false);
  });

  it('fails when signed by another key', () => {
    expect(verifyPaySign({ ...params, paySign: paySignFor(params, other.privateKey) }, merchant.publicKey)).toBe(false);
  });
});

describe('Authorization', () => {
  const input = {
    mchid: '1900000109',
    serialNo: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
    privateKeyPem: merchant.privateKey,
    method: 'POST',
    pathAndQuery: '/v3/pay/transactions/out-trade-no/T1/close',
    body: '{"mchid":"1900000109"}',
    timestamp: '1748750400',
    nonce: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
  };

  it('builds the header and signs METHOD\\nPATH\\nTS\\nNONCE\\nBODY\\n', () => {
    const header = buildAuthorization(input);
    expect(header).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="[^"]+",timestamp="1748750400",serial_no="[0-9A-F]{40}",signature="[^"]+"$/,
    );
    const parsed = parseAuthorization(header);
    expect(parsed).toEqual({
      mchid: input.mchid,
      nonceStr: input.nonce,
      timestamp: input.timestamp,
      serialNo: input.serialNo,
      signature: expect.any(String),
    });
    const message = `POST\n${input.pathAndQuery}\n1748750400\n${input.nonce}\n{"mchid":"1900000109"}\n`;
    expect(verifyMessage(message, parsed!.signature, merchant.publicKey)).toBe(true);
  });

  it('keeps the empty body line for GET and body-less POST', () => {
    for (const method of ['GET', 'POST']) {
      const parsed = parseAuthorization(buildAuthorization({ ...input, method, body: '' }));
      const message = `${method}\n${input.pathAndQuery}\n1748750400\n${input.nonce}\n\n`;
      expect(verifyMessage(message, parsed!.signature, merchant.publicKey)).toBe(true);
    }
  });

  it('parses the pairs in any order (wechatpay-axios-plugin order)', () => {
    const signature = signMessage('x', merchant.privateKey);
    const header = `WECHATPAY2-SHA256-RSA2048 mchid="1900000109",serial_no="AB12",timestamp="1748750400",nonce_str="n1",signature="${signature}"`;
    expect(parseAuthorization(header)).toEqual({
      mchid: '1900000109',
      serialNo: 'AB12',
      timestamp: '1748750400',
      nonceStr: 'n1',
      signature,
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another scheme', 'Bearer abc'],
    ['no signature', 'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="1",serial_no="S"'],
    [
      'a duplicated pair',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2",nonce_str="n",timestamp="1",serial_no="S",signature="x"',
    ],
    [
      'garbage between pairs',
      'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n";timestamp="1",serial_no="S",signature="x"',
    ],
  ])('rejects %s', (_name, header) => {
    expect(parseAuthorization(header)).toBeNull();
  });
});

describe('wechatTime', () => {
  it.each([
    ['2025-06-01T04:00:00.000Z', '2025-06-01T12:00:00+08:00'],
    ['2025-12-31T16:30:05.999Z', '2026-01-01T00:30:05+08:00'],
  ])('%s → %s', (utc, expected) => {
    expect(wechatTime(new Date(utc))).toBe(expected);
    expect(Date.parse(expected)).toBe(Math.floor(Date.parse(utc) / 1000) * 1000);
  });
});
