import { localDate, startOfLocalDay, type LocalDate } from '../member/member-day.policy';

/**
 * 积分规则 as pure functions: how many points an order earns, when a lot expires, what a sign-in
 * gives, and how much a (partial) refund takes back or returns. Floors everywhere (PRODUCT.md:
 * points are floored).
 */

const BP = 10_000n;

export interface EarnInput {
  /** What the buyer paid on the lines that earn (fen, shipping excluded). */
  eligiblePaidFen: number;
  pointsPerYuan: number;
  /** The member level's multiplier (10000 = ×1); absent = ×1. */
  levelMultiplierBp?: number;
  /** The member-day multiplier when the order was placed on a member day the buyer is entitled to. */
  memberDayMultiplierBp?: number;
  /** The birthday multiplier when the order was placed on the buyer's birthday. */
  birthdayMultiplierBp?: number;
}

/**
 * Points for an order: floor(paid yuan × pointsPerYuan × level × member day × birthday), computed
 * in exact integer arithmetic over fen and basis points (no float, no early rounding).
 */
export function pointsEarned(input: EarnInput): number {
  const paid = BigInt(Math.max(0, input.eligiblePaidFen));
  const bps = [input.levelMultiplierBp, input.memberDayMultiplierBp, input.birthdayMultiplierBp].map((b) =>
    BigInt(b ?? 10_000),
  );
  const numerator = paid * BigInt(input.pointsPerYuan) * bps[0] * bps[1] * bps[2];
  return Number(numerator / (100n * BP * BP * BP));
}

/**
 * The instant points earned at `earnedAt` expire: the end of the year `yearsAfter` years after the
 * year earned, in the shop's time zone (earned 2026 → 2028-01-01 00:00 Shanghai = 2027-12-31T16:00Z).
 */
export function expiryOf(earnedAt: Date, timeZone: string, yearsAfter: number): Date {
  const { year } = localDate(earnedAt, timeZone);
  return startOfLocalDay({ year: year + yearsAfter + 1, month: 1, day: 1 }, timeZone);
}

/** A day as YYYY-MM-DD. */
export const isoDay = (d: Pick<LocalDate, 'year' | 'month' | 'day'>) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The calendar day before `day` (YYYY-MM-DD). */
export function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d - 1));
  return isoDay({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

export interface SignInRule {
  cycle: 'WEEKLY' | 'MONTHLY';
  dailyPoints: number;
  bonusDay: number;
  bonusPoints: number;
}

/**
 * 签到: today's streak and points. The streak continues when yesterday was signed; a MONTHLY cycle
 * starts again on the 1st. The bonus comes on the cycle's `bonusDay`: WEEKLY every 7-day round of
 * the streak (day 7, 14, …), MONTHLY once when the month's streak reaches it.
 */
export function signInReward(
  rule: SignInRule,
  today: string,
  yesterday: { day: string; streak: number } | null,
): { streak: number; points: number; bonus: boolean } {
  const continues = yesterday !== null && yesterday.day === previousDay(today);
  const newMonth = today.endsWith('-01');
  const streak = continues && !(rule.cycle === 'MONTHLY' && newMonth) ? yesterday.streak + 1 : 1;
  const position = rule.cycle === 'WEEKLY' ? ((streak - 1) % 7) + 1 : streak;
  const bonus = position === rule.bonusDay;
  return { streak, points: rule.dailyPoints + (bonus ? rule.bonusPoints : 0), bonus };
}

/**
 * What a refund changes, as cumulative targets: of the points an order earned, the part for what
 * is no longer paid is reversed (earned − floor(earned × kept / paid)); of the points it spent, the
 * refunded share comes back (floor(used × refunded / paid)). A full refund reverses and returns all.
 */
export function refundTargets(input: {
  earned: number;
  pointsUsed: number;
  paidFen: number;
  refundedFen: number;
  everythingRefunded: boolean;
}): { reversed: number; returned: number } {
  const { earned, pointsUsed, paidFen, everythingRefunded } = input;
  const refunded = Math.min(Math.max(input.refundedFen, 0), paidFen);
  if (everythingRefunded || paidFen <= 0 || refunded >= paidFen) return { reversed: earned, returned: pointsUsed };
  const kept = paidFen - refunded;
  return {
    reversed: earned - Number((BigInt(earned) * BigInt(kept)) / BigInt(paidFen)),
    returned: Number((BigInt(pointsUsed) * BigInt(refunded)) / BigInt(paidFen)),
  };
}

/** Whether `at` falls on the birthday (month and day, shop time zone; 29 Feb → 28 Feb in other years). */
export function isBirthday(at: Date, birthday: Date | null, timeZone: string): boolean {
  if (!birthday) return false;
  const today = localDate(at, timeZone);
  const month = birthday.getUTCMonth() + 1;
  let day = birthday.getUTCDate();
  const leap = (today.year % 4 === 0 && today.year % 100 !== 0) || today.year % 400 === 0;
  if (month === 2 && day === 29 && !leap) day = 28;
  return today.month === month && today.day === day;
}
