import { daysInMonth, memberDayOn, nextMemberDay, startOfLocalDay, type MemberDaySchedule } from './member-day.policy';

const SHANGHAI = 'Asia/Shanghai';
const wednesdays: MemberDaySchedule = { enabled: true, kind: 'WEEKLY', days: [3] };

describe('memberDayOn, weekly on Wednesday in Asia/Shanghai', () => {
  // 2026-11-25 is a Wednesday.
  it.each([
    ['Wednesday 00:00:30 Shanghai (Tuesday 16:00:30 UTC)', '2026-11-24T16:00:30Z', true],
    ['Wednesday 23:59:30 Shanghai (Wednesday 15:59:30 UTC)', '2026-11-25T15:59:30Z', true],
    ['Tuesday 23:59:30 Shanghai', '2026-11-24T15:59:30Z', false],
    ['Thursday 00:00:30 Shanghai', '2026-11-25T16:00:30Z', false],
    ['Wednesday noon UTC is Wednesday evening in Shanghai', '2026-11-25T12:00:00Z', true],
  ])('%s → %s', (_name, iso, expected) => {
    expect(memberDayOn(new Date(iso), wednesdays, SHANGHAI)).toBe(expected);
  });

  it('the same instant is not member day in another zone', () => {
    expect(memberDayOn(new Date('2026-11-24T16:00:30Z'), wednesdays, 'UTC')).toBe(false);
  });

  it('a disabled or empty schedule never is', () => {
    expect(memberDayOn(new Date('2026-11-25T04:00:00Z'), { ...wednesdays, enabled: false }, SHANGHAI)).toBe(false);
    expect(memberDayOn(new Date('2026-11-25T04:00:00Z'), { ...wednesdays, days: [] }, SHANGHAI)).toBe(false);
  });
});

describe('memberDayOn, monthly', () => {
  const on = (days: number[], iso: string) =>
    memberDayOn(new Date(iso), { enabled: true, kind: 'MONTHLY', days }, SHANGHAI);
  it.each([
    [[18], '2026-11-18T04:00:00Z', true],
    [[18], '2026-11-17T16:00:00Z', true], // 00:00 on the 18th in Shanghai
    [[18], '2026-11-17T15:59:59Z', false],
    [[31], '2026-04-30T04:00:00Z', true], // April has no 31st: its last day instead
    [[31], '2026-05-30T04:00:00Z', false], // May has a 31st
    [[31], '2026-05-31T04:00:00Z', true],
    [[30], '2026-02-28T04:00:00Z', true], // February 2026: 28 days
    [[29], '2028-02-29T04:00:00Z', true], // leap year
    [[29], '2028-02-28T04:00:00Z', false],
    [[1, 15], '2026-11-15T04:00:00Z', true],
  ])('days %j at %s → %s', (days, iso, expected) => {
    expect(on(days, iso)).toBe(expected);
  });

  it('knows month lengths', () => {
    expect([daysInMonth(2026, 2), daysInMonth(2028, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([
      28, 29, 30, 31,
    ]);
  });
});

describe('nextMemberDay and the start of a local day', () => {
  it('finds next Wednesday and when it starts in Shanghai', () => {
    expect(nextMemberDay(new Date('2026-11-24T10:00:00Z'), wednesdays, SHANGHAI)).toEqual({
      date: '2026-11-25',
      startsAt: new Date('2026-11-24T16:00:00Z'),
    });
  });

  it('on member day itself, the next one is a week later', () => {
    expect(nextMemberDay(new Date('2026-11-25T04:00:00Z'), wednesdays, SHANGHAI)?.date).toBe('2026-12-02');
  });

  it('a monthly 31st in a short month', () => {
    const next = nextMemberDay(
      new Date('2026-04-02T04:00:00Z'),
      { enabled: true, kind: 'MONTHLY', days: [31] },
      SHANGHAI,
    );
    expect(next?.date).toBe('2026-04-30');
  });

  it('midnight in a zone with daylight saving', () => {
    expect(startOfLocalDay({ year: 2026, month: 7, day: 1 }, 'Europe/Berlin')).toEqual(
      new Date('2026-06-30T22:00:00Z'),
    );
    expect(startOfLocalDay({ year: 2026, month: 1, day: 1 }, 'Europe/Berlin')).toEqual(
      new Date('2025-12-31T23:00:00Z'),
    );
  });
});
