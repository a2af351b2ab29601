import type { CouponKind, CouponReason, CouponScope, FieldIssue, UserCouponStatus } from '@weshop/shared';
import type { Fen } from '@weshop/shared';
import type { StageLine } from '../pricing/price-order.policy';

/**
 * 优惠券 rules as pure functions: what a template may be, what a coupon is worth on a cart (stage 3
 * of the price pipeline), whether it may be used or claimed, and for how long it is valid.
 */

/** What a coupon is worth and where it applies (a template's terms, copied by reference to its coupons). */
export interface CouponTerms {
  kind: CouponKind;
  /** Minimum eligible subtotal after promotions (fen); 0 for 无门槛. */
  threshold: Fen;
  /** Amount off (fen) for AMOUNT_OFF and NO_THRESHOLD. */
  amount: Fen;
  /** PERCENT_OFF: share kept in basis points (8500 = 15% off). */
  percentBp: number | null;
  /** PERCENT_OFF: most it takes off (fen). */
  cap: Fen | null;
  scope: CouponScope;
  scopeIds: readonly string[];
  stackWithPromotions: boolean;
}

/** A template as an admin submits it (after the shape checks). */
export interface TemplateDraft extends CouponTerms {
  validity: 'FIXED' | 'DAYS';
  validFrom: Date | null;
  validTo: Date | null;
  validDays: number | null;
  totalQuantity: number;
  perUserLimit: number;
  channel: string;
  communityId: string | null;
}

/**
 * The rules of PRODUCT.md "Coupons" and the settings that make no sense (shared/src/coupon.ts lists
 * them): each problem names its field. Empty = a valid template.
 */
export function templateProblems(t: TemplateDraft): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (t.kind === 'AMOUNT_OFF') {
    if (t.amount < 1) problem('amount', 'a 满减券 takes at least 1 fen off');
    if (t.threshold < 1) problem('threshold', 'a 满减券 needs a threshold (use NO_THRESHOLD for 无门槛)');
    else if (t.amount > t.threshold)
      problem('amount', `a coupon worth more than its threshold (${t.amount} > ${t.threshold} fen) makes no sense`);
  }
  if (t.kind === 'NO_THRESHOLD') {
    if (t.threshold !== 0) problem('threshold', 'a 无门槛 coupon has threshold 0');
    if (t.amount < 1) problem('amount', 'a 无门槛 coupon takes at least 1 fen off');
  }
  if (t.kind === 'PERCENT_OFF') {
    if (t.percentBp === null) problem('percentBp', 'a 折扣券 needs the share kept (1-9999 bp, 8500 = 8.5折)');
    else if (t.percentBp < 1 || t.percentBp > 9999)
      problem('percentBp', 'the share kept must be 1-9999 bp (between 0.01% and 99.99% of the price)');
    if (t.cap === null || t.cap < 1)
      problem('cap', 'a 折扣券 needs a cap (最高抵扣, at least 1 fen): without one it can be worth any amount');
    if (t.amount !== 0) problem('amount', 'a 折扣券 has no fixed amount (use percentBp and cap)');
  } else {
    if (t.percentBp !== null) problem('percentBp', 'only a PERCENT_OFF coupon has a percentage');
    if (t.cap !== null) problem('cap', 'only a PERCENT_OFF coupon has a cap');
  }
  if (t.scope === 'ALL' && t.scopeIds.length > 0) problem('scopeIds', 'a coupon for everything lists no ids');
  if (t.scope !== 'ALL' && t.scopeIds.length === 0)
    problem('scopeIds', `list the ${t.scope.toLowerCase()} it applies to`);
  if (new Set(t.scopeIds).size !== t.scopeIds.length) problem('scopeIds', 'each id may appear once');
  if (t.validity === 'FIXED') {
    if (!t.validFrom) problem('validFrom', 'a fixed window needs validFrom');
    if (!t.validTo) problem('validTo', 'a fixed window needs validTo');
    if (t.validFrom && t.validTo && t.validFrom.getTime() >= t.validTo.getTime())
      problem('validTo', 'validTo must be after validFrom');
    if (t.validDays !== null) problem('validDays', 'a fixed window has no validDays');
  } else {
    if (t.validDays === null || t.validDays < 1) problem('validDays', 'valid for at least 1 day after claiming');
    if (t.validFrom !== null || t.validTo !== null)
      problem('validFrom', 'a coupon valid N days after claiming has no fixed window');
  }
  if (t.perUserLimit > t.totalQuantity) problem('perUserLimit', 'must not exceed totalQuantity');
  if (t.channel === 'COMMUNITY' && t.communityId === null)
    problem('communityId', 'a community coupon names its community');
  if (t.channel !== 'COMMUNITY' && t.communityId !== null)
    problem('communityId', 'only a COMMUNITY coupon belongs to a community');
  return problems;
}

/** "满100减20", "8.5折 最高减50", "无门槛减10" (yuan, trailing zeros dropped). */
export function couponTitle(t: Pick<CouponTerms, 'kind' | 'threshold' | 'amount' | 'percentBp' | 'cap'>): string {
  const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.?0+$/, '');
  if (t.kind === 'NO_THRESHOLD') return `无门槛减${yuan(t.amount)}`;
  if (t.kind === 'AMOUNT_OFF') return `满${yuan(t.threshold)}减${yuan(t.amount)}`;
  const fold = ((t.percentBp ?? 10_000) / 1000).toFixed(2).replace(/\.?0+$/, '');
  const prefix = t.threshold > 0 ? `满${yuan(t.threshold)}享` : '';
  return `${prefix}${fold}折${t.cap !== null ? ` 最高减${yuan(t.cap)}` : ''}`;
}

/**
 * Whether a promotion (促销) applies to this order: a step-2 discount (满减, 组合优惠) on any line, a
 * 满赠 gift line, or a flash-sale (限时折扣/秒杀) price. Group-buy, member-day and member-level
 * prices are not promotions for stacking.
 */
export function promotionApplies(lines: readonly StageLine[]): boolean {
  return lines.some((l) => l.isGift || l.amount < l.goodsAmount || l.priceSource === 'FLASH_SALE');
}

export type CouponUse =
  { usable: true; amount: Fen; lineIndexes: number[] } | { usable: false; reason: CouponReason; amount: 0 };

/** A user coupon as checkout sees it. */
export interface HeldCoupon extends CouponTerms {
  status: UserCouponStatus;
  validFrom: Date;
  validTo: Date;
}

const refuse = (reason: CouponReason): CouponUse => ({ usable: false, reason, amount: 0 });

/**
 * Stage 3 for one coupon: usable or the reason why not, checked in this order — state, validity
 * window ([validFrom, validTo)), stacking (不可与促销同享, either side's setting), scope, threshold on the eligible subtotal
 * after step 2, value. The value: the amount (满减/无门槛) or floor(subtotal × (10000 − percentBp) /
 * 10000) capped at `cap` (折扣券), never above the eligible subtotal. Gift lines and lines already at
 * 0 are never eligible. priceOrder allocates it over `lineIndexes` by largest remainder.
 */
export function couponUse(coupon: HeldCoupon, lines: readonly StageLine[], now: Date): CouponUse {
  if (coupon.status === 'USED') return refuse('USED');
  if (coupon.status === 'LOCKED') return refuse('IN_USE');
  if (coupon.status === 'EXPIRED' || now.getTime() >= coupon.validTo.getTime()) return refuse('EXPIRED');
  if (now.getTime() < coupon.validFrom.getTime()) return refuse('NOT_STARTED');
  if (!coupon.stackWithPromotions && promotionApplies(lines)) return refuse('NOT_STACKABLE');
  // A promotion on the order that does not stack with coupons (stackWithCoupon off) wins over any coupon.
  if (lines.some((l) => l.couponExcluded)) return refuse('NOT_STACKABLE');
  const ids = new Set(coupon.scopeIds);
  const eligible = lines.filter(
    (l) =>
      !l.isGift &&
      l.amount > 0 &&
      (coupon.scope === 'ALL' ||
        (coupon.scope === 'CATEGORIES' && ids.has(l.line.categoryId)) ||
        (coupon.scope === 'PRODUCTS' && ids.has(l.line.productId))),
  );
  if (eligible.length === 0) return refuse('OUT_OF_SCOPE');
  const subtotal = eligible.reduce((s, l) => s + l.amount, 0);
  if (subtotal < coupon.threshold) return refuse('BELOW_THRESHOLD');
  const value =
    coupon.kind === 'PERCENT_OFF'
      ? Math.min(Math.floor((subtotal * (10_000 - (coupon.percentBp ?? 10_000))) / 10_000), coupon.cap ?? 0)
      : coupon.amount;
  const amount = Math.min(value, subtotal);
  if (amount <= 0) return refuse('NO_DISCOUNT');
  return { usable: true, amount, lineIndexes: eligible.map((l) => l.index) };
}

/** AVAILABLE past its end is shown (and treated) as EXPIRED. */
export function effectiveStatus(status: UserCouponStatus, validTo: Date, now: Date): UserCouponStatus {
  return status === 'AVAILABLE' && validTo.getTime() <= now.getTime() ? 'EXPIRED' : status;
}

/** The validity of a coupon claimed now: the template's fixed window, or N × 24 h from now. */
export function validityOnClaim(
  t: { validity: string; validFrom: Date | null; validTo: Date | null; validDays: number | null },
  now: Date,
): { validFrom: Date; validTo: Date } {
  if (t.validity === 'FIXED') return { validFrom: t.validFrom!, validTo: t.validTo! };
  return { validFrom: now, validTo: new Date(now.getTime() + (t.validDays ?? 1) * 86_400_000) };
}

/** What decides whether a shopper may claim a template from the claim centre. */
export interface ClaimFacts {
  status: 'ACTIVE' | 'DISABLED';
  channel: string;
  validity: string;
  validTo: Date | null;
  remaining: number;
  claimedByMe: number;
  perUserLimit: number;
  /** Only asked for MEMBER_DAY templates. */
  memberDay: boolean;
  memberLevelOk: boolean;
  /** Only asked for NEW_CUSTOMER templates: the caller has never paid an order. */
  newCustomer: boolean;
}

/**
 * Why a template cannot be claimed from the centre now (null = it can). Quantity and the per-user
 * limit are checked again, atomically, when the claim is written; this answer is for the view.
 */
export function claimRefusal(f: ClaimFacts, now: Date): CouponReason | null {
  if (f.status !== 'ACTIVE') return 'DISABLED';
  if (f.channel !== 'CENTER' && f.channel !== 'NEW_CUSTOMER' && f.channel !== 'MEMBER_DAY') return 'NOT_CLAIMABLE';
  if (f.validity === 'FIXED' && f.validTo && f.validTo.getTime() <= now.getTime()) return 'CLAIM_ENDED';
  if (f.channel === 'MEMBER_DAY' && !f.memberDay) return 'NOT_MEMBER_DAY';
  if (f.channel === 'MEMBER_DAY' && !f.memberLevelOk) return 'MEMBER_LEVEL_REQUIRED';
  if (f.channel === 'NEW_CUSTOMER' && !f.newCustomer) return 'NEW_CUSTOMERS_ONLY';
  if (f.claimedByMe >= f.perUserLimit) return 'LIMIT_REACHED';
  if (f.remaining <= 0) return 'SOLD_OUT';
  return null;
}
