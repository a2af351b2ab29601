import type { CheckoutCouponOption, MemberLevelView, UserCouponView } from '@weshop/shared';
import { ApiError } from '../api/client';
import {
  allowedPoints,
  checkoutErrorText,
  couponReasonText,
  dayText,
  discountBpText,
  growthPercent,
  memberDayHeadline,
  multiplierText,
  pointsDeltaText,
  refusedCouponReason,
  signInCells,
  splitCheckoutCoupons,
} from './marketing';

const level = (name: string, minGrowth: number): MemberLevelView => ({
  id: name,
  name,
  minGrowth,
  discountBp: 10_000,
  pointsMultiplierBp: 10_000,
  memberDayAccess: false,
});

describe('couponReasonText', () => {
  it.each<[string | null, string | null, string]>([
    ['BELOW_THRESHOLD', null, '未满足使用门槛'],
    ['NOT_STACKABLE', 'ignored', '不可与促销同享'],
    ['SOMETHING_NEW', '服务器的说明', '服务器的说明'],
    ['SOMETHING_NEW', null, '不可用'],
    [null, null, '不可用'],
  ])('%s / %s → %s', (code, text, expected) => {
    expect(couponReasonText(code, text)).toBe(expected);
  });
});

describe('checkout refusals', () => {
  const coupon = new ApiError(422, 'COUPON_NOT_APPLICABLE', 'x', { reason: 'EXPIRED' });
  const points = new ApiError(422, 'POINTS_NOT_APPLICABLE', 'x', { requested: 1_000, allowed: 300 });
  const other = new ApiError(409, 'OUT_OF_STOCK', '库存不足');

  it('names the coupon reason in Chinese', () => {
    expect(checkoutErrorText(coupon)).toBe('优惠券不可用：已过期');
    expect(refusedCouponReason(coupon)).toBe('EXPIRED');
    expect(refusedCouponReason(points)).toBeNull();
  });

  it('reads the allowed points from POINTS_NOT_APPLICABLE only', () => {
    expect(allowedPoints(points)).toBe(300);
    expect(allowedPoints(new ApiError(422, 'POINTS_NOT_APPLICABLE', 'x', {}))).toBe(0);
    expect(allowedPoints(new ApiError(422, 'POINTS_NOT_APPLICABLE', 'x', { allowed: -5 }))).toBe(0);
    expect(allowedPoints(coupon)).toBeNull();
    expect(allowedPoints(new Error('boom'))).toBeNull();
  });

  it('falls back to the server message for other errors', () => {
    expect(checkoutErrorText(other)).toBe('库存不足');
  });
});

describe('splitCheckoutCoupons', () => {
  const option = (id: string, usable: boolean): CheckoutCouponOption => ({
    coupon: { id } as UserCouponView,
    usable,
    discount: usable ? 100 : 0,
    reason: usable ? null : 'BELOW_THRESHOLD',
    reasonText: usable ? null : '未满足使用门槛',
  });

  it('keeps the server order within each group', () => {
    const { usable, unusable } = splitCheckoutCoupons([
      option('1', true),
      option('2', false),
      option('3', true),
      option('4', false),
    ]);
    expect(usable.map((o) => o.coupon.id)).toEqual(['1', '3']);
    expect(unusable.map((o) => o.coupon.id)).toEqual(['2', '4']);
  });
});

describe('discountBpText and multiplierText', () => {
  it.each<[number, string]>([
    [9_500, '9.5折'],
    [8_800, '8.8折'],
    [9_000, '9折'],
    [8_850, '8.85折'],
    [10_000, '无折扣'],
  ])('%s bp kept → %s', (bp, expected) => {
    expect(discountBpText(bp)).toBe(expected);
  });

  it.each<[number, string]>([
    [10_000, '×1'],
    [15_000, '×1.5'],
    [20_000, '×2'],
    [12_500, '×1.25'],
  ])('%s bp → %s', (bp, expected) => {
    expect(multiplierText(bp)).toBe(expected);
  });
});

describe('growthPercent', () => {
  it.each<[number | null, number, number | null, number]>([
    [0, 0, 1_000, 0],
    [0, 500, 1_000, 50],
    [1_000, 1_500, 3_000, 25],
    [null, 250, 1_000, 25],
    [0, 2_000, 1_000, 100],
    [1_000, 5_000, null, 100],
  ])('floor %s, growth %s, next %s → %s%%', (floor, growth, next, expected) => {
    expect(
      growthPercent({
        level: floor === null ? null : level('当前', floor),
        growth,
        nextLevel: next === null ? null : { level: level('下一级', next), growthNeeded: next - growth },
      }),
    ).toBe(expected);
  });
});

describe('signInCells', () => {
  it('WEEKLY: the seven days ending today, across a month end', () => {
    const cells = signInCells({
      today: '2026-03-02',
      cycle: 'WEEKLY',
      days: [
        { day: '2026-02-28', points: 5 },
        { day: '2026-03-01', points: 5 },
      ],
    });
    expect(cells.map((c) => c.day)).toEqual([
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(cells.filter((c) => c.signed).map((c) => c.label)).toEqual(['28', '1']);
    expect(cells.find((c) => c.today)?.day).toBe('2026-03-02');
    expect(cells.some((c) => c.future)).toBe(false);
  });

  it('MONTHLY: every day of the month (leap February), later days are future', () => {
    const cells = signInCells({ today: '2028-02-10', cycle: 'MONTHLY', days: [{ day: '2028-02-10', points: 25 }] });
    expect(cells).toHaveLength(29);
    expect(cells[0]?.day).toBe('2028-02-01');
    expect(cells[28]?.day).toBe('2028-02-29');
    expect(cells.filter((c) => c.future)).toHaveLength(19);
    expect(cells[9]).toEqual({ day: '2028-02-10', label: '10', signed: true, points: 25, today: true, future: false });
  });
});

describe('pointsDeltaText and dayText', () => {
  it.each<[number, number, string]>([
    [10, 0, '+10'],
    [-100, 0, '-100'],
    [0, 30, '冻结 +30'],
    [30, -30, '+30'],
    [0, 0, '0'],
  ])('available %s, frozen %s → %s', (availableDelta, frozenDelta, expected) => {
    expect(pointsDeltaText({ availableDelta, frozenDelta })).toBe(expected);
  });

  it('prints a shop day in words', () => {
    expect(dayText('2026-07-08')).toBe('7月8日');
  });
});

describe('memberDayHeadline', () => {
  it.each<[boolean, boolean, string]>([
    [true, true, '今天是会员日，专享权益已生效'],
    [true, false, '今天是会员日，当前等级暂不可参与'],
    [false, true, '距离下一个会员日还有'],
  ])('today %s, eligible %s', (today, eligible, expected) => {
    expect(memberDayHeadline({ today, eligible })).toBe(expected);
  });
});
