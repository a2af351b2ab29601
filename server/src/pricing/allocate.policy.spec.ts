import { MAX_FEN } from '@weshop/shared';
import { allocateDiscount } from './allocate.policy';

/** Vendure's testProrate, our way: every case must keep every invariant. */
function assertAllocation(bases: number[], total: number, shares: number[]): void {
  expect(shares).toHaveLength(bases.length);
  expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
  shares.forEach((share, i) => {
    expect(Number.isSafeInteger(share)).toBe(true);
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(bases[i]);
    if (bases[i] === 0) expect(share).toBe(0);
  });
}

/** Deterministic PRNG (mulberry32) so the generated cases are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('allocateDiscount (largest remainder)', () => {
  it.each([
    // what, bases, total, expected
    ['equal split with remainder', [100, 100, 100], 100, [34, 33, 33]],
    ['1 fen over 3 lines goes to the first', [100, 100, 100], 1, [1, 0, 0]],
    ['2 fen over 3 equal lines', [100, 100, 100], 2, [1, 1, 0]],
    ['zero total', [100, 100, 100], 0, [0, 0, 0]],
    ['a zero-base line gets nothing', [100, 0, 100], 51, [26, 0, 25]],
    ['all bases zero, zero total', [0, 0], 0, [0, 0]],
    ['total equal to the sum', [300, 200, 1], 501, [300, 200, 1]],
    ['single line', [1_000], 999, [999]],
    ['largest remainder wins over line order', [10, 30], 4, [1, 3]],
    ['remainders decide: 满199减20 over 199 + 99 + 1', [19_900, 9_900, 100], 2_000, [1_331, 662, 7]],
    ['ties by line order', [1, 1, 1, 1], 3, [1, 1, 1, 0]],
    ['¥21M order, exact in numbers', [2_000_000_000, 147_483_647], 1_000_000, [931_323, 68_677]],
    ['¥21M order, half of it deducted (BigInt path)', [MAX_FEN - 1, 1], 1_073_741_823, [1_073_741_823, 0]],
    [
      '¥21M over three lines (BigInt path)',
      [700_000_000, 700_000_000, 747_483_647],
      1_000_000_001,
      [325_962_902, 325_962_901, 348_074_198],
    ],
    ['empty list, zero total', [], 0, []],
  ])('%s: allocateDiscount(%j, %i) = %j', (_what, bases, total, expected) => {
    const shares = allocateDiscount(bases, total);
    expect(shares).toEqual(expected);
    assertAllocation(bases, total, shares);
  });

  it('keeps the invariants on 500 generated cases (seeded)', () => {
    const random = mulberry32(20_261_124);
    const int = (max: number) => Math.floor(random() * (max + 1));
    for (let n = 0; n < 500; n += 1) {
      // a third of the cases use amounts up to the INT column maximum, to exercise the BigInt path
      const maxBase = n % 3 === 0 ? Math.floor(MAX_FEN / 8) : n % 3 === 1 ? 100_000 : 50;
      const bases = Array.from({ length: 1 + int(9) }, () => (random() < 0.15 ? 0 : int(maxBase)));
      const sum = bases.reduce((a, b) => a + b, 0);
      const total = random() < 0.1 ? sum : int(sum);
      assertAllocation(bases, total, allocateDiscount(bases, total));
    }
  });

  it('is proportional: no share is more than 1 fen away from its exact share', () => {
    const random = mulberry32(7);
    for (let n = 0; n < 200; n += 1) {
      const bases = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * 50_000));
      const sum = bases.reduce((a, b) => a + b, 0);
      const total = Math.floor(random() * (sum + 1));
      const shares = allocateDiscount(bases, total);
      assertAllocation(bases, total, shares);
      shares.forEach((share, i) => {
        if (sum > 0) expect(Math.abs(share * sum - bases[i] * total)).toBeLessThan(sum);
      });
    }
  });

  it.each([
    ['total above the sum', [100], 101],
    ['negative base', [-1, 10], 5],
    ['fractional base', [1.5], 1],
    ['negative total', [10], -1],
    ['fractional total', [10], 0.5],
    ['NaN total', [10], Number.NaN],
    ['total over zero bases', [0, 0], 1],
  ])('refuses %s (bases %j, total %p)', (_what, bases, total) => {
    expect(() => allocateDiscount(bases, total)).toThrow(RangeError);
  });
});
