import type { Bp, Fen } from '@weshop/shared';
import { allocateDiscount } from './allocate.policy';
import { shippingFeeFor, type ShippingRule } from './shipping.policy';

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/** One line the buyer asked for, as the order service read it from the catalogue. */
export interface PricingLine {
  skuId: string;
  productId: string;
  categoryId: string;
  title: string;
  /** Positive integer. */
  quantity: number;
  /** The SKU's price (fen), the starting point of step 1. */
  skuPrice: Fen;
  memberDayEligible: boolean;
  pointsExchangeable: boolean;
}

/** Alias kept for callers written against the first draft's name. */
export type PricingLineInput = PricingLine;

export interface PricingInput {
  lines: readonly PricingLine[];
  /** Member-level discount (会员折扣): 10000 = none, 9500 = 5% off. Absent = none. */
  memberDiscountBp?: Bp;
  /** Delivery province, for the remote-region surcharge. */
  province?: string;
  /** The shop's 运费模板; null or absent = free shipping. */
  shippingTemplate?: ShippingRule | null;
  /** Points the buyer wants to spend (non-negative integer; the service validated it). */
  pointsToUse?: number;
  /** Points the buyer has available. Absent = 0. */
  pointsBalance?: number;
  /** The coupon the buyer chose; priced by `stages.coupon`. */
  couponId?: string;
  /** The buyer's group-buy choice, opaque to pricing and handed to the stages. */
  groupBuy?: unknown;
}

/** What every stage receives besides the lines: the request as given to `priceOrder`. */
export type PricingContext = Readonly<PricingInput>;

// ---------------------------------------------------------------------------------------------
// Stages (the plug-in points for member day, flash sale, 满减/满赠, coupons, points)
// ---------------------------------------------------------------------------------------------

/** Activities that replace a line's price in step 1, highest priority first. */
export const ACTIVITY_PRIORITY = ['GROUP_BUY', 'FLASH_SALE', 'MEMBER_DAY'] as const;
export type ActivityKind = (typeof ACTIVITY_PRIORITY)[number];

/** An activity price for one line (拼团价, 秒杀价, 会员日价). */
export interface ActivityPrice {
  /** Per unit (fen): at least 1 fen and at most the SKU price for a non-zero SKU price. */
  unitPrice: Fen;
  /** Shown in the breakdown, e.g. "限时折扣". */
  label: string;
  kind: ActivityKind;
}

/** How a line's unit price was reached in step 1. */
export type PriceSource = 'SKU' | 'MEMBER_LEVEL' | ActivityKind;

/** A line as steps 2–4 see it: the input line, its step-1 price and what is still payable on it. */
export interface StageLine {
  /** Index into the priced lines: the input lines first, then gift lines in the order added. */
  index: number;
  line: PricingLine;
  isGift: boolean;
  unitPrice: Fen;
  priceSource: PriceSource;
  /** unitPrice × quantity (fen). */
  goodsAmount: Fen;
  /** Still payable on this line before the current stage: goodsAmount minus earlier order-level deductions. */
  amount: Fen;
  /** The step-2 promotions that took a share of this line or added it as a gift (set from step 3 on). */
  promotionIds?: readonly string[];
  /** A promotion on the order says it does not stack with a coupon (set from step 3 on). */
  couponExcluded?: boolean;
}

/** An order-level promotion (满减, 组合优惠…) on some lines. */
export interface PromotionDiscount {
  /** Shown as the discount's type, e.g. "PROMOTION", "FULL_REDUCTION", "BUNDLE". */
  type: string;
  label: string;
  amount: Fen;
  /** Which lines it applies to (indexes of the lines passed to the stage); it is allocated over them. */
  lineIndexes: readonly number[];
  /** The promotion behind it, recorded on the lines that take a share. */
  promotionId?: string;
  /** false: no coupon on an order it applies to (absent = it stacks). */
  stackWithCoupon?: boolean;
}

/** A free gift line (满赠). Priced at 0: skuPrice 0, nothing to allocate, nothing earned on it. */
export interface GiftLine {
  skuId: string;
  productId: string;
  categoryId: string;
  title: string;
  quantity: number;
  /** The promotion that gives it (满赠, 买X送Y). */
  promotionId?: string;
  stackWithCoupon?: boolean;
}

/** Something the buyer should know, e.g. a 满赠 reached whose gift is gone ("赠品已送完"). */
export interface PricingNotice {
  type: string;
  label: string;
  message: string;
}

export interface PromotionOutcome {
  discounts: readonly PromotionDiscount[];
  gifts?: readonly GiftLine[];
  notices?: readonly PricingNotice[];
}

/** The coupon stage's answer: a priced coupon, a refusal with a reason, or null (no coupon applies). */
export type CouponOutcome =
  { couponId: string; amount: Fen; lineIndexes: readonly number[] } | { rejected: string } | null;

/** The points stage's answer: how many points are spent and the fen they are worth. */
export interface PointsOutcome {
  pointsUsed: number;
  amount: Fen;
  lineIndexes: readonly number[];
}

/**
 * The pricing hooks. Each is a pure function of its arguments; anything it needs (the clock for
 * member day, the campaigns, the buyer's coupon) is captured when the service builds the stages for
 * the request, e.g. `{ ...DEFAULT_STAGES, activityPrice: activityByPriority({ FLASH_SALE: flashSales(now, campaigns) }) }`.
 *
 * Whatever a stage returns, `priceOrder` keeps the invariants: it rejects malformed answers with a
 * RangeError (programmer errors) and caps promotion and coupon amounts as documented on `priceOrder`.
 */
export interface PricingStages {
  /** Step 1: the one activity price for a line, already chosen by priority (see `activityByPriority`), or null. */
  activityPrice(line: PricingLine, ctx: PricingContext): ActivityPrice | null;
  /** Step 2: order-level promotions over the step-1 lines, and optional gift lines. */
  promotions(lines: readonly StageLine[], ctx: PricingContext): PromotionOutcome;
  /** Step 3: the one coupon, checked against each line's subtotal after step 2 (`StageLine.amount`). */
  coupon(lines: readonly StageLine[], ctx: PricingContext): CouponOutcome;
  /** Step 4: points as cash, over each line's amount after step 3. */
  points(lines: readonly StageLine[], ctx: PricingContext): PointsOutcome | null;
}

/** 积分抵现 settings. Default: 100 points = ¥1, at most 50% of the exchangeable goods, in units of 100 points. */
export interface PointsRule {
  /** Points worth one yuan (100 fen). */
  pointsPerYuan: number;
  /** Cap as a share of the exchangeable goods amount after steps 1–3 (5000 = 50%). */
  maxShareBp: Bp;
  /** Points are spent in multiples of this. */
  minUnit: number;
}

export const DEFAULT_POINTS_RULE: Readonly<PointsRule> = { pointsPerYuan: 100, maxShareBp: 5_000, minUnit: 100 };

/** Fen that `points` are worth: floor(points × 100 / pointsPerYuan) (exact with the default rule). */
export function pointsToFen(points: number, rule: PointsRule = DEFAULT_POINTS_RULE): Fen {
  return Math.floor((points * 100) / rule.pointsPerYuan);
}

/**
 * The default step 4 (积分抵现), configurable by `rule`.
 *
 * The buyer spends `pointsToUse`, reduced to what is allowed: floored to a multiple of `minUnit`,
 * at most the balance, at most `maxShareBp` of the goods amount after steps 1–3 on points-exchangeable
 * lines (floored to the fen), and never so much that the order's goods amount falls below 1 fen.
 * Points are converted with `pointsToFen` (floored). The result's `pointsUsed` may therefore be less
 * than asked: pricing never refuses, the service compares `pointsUsed` with the request and decides
 * whether to reject (today it does, with POINTS_NOT_APPLICABLE). Gift lines and lines flagged not
 * exchangeable are never deducted from.
 */
export function pointsStage(rule: PointsRule = DEFAULT_POINTS_RULE): PricingStages['points'] {
  assertPointsRule(rule);
  return (lines, ctx) => {
    const requested = ctx.pointsToUse ?? 0;
    if (requested === 0) return null;
    const eligible = lines.filter((l) => !l.isGift && l.line.pointsExchangeable && l.amount > 0);
    const base = sum(eligible.map((l) => l.amount));
    const orderAmount = sum(lines.map((l) => l.amount));
    const maxFen = Math.min(Math.floor((base * rule.maxShareBp) / 10_000), base, Math.max(orderAmount - 1, 0));
    const maxPoints = Math.min(Math.floor((maxFen * rule.pointsPerYuan) / 100), ctx.pointsBalance ?? 0, requested);
    const pointsUsed = maxPoints - (maxPoints % rule.minUnit);
    if (pointsUsed === 0) return null;
    return { pointsUsed, amount: pointsToFen(pointsUsed, rule), lineIndexes: eligible.map((l) => l.index) };
  };
}

/**
 * Combines activity sources by the rule book's priority: 拼团 > 限时折扣/秒杀 > 会员日价. The first
 * source (in `ACTIVITY_PRIORITY` order) with a price for the line wins; the others are not consulted.
 * The member-level discount is the fallback `priceOrder` applies when no activity answers.
 */
export function activityByPriority(
  sources: Partial<Record<ActivityKind, PricingStages['activityPrice']>>,
): PricingStages['activityPrice'] {
  return (line, ctx) => {
    for (const kind of ACTIVITY_PRIORITY) {
      const price = sources[kind]?.(line, ctx);
      if (price) return price;
    }
    return null;
  };
}

/** Runs several promotion stages on the same step-1 lines and concatenates their discounts and gifts. */
export function combinePromotions(...stages: ReadonlyArray<PricingStages['promotions']>): PricingStages['promotions'] {
  return (lines, ctx) => {
    const outcomes = stages.map((stage) => stage(lines, ctx));
    return {
      discounts: outcomes.flatMap((o) => o.discounts),
      gifts: outcomes.flatMap((o) => o.gifts ?? []),
      notices: outcomes.flatMap((o) => o.notices ?? []),
    };
  };
}

/** No activity, no promotion, no coupon, the default points rule. */
export const DEFAULT_STAGES: Readonly<PricingStages> = {
  activityPrice: () => null,
  promotions: () => ({ discounts: [] }),
  coupon: () => null,
  points: pointsStage(DEFAULT_POINTS_RULE),
};

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export interface PricedLine {
  skuId: string;
  productId: string;
  categoryId: string;
  title: string;
  quantity: number;
  skuPrice: Fen;
  /** Per-unit price after step 1 (activity or member-level price). */
  unitPrice: Fen;
  priceSource: PriceSource;
  /** unitPrice × quantity. */
  goodsAmount: Fen;
  /** skuPrice × quantity: what the line is worth at SKU price; the order's goodsAmount sums these. */
  listGoodsAmount: Fen;
  /** Step 1 on this line: listGoodsAmount − goodsAmount. */
  activityDiscount: Fen;
  /** Step 2 on this line: its shares of the order-level promotions. */
  promotionDiscount: Fen;
  /** activityDiscount + promotionDiscount: every discount on the line except coupon and points. */
  discountAmount: Fen;
  couponDiscount: Fen;
  pointsDeduction: Fen;
  /** listGoodsAmount − discountAmount − couponDiscount − pointsDeduction: the base for refunds and commission. */
  paidAmount: Fen;
  isGift: boolean;
  /** For a gift line: the promotion that gave it. */
  giftOfPromotionId: string | null;
  /** The step-2 promotions that took a share of this line or gave it. */
  promotionIds: string[];
}

export interface PricedDiscount {
  /** 'ACTIVITY' (step 1 activity price), 'MEMBER_LEVEL' (会员折扣) or the promotion's own type. */
  type: 'ACTIVITY' | 'MEMBER_LEVEL' | 'PROMOTION' | (string & {});
  label: string;
  amount: Fen;
}

export interface PricedOrder {
  lines: PricedLine[];
  /** Σ skuPrice × quantity over all lines (gift lines are 0). */
  goodsAmount: Fen;
  /** Steps 1 and 2, one entry per (type, label), in the order they first apply; zero amounts omitted. */
  discounts: PricedDiscount[];
  /** Σ discounts = Σ lines.discountAmount (step-1 activity/member discounts included). */
  discountAmount: Fen;
  /** The coupon applied, or null. */
  couponId: string | null;
  couponDiscount: Fen;
  /** Set when the input named a coupon and it was not applied (the stage's reason, or 'NOT_APPLICABLE'). */
  couponRejected: string | null;
  pointsDeduction: Fen;
  /** Points actually spent; may be less than `pointsToUse` (see `pointsStage`). */
  pointsUsed: number;
  shippingFee: Fen;
  /** goodsAmount − discountAmount − couponDiscount − pointsDeduction + shippingFee = Σ lines.paidAmount + shippingFee. */
  payable: Fen;
  /** From step 2 (e.g. "赠品已送完"). */
  notices: PricingNotice[];
}

// ---------------------------------------------------------------------------------------------
// priceOrder
// ---------------------------------------------------------------------------------------------

interface WorkLine extends StageLine {
  promotionIds: string[];
  couponExcluded: boolean;
  giftOfPromotionId: string | null;
  activityDiscount: Fen;
  promotionDiscount: Fen;
  couponDiscount: Fen;
  pointsDeduction: Fen;
}

/**
 * 算价: prices an order for the checkout preview and for order creation (the same function, so the
 * preview shows exactly what is charged). Follows PRODUCT.md "Price calculation":
 *
 * 1. Unit price per line: the activity price from `stages.activityPrice` when one applies (it
 *    replaces the member discount; nothing stacks in step 1), otherwise the member-level discount
 *    floor(skuPrice × memberDiscountBp / 10000), never below 1 fen for a non-zero SKU price, otherwise
 *    the SKU price. (skuPrice − unitPrice) × quantity is the line's `activityDiscount`, listed in
 *    `discounts` as 'ACTIVITY' (with the activity's label) or 'MEMBER_LEVEL' ('会员折扣').
 * 2. `stages.promotions`: each discount is applied in turn and allocated over its lines by the
 *    largest-remainder method (`allocateDiscount`) in proportion to what is still payable on them;
 *    gift lines are appended at 0.
 * 3. `stages.coupon`, allocated likewise into `couponDiscount`. A coupon found by the stage without
 *    the buyer naming one (best-coupon auto-selection) is applied too.
 * 4. `stages.points` (default `pointsStage(DEFAULT_POINTS_RULE)`), allocated likewise into `pointsDeduction`.
 * 5. `shippingFeeFor` on the goods amount after steps 1–3. Points are cash, not a discount, so spending
 *    points never costs the buyer their 包邮.
 * 6. Each line's `paidAmount` = listGoodsAmount − discountAmount − couponDiscount − pointsDeduction
 *    (= goodsAmount − promotionDiscount − couponDiscount − pointsDeduction); shipping is never in it.
 *
 * `discountAmount` (order and line) includes the step-1 activity/member discounts, so the breakdown
 * reads from SKU prices: goodsAmount − discountAmount − couponDiscount − pointsDeduction + shippingFee = payable.
 *
 * Caps: a promotion or coupon never takes more than what is still payable on its lines, and never
 * takes the order's goods amount below 1 fen (WeChat Pay's minimum) when it was above 0; the
 * breakdown shows the capped amount. Rounding: only floors (member price, points) and the
 * largest-remainder allocation; no floats.
 *
 * Invariants (asserted in every test case): Σ lines.paidAmount + shippingFee = payable; payable =
 * goodsAmount − discountAmount − couponDiscount − pointsDeduction + shippingFee; every amount a
 * non-negative integer; no line's discounts exceed its listGoodsAmount; payable ≥ 1 fen when goodsAmount > 0.
 *
 * @throws RangeError on programmer errors: a quantity that is not a positive integer, a price or
 *   amount that is not a non-negative integer, an activity price outside [1 fen, SKU price], an
 *   unknown or repeated line index from a stage, or a points answer that breaks the rules above.
 *   Expected outcomes (a rejected coupon, fewer points than asked) are values, not throws.
 */
export function priceOrder(input: PricingInput, stages: PricingStages = DEFAULT_STAGES): PricedOrder {
  validateInput(input);
  const ctx: PricingContext = input;
  const discounts: PricedDiscount[] = [];

  // Step 1: unit prices.
  const lines: WorkLine[] = input.lines.map((line, index) => {
    const { unitPrice, priceSource, label } = unitPriceFor(line, ctx, stages);
    const goodsAmount = checkedFen(unitPrice * line.quantity, 'goodsAmount');
    const activityDiscount = (line.skuPrice - unitPrice) * line.quantity;
    if (activityDiscount > 0)
      addDiscount(discounts, priceSource === 'MEMBER_LEVEL' ? 'MEMBER_LEVEL' : 'ACTIVITY', label, activityDiscount);
    return {
      index,
      line,
      isGift: false,
      unitPrice,
      priceSource,
      goodsAmount,
      amount: goodsAmount,
      promotionIds: [],
      couponExcluded: false,
      giftOfPromotionId: null,
      activityDiscount,
      promotionDiscount: 0,
      couponDiscount: 0,
      pointsDeduction: 0,
    };
  });

  // Step 2: order-level promotions, then gift lines.
  const promotions = stages.promotions(snapshot(lines), ctx);
  let couponExcluded = false;
  for (const promotion of promotions.discounts) {
    const before = lines.map((l) => l.promotionDiscount);
    const applied = deduct(lines, promotion.amount, promotion.lineIndexes, 'promotionDiscount', promotion.label);
    if (applied > 0) {
      addDiscount(discounts, promotion.type, promotion.label, applied);
      if (promotion.stackWithCoupon === false) couponExcluded = true;
      if (promotion.promotionId !== undefined)
        for (const l of lines) if (l.promotionDiscount > before[l.index]) l.promotionIds.push(promotion.promotionId);
    }
  }
  for (const gift of promotions.gifts ?? []) {
    lines.push(giftLine(gift, lines.length));
    if (gift.stackWithCoupon === false) couponExcluded = true;
  }
  if (couponExcluded) for (const l of lines) l.couponExcluded = true;

  // Step 3: the coupon.
  const coupon = stages.coupon(snapshot(lines), ctx);
  let couponId: string | null = null;
  let couponRejected: string | null = null;
  if (coupon && 'couponId' in coupon) {
    deduct(lines, coupon.amount, coupon.lineIndexes, 'couponDiscount', 'coupon');
    couponId = coupon.couponId;
  } else if (input.couponId !== undefined) {
    couponRejected = coupon?.rejected ?? 'NOT_APPLICABLE';
  }
  const goodsAfterDiscounts = sum(lines.map((l) => l.amount));

  // Step 4: points as cash.
  const points = stages.points(snapshot(lines), ctx);
  let pointsUsed = 0;
  if (points) {
    validatePoints(points, lines, input);
    deduct(lines, points.amount, points.lineIndexes, 'pointsDeduction', 'points', { strict: true });
    pointsUsed = points.pointsUsed;
  }

  // Step 5: shipping.
  const shippingFee = shippingFeeFor({
    goodsAmountAfterDiscounts: goodsAfterDiscounts,
    province: input.province,
    template: input.shippingTemplate ?? null,
  });

  // Step 6: what each line pays.
  const priced: PricedLine[] = lines.map((l) => {
    const discountAmount = l.activityDiscount + l.promotionDiscount;
    const listGoodsAmount = l.line.skuPrice * l.line.quantity;
    return {
      skuId: l.line.skuId,
      productId: l.line.productId,
      categoryId: l.line.categoryId,
      title: l.line.title,
      quantity: l.line.quantity,
      skuPrice: l.line.skuPrice,
      unitPrice: l.unitPrice,
      priceSource: l.priceSource,
      goodsAmount: l.goodsAmount,
      listGoodsAmount,
      activityDiscount: l.activityDiscount,
      promotionDiscount: l.promotionDiscount,
      discountAmount,
      couponDiscount: l.couponDiscount,
      pointsDeduction: l.pointsDeduction,
      paidAmount: listGoodsAmount - discountAmount - l.couponDiscount - l.pointsDeduction,
      isGift: l.isGift,
      giftOfPromotionId: l.giftOfPromotionId,
      promotionIds: [...l.promotionIds],
    };
  });
  const goodsAmount = sum(priced.map((l) => l.listGoodsAmount));
  const discountAmount = sum(discounts.map((d) => d.amount));
  const couponDiscount = sum(priced.map((l) => l.couponDiscount));
  const pointsDeduction = sum(priced.map((l) => l.pointsDeduction));
  const payable = goodsAmount - discountAmount - couponDiscount - pointsDeduction + shippingFee;
  if (payable !== sum(priced.map((l) => l.paidAmount)) + shippingFee) throw new RangeError('pricing lost a fen');
  return {
    lines: priced,
    goodsAmount,
    discounts,
    discountAmount,
    couponId,
    couponDiscount,
    couponRejected,
    pointsDeduction,
    pointsUsed,
    shippingFee,
    payable,
    notices: [...(promotions.notices ?? [])],
  };
}

/** Step 1 for one line. */
function unitPriceFor(
  line: PricingLine,
  ctx: PricingContext,
  stages: PricingStages,
): { unitPrice: Fen; priceSource: PriceSource; label: string } {
  const activity = stages.activityPrice(line, ctx);
  if (activity) {
    const { unitPrice } = activity;
    const lowest = line.skuPrice > 0 ? 1 : 0;
    if (!Number.isSafeInteger(unitPrice) || unitPrice < lowest || unitPrice > line.skuPrice) {
      throw new RangeError(
        `activity price ${unitPrice} for SKU ${line.skuId} must be an integer in [${lowest}, ${line.skuPrice}]`,
      );
    }
    if (!ACTIVITY_PRIORITY.includes(activity.kind))
      throw new RangeError(`unknown activity kind ${String(activity.kind)}`);
    return { unitPrice, priceSource: activity.kind, label: activity.label };
  }
  const bp = ctx.memberDiscountBp ?? 10_000;
  if (bp < 10_000 && line.skuPrice > 0) {
    // 会员折扣: floored to the fen (the buyer keeps the fraction), but a priced SKU never becomes free.
    const unitPrice = Math.max(Math.floor((line.skuPrice * bp) / 10_000), 1);
    return { unitPrice, priceSource: 'MEMBER_LEVEL', label: '会员折扣' };
  }
  return { unitPrice: line.skuPrice, priceSource: 'SKU', label: '' };
}

/**
 * Takes `amount` off the given lines, allocated by largest remainder over what is still payable on
 * them, into `field`. Capped at the eligible amount and at (order amount − 1 fen) unless `strict`,
 * in which case exceeding either is a RangeError. Returns the amount applied.
 */
function deduct(
  lines: WorkLine[],
  amount: Fen,
  lineIndexes: readonly number[],
  field: 'promotionDiscount' | 'couponDiscount' | 'pointsDeduction',
  what: string,
  options: { strict?: boolean } = {},
): Fen {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`${what}: amount must be a non-negative integer, got ${amount}`);
  const targets = resolveIndexes(lines, lineIndexes, what);
  const eligible = sum(targets.map((l) => l.amount));
  const orderAmount = sum(lines.map((l) => l.amount));
  const cap = Math.min(eligible, Math.max(orderAmount - 1, 0));
  if (options.strict && amount > cap) throw new RangeError(`${what}: ${amount} fen exceeds the ${cap} fen allowed`);
  const applied = Math.min(amount, cap);
  const shares = allocateDiscount(
    targets.map((l) => l.amount),
    applied,
  );
  targets.forEach((l, i) => {
    l[field] += shares[i];
    l.amount -= shares[i];
  });
  return applied;
}

function resolveIndexes(lines: readonly WorkLine[], lineIndexes: readonly number[], what: string): WorkLine[] {
  const seen = new Set<number>();
  return lineIndexes.map((i) => {
    if (!Number.isInteger(i) || i < 0 || i >= lines.length) throw new RangeError(`${what}: no line at index ${i}`);
    if (seen.has(i)) throw new RangeError(`${what}: line ${i} listed twice`);
    seen.add(i);
    return lines[i];
  });
}

function validatePoints(points: PointsOutcome, lines: readonly WorkLine[], input: PricingInput): void {
  if (!Number.isSafeInteger(points.pointsUsed) || points.pointsUsed < 0) {
    throw new RangeError(`points: pointsUsed must be a non-negative integer, got ${points.pointsUsed}`);
  }
  if (points.pointsUsed > (input.pointsBalance ?? 0)) throw new RangeError('points: more points used than the balance');
  if (points.pointsUsed > (input.pointsToUse ?? 0)) throw new RangeError('points: more points used than requested');
  for (const i of points.lineIndexes) {
    const line = lines[i];
    if (line && (line.isGift || !line.line.pointsExchangeable))
      throw new RangeError(`points: line ${i} is not exchangeable`);
  }
}

function giftLine(gift: GiftLine, index: number): WorkLine {
  if (!Number.isSafeInteger(gift.quantity) || gift.quantity < 1) {
    throw new RangeError(`gift ${gift.skuId}: quantity must be a positive integer, got ${gift.quantity}`);
  }
  return {
    index,
    line: {
      skuId: gift.skuId,
      productId: gift.productId,
      categoryId: gift.categoryId,
      title: gift.title,
      quantity: gift.quantity,
      skuPrice: 0,
      memberDayEligible: false,
      pointsExchangeable: false,
    },
    isGift: true,
    unitPrice: 0,
    priceSource: 'SKU',
    goodsAmount: 0,
    amount: 0,
    promotionIds: gift.promotionId === undefined ? [] : [gift.promotionId],
    couponExcluded: false,
    giftOfPromotionId: gift.promotionId ?? null,
    activityDiscount: 0,
    promotionDiscount: 0,
    couponDiscount: 0,
    pointsDeduction: 0,
  };
}

/** What the stages see: copies, so a stage cannot change the running amounts. */
function snapshot(lines: readonly WorkLine[]): StageLine[] {
  return lines.map((l) => ({
    index: l.index,
    line: l.line,
    isGift: l.isGift,
    unitPrice: l.unitPrice,
    priceSource: l.priceSource,
    goodsAmount: l.goodsAmount,
    amount: l.amount,
    promotionIds: [...l.promotionIds],
    couponExcluded: l.couponExcluded,
  }));
}

function addDiscount(discounts: PricedDiscount[], type: string, label: string, amount: Fen): void {
  const same = discounts.find((d) => d.type === type && d.label === label);
  if (same) same.amount += amount;
  else discounts.push({ type, label, amount });
}

function validateInput(input: PricingInput): void {
  input.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new RangeError(`line ${i}: quantity must be a positive integer, got ${line.quantity}`);
    }
    if (!Number.isSafeInteger(line.skuPrice) || line.skuPrice < 0) {
      throw new RangeError(`line ${i}: skuPrice must be a non-negative integer number of fen, got ${line.skuPrice}`);
    }
    checkedFen(line.skuPrice * line.quantity, `line ${i} amount`);
  });
  const bp = input.memberDiscountBp;
  if (bp !== undefined && (!Number.isSafeInteger(bp) || bp < 0 || bp > 10_000)) {
    throw new RangeError(`memberDiscountBp must be an integer in [0, 10000], got ${bp}`);
  }
  for (const [name, value] of [
    ['pointsToUse', input.pointsToUse],
    ['pointsBalance', input.pointsBalance],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
    }
  }
}

function assertPointsRule(rule: PointsRule): void {
  if (!Number.isSafeInteger(rule.pointsPerYuan) || rule.pointsPerYuan < 1)
    throw new RangeError('pointsPerYuan must be a positive integer');
  if (!Number.isSafeInteger(rule.minUnit) || rule.minUnit < 1)
    throw new RangeError('minUnit must be a positive integer');
  if (!Number.isSafeInteger(rule.maxShareBp) || rule.maxShareBp < 0 || rule.maxShareBp > 10_000) {
    throw new RangeError('maxShareBp must be an integer in [0, 10000]');
  }
}

function checkedFen(value: number, what: string): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a safe integer`);
  return value;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
