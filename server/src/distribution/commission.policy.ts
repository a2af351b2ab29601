/**
 * 佣金计算: pure rules for what each level earns on a line, and what is left after refunds.
 * Money is integer fen; rates are basis points (10000 = 100%).
 */

/** At most two levels are ever paid: WeChat platform rules and Chinese law on pyramid selling. */
export const MAX_COMMISSION_LEVELS = 2;

export type Level = 1 | 2;

export interface Rates {
  l1: number;
  l2: number;
}

/** A product's (or SKU's) own rule: percent and/or fixed fen per unit; fixed wins. */
export interface ProductRule {
  percent: Rates | null;
  fixed: Rates | null;
}

export interface CommissionInputs {
  /** Shop default rates (bp). */
  shop: Rates;
  /** Levels the shop pays (1 or 2; never more than two whatever is passed). */
  levels: number;
  /** The SKU's rule, if any, else the product's. */
  rule: ProductRule | null;
  /**
   * Tier overrides (bp) by level: level 1 from the L1 distributor's tier, level 2 from the L2
   * distributor's tier; absent or null falls back to the shop's rate.
   */
  tierRate: Partial<Record<Level, number | null>>;
  /** Activity goods earn nothing unless the campaign (or the shop's default) says so. */
  activityEarns: boolean;
}

export interface CommissionLine {
  paidAmount: number;
  quantity: number;
  /** null when the line was bought at the normal price. */
  activity: { earnsCommission: boolean | null } | null;
}

export interface LevelCommission {
  level: Level;
  amount: number;
  /** What decided the amount, for the distributor's statement. */
  rule: string;
}

const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** floor(base × bp / 10000) without floating point. */
export function percentOf(base: number, bp: number): number {
  return Math.floor((base * bp) / 10_000);
}

/**
 * The commission of each paid level on one line: product/SKU rule (fixed per unit wins over percent),
 * else the beneficiary's tier, else the shop default; floored to the fen; the levels together never
 * above the line's paid amount (L2 is cut first).
 */
export function lineCommissions(
  line: CommissionLine,
  levelsPresent: Level[],
  inputs: CommissionInputs,
): LevelCommission[] {
  const paid = Math.max(0, line.paidAmount);
  if (paid === 0) return [];
  if (line.activity && !(line.activity.earnsCommission ?? inputs.activityEarns)) return [];
  const paidLevels = Math.min(Math.max(0, Math.floor(inputs.levels)), MAX_COMMISSION_LEVELS);
  const result: LevelCommission[] = [];
  let left = paid;
  for (const level of [1, 2] as const) {
    if (level > paidLevels || !levelsPresent.includes(level)) continue;
    const key = level === 1 ? 'l1' : 'l2';
    let amount: number;
    let rule: string;
    if (inputs.rule?.fixed) {
      amount = inputs.rule.fixed[key] * line.quantity;
      rule = `商品固定 ${yuan(inputs.rule.fixed[key])}/件`;
    } else if (inputs.rule?.percent) {
      amount = percentOf(paid, inputs.rule.percent[key]);
      rule = `商品佣金 ${pct(inputs.rule.percent[key])}`;
    } else {
      const tierRate = inputs.tierRate[level];
      const bp = tierRate ?? inputs.shop[key];
      amount = percentOf(paid, bp);
      rule = tierRate != null ? `等级佣金 ${pct(bp)}` : `店铺默认 ${pct(bp)}`;
    }
    amount = Math.min(Math.max(0, amount), left);
    left -= amount;
    if (amount > 0) result.push({ level, amount, rule });
  }
  return result;
}

/**
 * What a commission is still worth after refunds of its line: in proportion to what is left of
 * the paid base, floored (so reversals never leave more than the proportional share).
 */
export function commissionAfterRefunds(amount: number, base: number, refunded: number): number {
  if (base <= 0) return 0;
  const left = Math.min(base, Math.max(0, base - refunded));
  return Math.floor((amount * left) / base);
}

/**
 * How much more to reverse now: the difference between what is still counted and what the
 * refunds leave. Never negative (a reversal is never undone).
 */
export function reversalDue(commission: { amount: number; reversedAmount: number; base: number }, refunded: number) {
  const remaining = commissionAfterRefunds(commission.amount, commission.base, refunded);
  return Math.max(0, commission.amount - commission.reversedAmount - remaining);
}
