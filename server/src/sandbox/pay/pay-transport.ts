import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  MAX_CLOCK_SKEW_SECONDS,
  parseAuthorization,
  requestSigningMessage,
  responseSigningMessage,
  signMessage,
  unixSeconds,
  verifyMessage,
} from '../../wechat/pay/wechatpay-crypto';
import type { PayError } from './pay-store';

/**
 * How the sandbox talks WeChat Pay on the wire: the exact request bytes (a raw-body JSON parser),
 * merchant authentication (WECHAT.md §E.3), signed answers (§E.4) and injected faults.
 */

const rawBodies = new WeakMap<FastifyRequest, string>();

/** The exact body bytes received ('' when none). */
export function rawBodyOf(request: FastifyRequest): string {
  return rawBodies.get(request) ?? '';
}

/**
 * Replaces Fastify's JSON parser with one that keeps the raw string. /v3 routes validate the JSON
 * themselves (PARAM_ERROR after the signature check); other routes keep Fastify's 400s.
 */
export function installRawJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(request, text);
    const isPay = request.url.startsWith('/v3/');
    if (text === '') {
      if (isPay) return done(null, undefined);
      return done(
        Object.assign(new Error("Body cannot be empty when content-type is set to 'application/json'"), {
          statusCode: 400,
        }),
      );
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      if (isPay) return done(null, undefined);
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }));
    }
  });
}

export interface PaySigning {
  mchid: string;
  merchantPublicKey: string;
  merchantSerial: string;
  now(): Date;
  /** Serials a merchant may name in Wechatpay-Serial (PUB_KEY_ID, platform certificate). */
  knownPlatformSerials(): string[];
  /** The serial answers are signed under when the request names none. */
  defaultResponseSerial(): string;
  privateKeyFor(serial: string): string | undefined;
}

/** §E.3: parse Authorization, mchid, serial, ±300 s, RSA over the exact method, url and body. */
export function authenticate(request: FastifyRequest, signing: PaySigning): PayError | undefined {
  const auth = parseAuthorization(headerOf(request, 'authorization'));
  if (!auth)
    return {
      status: 401,
      code: 'SIGN_ERROR',
      message: 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》',
    };
  if (auth.mchid !== signing.mchid) return { status: 401, code: 'SIGN_ERROR', message: '商户号与签名不匹配' };
  if (auth.serialNo.toUpperCase() !== signing.merchantSerial.toUpperCase())
    return { status: 401, code: 'SIGN_ERROR', message: '商户证书序列号有误' };
  const timestamp = Number(auth.timestamp);
  if (
    !/^\d{1,12}$/.test(auth.timestamp) ||
    Math.abs(signing.now().getTime() / 1000 - timestamp) > MAX_CLOCK_SKEW_SECONDS
  )
    return { status: 401, code: 'SIGN_ERROR', message: '请求时间戳与当前时间相差过大' };
  const message = requestSigningMessage(request.method, request.url, auth.timestamp, auth.nonceStr, rawBodyOf(request));
  if (!verifyMessage(message, auth.signature, signing.merchantPublicKey)) {
    return {
      status: 401,
      code: 'SIGN_ERROR',
      message: '签名错误',
      detail: {
        detail: { issue: 'sign not match' },
        field: 'signature',
        location: 'authorization',
        sign_information: {
          method: request.method,
          sign_message_length: Buffer.byteLength(message),
          truncated_sign_message: message.slice(0, 100),
          url: request.url,
        },
      },
    };
  }
  const serial = headerOf(request, 'wechatpay-serial');
  if (serial && !signing.knownPlatformSerials().includes(serial))
    return { status: 400, code: 'INVALID_REQUEST', message: 'Wechatpay-Serial 对应的证书或公钥不存在' };
  return undefined;
}

/** §E.4: every answer signed under the serial the request named (or the mode's default). */
export function sendSigned(
  request: FastifyRequest,
  reply: FastifyReply,
  signing: PaySigning,
  status: number,
  payload?: unknown,
  options: { corruptSignature?: boolean } = {},
): FastifyReply {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const requested = headerOf(request, 'wechatpay-serial');
  const serial =
    requested && signing.knownPlatformSerials().includes(requested) ? requested : signing.defaultResponseSerial();
  const key = signing.privateKeyFor(serial) as string;
  const timestamp = unixSeconds(signing.now());
  const nonce = randomBytes(16).toString('hex');
  let signature = signMessage(responseSigningMessage(timestamp, nonce, body), key);
  if (options.corruptSignature) signature = corrupt(signature);
  reply
    .code(status)
    .header('wechatpay-timestamp', timestamp)
    .header('wechatpay-nonce', nonce)
    .header('wechatpay-serial', serial)
    .header('wechatpay-signature', signature)
    .header('wechatpay-signature-type', 'WECHATPAY2-SHA256-RSA2048')
    .header('request-id', randomUUID());
  if (!body) return reply.send();
  return reply.type('application/json; charset=utf-8').send(body);
}

export function sendPayError(request: FastifyRequest, reply: FastifyReply, signing: PaySigning, error: PayError) {
  return sendSigned(request, reply, signing, error.status, {
    code: error.code,
    message: error.message,
    ...(error.detail ? { detail: error.detail } : {}),
  });
}

/** A valid-looking signature that no longer verifies (one byte flipped). */
export function corrupt(signatureBase64: string): string {
  const bytes = Buffer.from(signatureBase64, 'base64');
  bytes[0] ^= 0x01;
  return bytes.toString('base64');
}

export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// --- Faults on Pay endpoints -----------------------------------------------------------------

export interface PayFault {
  method?: string;
  /** Exact path (no query), or a prefix ending in `*`. */
  path: string;
  times: number;
  /** Answer this instead of processing. */
  respond?: { status: number; code: string; message: string };
  /** Process, then wait this long before answering. */
  delayMs?: number;
  /** Process, then drop the connection (the "timeout after create" case). */
  dropConnection?: boolean;
  /** Process, then answer with a signature that does not verify. */
  corruptSignature?: boolean;
}

export function takePayFault(faults: PayFault[], request: FastifyRequest): PayFault | undefined {
  const path = request.url.split('?')[0];
  const fault = faults.find(
    (candidate) =>
      candidate.times > 0 &&
      (!candidate.method || candidate.method.toUpperCase() === request.method) &&
      (candidate.path.endsWith('*') ? path.startsWith(candidate.path.slice(0, -1)) : candidate.path === path),
  );
  if (fault) fault.times -= 1;
  return fault;
}
