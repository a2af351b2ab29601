/**
 * The arithmetic of the dashboards, one place for the rounding rules of shared/src/analytics.ts.
 * Pure.
 */
export { ratio } from '@weshop/shared';

/** 客单价: floor(GMV / orders) in fen; 0 without orders. */
export function averageOrderValue(gmv: number, orders: number): number {
  return orders > 0 ? Math.floor(gmv / orders) : 0;
}

/** An average score (1–5) rounded to 2 places, half up, in integers; 0 without reviews. */
export function averageScore(sum: number, count: number): number {
  if (count <= 0) return 0;
  return Math.floor((sum * 200 + count) / (2 * count)) / 100;
}

/** Money in yuan with 2 decimals, for CSV (fen are integers). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: UTF-8 BOM (for Excel), a header row, CRLF line ends. */
export function csvDocument(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
