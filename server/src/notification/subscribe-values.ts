import { zonedFormatter } from '../infra/zoned-format';

/**
 * Turning our facts into WeChat subscription-message values (WECHAT.md §C.5). WeChat refuses a
 * whole message (47003 `data.thing2.value invalid`) when one value breaks its keyword type, so
 * every value is made to fit here: `thing` at most 20 characters, `character_string` at most 32
 * printable ASCII, `phrase` at most 5 Chinese characters, times and dates in WeChat's format,
 * amounts with a currency sign. Pure functions.
 */

export type SubscribeValueType =
  'thing' | 'number' | 'letter' | 'symbol' | 'character_string' | 'time' | 'date' | 'amount' | 'phrase' | 'name';

const chars = (text: string) => Array.from(text);

/** Cuts to `max` characters (code points), ending with `…` when something was cut. */
export function truncate(text: string, max: number): string {
  const all = chars(text);
  return all.length <= max ? text : `${all.slice(0, max - 1).join('')}…`;
}

/** `thing`: any text, 1–20 characters; blank becomes `fallback`. */
export function thingValue(text: string | null | undefined, fallback = '-'): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  return truncate(clean || fallback, 20);
}

/** `character_string`: letters, digits and symbols (no spaces, no Chinese), 1–32. */
export function characterStringValue(text: string | number): string {
  const clean = String(text).replace(/[^\x21-\x7e]/g, '');
  return (clean || '-').slice(0, 32);
}

/** `number`: digits (a decimal point allowed), at most 32. */
export function numberValue(value: number): string {
  const text = Number.isFinite(value) ? String(Math.max(0, Math.trunc(value))) : '0';
  return text.slice(0, 32);
}

/** `amount`: a currency sign and up to 10 digits, yuan with two decimals (from fen). */
export function amountValue(fen: number): string {
  const whole = Math.max(0, Math.trunc(fen));
  return `¥${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** `phrase`: 1–5 Chinese characters (anything else is dropped). */
export function phraseValue(text: string, fallback = '通知'): string {
  const han = chars(text).filter((c) => /\p{Script=Han}/u.test(c));
  return (han.length ? han : chars(fallback)).slice(0, 5).join('');
}

function localParts(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    zonedFormatter('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

/** `date`: `2026年11月25日` in the shop's time zone. */
export function dateValue(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** `time`: `2026年11月25日 08:05` in the shop's time zone. */
export function timeValue(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${dateValue(at, timeZone)} ${p.hour.padStart(2, '0')}:${p.minute.padStart(2, '0')}`;
}
