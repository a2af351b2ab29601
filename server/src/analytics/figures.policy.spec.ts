import { averageOrderValue, averageScore, csvDocument, csvField, ratio, yuan } from './figures.policy';
import { decodeIds, DEVICE_BASE, encodeIds, IdBitmap, repeatCount, sortedIds, unionSize } from './id-set';

describe('ratios, AOV and scores', () => {
  it.each([
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [1, 8, 0.125],
    [1, 16, 0.0625],
    [5, 5, 1],
    [3, 0, 0],
    [0, 7, 0],
    [12345, 100000, 0.1235], // half up at the 5th place
  ])('ratio(%i, %i) = %d', (n, d, expected) => expect(ratio(n, d)).toBe(expected));

  it.each([
    [10001, 2, 5000],
    [10000, 3, 3333],
    [500, 0, 0],
  ])('AOV floor(%i / %i) = %i', (gmv, orders, expected) => expect(averageOrderValue(gmv, orders)).toBe(expected));

  it.each([
    [9, 2, 4.5],
    [14, 3, 4.67],
    [13, 3, 4.33],
    [33, 8, 4.13], // 4.125 → half up
    [0, 0, 0],
    [5, 1, 5],
  ])('average of %i over %i reviews = %d', (sum, count, expected) => expect(averageScore(sum, count)).toBe(expected));
});

describe('CSV', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [12345, '123.45'],
    [-150, '-1.50'],
  ])('%i fen = %s yuan', (fen, text) => expect(yuan(fen)).toBe(text));

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['两行\n文本', '"两行\n文本"'],
    [null, ''],
    [42, '42'],
  ])('field %j → %j', (value, text) => expect(csvField(value)).toBe(text));

  it('starts with a BOM and a header row', () =>
    expect(csvDocument(['a', 'gmv_yuan'], [['x', '1.00']])).toBe('\uFEFFa,gmv_yuan\r\nx,1.00\r\n'));
});

describe('visitor sets', () => {
  const pack = (ids: number[]) => encodeIds(sortedIds(ids));

  it.each([
    [[]],
    [[1]],
    [[1, 2, 3, 127, 128, 16_384, 2_147_483_647]],
    [[DEVICE_BASE, DEVICE_BASE + 1, DEVICE_BASE + 1_000_000, 4_294_967_295]],
  ])('round-trips %j', (ids) => expect(Array.from(decodeIds(pack(ids)))).toEqual(ids));

  it('packs a dense set in about a byte a number', () =>
    expect(pack(Array.from({ length: 1000 }, (_, i) => 5000 + i * 3)).length).toBeLessThan(1010));

  it.each([
    [
      [
        [1, 2, 3],
        [3, 4],
        [4, 5, DEVICE_BASE + 1],
      ],
      6,
    ],
    [[[], []], 0],
    [[[7], [7], [7]], 1],
    [
      [
        [1, DEVICE_BASE + 1],
        [DEVICE_BASE + 1, 1],
      ],
      2,
    ],
  ])('union of %j has %i members', (sets, size) => expect(unionSize(sets.map(pack))).toBe(size));

  it('a bitmap says what it holds', () => {
    const bitmap = new IdBitmap().addAll([3, 100_000, DEVICE_BASE + 9]);
    expect([bitmap.has(3), bitmap.has(4), bitmap.has(100_000), bitmap.has(DEVICE_BASE + 9), bitmap.has(9)]).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(bitmap.size).toBe(3);
  });

  it.each([
    // payers by day, repeat payers by day → payers with two or more orders over the days
    [
      [
        { payers: [1, 2], repeat: [] },
        { payers: [2, 3], repeat: [] },
      ],
      1,
    ],
    [
      [
        { payers: [1, 2], repeat: [1] },
        { payers: [3], repeat: [] },
      ],
      1,
    ],
    [
      [
        { payers: [1], repeat: [] },
        { payers: [2], repeat: [] },
      ],
      0,
    ],
    [
      [
        { payers: [1, 2], repeat: [1] },
        { payers: [1, 2], repeat: [] },
      ],
      2,
    ],
  ])('repeat payers of %j = %i', (days, expected) =>
    expect(repeatCount(days.map((d) => ({ payers: pack(d.payers), repeatPayers: pack(d.repeat) })))).toBe(expected),
  );
});
