import { itemProblems, remainingFor, statusOnRedeem, countsTowardLimit, type ItemDraft } from './points-mall.policy';

describe('itemProblems: what an item gives must exist and be allowed', () => {
  it.each<[string, ItemDraft, string[]]>([
    ['a gift of an exchangeable SKU', { kind: 'GIFT', cash: 0, sku: { exchangeable: true } }, []],
    ['a gift for points + cash', { kind: 'GIFT', cash: 990, sku: { exchangeable: true } }, []],
    ['a gift of no SKU', { kind: 'GIFT', cash: 0, sku: null }, ['skuId: no such SKU']],
    [
      'a gift of a product not exchangeable for points',
      { kind: 'GIFT', cash: 0, sku: { exchangeable: false } },
      ['skuId: this product is flagged not exchangeable for points'],
    ],
    ['a coupon of a POINTS_MALL template', { kind: 'COUPON', cash: 0, template: { channel: 'POINTS_MALL' } }, []],
    [
      'a coupon of no template',
      { kind: 'COUPON', cash: 0, template: null },
      ['couponTemplateId: no such coupon template'],
    ],
    [
      'a coupon of a claim-centre template',
      { kind: 'COUPON', cash: 0, template: { channel: 'CENTER' } },
      ['couponTemplateId: the coupon template must be of channel POINTS_MALL'],
    ],
    [
      'a coupon for cash',
      { kind: 'COUPON', cash: 100, template: { channel: 'POINTS_MALL' } },
      ['cash: a coupon is redeemed for points only (cash 0)'],
    ],
    [
      'two problems at once',
      { kind: 'COUPON', cash: 1, template: { channel: 'REPURCHASE' } },
      [
        'couponTemplateId: the coupon template must be of channel POINTS_MALL',
        'cash: a coupon is redeemed for points only (cash 0)',
      ],
    ],
  ])('%s', (_name, draft, expected) => {
    expect(itemProblems(draft).map((p) => `${p.path}: ${p.message}`)).toEqual(expected);
  });
});

describe('remainingFor: the per-member allowance, never above the stock nor below 0', () => {
  it.each([
    [{ perUserLimit: 2, stock: 10 }, 0, 2],
    [{ perUserLimit: 2, stock: 10 }, 1, 1],
    [{ perUserLimit: 2, stock: 10 }, 2, 0],
    [{ perUserLimit: 2, stock: 10 }, 3, 0], // limit lowered below what was redeemed
    [{ perUserLimit: 5, stock: 1 }, 0, 1],
    [{ perUserLimit: 5, stock: 0 }, 0, 0],
  ])('%j after %i redeemed → %i', (item, mine, expected) => {
    expect(remainingFor(item, mine)).toBe(expected);
  });
});

describe('a redemption’s status', () => {
  it.each([
    [0, 'COMPLETED'],
    [1, 'PENDING_PAYMENT'],
    [990, 'PENDING_PAYMENT'],
  ])('cash %i → %s', (cash, status) => {
    expect(statusOnRedeem(cash)).toBe(status);
  });
  it.each([
    ['COMPLETED', true],
    ['PENDING_PAYMENT', true],
    ['CANCELLED', false],
  ])('%s counts toward the limit: %s', (status, counts) => {
    expect(countsTowardLimit(status)).toBe(counts);
  });
});
