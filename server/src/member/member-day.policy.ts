import { zonedFormatter } from '../infra/zoned-format';

/**
 * 会员日: a recurring day in the shop's time zone — weekly (e.g. every Wednesday) or monthly
 * (e.g. the 18th) — for chosen member levels. One pure function answers "is this instant on a
 * member day?" for pricing, points, the API and the mini-program.
 *
 * A month day the month lacks (the 31st in April, the 30th in February) falls on that month's
 * last day, so members never lose a month's member day; two such days then share that last day.
 */

export interface MemberDaySchedule {
  enabled: boolean;
  kind: 'WEEKLY' | 'MONTHLY';
  /** WEEKLY: 1 = Monday … 7 = Sunday. MONTHLY: 1 … 31. */
  days: number[];
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The calendar date of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): LocalDate {
  const parts = Object.fromEntries(
    zonedFormatter('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS[parts.weekday],
  };
}

export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether a local date is a member day of the schedule. */
export function isMemberDate(date: LocalDate, schedule: MemberDaySchedule): boolean {
  if (!schedule.enabled || schedule.days.length === 0) return false;
  if (schedule.kind === 'WEEKLY') return schedule.days.includes(date.weekday);
  const last = daysInMonth(date.year, date.month);
  return schedule.days.some((d) => Math.min(d, last) === date.day);
}

/** `memberDayOn(instant, schedule)`: is it member day at this instant, in the shop's time zone? */
export function memberDayOn(at: Date, schedule: MemberDaySchedule, timeZone: string): boolean {
  return isMemberDate(localDate(at, timeZone), schedule);
}

/** The instant a local date starts (00:00) in a time zone. */
export function startOfLocalDay(date: Pick<LocalDate, 'year' | 'month' | 'day'>, timeZone: string): Date {
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  // The zone's offset at that moment, read back through Intl (two passes settle DST edges).
  let guess = utcMidnight;
  for (let i = 0; i < 2; i += 1) {
    const seen = localDateTime(new Date(guess), timeZone);
    const seenAsUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess = utcMidnight - (seenAsUtc - guess);
  }
  return new Date(guess);
}

function localDateTime(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    zonedFormatter('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The next member day starting after `at` (today's counts only if it has not started — never). */
export function nextMemberDay(
  at: Date,
  schedule: MemberDaySchedule,
  timeZone: string,
): { date: string; startsAt: Date } | null {
  if (!schedule.enabled || schedule.days.length === 0) return null;
  const today = localDate(at, timeZone);
  for (let offset = 1; offset <= 62; offset += 1) {
    const probe = new Date(Date.UTC(today.year, today.month - 1, today.day + offset, 12));
    const date = {
      year: probe.getUTCFullYear(),
      month: probe.getUTCMonth() + 1,
      day: probe.getUTCDate(),
      weekday: ((probe.getUTCDay() + 6) % 7) + 1,
    };
    if (isMemberDate(date, schedule)) {
      const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
      return { date: iso, startsAt: startOfLocalDay(date, timeZone) };
    }
  }
  return null;
}
