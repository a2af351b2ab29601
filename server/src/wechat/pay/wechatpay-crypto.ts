import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomInt,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * WeChat Pay APIv3 cryptography, pure and with `node:crypto` only (WECHAT.md §A.1, §A.3, §A.4).
 * Used by the merchant client and by the sandbox, which speaks the same wire contracts.
 * wechatpay-node-v3 is not used here: its verifier has no timestamp check and no public-key mode,
 * and its AES-GCM decryption skips the tag check (WECHAT.md §D.5).
 */

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
export const RESOURCE_ALGORITHM = 'AEAD_AES_256_GCM';
/** WeChat's probe traffic carries signatures with this prefix; they must never verify. */
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';
export const MAX_CLOCK_SKEW_SECONDS = 300;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random characters from [A-Za-z0-9] (nonces, APIv3 keys). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Unix seconds as WeChat writes them (a decimal string). */
export function unixSeconds(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

/** RFC 3339 in Beijing time, as WeChat Pay writes times: `2025-06-01T12:00:00+08:00`. */
export function wechatTime(at: Date): string {
  const beijing = new Date(at.getTime() + 8 * 3600_000);
  return beijing.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

// --- RSA signatures ----------------------------------------------------------------------------

/** base64(SHA256withRSA(privateKey, message)). */
export function signMessage(message: string, privateKeyPem: string | KeyObject): string {
  return sign('sha256', Buffer.from(message, 'utf8'), privateKeyPem).toString('base64');
}

/** Alias of {@link signMessage}: the name WeChat's docs use. */
export const rsaSign = signMessage;

/**
 * Checks base64(SHA256withRSA) against a public key, an X.509 certificate PEM or a KeyObject.
 * Never throws: a malformed key or signature is a failed verification.
 */
export function verifyMessage(message: string, signatureBase64: string, publicKey: string | KeyObject): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return verify('sha256', Buffer.from(message, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

// --- Request signing (Authorization header) ---------------------------------------------------

/** `METHOD\nPATH_AND_QUERY\nTIMESTAMP\nNONCE\nBODY\n`: BODY is '' for GET and body-less POST. */
export function requestSigningMessage(
  method: string,
  pathAndQuery: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

export interface AuthorizationInput {
  mchid: string;
  /** Merchant API certificate serial (upper-case hex). */
  serialNo: string;
  privateKeyPem: string | KeyObject;
  method: string;
  /** Path and query without the host, exactly as sent. */
  pathAndQuery: string;
  /** The exact body bytes sent ('' when none). */
  body: string;
  timestamp: string;
  nonce: string;
}

/** `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"`. */
export function buildAuthorization(input: AuthorizationInput): string {
  const message = requestSigningMessage(input.method, input.pathAndQuery, input.timestamp, input.nonce, input.body);
  const signature = signMessage(message, input.privateKeyPem);
  return (
    `${AUTH_SCHEME} mchid="${input.mchid}",nonce_str="${input.nonce}",timestamp="${input.timestamp}",` +
    `serial_no="${input.serialNo}",signature="${signature}"`
  );
}

export interface ParsedAuthorization {
  mchid: string;
  nonceStr: string;
  timestamp: string;
  serialNo: string;
  signature: string;
}

/** Parses an Authorization header; the order of the pairs does not matter. Null when malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== AUTH_SCHEME) return null;
  const pairs = new Map<string, string>();
  const rest = header.slice(space + 1).trim();
  const pattern = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/gy;
  let consumed = 0;
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
    if (pairs.has(match[1])) return null;
    pairs.set(match[1], match[2]);
    consumed = pattern.lastIndex;
    if (consumed >= rest.length) break;
  }
  if (consumed !== rest.length) return null;
  const get = (key: string) => pairs.get(key);
  const [mchid, nonceStr, timestamp, serialNo, signature] = [
    get('mchid'),
    get('nonce_str'),
    get('timestamp'),
    get('serial_no'),
    get('signature'),
  ];
  if (!mchid || !nonceStr || !timestamp || !serialNo || !signature) return null;
  return { mchid, nonceStr, timestamp, serialNo, signature };
}

// --- Response / notification signatures ---------------------------------------------------------

/** `TIMESTAMP\nNONCE\nBODY\n` (empty body → `TIMESTAMP\nNONCE\n\n`). */
export function responseSigningMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export interface WechatpaySignedMessage {
  /** `Wechatpay-Timestamp` */
  timestamp?: string;
  /** `Wechatpay-Nonce` */
  nonce?: string;
  /** `Wechatpay-Signature` */
  signature?: string;
  /** `Wechatpay-Serial`: PUB_KEY_ID_… or a platform certificate serial */
  serial?: string;
  /** The raw body string, exactly as received (never re-serialised). */
  body: string;
}

export type SignatureRejection =
  'MISSING_HEADERS' | 'SIGNTEST_PROBE' | 'STALE_TIMESTAMP' | 'UNKNOWN_SERIAL' | 'BAD_SIGNATURE';

export type SignatureVerdict = { ok: true } | { ok: false; reason: SignatureRejection };

/**
 * Verifies a WeChat Pay response or notification (WECHAT.md §A.1): headers present, no
 * `WECHATPAY/SIGNTEST/` probe, |now − timestamp| ≤ maxSkewSeconds (either direction), a key
 * known under `serial` (exact, then case-insensitive: certificate serials are hex), and
 * SHA256withRSA over `ts\nnonce\nbody\n`. Never fetches keys.
 */
export function verifyWechatpaySignature(
  message: WechatpaySignedMessage,
  keys: Record<string, string>,
  now: Date,
  maxSkewSeconds = MAX_CLOCK_SKEW_SECONDS,
): SignatureVerdict {
  const { timestamp, nonce, signature, serial, body } = message;
  if (!timestamp || !nonce || !signature || !serial) return { ok: false, reason: 'MISSING_HEADERS' };
  if (signature.startsWith(SIGNTEST_PREFIX)) return { ok: false, reason: 'SIGNTEST_PROBE' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'STALE_TIMESTAMP' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > maxSkewSeconds)
    return { ok: false, reason: 'STALE_TIMESTAMP' };
  const key = keyFor(keys, serial);
  if (!key) return { ok: false, reason: 'UNKNOWN_SERIAL' };
  return verifyMessage(responseSigningMessage(timestamp, nonce, body), signature, key)
    ? { ok: true }
    : { ok: false, reason: 'BAD_SIGNATURE' };
}

function keyFor(keys: Record<string, string>, serial: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(keys, serial)) return keys[serial];
  const wanted = serial.toUpperCase();
  const found = Object.keys(keys).find((candidate) => candidate.toUpperCase() === wanted);
  return found === undefined ? undefined : keys[found];
}

// --- AES-256-GCM resources (notifications, certificates) ----------------------------------------

export interface EncryptedResource {
  algorithm: string;
  /** base64(ciphertext ‖ 16-byte tag) */
  ciphertext: string;
  /** 12 characters, used as UTF-8 bytes for the IV */
  nonce: string;
  associated_data?: string;
}

/** The resource could not be authenticated or decrypted (tampered, wrong key or AAD, other algorithm). */
export class ResourceDecryptionFailed extends Error {
  constructor(readonly reason: string) {
    super(`WeChat Pay resource rejected: ${reason}`);
    this.name = 'ResourceDecryptionFailed';
  }
}

const TAG_LENGTH = 16;

function aesKey(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new ResourceDecryptionFailed('the APIv3 key must be 32 bytes');
  return key;
}

/**
 * Decrypts an `AEAD_AES_256_GCM` resource with the APIv3 key. The tag and the associated data
 * are authenticated (`final()`); any mismatch throws {@link ResourceDecryptionFailed}.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== RESOURCE_ALGORITHM)
    throw new ResourceDecryptionFailed(`unsupported algorithm ${String(resource.algorithm)}`);
  if (typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string' || !resource.nonce)
    throw new ResourceDecryptionFailed('ciphertext and nonce are required');
  const key = aesKey(apiV3Key);
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < TAG_LENGTH) throw new ResourceDecryptionFailed('ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'), {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAuthTag(data.subarray(data.length - TAG_LENGTH));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_LENGTH)), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw new ResourceDecryptionFailed('authentication failed');
  }
}

/** The inverse of {@link decryptResource} (the sandbox encrypts notifications with it). */
export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  associatedData: string,
  nonce: string = randomAlphanumeric(12),
): Required<EncryptedResource> {
  const cipher = createCipheriv('aes-256-gcm', aesKey(apiV3Key), Buffer.from(nonce, 'utf8'), {
    authTagLength: TAG_LENGTH,
  });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: RESOURCE_ALGORITHM, ciphertext: body.toString('base64'), nonce, associated_data: associatedData };
}

// --- wx.requestPayment paySign ------------------------------------------------------------------

export interface PaySignInput {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=<id>` */
  package: string;
}

/** `appId\ntimeStamp\nnonceStr\npackage\n`; `signType` is not signed. */
export function paySignMessage(input: PaySignInput): string {
  return `${input.appId}\n${input.timeStamp}\n${input.nonceStr}\n${input.package}\n`;
}

/** paySign for `wx.requestPayment`, signed with the merchant private key (WECHAT.md §A.3). */
export function paySignFor(input: PaySignInput, merchantPrivateKeyPem: string | KeyObject): string {
  return signMessage(paySignMessage(input), merchantPrivateKeyPem);
}

/** Checks a paySign against the merchant certificate (or its public key), as WeChat's client does. */
export function verifyPaySign(
  input: PaySignInput & { paySign: string },
  merchantCertificateOrPublicKeyPem: string | KeyObject,
): boolean {
  return verifyMessage(paySignMessage(input), input.paySign, merchantCertificateOrPublicKeyPem);
}

// --- Sensitive request fields (e.g. the transfer's user_name) -----------------------------------

/**
 * Encrypts a sensitive request field for WeChat Pay (WECHAT.md §A.1): RSA-OAEP with SHA-1 under
 * the WeChat Pay public key (or platform certificate), base64. The request must carry
 * `Wechatpay-Serial` naming that key. OAEP is randomised: the same name encrypts differently.
 */
export function encryptSensitiveField(plaintext: string, publicKeyOrCertificatePem: string | KeyObject): string {
  const key =
    typeof publicKeyOrCertificatePem === 'string'
      ? createPublicKey(publicKeyOrCertificatePem)
      : publicKeyOrCertificatePem;
  return publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    Buffer.from(plaintext, 'utf8'),
  ).toString('base64');
}

/** The inverse (the sandbox decrypts with the private key named by Wechatpay-Serial); null when it fails. */
export function decryptSensitiveField(ciphertextBase64: string, privateKeyPem: string | KeyObject): string | null {
  try {
    return privateDecrypt(
      { key: privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(ciphertextBase64, 'base64'),
    ).toString('utf8');
  } catch {
    return null;
  }
}
