/**
 * 会员等级: the level is the highest one whose growth threshold (yuan) the member has reached;
 * 成长值 = completed orders' paid fen, net of refunds, floored to the yuan.
 */

export interface LevelRule {
  id: number;
  name: string;
  minGrowth: number;
  discountBp: number;
  pointsMultiplierBp: number;
  memberDayAccess: boolean;
}

export const growthYuan = (growthFen: number) => Math.floor(Math.max(0, growthFen) / 100);

export function levelFor<L extends LevelRule>(levels: readonly L[], growthFen: number): L | null {
  const growth = growthYuan(growthFen);
  return [...levels].sort((a, b) => b.minGrowth - a.minGrowth).find((l) => l.minGrowth <= growth) ?? null;
}

export function nextLevelOf<L extends LevelRule>(
  levels: readonly L[],
  growthFen: number,
): { level: L; growthNeeded: number } | null {
  const growth = growthYuan(growthFen);
  const next = [...levels].sort((a, b) => a.minGrowth - b.minGrowth).find((l) => l.minGrowth > growth);
  return next ? { level: next, growthNeeded: next.minGrowth - growth } : null;
}

/**
 * Whether a member's level is entitled to member day: the schedule's levels when it names some,
 * otherwise every level with member-day access.
 */
export function memberDayEntitled(level: LevelRule | null, levelIds: readonly number[]): boolean {
  if (!level) return false;
  return levelIds.length ? levelIds.includes(level.id) : level.memberDayAccess;
}

/** What a level gives, in words for the member centre. */
export function benefitsOf(level: LevelRule | null, memberDayMultiplierBp: number): string[] {
  if (!level) return [];
  const benefits: string[] = [];
  if (level.discountBp < 10_000) benefits.push(`会员折扣 ${level.discountBp / 1000} 折`);
  if (level.pointsMultiplierBp !== 10_000) benefits.push(`积分 ×${level.pointsMultiplierBp / 10_000}`);
  if (level.memberDayAccess) benefits.push(`会员日 (积分 ×${memberDayMultiplierBp / 10_000})`);
  return benefits;
}
