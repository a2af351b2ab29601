import { DomainError } from '../../infra/http/domain-error';

/**
 * WeChat Pay answered a call with a (verified) error: `code`/`message` are WeChat's, `httpStatus`
 * its HTTP status. Not a DomainError on purpose: an unexpected WeChat error is our fault (500),
 * callers map the codes they expect (ORDER_NOT_EXIST, ORDER_PAID…) to outcomes.
 */
export class WechatPayError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'WechatPayError';
  }

  /** 5xx and rate limits: retry later with the same parameters. */
  get retryable(): boolean {
    return this.httpStatus >= 500 || this.httpStatus === 429;
  }

  /**
   * A 4xx business refusal of this very request (PARAM_ERROR, INVALID_REQUEST, NOT_ENOUGH,
   * NO_AUTH, SIGN_ERROR, NOT_FOUND…): sending it again unchanged will not succeed.
   */
  get definitive(): boolean {
    return !this.retryable;
  }
}

/** WeChat Pay could not be reached, timed out, or answered something unusable; retry later. */
export class WechatPayUnavailable extends DomainError {
  readonly code = 'WECHAT_PAY_UNAVAILABLE';
  readonly status = 503;
  constructor(
    readonly what: string,
    readonly reason: 'NETWORK' | 'TIMEOUT' | 'UNSIGNED_ERROR' | 'BAD_RESPONSE' | 'NOT_CONFIGURED',
  ) {
    super(`WeChat Pay did not answer ${what}; please retry`, { reason });
  }
}

/**
 * A 2xx answer whose Wechatpay-Signature does not verify: treated as forged and never used
 * ("A 2xx response without a signature must be treated as forged", WECHAT.md §A.1).
 */
export class WechatPayResponseForged extends DomainError {
  readonly code = 'WECHAT_PAY_RESPONSE_FORGED';
  readonly status = 502;
  constructor(
    readonly what: string,
    readonly reason: string,
  ) {
    super(`WeChat Pay's answer to ${what} failed verification`, { reason });
  }
}

export type NotificationRejection =
  | 'NOT_CONFIGURED'
  | 'MISSING_HEADERS'
  | 'SIGNTEST_PROBE'
  | 'STALE_TIMESTAMP'
  | 'UNKNOWN_SERIAL'
  | 'BAD_SIGNATURE'
  | 'BAD_ENVELOPE'
  | 'UNSUPPORTED_ALGORITHM'
  | 'DECRYPTION_FAILED'
  | 'BAD_RESOURCE';

/**
 * A notification that must not be processed. The payment controller answers 4xx/5xx with
 * `{ code: 'FAIL', message }` so WeChat retries (or, for forgeries, gives up).
 */
export class NotificationRejected extends Error {
  constructor(
    readonly reason: NotificationRejection,
    message: string = reason,
  ) {
    super(message);
    this.name = 'NotificationRejected';
  }
}

export type PayFailureKind = 'REFUSED' | 'TRANSIENT';

/**
 * What a failed WeChat Pay call means for a caller that must never pay twice (商家转账,
 * WECHAT.md §B.1 "never retry with a new out_bill_no"):
 * - `REFUSED`: WeChat answered this request with a verified 4xx ({@link WechatPayError.definitive}).
 *   The request did not take effect — but a refusal like INVALID_REQUEST 单号已存在但信息不一致
 *   means a bill with this number already exists, so query before concluding anything.
 * - `TRANSIENT`: 5xx, 429, timeout, network, an unsigned or forged answer, or not configured: the
 *   request may or may not have taken effect. Query the bill; if WeChat has none, retry with the
 *   SAME number (never a new one).
 * `undefined` for errors that are not WeChat Pay failures.
 */
export function classifyPayFailure(error: unknown): PayFailureKind | undefined {
  if (error instanceof WechatPayError) return error.definitive ? 'REFUSED' : 'TRANSIENT';
  if (error instanceof WechatPayUnavailable || error instanceof WechatPayResponseForged) return 'TRANSIENT';
  return undefined;
}
