import { type DistributionSettings } from '@weshop/shared';
import { MAX_COMMISSION_LEVELS } from './commission.policy';

/** What a new shop starts with: 10% / 5%, first touch for a year, reviewed applications. */
export const DEFAULT_DISTRIBUTION_SETTINGS: DistributionSettings = {
  enabled: true,
  levels: 2,
  l1RateBp: 1000,
  l2RateBp: 500,
  selfPurchaseCommission: false,
  activityGoodsEarn: false,
  application: { autoApprove: false, minSpend: 0 },
  binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
  withdrawal: { minAmount: 100, dailyCap: 500_000, reviewRequired: false },
  tiers: [],
};

export interface Violation {
  path: string;
  message: string;
}

const LEVELS_MESSAGE =
  'Commission is paid to at most two levels (L1 = the buyer’s distributor, L2 = its parent): WeChat platform rules and the law on pyramid selling (禁止三级及以上分销)';
const FEE_MESSAGE = 'Becoming a distributor never costs money: no entry fee, deposit or paid package (不得收取入门费)';
const PURCHASE_MESSAGE =
  'No purchase of a product qualifies anyone as a distributor; the only condition allowed is cumulative spend (不得以购买商品作为分销资格)';
const RECRUIT_MESSAGE =
  'No reward is paid per recruited person or by team size or team volume; tiers depend only on the distributor’s own sales (不得按拉人头或团队业绩计酬)';
const SHARE_MESSAGE =
  'No reward depends on the act of sharing (WeChat bans induced sharing); only on what the recipient does (不得诱导分享)';

/** Keys someone may try to send that the rules forbid, wherever they appear, with why. */
const FORBIDDEN_KEYS: Record<string, string> = {
  l3RateBp: LEVELS_MESSAGE,
  level3RateBp: LEVELS_MESSAGE,
  entryFee: FEE_MESSAGE,
  fee: FEE_MESSAGE,
  deposit: FEE_MESSAGE,
  qualifyingProductId: PURCHASE_MESSAGE,
  requiredProductId: PURCHASE_MESSAGE,
  requirePurchase: PURCHASE_MESSAGE,
  recruitBonus: RECRUIT_MESSAGE,
  perRecruitReward: RECRUIT_MESSAGE,
  minTeamSize: RECRUIT_MESSAGE,
  minTeamSales: RECRUIT_MESSAGE,
  teamBonusBp: RECRUIT_MESSAGE,
  shareReward: SHARE_MESSAGE,
  shareRewardPoints: SHARE_MESSAGE,
};

function forbiddenKeys(value: unknown, path: string, out: Violation[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => forbiddenKeys(item, `${path}[${i}]`, out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    const message = FORBIDDEN_KEYS[key];
    if (message) out.push({ path: here, message });
    else forbiddenKeys(inner, here, out);
  }
}

/**
 * The compliance guardrails, checked before the shape is: every violation with a message a
 * merchant understands. Empty when the settings may be saved (the shape is zod's business).
 */
export function settingsViolations(raw: unknown): Violation[] {
  const out: Violation[] = [];
  forbiddenKeys(raw, '', out);
  if (!raw || typeof raw !== 'object') return out;
  const input = raw as Record<string, unknown>;
  if (typeof input.levels === 'number' && input.levels > MAX_COMMISSION_LEVELS)
    out.push({ path: 'levels', message: LEVELS_MESSAGE });
  const sumTooHigh = (l1: unknown, l2: unknown) => typeof l1 === 'number' && typeof l2 === 'number' && l1 + l2 > 10_000;
  if (sumTooHigh(input.l1RateBp, input.l2RateBp))
    out.push({ path: 'l1RateBp', message: 'L1 + L2 must not exceed 100% of what the buyer paid' });
  if (Array.isArray(input.tiers)) {
    input.tiers.forEach((tier: Record<string, unknown>, i) => {
      if (!tier || typeof tier !== 'object') return;
      const l1 = tier.l1RateBp ?? input.l1RateBp;
      const l2 = tier.l2RateBp ?? input.l2RateBp;
      if (sumTooHigh(l1, l2))
        out.push({
          path: `tiers[${i}].l1RateBp`,
          message: 'L1 + L2 of a tier must not exceed 100% of what the buyer paid',
        });
    });
    const names = input.tiers.map((t: Record<string, unknown>) => t?.name);
    names.forEach((name, i) => {
      if (typeof name === 'string' && names.indexOf(name) !== i)
        out.push({ path: `tiers[${i}].name`, message: `Two tiers are called ${name}` });
    });
  }
  return out;
}

/** A product's own rule: percentages must leave L1 + L2 ≤ 100% (fixed amounts are capped per line). */
export function ruleViolations(rule: { percent: { l1Bp: number; l2Bp: number } | null; fixed: unknown }): Violation[] {
  const out: Violation[] = [];
  if (!rule.percent && !rule.fixed)
    out.push({ path: 'percent', message: 'Give a percentage, a fixed amount, or both' });
  if (rule.percent && rule.percent.l1Bp + rule.percent.l2Bp > 10_000)
    out.push({ path: 'percent', message: 'L1 + L2 must not exceed 100% of what the buyer paid' });
  return out;
}
