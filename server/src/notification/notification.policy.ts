/**
 * What to do with a subscription message after one attempt at sending it. Pure.
 *
 * - sent → SENT (the credit is used).
 * - 43101: WeChat says the user has no quota for this template (refused, or spent elsewhere) →
 *   REFUSED, no retry; our credit is void (kept spent).
 * - WeChat busy or rate-limited (45009, 45011, -1), a token that stayed invalid, HTTP 5xx, a
 *   timeout → retried with backoff while attempts remain; then FAILED, and the credit given back
 *   when the message certainly never went out.
 * - Anything else (47003 bad value, 40003 openid, 40037 template, 41030 page…) → FAILED, no
 *   retry: the same request would fail again. WeChat refused it, so the credit comes back.
 */

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  /** No answer from WeChat; `mayHaveSent` when the request may have reached it (a timeout). */
  | { kind: 'unavailable'; mayHaveSent: boolean };

export interface SendDecision {
  status: 'SENT' | 'REFUSED' | 'FAILED' | 'PENDING';
  /** Throw so the queue tries again after its backoff. */
  retry: boolean;
  /** Give the user's credit back (the message was never sent). */
  giveBack: boolean;
}

/** WeChat errcodes worth another attempt later. */
export const TRANSIENT_ERRCODES = [-1, 45009, 45011, 40001, 42001] as const;
/** No quota at WeChat for (openid, template). */
export const NO_QUOTA_ERRCODE = 43101;

/** `attempt` counts from 1; `maxAttempts` is the queue's limit. */
export function sendDecision(outcome: SendOutcome, attempt: number, maxAttempts: number): SendDecision {
  if (outcome.kind === 'sent') return { status: 'SENT', retry: false, giveBack: false };
  if (outcome.kind === 'errcode' && outcome.errcode === NO_QUOTA_ERRCODE)
    return { status: 'REFUSED', retry: false, giveBack: false };
  const transient =
    outcome.kind === 'unavailable' || (TRANSIENT_ERRCODES as readonly number[]).includes(outcome.errcode);
  if (!transient) return { status: 'FAILED', retry: false, giveBack: true };
  if (attempt < maxAttempts) return { status: 'PENDING', retry: true, giveBack: false };
  const certainlyNotSent = outcome.kind === 'errcode' || !outcome.mayHaveSent;
  return { status: 'FAILED', retry: false, giveBack: certainlyNotSent };
}

/** The event key of a message: one per template and fact, e.g. `ORDER_SHIPPED:order:123`. */
export function eventKey(template: string, ...subject: Array<string | number>): string {
  return [template, ...subject].join(':');
}
