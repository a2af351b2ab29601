import { priceOrder, type PricingLine, type StageLine } from '../pricing/price-order.policy';
import {
  claimRefusal,
  couponTitle,
  couponUse,
  effectiveStatus,
  promotionApplies,
  templateProblems,
  validityOnClaim,
  type ClaimFacts,
  type HeldCoupon,
  type TemplateDraft,
} from './coupon.policy';

const now = new Date('2026-11-25T04:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

const draft: TemplateDraft = {
  kind: 'AMOUNT_OFF',
  threshold: 10_000,
  amount: 2_000,
  percentBp: null,
  cap: null,
  scope: 'ALL',
  scopeIds: [],
  stackWithPromotions: true,
  validity: 'DAYS',
  validFrom: null,
  validTo: null,
  validDays: 7,
  totalQuantity: 100,
  perUserLimit: 1,
  channel: 'CENTER',
  communityId: null,
};

describe('templateProblems', () => {
  it.each<[string, Partial<TemplateDraft>, string[]]>([
    ['a 满100减20', {}, []],
    ['满减 worth its threshold exactly', { amount: 10_000 }, []],
    ['满减 worth more than its threshold', { amount: 10_001 }, ['amount']],
    ['满减 without threshold', { threshold: 0 }, ['threshold']],
    ['满减 of 0', { amount: 0 }, ['amount']],
    ['满减 with a cap', { cap: 500 }, ['cap']],
    ['无门槛 减10', { kind: 'NO_THRESHOLD', threshold: 0, amount: 1_000 }, []],
    ['无门槛 with a threshold', { kind: 'NO_THRESHOLD', threshold: 100, amount: 1_000 }, ['threshold']],
    ['8.5折 capped at 50', { kind: 'PERCENT_OFF', amount: 0, percentBp: 8_500, cap: 5_000 }, []],
    ['折扣 without a cap', { kind: 'PERCENT_OFF', amount: 0, percentBp: 8_500 }, ['cap']],
    ['a 120% discount (kept −20%)', { kind: 'PERCENT_OFF', amount: 0, percentBp: 12_000, cap: 100 }, ['percentBp']],
    ['a 100% discount (0 kept)', { kind: 'PERCENT_OFF', amount: 0, percentBp: 0, cap: 100 }, ['percentBp']],
    ['no discount at all (10000 kept)', { kind: 'PERCENT_OFF', amount: 0, percentBp: 10_000, cap: 100 }, ['percentBp']],
    ['折扣 with an amount', { kind: 'PERCENT_OFF', amount: 5, percentBp: 9_000, cap: 100 }, ['amount']],
    ['fixed window', { validity: 'FIXED', validDays: null, validFrom: hours(0), validTo: hours(1) }, []],
    [
      'fixed window backwards',
      { validity: 'FIXED', validDays: null, validFrom: hours(1), validTo: hours(1) },
      ['validTo'],
    ],
    ['fixed window without ends', { validity: 'FIXED', validDays: null }, ['validFrom', 'validTo']],
    ['days of 0', { validDays: 0 }, ['validDays']],
    ['days with a window', { validFrom: hours(0) }, ['validFrom']],
    ['category scope without ids', { scope: 'CATEGORIES' }, ['scopeIds']],
    ['ALL with ids', { scopeIds: ['1'] }, ['scopeIds']],
    ['repeated ids', { scope: 'PRODUCTS', scopeIds: ['1', '1'] }, ['scopeIds']],
    ['limit above quantity', { perUserLimit: 101 }, ['perUserLimit']],
    ['community coupon without community', { channel: 'COMMUNITY' }, ['communityId']],
    ['centre coupon with a community', { communityId: '3' }, ['communityId']],
  ])('%s', (_name, change, fields) => {
    expect(templateProblems({ ...draft, ...change }).map((p) => p.path)).toEqual(fields);
  });
});

describe('couponTitle', () => {
  it.each<[Partial<TemplateDraft>, string]>([
    [{}, '满100减20'],
    [{ threshold: 19_900, amount: 2_050 }, '满199减20.5'],
    [{ kind: 'NO_THRESHOLD', threshold: 0, amount: 1_000 }, '无门槛减10'],
    [{ kind: 'PERCENT_OFF', threshold: 0, amount: 0, percentBp: 8_500, cap: 5_000 }, '8.5折 最高减50'],
    [{ kind: 'PERCENT_OFF', threshold: 5_000, amount: 0, percentBp: 9_000, cap: 1_000 }, '满50享9折 最高减10'],
  ])('%j → %s', (change, title) => {
    expect(couponTitle({ ...draft, ...change })).toBe(title);
  });
});

const line = (
  index: number,
  amount: number,
  change: Partial<StageLine> = {},
  pl: Partial<PricingLine> = {},
): StageLine => ({
  index,
  line: {
    skuId: String(100 + index),
    productId: String(10 + index),
    categoryId: index % 2 ? 'c-odd' : 'c-even',
    title: `line ${index}`,
    quantity: 1,
    skuPrice: amount,
    memberDayEligible: false,
    pointsExchangeable: true,
    ...pl,
  },
  isGift: false,
  unitPrice: amount,
  priceSource: 'SKU',
  goodsAmount: amount,
  amount,
  ...change,
});

const held: HeldCoupon = { ...draft, status: 'AVAILABLE', validFrom: hours(-1), validTo: hours(24) };

describe('couponUse', () => {
  const cart = [line(0, 6_000), line(1, 5_000)];
  it.each<[string, Partial<HeldCoupon>, StageLine[], ReturnType<typeof couponUse>]>([
    ['满100减20 on 110', {}, cart, { usable: true, amount: 2_000, lineIndexes: [0, 1] }],
    [
      'a promotion on the order that does not stack with coupons',
      {},
      [line(0, 6_000, { couponExcluded: true }), line(1, 5_000, { couponExcluded: true })],
      { usable: false, reason: 'NOT_STACKABLE', amount: 0 },
    ],
    ['threshold met exactly', { threshold: 11_000 }, cart, { usable: true, amount: 2_000, lineIndexes: [0, 1] }],
    [
      'below the threshold by a fen',
      { threshold: 11_001 },
      cart,
      { usable: false, reason: 'BELOW_THRESHOLD', amount: 0 },
    ],
    [
      'threshold on the subtotal after step 2 (满减 took 20)',
      {},
      [line(0, 6_000, { amount: 5_000 }), line(1, 5_000, { amount: 4_000 })],
      { usable: false, reason: 'BELOW_THRESHOLD', amount: 0 },
    ],
    [
      'scope: categories counts only their lines',
      { scope: 'CATEGORIES', scopeIds: ['c-even'], threshold: 6_000 },
      cart,
      { usable: true, amount: 2_000, lineIndexes: [0] },
    ],
    [
      'scope: the category subtotal is below the threshold',
      { scope: 'CATEGORIES', scopeIds: ['c-odd'] },
      cart,
      { usable: false, reason: 'BELOW_THRESHOLD', amount: 0 },
    ],
    [
      'scope: products',
      { scope: 'PRODUCTS', scopeIds: ['11'], threshold: 1_000 },
      cart,
      { usable: true, amount: 2_000, lineIndexes: [1] },
    ],
    [
      'scope: nothing in it',
      { scope: 'PRODUCTS', scopeIds: ['99'] },
      cart,
      { usable: false, reason: 'OUT_OF_SCOPE', amount: 0 },
    ],
    [
      '8.5折 floored to the fen',
      { kind: 'PERCENT_OFF', threshold: 0, amount: 0, percentBp: 8_500, cap: 100_000 },
      [line(0, 3_333)],
      { usable: true, amount: 499, lineIndexes: [0] },
    ],
    [
      '8.5折 capped',
      { kind: 'PERCENT_OFF', threshold: 0, amount: 0, percentBp: 8_500, cap: 1_000 },
      cart,
      { usable: true, amount: 1_000, lineIndexes: [0, 1] },
    ],
    [
      '折扣 on 1 fen is worth nothing',
      { kind: 'PERCENT_OFF', threshold: 0, amount: 0, percentBp: 9_900, cap: 1_000 },
      [line(0, 1)],
      { usable: false, reason: 'NO_DISCOUNT', amount: 0 },
    ],
    [
      '无门槛 never above the eligible amount',
      { kind: 'NO_THRESHOLD', threshold: 0, amount: 5_000 },
      [line(0, 3_000)],
      { usable: true, amount: 3_000, lineIndexes: [0] },
    ],
    [
      'gift lines are never eligible',
      { kind: 'NO_THRESHOLD', threshold: 0, amount: 500 },
      [line(0, 3_000), line(1, 0, { isGift: true, goodsAmount: 0 })],
      { usable: true, amount: 500, lineIndexes: [0] },
    ],
    ['used', { status: 'USED' }, cart, { usable: false, reason: 'USED', amount: 0 }],
    ['locked by another order', { status: 'LOCKED' }, cart, { usable: false, reason: 'IN_USE', amount: 0 }],
    ['expired by time', { validTo: now }, cart, { usable: false, reason: 'EXPIRED', amount: 0 }],
    ['expired by status', { status: 'EXPIRED' }, cart, { usable: false, reason: 'EXPIRED', amount: 0 }],
    ['not yet valid', { validFrom: hours(1) }, cart, { usable: false, reason: 'NOT_STARTED', amount: 0 }],
    [
      'non-stacking with a 满减 on the order',
      { stackWithPromotions: false },
      [line(0, 6_000, { amount: 5_500 }), line(1, 5_000)],
      { usable: false, reason: 'NOT_STACKABLE', amount: 0 },
    ],
    [
      'non-stacking with a flash-sale line',
      { stackWithPromotions: false, threshold: 1_000 },
      [line(0, 6_000, { priceSource: 'FLASH_SALE' })],
      { usable: false, reason: 'NOT_STACKABLE', amount: 0 },
    ],
    [
      'non-stacking without promotions (a member-day price is not one)',
      { stackWithPromotions: false, threshold: 1_000 },
      [line(0, 6_000, { priceSource: 'MEMBER_DAY' })],
      { usable: true, amount: 2_000, lineIndexes: [0] },
    ],
    [
      'stacking with a 满减',
      { threshold: 9_000 },
      [line(0, 6_000, { amount: 5_500 }), line(1, 5_000)],
      { usable: true, amount: 2_000, lineIndexes: [0, 1] },
    ],
  ])('%s', (_name, change, lines, expected) => {
    expect(couponUse({ ...held, ...change }, lines, now)).toEqual(expected);
  });

  it('priced by priceOrder: allocated by largest remainder over the eligible lines only', () => {
    const coupon = { ...held, scope: 'PRODUCTS' as const, scopeIds: ['11', '12'], threshold: 1_000, amount: 1_000 };
    const lines: PricingLine[] = [3_000, 3_333, 6_667].map((price, i) => line(i, price).line);
    const priced = priceOrder(
      { lines, couponId: '7' },
      {
        activityPrice: () => null,
        promotions: () => ({ discounts: [] }),
        coupon: (stage) => {
          const use = couponUse(coupon, stage, now);
          return use.usable
            ? { couponId: '7', amount: use.amount, lineIndexes: use.lineIndexes }
            : { rejected: use.reason };
        },
        points: () => null,
      },
    );
    expect(priced.couponDiscount).toBe(1_000);
    expect(priced.lines.map((l) => l.couponDiscount)).toEqual([0, 333, 667]);
  });
});

describe('promotionApplies', () => {
  it.each<[string, StageLine[], boolean]>([
    ['plain lines', [line(0, 100)], false],
    ['a 满减 share', [line(0, 100, { amount: 90 })], true],
    ['a gift line', [line(0, 100), line(1, 0, { isGift: true })], true],
    ['a flash-sale price', [line(0, 100, { priceSource: 'FLASH_SALE' })], true],
    ['a group-buy price', [line(0, 100, { priceSource: 'GROUP_BUY' })], false],
  ])('%s → %s', (_name, lines, expected) => expect(promotionApplies(lines)).toBe(expected));
});

describe('effectiveStatus and validityOnClaim', () => {
  it.each<[HeldCoupon['status'], Date, string]>([
    ['AVAILABLE', hours(1), 'AVAILABLE'],
    ['AVAILABLE', now, 'EXPIRED'],
    ['USED', hours(-1), 'USED'],
    ['LOCKED', hours(-1), 'LOCKED'],
  ])('%s until %s → %s', (status, validTo, expected) => expect(effectiveStatus(status, validTo, now)).toBe(expected));

  it('DAYS: N × 24 h from the claim; FIXED: the window', () => {
    expect(validityOnClaim({ validity: 'DAYS', validFrom: null, validTo: null, validDays: 3 }, now)).toEqual({
      validFrom: now,
      validTo: hours(72),
    });
    expect(
      validityOnClaim({ validity: 'FIXED', validFrom: hours(-5), validTo: hours(5), validDays: null }, now),
    ).toEqual({
      validFrom: hours(-5),
      validTo: hours(5),
    });
  });
});

describe('claimRefusal', () => {
  const facts: ClaimFacts = {
    status: 'ACTIVE',
    channel: 'CENTER',
    validity: 'DAYS',
    validTo: null,
    remaining: 10,
    claimedByMe: 0,
    perUserLimit: 1,
    memberDay: false,
    memberLevelOk: false,
    newCustomer: false,
  };
  it.each<[string, Partial<ClaimFacts>, string | null]>([
    ['claimable', {}, null],
    ['disabled', { status: 'DISABLED' }, 'DISABLED'],
    ['a repurchase coupon is granted, not claimed', { channel: 'REPURCHASE' }, 'NOT_CLAIMABLE'],
    ['a points-mall coupon', { channel: 'POINTS_MALL' }, 'NOT_CLAIMABLE'],
    ['a community coupon', { channel: 'COMMUNITY' }, 'NOT_CLAIMABLE'],
    ['fixed window over', { validity: 'FIXED', validTo: now }, 'CLAIM_ENDED'],
    ['member day: not today', { channel: 'MEMBER_DAY' }, 'NOT_MEMBER_DAY'],
    ['member day: wrong level', { channel: 'MEMBER_DAY', memberDay: true }, 'MEMBER_LEVEL_REQUIRED'],
    ['member day: today', { channel: 'MEMBER_DAY', memberDay: true, memberLevelOk: true }, null],
    ['new customer: has paid before', { channel: 'NEW_CUSTOMER' }, 'NEW_CUSTOMERS_ONLY'],
    ['new customer', { channel: 'NEW_CUSTOMER', newCustomer: true }, null],
    ['at the per-user limit', { claimedByMe: 1 }, 'LIMIT_REACHED'],
    ['sold out', { remaining: 0 }, 'SOLD_OUT'],
  ])('%s', (_name, change, expected) => expect(claimRefusal({ ...facts, ...change }, now)).toBe(expected));
});
