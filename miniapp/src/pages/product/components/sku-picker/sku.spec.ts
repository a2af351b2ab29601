import type { SkuView, SpecDimension } from '@weshop/shared';
import { isValueAvailable, maxQuantity, pickSku, type ChosenSpecs } from './sku';

const dims: SpecDimension[] = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['M', 'L'] },
];
const sku = (id: string, 颜色: string, 尺码: string, stock: number): SkuView => ({
  id,
  specs: { 颜色, 尺码 },
  price: 1000 + Number(id),
  listPrice: 2000,
  stock,
});
const skus = [sku('1', '红', 'M', 5), sku('2', '红', 'L', 0), sku('3', '蓝', 'M', 2), sku('4', '蓝', 'L', 0)];

describe('pickSku', () => {
  it.each<[string, ChosenSpecs, string | null]>([
    ['nothing chosen', {}, null],
    ['one of two dimensions', { 颜色: '红' }, null],
    ['红 M', { 颜色: '红', 尺码: 'M' }, '1'],
    ['红 L (sold out is still that SKU)', { 颜色: '红', 尺码: 'L' }, '2'],
    ['蓝 M', { 颜色: '蓝', 尺码: 'M' }, '3'],
    ['a value no SKU has', { 颜色: '绿', 尺码: 'M' }, null],
    ['an extra unknown key is ignored', { 颜色: '蓝', 尺码: 'L', 款式: '新' }, '4'],
  ])('%s', (_case, chosen, expected) => {
    expect(pickSku(skus, dims, chosen)?.id ?? null).toBe(expected);
  });

  it('a product without spec dimensions has its single SKU selected', () => {
    const only: SkuView = { id: '9', specs: {}, price: 500, listPrice: 500, stock: 1 };
    expect(pickSku([only], [], {})).toBe(only);
    expect(pickSku([only, { ...only, id: '10' }], [], {})).toBeNull();
  });

  it('a missing combination yields null', () => {
    expect(pickSku(skus.slice(0, 1), dims, { 颜色: '蓝', 尺码: 'L' })).toBeNull();
  });
});

describe('isValueAvailable', () => {
  it.each<[string, ChosenSpecs, string, string, boolean]>([
    ['红 has stock in M', {}, '颜色', '红', true],
    ['L is sold out in every colour', {}, '尺码', 'L', false],
    ['M with 蓝 chosen', { 颜色: '蓝' }, '尺码', 'M', true],
    ['L with 红 chosen', { 颜色: '红' }, '尺码', 'L', false],
    ['switching colour keeps the chosen size into account', { 颜色: '红', 尺码: 'M' }, '颜色', '蓝', true],
    ['a colour whose only size is sold out', { 尺码: 'L' }, '颜色', '蓝', false],
  ])('%s', (_case, chosen, dimension, value, expected) => {
    expect(isValueAvailable(skus, dims, chosen, dimension, value)).toBe(expected);
  });
});

describe('maxQuantity', () => {
  it.each<[string, SkuView | null, number | null, number]>([
    ['no SKU yet', null, null, 1],
    ['stock bounds when unlimited', skus[0], null, 5],
    ['限购 below stock', skus[0], 3, 3],
    ['stock below 限购', skus[2], 10, 2],
    ['sold out', skus[1], 3, 0],
  ])('%s', (_case, s, limit, expected) => {
    expect(maxQuantity(s, limit)).toBe(expected);
  });
});
