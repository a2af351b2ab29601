import type { AftersaleStatus, AftersaleType } from '@weshop/shared';

const BOTH: readonly AftersaleType[] = ['REFUND', 'RETURN_REFUND'];

/**
 * The after-sales state machine of PRODUCT.md, as data: for each state, the states it may move to
 * and for which type of after-sale. Every transition in the code is a conditional UPDATE
 * (`WHERE id = ? AND status IN (sourcesOf(type, to))`) derived from this table.
 *
 *   REQUESTED → APPROVED → REFUNDING → REFUNDED                        (仅退款 refund only)
 *   REQUESTED → APPROVED → RETURNING → RECEIVED → REFUNDING → REFUNDED (退货退款 return and refund)
 *   REQUESTED → REJECTED (merchant) | CANCELLED (buyer)
 *
 * A failed WeChat refund leaves the after-sale REFUNDING (the merchant retries); there is no way back.
 */
export const AFTERSALE_TRANSITIONS: Record<
  AftersaleStatus,
  Partial<Record<AftersaleStatus, readonly AftersaleType[]>>
> = {
  REQUESTED: { APPROVED: BOTH, REJECTED: BOTH, CANCELLED: BOTH },
  APPROVED: { RETURNING: ['RETURN_REFUND'], REFUNDING: ['REFUND'] },
  RETURNING: { RECEIVED: ['RETURN_REFUND'] },
  RECEIVED: { REFUNDING: ['RETURN_REFUND'] },
  REFUNDING: { REFUNDED: BOTH },
  REFUNDED: {},
  REJECTED: {},
  CANCELLED: {},
};

export const canTransition = (type: AftersaleType, from: AftersaleStatus, to: AftersaleStatus): boolean =>
  AFTERSALE_TRANSITIONS[from][to]?.includes(type) ?? false;

/** Statuses from which an after-sale of this type reaches `to` in one step. */
export const sourcesOf = (type: AftersaleType, to: AftersaleStatus): AftersaleStatus[] =>
  (Object.keys(AFTERSALE_TRANSITIONS) as AftersaleStatus[]).filter((from) => canTransition(type, from, to));

/** Statuses that lead nowhere. */
export const isTerminal = (status: AftersaleStatus): boolean => Object.keys(AFTERSALE_TRANSITIONS[status]).length === 0;

/** After-sales still in progress: at most one per order line, and their amounts are reserved. */
export const OPEN_AFTERSALE_STATUSES: readonly AftersaleStatus[] = (
  Object.keys(AFTERSALE_TRANSITIONS) as AftersaleStatus[]
).filter((s) => !isTerminal(s));

/** The successful path of each type, in order (the timeline is drawn along it). */
export const HAPPY_PATH: Record<AftersaleType, readonly AftersaleStatus[]> = {
  REFUND: ['REQUESTED', 'APPROVED', 'REFUNDING', 'REFUNDED'],
  RETURN_REFUND: ['REQUESTED', 'APPROVED', 'RETURNING', 'RECEIVED', 'REFUNDING', 'REFUNDED'],
};

/** The states an after-sale of this type passed through to reach `status`, oldest first. */
export function pathTo(type: AftersaleType, status: AftersaleStatus): AftersaleStatus[] {
  const happy = HAPPY_PATH[type];
  const index = happy.indexOf(status);
  if (index >= 0) return happy.slice(0, index + 1);
  // REJECTED and CANCELLED leave from REQUESTED only
  return [...sourcesOf(type, status).flatMap((from) => pathTo(type, from)), status];
}
