import { ApiError } from '../../../../api/client';
import {
  bpToMultiplierInput,
  bpToZheInput,
  consoleIssuesOf,
  fenToYuan,
  InputReader,
  multiplierInputToBp,
  splitIds,
  wholeNumber,
  zheInputToBp,
} from './form-input';

describe('typed numbers', () => {
  it.each([
    ['9.5', 9_500],
    ['8', 8_000],
    ['8.75', 8_750],
    [' 10 ', 10_000],
    ['0.01', 10],
    ['9.', null],
    ['8.755', null],
    ['-1', null],
    ['abc', null],
    ['', null],
  ])('折 %j → %j bp kept', (input, bp) => {
    expect(zheInputToBp(input)).toBe(bp);
  });

  it.each([
    ['2', 20_000],
    ['1.5', 15_000],
    ['1.25', 12_500],
    ['0', 0],
    ['10', 100_000],
    ['x2', null],
    ['1.255', null],
  ])('multiplier %j → %j bp', (input, bp) => {
    expect(multiplierInputToBp(input)).toBe(bp);
  });

  it.each([
    [9_500, '9.5'],
    [10_000, '10'],
    [8_750, '8.75'],
  ])('%j bp kept reads back as %j 折', (bp, text) => {
    expect(bpToZheInput(bp)).toBe(text);
    expect(zheInputToBp(text)).toBe(bp);
  });

  it.each([
    [15_000, '1.5'],
    [10_000, '1'],
    [12_500, '1.25'],
  ])('%j bp reads back as ×%j', (bp, text) => {
    expect(bpToMultiplierInput(bp)).toBe(text);
    expect(multiplierInputToBp(text)).toBe(bp);
  });

  it.each([
    [1_230, '12.3'],
    [100, '1'],
    [5, '0.05'],
  ])('%j fen reads back as ¥%j', (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
  });

  it.each([
    ['12', 12],
    [' 7 ', 7],
    ['1.5', null],
    ['-3', null],
    ['', null],
  ])('whole number %j → %j', (input, n) => {
    expect(wholeNumber(input)).toBe(n);
  });

  it.each([
    ['12, 40、7 9', ['12', '40', '7', '9']],
    ['12，40', ['12', '40']],
    ['', []],
    ['12, x', null],
  ])('ids %j → %j', (input, ids) => {
    expect(splitIds(input)).toEqual(ids);
  });
});

describe('InputReader', () => {
  it('collects one issue per input that is not well-formed, by request path', () => {
    const read = new InputReader();
    expect(read.int('quota', '5', 1, 10)).toBe(5);
    expect(read.int('limit', '0', 1, 10)).toBe(0);
    expect(read.yuan('price', '12.5')).toBe(1_250);
    expect(read.yuan('price2', '0')).toBe(0);
    expect(read.yuan('threshold', '0', 0)).toBe(0);
    expect(read.zhe('discount', '11')).toBe(0);
    expect(read.multiplier('x', '11')).toBe(0);
    expect(read.optionalInt('cap', ' ', 1, 9)).toBeNull();
    expect(read.id('skuId', 'abc')).toBe('abc');
    expect(read.ids('scopeIds', '')).toEqual([]);
    expect(read.text('title', '  ', 8, '名称')).toBe('');
    expect(read.time('startsAt', '2026-02-30 10:00')).toBe('');
    expect(read.issues.map((i) => i.path)).toEqual([
      'limit',
      'price2',
      'discount',
      'x',
      'skuId',
      'scopeIds',
      'title',
      'startsAt',
    ]);
  });
});

describe('consoleIssuesOf', () => {
  const fields = [{ path: 'skus.0.price', message: "must be below the SKU's price (5000 fen)" }];
  it.each([
    ['400 fields', new ApiError(400, 'VALIDATION_FAILED', 'Invalid', { fields }), fields],
    ['422 fields', new ApiError(422, 'PROMOTION_INVALID', 'bad', { fields }), fields],
    ['422 violations', new ApiError(422, 'X_NONCOMPLIANT', 'bad', { violations: fields }), fields],
    [
      'a body-level issue goes to the top',
      new ApiError(400, 'VALIDATION_FAILED', 'Invalid', { fields: [{ path: '(root)', message: 'nothing to change' }] }),
      [{ path: '', message: 'nothing to change' }],
    ],
    ['no fields: the message', new ApiError(409, 'CONFLICT', '冲突了'), [{ path: '', message: '冲突了' }]],
    ['not an ApiError', new Error('boom'), [{ path: '', message: '保存失败' }]],
  ])('%s', (_, error, expected) => {
    expect(consoleIssuesOf(error, '保存失败')).toEqual(expected);
  });

  it('lets a page place a code with no fields on a field of its own', () => {
    const error = new ApiError(409, 'MEMBER_LEVEL_GROWTH_TAKEN', 'taken', { minGrowth: 100 });
    expect(
      consoleIssuesOf(error, 'x', (e) =>
        e.code === 'MEMBER_LEVEL_GROWTH_TAKEN' ? [{ path: 'minGrowth', message: 'm' }] : null,
      ),
    ).toEqual([{ path: 'minGrowth', message: 'm' }]);
  });
});
