import {
  COUPON_REASONS,
  type Bp,
  type CheckoutCouponOption,
  type MemberDayView,
  type MemberView,
  type PointsEntryView,
  type SignInCalendar,
  type UserCouponStatus,
} from '@weshop/shared';
import { ApiError } from '../api/client';
import { groupBuyErrorText } from './groupbuy';

/**
 * 营销 as the shopper reads it: coupon reasons, the checkout's refusals, member levels, the sign-in
 * calendar, points entries. Pure: the pages do the calls, and every amount of money is the server's
 * figure, only picked and labelled here.
 */

/** A coupon reason code (COUPON_REASONS of the contract) as its text; the server's text, else a neutral one. */
export function couponReasonText(code: string | null | undefined, serverText?: string | null): string {
  if (code && code in COUPON_REASONS) return COUPON_REASONS[code as keyof typeof COUPON_REASONS];
  return serverText || '不可用';
}

/**
 * What checkout says when the server refuses: COUPON_NOT_APPLICABLE with its reason,
 * POINTS_NOT_APPLICABLE, else the group-buy and generic texts.
 */
export function checkoutErrorText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'COUPON_NOT_APPLICABLE') {
    const reason = typeof error.details.reason === 'string' ? error.details.reason : null;
    return `优惠券不可用：${couponReasonText(reason)}`;
  }
  if (error instanceof ApiError && error.code === 'POINTS_NOT_APPLICABLE') return '积分抵扣数量有变，请重新选择';
  return groupBuyErrorText(error);
}

/**
 * The points the server would accept, from a POINTS_NOT_APPLICABLE refusal (`details.allowed`);
 * null for any other error.
 */
export function allowedPoints(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'POINTS_NOT_APPLICABLE') return null;
  const allowed = error.details.allowed;
  return typeof allowed === 'number' && Number.isInteger(allowed) && allowed >= 0 ? allowed : 0;
}

/** The refused coupon's reason code from a COUPON_NOT_APPLICABLE error; null otherwise. */
export function refusedCouponReason(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'COUPON_NOT_APPLICABLE') return null;
  return typeof error.details.reason === 'string' ? error.details.reason : 'NOT_FOUND';
}

/** The checkout picker's list: usable first (the server already sorts them), then the greyed ones. */
export function splitCheckoutCoupons(items: CheckoutCouponOption[]): {
  usable: CheckoutCouponOption[];
  unusable: CheckoutCouponOption[];
} {
  return { usable: items.filter((i) => i.usable), unusable: items.filter((i) => !i.usable) };
}

export const USER_COUPON_STATUS_TEXT: Record<UserCouponStatus, string> = {
  AVAILABLE: '可使用',
  LOCKED: '使用中',
  USED: '已使用',
  EXPIRED: '已过期',
};

/** An ISO instant as `YYYY.MM.DD` in the device's time zone. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}.${p(d.getMonth() + 1)}.${p(d.getDate())}`;
}

/** A coupon's validity: `2026.01.01 - 2026.01.31`. */
export function validityText(validFrom: string, validTo: string): string {
  return `${formatDate(validFrom)} - ${formatDate(validTo)}`;
}

/** A price kept in basis points as 折: 9500 → "9.5折", 8800 → "8.8折", 10000 → "无折扣". */
export function discountBpText(bp: Bp): string {
  if (bp >= 10_000) return '无折扣';
  const tenths = bp / 1_000;
  return `${Number(tenths.toFixed(2))}折`;
}

/** A multiplier in basis points: 20000 → "×2", 15000 → "×1.5", 10000 → "×1". */
export function multiplierText(bp: Bp): string {
  return `×${Number((bp / 10_000).toFixed(2))}`;
}

/**
 * How far the member is from the next level, 0..100: growth between this level's floor and the
 * next level's; 100 at the top level.
 */
export function growthPercent(member: Pick<MemberView, 'level' | 'growth' | 'nextLevel'>): number {
  if (!member.nextLevel) return 100;
  const floor = member.level?.minGrowth ?? 0;
  const span = member.nextLevel.level.minGrowth - floor;
  if (span <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor(((member.growth - floor) * 100) / span)));
}

export interface SignInCell {
  /** YYYY-MM-DD. */
  day: string;
  /** What the calendar prints: the day of the month. */
  label: string;
  signed: boolean;
  points: number;
  today: boolean;
  /** After today: not yet. */
  future: boolean;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The calendar's cells for the cycle: WEEKLY the 7 days ending today, MONTHLY every day of today's
 * month; each with whether it was signed (and for how many points). Dates are the server's shop-zone days.
 */
export function signInCells(calendar: Pick<SignInCalendar, 'today' | 'cycle' | 'days'>): SignInCell[] {
  const signed = new Map(calendar.days.map((d) => [d.day, d.points]));
  let days: string[];
  if (calendar.cycle === 'WEEKLY') {
    days = Array.from({ length: 7 }, (_, i) => addDays(calendar.today, i - 6));
  } else {
    const first = `${calendar.today.slice(0, 7)}-01`;
    days = [];
    for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) days.push(d);
  }
  return days.map((day) => ({
    day,
    label: String(Number(day.slice(8, 10))),
    signed: signed.has(day),
    points: signed.get(day) ?? 0,
    today: day === calendar.today,
    future: day > calendar.today,
  }));
}

export const POINTS_ENTRY_TEXT: Record<PointsEntryView['type'], string> = {
  EARN: '购物获得',
  UNFREEZE: '积分解冻',
  SPEND: '下单抵扣',
  RETURN: '退回积分',
  REVERSE: '退款扣回',
  EXPIRE: '积分过期',
  SIGN_IN: '签到',
  TASK: '任务奖励',
  REDEEM: '积分兑换',
};

/** An entry's change as the list shows it: `+10`, `-100`, `冻结 +30` (frozen only). */
export function pointsDeltaText(entry: Pick<PointsEntryView, 'availableDelta' | 'frozenDelta'>): string {
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  if (entry.availableDelta !== 0) return signed(entry.availableDelta);
  if (entry.frozenDelta !== 0) return `冻结 ${signed(entry.frozenDelta)}`;
  return '0';
}

/** A YYYY-MM-DD shop day as `M月D日`. */
export function dayText(day: string): string {
  const [, m, d] = day.split('-');
  return m && d ? `${Number(m)}月${Number(d)}日` : day;
}

/** The member-day page's first line: whether today is member day and whether my level takes part. */
export function memberDayHeadline(view: Pick<MemberDayView, 'today' | 'eligible'>): string {
  if (view.today) return view.eligible ? '今天是会员日，专享权益已生效' : '今天是会员日，当前等级暂不可参与';
  return view.eligible ? '距离下一个会员日还有' : '距离下一个会员日还有（当前等级暂不可参与）';
}
