import type { Fen } from '@weshop/shared';

/**
 * 分摊 (largest-remainder method): splits `total` fen across lines in proportion to their `bases`.
 *
 * Rounding: every line first gets floor(base × total / Σbases); the fen still left over go one each
 * to the lines with the largest remainders, ties to the earlier line, so the result is deterministic.
 * The arithmetic is exact integer arithmetic: `base × total` is computed in numbers while it is a
 * safe integer (every realistic order) and in BigInt beyond that (a ¥21M order with a ¥10M
 * deduction), never in floats.
 *
 * Invariants (asserted by the tests on every case): the shares add up to `total` exactly; no share
 * is negative; no share exceeds its base; a zero base gets zero.
 *
 * @throws RangeError when a base or the total is not a non-negative safe integer, or when `total`
 *   is more than the sum of the bases (a programmer error: callers cap discounts first).
 */
export function allocateDiscount(bases: readonly Fen[], total: Fen): Fen[] {
  bases.forEach((base, i) => assertNonNegativeFen(base, `base[${i}]`));
  assertNonNegativeFen(total, 'total');
  const sum = bases.reduce<number>((a, b) => a + b, 0);
  if (!Number.isSafeInteger(sum)) throw new RangeError('sum of the bases is not a safe integer');
  if (total > sum) throw new RangeError(`cannot allocate ${total} fen over bases summing to ${sum}`);
  if (total === 0) return bases.map(() => 0);

  const shares = bases.map((base) => exactShare(base, total, sum));
  let left = total - shares.reduce((a, s) => a + s.share, 0);
  const byRemainder = shares
    .map((s, index) => ({ index, remainder: s.remainder }))
    .filter((s) => s.remainder > 0n)
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  // left < number of lines with a positive remainder, and such a line's floor is below its base.
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index].share += 1;
    left -= 1;
  }
  if (left !== 0) throw new RangeError('allocation did not converge'); // unreachable by the arithmetic above
  return shares.map((s) => s.share);
}

/** floor(base × total / sum) and its remainder, exact. */
function exactShare(base: number, total: number, sum: number): { share: number; remainder: bigint } {
  const product = base * total;
  if (Number.isSafeInteger(product)) {
    return { share: Math.floor(product / sum), remainder: BigInt(product % sum) };
  }
  const big = BigInt(base) * BigInt(total);
  return { share: Number(big / BigInt(sum)), remainder: big % BigInt(sum) };
}

function assertNonNegativeFen(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer number of fen, got ${value}`);
  }
}
