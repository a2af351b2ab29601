import type { FieldIssue } from '../infra/http/domain-error';

/**
 * 积分商城: pure rules of an item's settings and of what a member may still redeem. The service
 * looks up the SKU or the coupon template and hands them here; the database enforces the rest
 * (the guarded stock decrement, the per-member count under the member's account lock).
 */

export interface ItemDraft {
  kind: 'GIFT' | 'COUPON';
  /** fen */
  cash: number;
  /** The gift's SKU as found (null: no such SKU). */
  sku?: { exchangeable: boolean } | null;
  /** The coupon's template as found (null: no such template). */
  template?: { channel: string } | null;
}

/** What is wrong with an item's settings beyond their shape; empty when it makes sense. */
export function itemProblems(draft: ItemDraft): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (draft.kind === 'GIFT') {
    if (!draft.sku) problems.push({ path: 'skuId', message: 'no such SKU' });
    else if (!draft.sku.exchangeable)
      problems.push({ path: 'skuId', message: 'this product is flagged not exchangeable for points' });
  } else {
    if (!draft.template) problems.push({ path: 'couponTemplateId', message: 'no such coupon template' });
    else if (draft.template.channel !== 'POINTS_MALL')
      problems.push({ path: 'couponTemplateId', message: 'the coupon template must be of channel POINTS_MALL' });
    if (draft.cash > 0) problems.push({ path: 'cash', message: 'a coupon is redeemed for points only (cash 0)' });
  }
  return problems;
}

/** How many more units this member may redeem now: the per-member allowance, at most the stock. */
export function remainingFor(item: { perUserLimit: number; stock: number }, redeemedByMe: number): number {
  return Math.max(0, Math.min(item.perUserLimit - redeemedByMe, item.stock));
}

export type RedemptionStatus = 'COMPLETED' | 'PENDING_PAYMENT' | 'CANCELLED';

/** A redemption is done at once unless it has cash to pay (a gift's order waits for WeChat Pay). */
export function statusOnRedeem(cash: number): RedemptionStatus {
  return cash > 0 ? 'PENDING_PAYMENT' : 'COMPLETED';
}

/** Redemptions that use up a member's allowance: all but cancelled ones. */
export const countsTowardLimit = (status: string) => status !== 'CANCELLED';
