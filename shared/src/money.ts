/**
 * Money is an integer number of fen (分); rates are integer basis points (1 bp = 0.01%).
 * Nothing in this project stores or computes money as a float.
 */
export type Fen = number & { readonly __unit?: 'fen' };
export type Bp = number & { readonly __unit?: 'bp' };

/** Largest amount a MySQL INT column holds: about ¥21.47M. */
export const MAX_FEN = 2_147_483_647;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws unless `value` is a safe integer (fen are never fractional). */
export function assertFen(value: number, what = 'amount'): asserts value is Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of fen, got ${value}`);
}

/**
 * Formats fen as yuan for display: 1230 -> "¥12.30", -5 -> "-¥0.05".
 * Pure integer arithmetic, so no float rounding can creep in.
 */
export function formatFen(fen: Fen, options: { symbol?: boolean } = {}): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${options.symbol === false ? '' : '¥'}${yuan}.${cents}`;
}

/**
 * Parses a yuan amount typed in an admin form ("12", "12.3", "12.30") into fen.
 * Returns null for anything that is not a non-negative amount with at most two decimals.
 */
export function yuanInputToFen(input: string): Fen | null {
  const match = /^\s*(\d{1,8})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}
