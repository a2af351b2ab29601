import { ANALYTICS_MAX_DAYS, type AnalyticsPeriod } from '@weshop/shared';
import { startOfLocalDay } from '../member/member-day.policy';
import { zonedFormatter } from '../infra/zoned-format';

/**
 * Periods of whole shop-local days (YYYY-MM-DD): the defaults, the checks, the previous period of
 * the same length, and the instants a day starts and ends in the shop's time zone. Pure.
 */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days are counted on a UTC calendar: YYYY-MM-DD ↔ an integer day number. */
export function dayNumber(day: string): number | null {
  const match = DATE.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) return null;
  return ms / DAY_MS;
}

export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`not a day: ${day}`);
  return dayOfNumber(n + days);
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const [a, b] = [dayNumber(from), dayNumber(to)];
  if (a === null || b === null) throw new RangeError(`not a period: ${from}…${to}`);
  const days: string[] = [];
  for (let n = a; n <= b; n += 1) days.push(dayOfNumber(n));
  return days;
}

/** The shop-local day of an instant. */
export function localDay(at: Date, timeZone: string): string {
  return zonedFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** [start, end) of a shop-local day, as instants. */
export function dayWindow(day: string, timeZone: string): { start: Date; end: Date } {
  const next = addDays(day, 1);
  const parts = (d: string) => ({
    year: Number(d.slice(0, 4)),
    month: Number(d.slice(5, 7)),
    day: Number(d.slice(8, 10)),
  });
  return { start: startOfLocalDay(parts(day), timeZone), end: startOfLocalDay(parts(next), timeZone) };
}

export type PeriodProblem = { path: 'from' | 'to' | '(root)'; message: string };

/**
 * The period a query asks for: `from`/`to` inclusive, both defaulting to the last 7 days ending
 * today (only `from`: up to today; only `to`: the 7 days ending then). Refused: a date that does
 * not exist, `to` before `from`, `from` after today, more than ANALYTICS_MAX_DAYS days.
 */
export function resolvePeriod(
  query: { from?: string; to?: string },
  today: string,
  timeZone: string,
  basis: string,
): { ok: true; period: AnalyticsPeriod } | { ok: false; problems: PeriodProblem[] } {
  const problems: PeriodProblem[] = [];
  for (const key of ['from', 'to'] as const) {
    const value = query[key];
    if (value !== undefined && dayNumber(value) === null)
      problems.push({ path: key, message: 'is not a calendar day' });
  }
  if (problems.length) return { ok: false, problems };
  const to = query.to ?? (query.from !== undefined && query.from <= today ? today : (query.from ?? today));
  const from = query.from ?? addDays(to, -6);
  const days = dayNumber(to)! - dayNumber(from)! + 1;
  if (days < 1) problems.push({ path: 'to', message: 'is before from' });
  else if (days > ANALYTICS_MAX_DAYS)
    problems.push({ path: '(root)', message: `is longer than ${ANALYTICS_MAX_DAYS} days` });
  if (from > today) problems.push({ path: 'from', message: 'is in the future' });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    period: {
      from,
      to,
      days,
      previousFrom: addDays(from, -days),
      previousTo: addDays(from, -1),
      timezone: timeZone,
      basis,
    },
  };
}
