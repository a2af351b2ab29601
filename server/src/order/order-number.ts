import { randomInt } from 'node:crypto';
import { zonedFormatter } from '../infra/zoned-format';

/**
 * 订单号: 20 digits = the shop-local time to the millisecond (yyMMddHHmmssSSS) + 5 random digits.
 * Sortable by time, unique in practice (the database's unique index settles the rest), and it
 * reveals nothing about how many orders the shop takes.
 */
export function orderNumberAt(at: Date, timeZone: string, random: () => number = () => randomInt(0, 100_000)): string {
  const parts = Object.fromEntries(
    zonedFormatter('en-GB', {
      timeZone,
      year: '2-digit',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const millis = String(at.getUTCMilliseconds()).padStart(3, '0');
  const suffix = String(random()).padStart(5, '0');
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}${millis}${suffix}`;
}
