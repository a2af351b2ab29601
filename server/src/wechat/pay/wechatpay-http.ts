import Pay from 'wechatpay-node-v3';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import { WECHATPAY_LIVE_API_BASE, type WechatPayCredentials } from '../../infra/config/env.schema';
import { buildAuthorization, randomAlphanumeric, unixSeconds, verifyWechatpaySignature } from './wechatpay-crypto';
import { WechatPayError, WechatPayResponseForged, WechatPayUnavailable } from './wechatpay.errors';

export const WECHATPAY_TIMEOUT_MS = 10_000;

export interface WechatPayHttpOptions {
  credentials: WechatPayCredentials;
  /** Where APIv3 is called: WeChat's host or the sandbox (paths stay at the origin root). */
  base: string;
  /** The shop clock: request timestamps and the response skew check read it. */
  now: () => Date;
  timeoutMs?: number;
  userAgent?: string;
}

/** A response whose Wechatpay-Signature verified, with its raw text. */
export interface VerifiedResponse extends Output {
  status: number;
  data?: unknown;
  text: string;
  headers: Headers;
}

/**
 * The HTTP layer handed to wechatpay-node-v3 (`pay.createHttp`, WECHAT.md §D.6): rewrites the
 * fixed `https://api.mch.weixin.qq.com` to the configured base, sends with fetch (10 s timeout),
 * asks for public-key-signed answers (`Wechatpay-Serial`), and verifies every answer's signature
 * before anyone reads it. A verified non-2xx becomes {@link WechatPayError}; a 2xx that does not
 * verify is forged ({@link WechatPayResponseForged}); network failures are
 * {@link WechatPayUnavailable}.
 */
export class WechatPayHttp implements IPayRequest {
  constructor(private readonly options: WechatPayHttpOptions) {}

  post(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<VerifiedResponse> {
    // The same bytes the request signature was computed over (JSON.stringify of the same object).
    return this.exchange('POST', url, JSON.stringify(params), headers);
  }

  get(url: string, headers: Record<string, string>): Promise<VerifiedResponse> {
    return this.exchange('GET', url, '', headers);
  }

  upload(): Promise<Output> {
    return Promise.reject(new Error('WechatPayHttp does not upload files'));
  }

  /**
   * Signs and sends a call ourselves (endpoints the library lacks, body-less POSTs whose empty
   * body line the library omits — WECHAT.md §D.4). `pathAndQuery` starts with `/v3/`.
   */
  request(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<VerifiedResponse> {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const { credentials } = this.options;
    const authorization = buildAuthorization({
      mchid: credentials.mchid,
      serialNo: credentials.merchantSerial.toUpperCase(),
      privateKeyPem: credentials.merchantPrivateKeyPem,
      method,
      pathAndQuery,
      body: raw,
      timestamp: unixSeconds(this.options.now()),
      nonce: randomAlphanumeric(32),
    });
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.options.userAgent ?? 'weshop-server',
      Authorization: authorization,
    };
    if (raw) headers['Content-Type'] = 'application/json';
    return this.exchange(method, `${WECHATPAY_LIVE_API_BASE}${pathAndQuery}`, raw, headers);
  }

  private async exchange(
    method: string,
    url: string,
    raw: string,
    headers: Record<string, string>,
  ): Promise<VerifiedResponse> {
    const { base, credentials, now } = this.options;
    const path = url.startsWith(WECHATPAY_LIVE_API_BASE) ? url.slice(WECHATPAY_LIVE_API_BASE.length) : url;
    const what = `${method} ${path.split('?')[0]}`;
    const sendHeaders = Object.fromEntries(
      Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'accept-encoding'),
    );
    sendHeaders['Wechatpay-Serial'] = credentials.preferredPlatformSerial;

    let response: Response;
    let text: string;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: sendHeaders,
        body: method === 'GET' || !raw ? undefined : raw,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? WECHATPAY_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new WechatPayUnavailable(what, timedOut ? 'TIMEOUT' : 'NETWORK');
    }

    const verdict = verifyWechatpaySignature(
      {
        timestamp: response.headers.get('wechatpay-timestamp') ?? undefined,
        nonce: response.headers.get('wechatpay-nonce') ?? undefined,
        signature: response.headers.get('wechatpay-signature') ?? undefined,
        serial: response.headers.get('wechatpay-serial') ?? undefined,
        body: text,
      },
      credentials.platformPublicKeys,
      now(),
    );
    if (!verdict.ok) {
      if (response.ok) throw new WechatPayResponseForged(what, verdict.reason);
      throw new WechatPayUnavailable(what, 'UNSIGNED_ERROR');
    }

    let data: unknown;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new WechatPayUnavailable(what, 'BAD_RESPONSE');
      }
    }
    if (!response.ok) {
      const error = (data ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
      throw new WechatPayError(
        response.status,
        typeof error.code === 'string' ? error.code : 'UNKNOWN',
        typeof error.message === 'string' ? error.message : `HTTP ${response.status}`,
        error.detail,
      );
    }
    return { status: response.status, data, text, headers: response.headers };
  }
}

/**
 * wechatpay-node-v3's `Pay`, with the request Authorization built by us: the timestamp comes from
 * the shop clock (the sandbox checks skew against it), the nonce is 32 characters, and a body-less
 * POST still gets its empty body line (WECHAT.md §D.4). Everything else is the library's.
 */
export class ClockedPay extends Pay {
  constructor(
    private readonly credentials: WechatPayCredentials,
    appid: string,
    private readonly now: () => Date,
  ) {
    super({
      appid,
      mchid: credentials.mchid,
      serial_no: credentials.merchantSerial.toUpperCase(),
      publicKey: Buffer.from(credentials.merchantCertificatePem),
      privateKey: Buffer.from(credentials.merchantPrivateKeyPem),
      key: credentials.apiV3Key,
      userAgent: 'weshop-server',
    });
  }

  protected override buildAuthorization(method: string, url: string, params?: Record<string, unknown>): string {
    return buildAuthorization({
      mchid: this.credentials.mchid,
      serialNo: this.credentials.merchantSerial.toUpperCase(),
      privateKeyPem: this.credentials.merchantPrivateKeyPem,
      method,
      pathAndQuery: url.replace(WECHATPAY_LIVE_API_BASE, ''),
      body: params === undefined ? '' : JSON.stringify(params),
      timestamp: unixSeconds(this.now()),
      nonce: randomAlphanumeric(32),
    });
  }
}
