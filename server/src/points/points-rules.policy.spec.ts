import {
  expiryOf,
  isBirthday,
  pointsEarned,
  previousDay,
  refundTargets,
  signInReward,
  type SignInRule,
} from './points-rules.policy';

const SHANGHAI = 'Asia/Shanghai';

describe('pointsEarned: 1 point per yuan × level × member day × birthday, floored once', () => {
  it.each([
    ['¥99.99 at ×1', { eligiblePaidFen: 9_999 }, 99],
    ['¥100 at ×1', { eligiblePaidFen: 10_000 }, 100],
    ['nothing paid', { eligiblePaidFen: 0 }, 0],
    ['silver ×1.2', { eligiblePaidFen: 10_000, levelMultiplierBp: 12_000 }, 120],
    ['member day ×2', { eligiblePaidFen: 10_000, memberDayMultiplierBp: 20_000 }, 200],
    [
      'silver and member day',
      { eligiblePaidFen: 10_000, levelMultiplierBp: 12_000, memberDayMultiplierBp: 20_000 },
      240,
    ],
    [
      'all three',
      {
        eligiblePaidFen: 10_000,
        levelMultiplierBp: 15_000,
        memberDayMultiplierBp: 20_000,
        birthdayMultiplierBp: 20_000,
      },
      600,
    ],
    [
      'no early rounding: ¥0.99 × 1.5 × 2',
      { eligiblePaidFen: 99, levelMultiplierBp: 15_000, memberDayMultiplierBp: 20_000 },
      2,
    ],
    ['a ×0 level earns nothing', { eligiblePaidFen: 10_000, levelMultiplierBp: 0 }, 0],
    [
      'huge amounts stay exact',
      { eligiblePaidFen: 9_000_000_000, levelMultiplierBp: 100_000, memberDayMultiplierBp: 100_000 },
      9_000_000_000,
    ],
  ])('%s', (_name, input, expected) => {
    expect(pointsEarned({ pointsPerYuan: 1, ...input })).toBe(expected);
  });

  it('pointsPerYuan scales the base', () => {
    expect(pointsEarned({ eligiblePaidFen: 1_050, pointsPerYuan: 10 })).toBe(105);
  });
});

describe('expiryOf: end of the year after the year earned, shop time zone', () => {
  it.each([
    ['earned mid-2026', '2026-06-15T04:00:00Z', 1, '2027-12-31T16:00:00.000Z'],
    ['earned 2026-12-31 23:59 Shanghai (still 2026)', '2026-12-31T15:59:00Z', 1, '2027-12-31T16:00:00.000Z'],
    ['earned 2027-01-01 00:00:30 Shanghai (2026 in UTC)', '2026-12-31T16:00:30Z', 1, '2028-12-31T16:00:00.000Z'],
    ['yearsAfter 0: the end of the same year', '2026-06-15T04:00:00Z', 0, '2026-12-31T16:00:00.000Z'],
    ['yearsAfter 2', '2026-06-15T04:00:00Z', 2, '2028-12-31T16:00:00.000Z'],
  ])('%s', (_name, iso, years, expected) => {
    expect(expiryOf(new Date(iso), SHANGHAI, years).toISOString()).toBe(expected);
  });
});

describe('signInReward: streak with a weekly or monthly cycle and the day-7 bonus', () => {
  const weekly: SignInRule = { cycle: 'WEEKLY', dailyPoints: 5, bonusDay: 7, bonusPoints: 20 };
  const monthly: SignInRule = { ...weekly, cycle: 'MONTHLY' };
  it.each([
    ['first sign-in', weekly, '2026-11-24', null, { streak: 1, points: 5, bonus: false }],
    [
      'continues from yesterday',
      weekly,
      '2026-11-24',
      { day: '2026-11-23', streak: 3 },
      { streak: 4, points: 5, bonus: false },
    ],
    [
      'day 7 earns the bonus',
      weekly,
      '2026-11-24',
      { day: '2026-11-23', streak: 6 },
      { streak: 7, points: 25, bonus: true },
    ],
    [
      'day 8 starts a new weekly round',
      weekly,
      '2026-11-24',
      { day: '2026-11-23', streak: 7 },
      { streak: 8, points: 5, bonus: false },
    ],
    [
      'day 14 is a bonus again',
      weekly,
      '2026-11-24',
      { day: '2026-11-23', streak: 13 },
      { streak: 14, points: 25, bonus: true },
    ],
    [
      'a missed day resets',
      weekly,
      '2026-11-24',
      { day: '2026-11-22', streak: 6 },
      { streak: 1, points: 5, bonus: false },
    ],
    [
      'across a month end (weekly)',
      weekly,
      '2026-12-01',
      { day: '2026-11-30', streak: 6 },
      { streak: 7, points: 25, bonus: true },
    ],
    [
      'monthly restarts on the 1st',
      monthly,
      '2026-12-01',
      { day: '2026-11-30', streak: 6 },
      { streak: 1, points: 5, bonus: false },
    ],
    ['monthly day 7', monthly, '2026-12-07', { day: '2026-12-06', streak: 6 }, { streak: 7, points: 25, bonus: true }],
    [
      'monthly day 14 is no bonus',
      monthly,
      '2026-12-14',
      { day: '2026-12-13', streak: 13 },
      { streak: 14, points: 5, bonus: false },
    ],
  ] as const)('%s', (_name, rule, today, yesterday, expected) => {
    expect(signInReward(rule, today, yesterday)).toEqual(expected);
  });

  it('previousDay crosses months and leap days', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2028-03-01')).toBe('2028-02-29');
    expect(previousDay('2027-01-01')).toBe('2026-12-31');
  });
});

describe('refundTargets: reverse earned and return spent in proportion', () => {
  it.each([
    [
      'nothing refunded',
      { earned: 100, pointsUsed: 300, paidFen: 10_000, refundedFen: 0 },
      { reversed: 0, returned: 0 },
    ],
    [
      'half refunded',
      { earned: 100, pointsUsed: 300, paidFen: 10_000, refundedFen: 5_000 },
      { reversed: 50, returned: 150 },
    ],
    [
      'a third: reverse rounds up, return rounds down',
      { earned: 100, pointsUsed: 100, paidFen: 3_000, refundedFen: 1_000 },
      { reversed: 34, returned: 33 },
    ],
    [
      'everything refunded',
      { earned: 100, pointsUsed: 300, paidFen: 10_000, refundedFen: 10_000 },
      { reversed: 100, returned: 300 },
    ],
    [
      'more than paid is everything',
      { earned: 7, pointsUsed: 9, paidFen: 100, refundedFen: 150 },
      { reversed: 7, returned: 9 },
    ],
  ])('%s', (_name, input, expected) => {
    expect(refundTargets({ ...input, everythingRefunded: false })).toEqual(expected);
  });

  it('the everythingRefunded flag wins (shipping refunded too)', () => {
    expect(
      refundTargets({ earned: 10, pointsUsed: 20, paidFen: 1_000, refundedFen: 1, everythingRefunded: true }),
    ).toEqual({
      reversed: 10,
      returned: 20,
    });
  });
});

describe('isBirthday in the shop time zone', () => {
  const birthday = new Date('1990-11-25T00:00:00Z');
  it.each([
    ['Shanghai morning of the 25th', '2026-11-24T16:30:00Z', true],
    ['the 24th in Shanghai', '2026-11-24T15:30:00Z', false],
    ['no birthday', '2026-11-25T04:00:00Z', false],
  ])('%s', (_name, iso, expected) => {
    expect(isBirthday(new Date(iso), _name === 'no birthday' ? null : birthday, SHANGHAI)).toBe(expected);
  });

  it('29 February is celebrated on the 28th in other years', () => {
    const leapling = new Date('2000-02-29T00:00:00Z');
    expect(isBirthday(new Date('2027-02-28T04:00:00Z'), leapling, SHANGHAI)).toBe(true);
    expect(isBirthday(new Date('2028-02-29T04:00:00Z'), leapling, SHANGHAI)).toBe(true);
  });
});
