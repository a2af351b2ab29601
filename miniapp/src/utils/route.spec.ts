import { decodeCheckoutItems, encodeCheckoutItems } from './route';
import { prepayIdOf } from '../api/sandbox';

describe('checkout items in the confirm page query', () => {
  it('round-trips skuId:quantity pairs', () => {
    const items = [
      { skuId: '12', quantity: 1 },
      { skuId: '40', quantity: 3 },
    ];
    expect(encodeCheckoutItems(items)).toBe('12:1,40:3');
    expect(decodeCheckoutItems(encodeURIComponent(encodeCheckoutItems(items)))).toEqual(items);
  });

  it.each<[string | undefined, { skuId: string; quantity: number }[]]>([
    [undefined, []],
    ['', []],
    ['12:0', []],
    ['abc:1,12:2', [{ skuId: '12', quantity: 2 }]],
    ['12:1:1', []],
  ])('%j', (raw, expected) => {
    expect(decodeCheckoutItems(raw)).toEqual(expected);
  });
});

describe('prepayIdOf', () => {
  it.each<[string, string | null]>([
    ['prepay_id=wx201410272009395522657a690389285100', 'wx201410272009395522657a690389285100'],
    ['prepay_id=', null],
    ['something_else=1', null],
  ])('%s', (pkg, expected) => {
    expect(prepayIdOf(pkg)).toBe(expected);
  });
});
