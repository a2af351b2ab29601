import { dsrFrom, dsrFromTotals, dsrWindowStart } from './dsr.policy';

const s = (product: number, logistics: number, service: number) => ({ product, logistics, service });

describe('dsrFrom', () => {
  it.each([
    ['no reviews: full marks, count 0', [], { product: 5, logistics: 5, service: 5, count: 0 }],
    ['one review', [s(4, 3, 5)], { product: 4, logistics: 3, service: 5, count: 1 }],
    ['two reviews', [s(5, 4, 3), s(4, 4, 4)], { product: 4.5, logistics: 4, service: 3.5, count: 2 }],
    [
      'thirds round to 2 decimals',
      [s(5, 5, 1), s(5, 4, 1), s(4, 4, 2)],
      { product: 4.67, logistics: 4.33, service: 1.33, count: 3 },
    ],
    ['all ones', [s(1, 1, 1), s(1, 1, 1)], { product: 1, logistics: 1, service: 1, count: 2 }],
  ])('%s', (_what, scores, expected) => {
    expect(dsrFrom(scores)).toEqual(expected);
  });
});

describe('dsrFromTotals', () => {
  it.each([
    // sums and count → expected product average (half-up at the third decimal)
    [{ product: 4665, logistics: 1000, service: 1000, count: 1000 }, 4.67], // 4.665 rounds up
    [{ product: 4664, logistics: 1000, service: 1000, count: 1000 }, 4.66],
    [{ product: 9, logistics: 8, service: 7, count: 2 }, 4.5],
    [{ product: 0, logistics: 0, service: 0, count: 0 }, 5],
  ])('%j → product %d', (totals, expected) => {
    expect(dsrFromTotals(totals).product).toBe(expected);
  });
});

it('the window is 180 days', () => {
  expect(dsrWindowStart(new Date('2025-07-01T00:00:00Z')).toISOString()).toBe('2025-01-02T00:00:00.000Z');
});
