import { formatFen, yuanInputToFen, assertFen, MAX_FEN } from './money';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [1230, '¥12.30'],
    [-5, '-¥0.05'],
    [MAX_FEN, '¥21474836.47'],
  ])('formatFen(%i) = %s', (fen, expected) => {
    expect(formatFen(fen)).toBe(expected);
  });

  it('can leave out the currency symbol', () => {
    expect(formatFen(19_900, { symbol: false })).toBe('199.00');
  });

  it.each([0.5, NaN, Infinity])('refuses a non-integer amount %p', (bad) => {
    expect(() => formatFen(bad)).toThrow(RangeError);
    expect(() => assertFen(bad)).toThrow(RangeError);
  });
});

describe('yuanInputToFen', () => {
  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.30', 1230],
    ['0.01', 1],
    [' 7.5 ', 750],
    ['21474836.47', MAX_FEN],
  ])('%p -> %i fen', (input, fen) => {
    expect(yuanInputToFen(input)).toBe(fen);
  });

  it.each(['', '-1', '1.234', 'abc', '1e3', '21474836.48', '.5'])('%p is refused', (input) => {
    expect(yuanInputToFen(input)).toBeNull();
  });
});
