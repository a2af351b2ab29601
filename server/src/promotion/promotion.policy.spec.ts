import { PromotionCreateRequest } from '@weshop/shared';
import type { PriceSource, StageLine } from '../pricing/price-order.policy';
import {
  bundleListPrice,
  bundleStage,
  buyXGetYLabel,
  buyXGetYStage,
  flashSaleRefusal,
  flashUnitPrice,
  freeUnits,
  fullGiftStage,
  fullReductionStage,
  inScope,
  isRunning,
  reductionTier,
  tierLabel,
  windowsOverlap,
  type Bundle,
  type BuyXGetY,
  type FullGift,
  type FullReduction,
} from './promotion.policy';

const at = (iso: string) => new Date(iso);
const window = { status: 'ACTIVE' as const, startsAt: at('2026-06-01T00:00:00Z'), endsAt: at('2026-06-02T00:00:00Z') };

describe('isRunning (flash price applicability in the window)', () => {
  it.each([
    ['before the start', window, '2026-05-31T23:59:59.999Z', false],
    ['at the start', window, '2026-06-01T00:00:00Z', true],
    ['inside', window, '2026-06-01T12:00:00Z', true],
    ['at the end (exclusive)', window, '2026-06-02T00:00:00Z', false],
    ['disabled inside the window', { ...window, status: 'DISABLED' as const }, '2026-06-01T12:00:00Z', false],
  ])('%s', (_name, promotion, now, expected) => {
    expect(isRunning(promotion, at(now))).toBe(expected);
  });
});

describe('windowsOverlap', () => {
  it.each([
    ['same window', window, true],
    ['touching end to start', { startsAt: window.endsAt, endsAt: at('2026-06-03T00:00:00Z') }, false],
    ['one hour inside', { startsAt: at('2026-06-01T01:00:00Z'), endsAt: at('2026-06-01T02:00:00Z') }, true],
    ['before', { startsAt: at('2026-05-01T00:00:00Z'), endsAt: at('2026-05-02T00:00:00Z') }, false],
  ])('%s', (_name, other, expected) => {
    expect(windowsOverlap(window, other)).toBe(expected);
    expect(windowsOverlap(other, window)).toBe(expected);
  });
});

describe('flash sale terms', () => {
  it.each([
    ['below the SKU price', 5_000, 10_000, 5_000],
    ['equal to the SKU price', 10_000, 10_000, null],
    ['above the SKU price (SKU repriced)', 12_000, 10_000, null],
  ])('flashUnitPrice: %s', (_name, price, skuPrice, expected) => {
    expect(flashUnitPrice({ price }, skuPrice)).toBe(expected);
  });

  const terms = { price: 100, quota: 10, sold: 7, perUserLimit: 2 };
  it.each([
    ['fits quota and limit', terms, 2, 0, null],
    ['takes the last units', { ...terms, perUserLimit: 3 }, 3, 0, null],
    ['one over the quota', { ...terms, perUserLimit: 4 }, 4, 0, 'SOLD_OUT'],
    ['quota exhausted', { ...terms, sold: 10 }, 1, 0, 'SOLD_OUT'],
    ['per-user limit with earlier orders', terms, 1, 2, 'LIMIT'],
    ['exactly the per-user limit', terms, 1, 1, null],
    ['more than the limit in one order', terms, 3, 0, 'LIMIT'],
  ] as const)('flashSaleRefusal: %s', (_name, t, quantity, already, expected) => {
    expect(flashSaleRefusal(t, quantity, already)).toBe(expected);
  });
});

describe('scope and tiers', () => {
  const line = { productId: '7', categoryId: '3' };
  it.each([
    ['ALL', { scope: 'ALL' as const, scopeIds: [] }, true],
    ['its category', { scope: 'CATEGORIES' as const, scopeIds: ['3'] }, true],
    ['another category', { scope: 'CATEGORIES' as const, scopeIds: ['7'] }, false],
    ['its product', { scope: 'PRODUCTS' as const, scopeIds: ['1', '7'] }, true],
    ['another product', { scope: 'PRODUCTS' as const, scopeIds: ['3'] }, false],
  ])('inScope: %s', (_name, rule, expected) => {
    expect(inScope(rule, line)).toBe(expected);
  });

  const tiers = [
    { threshold: 29_900, amount: 4_000 },
    { threshold: 19_900, amount: 2_000 },
  ];
  it.each([
    ['below the first tier', 19_899, null],
    ['exactly the first tier', 19_900, 2_000],
    ['between tiers', 29_899, 2_000],
    ['the top tier', 29_900, 4_000],
    ['far above', 1_000_000, 4_000],
  ])('reductionTier: %s', (_name, subtotal, amount) => {
    expect(reductionTier(tiers, subtotal)?.amount ?? null).toBe(amount);
  });

  it('labels tiers in yuan', () => {
    expect(tierLabel({ threshold: 19_900, amount: 2_000 })).toBe('满199减20');
    expect(tierLabel({ threshold: 10_050, amount: 550 })).toBe('满100.5减5.5');
  });
});

function stageLine(
  index: number,
  amount: number,
  more: Partial<StageLine['line']> & { priceSource?: PriceSource } = {},
) {
  const { priceSource = 'SKU', ...line } = more;
  return {
    index,
    isGift: false,
    unitPrice: amount,
    priceSource,
    goodsAmount: amount,
    amount,
    line: {
      skuId: `s${index}`,
      productId: `p${index}`,
      categoryId: 'c1',
      title: 't',
      quantity: 1,
      skuPrice: amount,
      memberDayEligible: true,
      pointsExchangeable: true,
      ...line,
    },
  } satisfies StageLine;
}

describe('fullReductionStage (满减 on the eligible subtotal)', () => {
  const all: FullReduction = {
    id: 1,
    title: '满减',
    scope: 'ALL',
    scopeIds: [],
    tiers: [
      { threshold: 19_900, amount: 2_000 },
      { threshold: 29_900, amount: 4_000 },
    ],
  };
  const shoes: FullReduction = {
    id: 2,
    title: '鞋类',
    scope: 'CATEGORIES',
    scopeIds: ['shoes'],
    tiers: [{ threshold: 10_000, amount: 5_000 }],
  };
  const ctx = { lines: [] };
  it.each([
    ['nothing below the threshold', [all], [stageLine(0, 19_000)], []],
    [
      'the tier reached by the subtotal of two lines',
      [all],
      [stageLine(0, 15_000), stageLine(1, 15_000)],
      [{ label: '满299减40', amount: 4_000, lineIndexes: [0, 1] }],
    ],
    [
      'flash-sale and group-buy lines take no part',
      [all],
      [
        stageLine(0, 15_000),
        stageLine(1, 15_000, { priceSource: 'FLASH_SALE' }),
        stageLine(2, 9_000, { priceSource: 'GROUP_BUY' }),
      ],
      [],
    ],
    [
      'member-day lines do take part',
      [all],
      [stageLine(0, 10_000), stageLine(1, 10_000, { priceSource: 'MEMBER_DAY' })],
      [{ label: '满199减20', amount: 2_000, lineIndexes: [0, 1] }],
    ],
    [
      'scope limits the lines and the subtotal',
      [shoes],
      [stageLine(0, 12_000, { categoryId: 'shoes' }), stageLine(1, 50_000)],
      [{ label: '满100减50', amount: 5_000, lineIndexes: [0] }],
    ],
    [
      'a line joins the best reduction only; the rest go to the other',
      [all, shoes],
      [stageLine(0, 12_000, { categoryId: 'shoes' }), stageLine(1, 20_000)],
      [
        { label: '满100减50', amount: 5_000, lineIndexes: [0] },
        { label: '满199减20', amount: 2_000, lineIndexes: [1] },
      ],
    ],
    ['the subtotal is what is still payable (after step 1)', [all], [{ ...stageLine(0, 30_000), amount: 19_000 }], []],
  ])('%s', (_name, reductions, lines, expected) => {
    const outcome = fullReductionStage(reductions)(lines, ctx);
    expect(outcome.discounts.map(({ label, amount, lineIndexes }) => ({ label, amount, lineIndexes }))).toEqual(
      expected,
    );
    for (const d of outcome.discounts) expect(d.type).toBe('FULL_REDUCTION');
  });
});

describe('PromotionCreateRequest (admin validation)', () => {
  const base = {
    title: '周末满减',
    startsAt: '2026-06-01T00:00:00Z',
    endsAt: '2026-06-02T00:00:00Z',
  };
  const reduction = { ...base, type: 'FULL_REDUCTION', tiers: [{ threshold: 19_900, amount: 2_000 }] };
  const flash = { ...base, type: 'FLASH_SALE', skus: [{ skuId: '1', price: 100, quota: 10, perUserLimit: 1 }] };
  const fullGift = { ...base, type: 'FULL_GIFT', threshold: 10_000, giftSkuId: '5', giftQuantity: 1 };
  const bundle = {
    ...base,
    type: 'BUNDLE',
    items: [
      { skuId: '1', quantity: 1 },
      { productId: '2', quantity: 2 },
    ],
    price: 9_900,
  };
  const bxgy = { ...base, type: 'BUY_X_GET_Y', buyQuantity: 2, getQuantity: 1 };
  const paths = (body: unknown) => {
    const result = PromotionCreateRequest.safeParse(body);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };
  it.each([
    ['a valid 满减', reduction, []],
    ['a valid flash sale', flash, []],
    ['a 120% discount', { ...reduction, tiers: [{ threshold: 10_000, amount: 12_000 }] }, ['tiers.0.amount']],
    [
      'tiers not increasing',
      {
        ...reduction,
        tiers: [
          { threshold: 29_900, amount: 4_000 },
          { threshold: 19_900, amount: 2_000 },
        ],
      },
      ['tiers.1.threshold', 'tiers.1.amount'],
    ],
    ['window backwards', { ...reduction, endsAt: base.startsAt }, ['endsAt']],
    ['scope without ids', { ...reduction, scope: 'PRODUCTS' }, ['scopeIds']],
    ['ids with scope ALL', { ...reduction, scopeIds: ['1'] }, ['scopeIds']],
    ['no tiers', { ...reduction, tiers: [] }, ['tiers']],
    ['a zero flash price', { ...flash, skus: [{ ...flash.skus[0], price: 0 }] }, ['skus.0.price']],
    ['a limit over the quota', { ...flash, skus: [{ ...flash.skus[0], perUserLimit: 11 }] }, ['skus.0.perUserLimit']],
    ['a SKU twice', { ...flash, skus: [flash.skus[0], flash.skus[0]] }, ['skus.1.skuId']],
    ['an unknown type', { ...base, type: 'LOTTERY' }, ['type']],
    ['a valid 满赠', fullGift, []],
    ['a 满赠 without gift units', { ...fullGift, giftQuantity: 0 }, ['giftQuantity']],
    ['a 满赠 with a zero threshold', { ...fullGift, threshold: 0 }, ['threshold']],
    ['a 满赠 with a bad gift id', { ...fullGift, giftSkuId: 'x' }, ['giftSkuId']],
    ['a valid bundle', bundle, []],
    ['a bundle of one item', { ...bundle, items: [bundle.items[0]] }, ['items']],
    ['a bundle item twice', { ...bundle, items: [bundle.items[0], bundle.items[0]] }, ['items.1']],
    [
      'a bundle item with SKU and product',
      { ...bundle, items: [{ ...bundle.items[0], productId: '3' }, bundle.items[1]] },
      ['items.0'],
    ],
    ['a bundle item with neither', { ...bundle, items: [{ quantity: 1 }, bundle.items[1]] }, ['items.0']],
    ['a zero bundle price', { ...bundle, price: 0 }, ['price']],
    ['a valid 买X送Y', bxgy, []],
    ['buy 0', { ...bxgy, buyQuantity: 0 }, ['buyQuantity']],
    ['get 0', { ...bxgy, getQuantity: 0 }, ['getQuantity']],
    ['a fractional X', { ...bxgy, buyQuantity: 1.5 }, ['buyQuantity']],
    ['a zero cap', { ...bxgy, maxGiftsPerOrder: 0 }, ['maxGiftsPerOrder']],
    ['an unknown field', { ...reduction, discountBp: 1 }, ['']],
  ])('%s', (_name, body, expected) => {
    expect(paths(body)).toEqual(expected);
  });
});

/** A bought line of `quantity` units at `unitPrice` (step 1). */
function unitsLine(
  index: number,
  unitPrice: number,
  quantity: number,
  more: Partial<StageLine['line']> & { priceSource?: PriceSource } = {},
): StageLine {
  const line = stageLine(index, unitPrice * quantity, more);
  return { ...line, unitPrice, line: { ...line.line, quantity, skuPrice: unitPrice } };
}

const cup = { skuId: 'g1', productId: 'gp1', categoryId: 'gifts', title: '杯子' };

describe('fullGiftStage (满赠)', () => {
  const gift = (more: Partial<FullGift> = {}): FullGift => ({
    id: 1,
    title: '满200送杯子',
    scope: 'ALL',
    scopeIds: [],
    threshold: 20_000,
    gift: { ...cup, stock: 10 },
    giftQuantity: 1,
    ...more,
  });
  const ctx = { lines: [] };
  it.each([
    ['below the threshold: nothing', [gift()], [unitsLine(0, 9_999, 2)], [], []],
    ['at the threshold: the gift at 0', [gift()], [unitsLine(0, 10_000, 2)], [{ ...cup, quantity: 1 }], []],
    [
      'the subtotal counts step-1 prices only (a member-day line at its price)',
      [gift()],
      [unitsLine(0, 9_000, 2, { priceSource: 'MEMBER_DAY' }), unitsLine(1, 2_000, 1)],
      [{ ...cup, quantity: 1 }],
      [],
    ],
    [
      'flash-sale and group-buy lines do not count',
      [gift()],
      [unitsLine(0, 15_000, 1), unitsLine(1, 15_000, 1, { priceSource: 'FLASH_SALE' })],
      [],
      [],
    ],
    [
      'only lines in scope count',
      [gift({ scope: 'PRODUCTS', scopeIds: ['p0'] })],
      [unitsLine(0, 15_000, 1), unitsLine(1, 15_000, 1)],
      [],
      [],
    ],
    [
      'gift out of stock: no gift, a notice',
      [gift({ gift: { ...cup, stock: 0 } })],
      [unitsLine(0, 30_000, 1)],
      [],
      [{ type: 'FULL_GIFT', label: '满200送杯子', message: '赠品已送完' }],
    ],
    [
      'less stock than the gift quantity: no gift (all or nothing)',
      [gift({ gift: { ...cup, stock: 1 }, giftQuantity: 2 })],
      [unitsLine(0, 30_000, 1)],
      [],
      [{ type: 'FULL_GIFT', label: '满200送杯子', message: '赠品已送完' }],
    ],
    [
      'the units the cart buys of the gift SKU are not giftable',
      [gift({ gift: { ...cup, stock: 2 } })],
      [unitsLine(0, 30_000, 1), unitsLine(1, 100, 2, { skuId: 'g1' })],
      [],
      [{ type: 'FULL_GIFT', label: '满200送杯子', message: '赠品已送完' }],
    ],
    [
      'two gifts of the same SKU share its stock (lowest id first)',
      [
        gift({ id: 2, title: 'B', gift: { ...cup, stock: 1 } }),
        gift({ id: 1, title: 'A', gift: { ...cup, stock: 1 } }),
      ],
      [unitsLine(0, 30_000, 1)],
      [{ ...cup, quantity: 1 }],
      [{ type: 'FULL_GIFT', label: 'B', message: '赠品已送完' }],
    ],
  ])('%s', (_name, gifts, lines, expectedGifts, notices) => {
    const outcome = fullGiftStage(gifts)(lines, ctx);
    expect(outcome.discounts).toEqual([]);
    expect(
      outcome.gifts?.map(({ skuId, productId, categoryId, title, quantity }) => ({
        skuId,
        productId,
        categoryId,
        title,
        quantity,
      })),
    ).toEqual(expectedGifts);
    expect(outcome.notices).toEqual(notices);
  });

  it('carries the promotion id and its coupon setting to the gift line', () => {
    const outcome = fullGiftStage([gift({ id: 7, stackWithCoupon: false })])([unitsLine(0, 30_000, 1)], ctx);
    expect(outcome.gifts).toEqual([{ ...cup, quantity: 1, promotionId: '7', stackWithCoupon: false }]);
  });
});

describe('buyXGetYStage (买X送Y)', () => {
  const offer = (more: Partial<BuyXGetY> = {}): BuyXGetY => ({
    id: 1,
    title: '买2送1',
    scope: 'PRODUCTS',
    scopeIds: ['p0'],
    buyQuantity: 2,
    getQuantity: 1,
    maxGiftsPerOrder: null,
    ...more,
  });
  const plenty = new Map([
    ['s0', 100],
    ['s1', 100],
  ]);
  const ctx = { lines: [] };
  const giftOf = (index: number, quantity: number) => ({
    skuId: `s${index}`,
    productId: `p${index}`,
    categoryId: 'c1',
    title: 't',
    quantity,
    promotionId: '1',
  });

  it.each([
    ['below X: nothing', [offer()], [unitsLine(0, 1_000, 1)], plenty, [], 0],
    ['exactly X: Y free units of the same SKU', [offer()], [unitsLine(0, 1_000, 2)], plenty, [giftOf(0, 1)], 0],
    ['per full X: 5 bought → 2 free', [offer()], [unitsLine(0, 1_000, 5)], plenty, [giftOf(0, 2)], 0],
    [
      'buy 3 get 2: 6 bought → 4 free',
      [offer({ buyQuantity: 3, getQuantity: 2 })],
      [unitsLine(0, 1_000, 6)],
      plenty,
      [giftOf(0, 4)],
      0,
    ],
    ['out of scope: nothing', [offer()], [unitsLine(1, 1_000, 4)], plenty, [], 0],
    ['a flash-sale line: nothing', [offer()], [unitsLine(0, 1_000, 4, { priceSource: 'FLASH_SALE' })], plenty, [], 0],
    [
      'a member-day line takes part',
      [offer()],
      [unitsLine(0, 600, 2, { priceSource: 'MEMBER_DAY' })],
      plenty,
      [giftOf(0, 1)],
      0,
    ],
    ['the cap per order', [offer({ maxGiftsPerOrder: 3 })], [unitsLine(0, 1_000, 10)], plenty, [giftOf(0, 3)], 0],
    [
      'the cap counts the whole order',
      [offer({ scope: 'ALL', scopeIds: [], maxGiftsPerOrder: 3 })],
      [unitsLine(0, 1_000, 4), unitsLine(1, 1_000, 4)],
      plenty,
      [giftOf(0, 2), giftOf(1, 1)],
      0,
    ],
    [
      'stock after the bought units: what is left, and a notice',
      [offer()],
      [unitsLine(0, 1_000, 4)],
      new Map([['s0', 5]]),
      [giftOf(0, 1)],
      1,
    ],
    ['no stock left: no gift, a notice', [offer()], [unitsLine(0, 1_000, 4)], new Map([['s0', 4]]), [], 1],
    [
      'a line takes part in one 买X送Y only (lowest id)',
      [offer({ id: 2, getQuantity: 5 }), offer()],
      [unitsLine(0, 1_000, 2)],
      plenty,
      [giftOf(0, 1)],
      0,
    ],
  ] as const)('%s', (_name, offers, lines, stock, expected, notices) => {
    const outcome = buyXGetYStage(offers, stock)(lines, ctx);
    expect(outcome.discounts).toEqual([]);
    expect(outcome.gifts).toEqual(expected);
    expect(outcome.notices).toHaveLength(notices);
  });

  it.each([
    [1, 2, 1, Infinity, 0],
    [2, 2, 1, Infinity, 1],
    [7, 3, 2, Infinity, 4],
    [7, 3, 2, 3, 3],
    [5, 0, 1, Infinity, 0],
  ])('freeUnits(%i bought, buy %i get %i, cap %s) = %i', (bought, buyQuantity, getQuantity, cap, expected) => {
    expect(freeUnits(bought, { buyQuantity, getQuantity }, cap)).toBe(expected);
  });

  it('labels', () => {
    expect(buyXGetYLabel({ buyQuantity: 2, getQuantity: 1 })).toBe('买2送1');
  });
});

describe('bundleStage (组合优惠)', () => {
  const ab = (more: Partial<Bundle> = {}): Bundle => ({
    id: 1,
    title: 'A+B',
    items: [
      { skuId: 's0', quantity: 1 },
      { productId: 'p1', quantity: 1 },
    ],
    price: 8_000,
    ...more,
  });
  const ctx = { lines: [] };
  const outcomeOf = (bundles: Bundle[], lines: StageLine[]) =>
    bundleStage(bundles)(lines, ctx).discounts.map(({ type, label, amount, lineIndexes }) => ({
      type,
      label,
      amount,
      lineIndexes,
    }));

  it.each([
    ['one set', [ab()], [unitsLine(0, 6_000, 1), unitsLine(1, 4_000, 1)], [{ amount: 2_000, lineIndexes: [0, 1] }]],
    [
      'as many sets as fit',
      [ab()],
      [unitsLine(0, 6_000, 3), unitsLine(1, 4_000, 2)],
      [{ amount: 4_000, lineIndexes: [0, 1] }],
    ],
    ['half a set: nothing', [ab()], [unitsLine(0, 6_000, 3)], []],
    [
      'a product item takes units from several SKUs of the product',
      [ab()],
      [unitsLine(0, 6_000, 2), unitsLine(1, 4_000, 1), unitsLine(2, 3_000, 1, { productId: 'p1' })],
      [{ amount: 2_000 + 1_000, lineIndexes: [0, 1, 2] }],
    ],
    [
      'a set not cheaper than its units is not formed',
      [ab({ price: 10_000 })],
      [unitsLine(0, 6_000, 1), unitsLine(1, 4_000, 1)],
      [],
    ],
    [
      'at step-1 prices: a member-day price lowers the set value',
      [ab()],
      [unitsLine(0, 5_000, 1, { priceSource: 'MEMBER_DAY' }), unitsLine(1, 4_000, 1)],
      [{ amount: 1_000, lineIndexes: [0, 1] }],
    ],
    [
      'flash-sale lines take no part',
      [ab()],
      [unitsLine(0, 6_000, 1, { priceSource: 'FLASH_SALE' }), unitsLine(1, 4_000, 1)],
      [],
    ],
    [
      'a unit belongs to one set of one bundle',
      [ab(), ab({ id: 2, title: 'A+B again', price: 7_000 })],
      [unitsLine(0, 6_000, 1), unitsLine(1, 4_000, 1)],
      [{ amount: 2_000, lineIndexes: [0, 1] }],
    ],
    [
      'quantities per item',
      [
        ab({
          items: [
            { skuId: 's0', quantity: 2 },
            { productId: 'p1', quantity: 3 },
          ],
          price: 20_000,
        }),
      ],
      [unitsLine(0, 6_000, 2), unitsLine(1, 4_000, 3)],
      [{ amount: 4_000, lineIndexes: [0, 1] }],
    ],
  ])('%s', (_name, bundles, lines, expected) => {
    expect(outcomeOf(bundles, lines)).toEqual(
      expected.map((e, i) => ({ type: 'BUNDLE', label: bundles[i].title, ...e })),
    );
  });

  it.each([
    [
      'SKU and product items',
      [
        { skuId: '1', quantity: 2 },
        { productId: '9', quantity: 1 },
      ],
      2 * 3_000 + 1_500,
    ],
    ['an unknown SKU', [{ skuId: '404', quantity: 1 }], null],
    ['an unknown product', [{ productId: '404', quantity: 1 }], null],
  ])('bundleListPrice: %s', (_name, items, expected) => {
    expect(bundleListPrice(items, new Map([['1', 3_000]]), new Map([['9', 1_500]]))).toBe(expected);
  });
});
