import { canAddSku, listPriceValid, lowestPrice, type NewSkuVerdict, type SkuSpecs } from './sku.policy';

const sku = (specs: Record<string, string>): SkuSpecs => ({ specs });

describe('canAddSku', () => {
  const tees = [sku({ 颜色: '红', 尺码: 'M' }), sku({ 颜色: '红', 尺码: 'L' })];
  it.each<[string, SkuSpecs[], SkuSpecs, NewSkuVerdict]>([
    ['first SKU of a product', [], sku({ 颜色: '红' }), { ok: true }],
    ['new combination', tees, sku({ 颜色: '蓝', 尺码: 'M' }), { ok: true }],
    ['names in another key order', tees, sku({ 尺码: 'S', 颜色: '红' }), { ok: true }],
    ['same combination', tees, sku({ 颜色: '红', 尺码: 'M' }), { ok: false, reason: 'SPEC_COMBINATION_TAKEN' }],
    [
      'same combination, keys reordered',
      tees,
      sku({ 尺码: 'L', 颜色: '红' }),
      { ok: false, reason: 'SPEC_COMBINATION_TAKEN' },
    ],
    [
      'missing a spec name',
      tees,
      sku({ 颜色: '蓝' }),
      { ok: false, reason: 'SPEC_NAMES_MISMATCH', expected: ['尺码', '颜色'] },
    ],
    [
      'an extra spec name',
      tees,
      sku({ 颜色: '蓝', 尺码: 'M', 款式: '长袖' }),
      { ok: false, reason: 'SPEC_NAMES_MISMATCH', expected: ['尺码', '颜色'] },
    ],
    [
      'a spec-less product gets a second spec-less SKU',
      [sku({})],
      sku({}),
      { ok: false, reason: 'SPEC_COMBINATION_TAKEN' },
    ],
    [
      'the 101st SKU',
      Array.from({ length: 100 }, (_, i) => sku({ 编号: String(i) })),
      sku({ 编号: 'x' }),
      { ok: false, reason: 'SKU_LIMIT_REACHED', max: 100 },
    ],
  ])('%s', (_name, existing, candidate, expected) => {
    expect(canAddSku(existing, candidate)).toEqual(expected);
  });
});

describe('lowestPrice', () => {
  it.each([
    [[], 0],
    [[1], 1],
    [[9_900, 4_900, 12_900], 4_900],
    [[99_999_999, 99_999_999], 99_999_999],
  ])('%p -> %i', (prices, expected) => {
    const lowest = lowestPrice(prices);
    expect(lowest).toBe(expected);
    // invariant: the lowest is one of the prices and none is below it
    for (const price of prices) expect(price).toBeGreaterThanOrEqual(lowest);
  });
});

describe('listPriceValid', () => {
  it.each([
    [100, 100, true],
    [100, 101, true],
    [100, 99, false],
    [1, 99_999_999, true],
  ])('price %i, list %i -> %p', (price, list, expected) => {
    expect(listPriceValid(price, list)).toBe(expected);
  });
});
