import { addDays, dayNumber, daysBetween, dayWindow, localDay, resolvePeriod } from './period.policy';

const TZ = 'Asia/Shanghai';
const BASIS = 'b';

describe('days in the shop time zone', () => {
  it.each([
    ['2026-11-07T15:59:59.999Z', '2026-11-07'],
    ['2026-11-07T16:00:00.000Z', '2026-11-08'], // 00:00 in Shanghai
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Shanghai', (at, day) => expect(localDay(new Date(at), TZ)).toBe(day));

  it('a day window is [local midnight, next local midnight)', () => {
    expect(dayWindow('2026-11-08', TZ)).toEqual({
      start: new Date('2026-11-07T16:00:00.000Z'),
      end: new Date('2026-11-08T16:00:00.000Z'),
    });
    // a DST day in New York has 23 hours
    const spring = dayWindow('2026-03-08', 'America/New_York');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
  ])('%s + %i = %s', (day, n, expected) => expect(addDays(day, n)).toBe(expected));

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('%s is not a day', (day) =>
    expect(dayNumber(day)).toBeNull(),
  );

  it('lists the days of a period', () =>
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']));
});

describe('resolvePeriod', () => {
  const today = '2026-11-07';
  it.each([
    [{}, ['2026-11-01', '2026-11-07', 7, '2026-10-25', '2026-10-31']],
    [{ from: '2026-11-05' }, ['2026-11-05', '2026-11-07', 3, '2026-11-02', '2026-11-04']],
    [{ to: '2026-10-31' }, ['2026-10-25', '2026-10-31', 7, '2026-10-18', '2026-10-24']],
    [{ from: '2026-11-07', to: '2026-11-07' }, ['2026-11-07', '2026-11-07', 1, '2026-11-06', '2026-11-06']],
    [{ from: '2026-02-01', to: '2026-03-02' }, ['2026-02-01', '2026-03-02', 30, '2026-01-02', '2026-01-31']],
    [{ from: '2025-11-07', to: '2026-11-07' }, ['2025-11-07', '2026-11-07', 366, '2024-11-06', '2025-11-06']],
    [{ from: '2026-11-01', to: '2026-11-30' }, ['2026-11-01', '2026-11-30', 30, '2026-10-02', '2026-10-31']],
  ])('%j → %j', (query, [from, to, days, previousFrom, previousTo]) => {
    expect(resolvePeriod(query, today, TZ, BASIS)).toEqual({
      ok: true,
      period: { from, to, days, previousFrom, previousTo, timezone: TZ, basis: BASIS },
    });
  });

  it.each([
    [{ from: '2026-11-05', to: '2026-11-04' }, 'to'],
    [{ from: '2026-02-30' }, 'from'],
    [{ to: '2026-13-01' }, 'to'],
    [{ from: '2026-11-08' }, 'from'],
    [{ from: '2025-11-06', to: '2026-11-07' }, '(root)'],
  ])('%j is refused at %s', (query, path) => {
    const result = resolvePeriod(query, today, TZ, BASIS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain(path);
  });
});
