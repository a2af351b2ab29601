import { isRemote, shippingFeeFor, type ShippingRule } from './shipping.policy';

const rule: ShippingRule = { flatFee: 800, freeOver: 9_900, remoteRegions: ['新疆', '西藏'], remoteSurcharge: 1_500 };

describe('shippingFeeFor', () => {
  it.each([
    // what, goods after discounts, province, template, expected fee
    ['below the threshold', 9_899, '浙江省', rule, 800],
    ['at the threshold: 包邮', 9_900, '浙江省', rule, 0],
    ['above the threshold', 50_000, '浙江省', rule, 0],
    ['remote, below the threshold: fee + surcharge', 5_000, '新疆', rule, 2_300],
    ['remote, full province name', 5_000, '新疆维吾尔自治区', rule, 2_300],
    ['remote and free: 偏远地区不包邮, surcharge still charged', 20_000, '西藏自治区', rule, 1_500],
    ['no province yet', 100, undefined, rule, 800],
    ['blank province', 100, '  ', rule, 800],
    ['never free', 1_000_000, '浙江省', { ...rule, freeOver: null }, 800],
    ['free over 0: always free', 0, '浙江省', { ...rule, freeOver: 0 }, 0],
    ['no template: free', 100, '新疆', null, 0],
    ['zero goods still pay the flat fee', 0, '浙江省', rule, 800],
    ['no surcharge configured', 100, '新疆', { ...rule, remoteSurcharge: 0 }, 800],
    ['blank region entries never match', 100, '浙江省', { ...rule, remoteRegions: ['', ' '] }, 800],
  ])('%s', (_what, amount, province, template, expected) => {
    const fee = shippingFeeFor({ goodsAmountAfterDiscounts: amount, province, template });
    expect(fee).toBe(expected);
    expect(Number.isSafeInteger(fee) && fee >= 0).toBe(true);
  });

  it.each([
    ['negative goods amount', { goodsAmountAfterDiscounts: -1, template: rule }],
    ['fractional goods amount', { goodsAmountAfterDiscounts: 1.5, template: rule }],
    ['fractional flat fee', { goodsAmountAfterDiscounts: 1, template: { ...rule, flatFee: 7.5 } }],
    ['negative surcharge', { goodsAmountAfterDiscounts: 1, template: { ...rule, remoteSurcharge: -1 } }],
    ['negative threshold', { goodsAmountAfterDiscounts: 1, template: { ...rule, freeOver: -1 } }],
  ])('refuses %s', (_what, query) => {
    expect(() => shippingFeeFor(query)).toThrow(RangeError);
  });

  it.each([
    ['内蒙古自治区', ['内蒙古'], true],
    ['广东省', ['内蒙古'], false],
    [undefined, ['内蒙古'], false],
    ['  新疆  ', [' 新疆 '], true],
  ])('isRemote(%p, %j) = %p', (province, regions, expected) => {
    expect(isRemote(province, regions)).toBe(expected);
  });
});
