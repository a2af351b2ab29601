import { specDimensions, specsFromJson } from './spec.policy';

describe('specDimensions', () => {
  it.each([
    ['no skus', [], []],
    ['a single spec-less sku', [{}], []],
    [
      'colour x size in entry order',
      [
        { 颜色: '红', 尺码: 'M' },
        { 颜色: '红', 尺码: 'L' },
        { 颜色: '蓝', 尺码: 'M' },
      ],
      [
        { name: '颜色', values: ['红', '蓝'] },
        { name: '尺码', values: ['M', 'L'] },
      ],
    ],
    ['one dimension', [{ 容量: '500ml' }, { 容量: '1L' }], [{ name: '容量', values: ['500ml', '1L'] }]],
  ])('%s', (_name, skus, expected) => {
    expect(specDimensions(skus)).toEqual(expected);
  });
});

describe('specsFromJson', () => {
  it.each([
    [{ 颜色: '红' }, { 颜色: '红' }],
    [{ 颜色: '红', bad: 3 }, { 颜色: '红' }],
    [null, {}],
    [['红'], {}],
    ['红', {}],
  ])('%p -> %p', (input, expected) => {
    expect(specsFromJson(input)).toEqual(expected);
  });
});
