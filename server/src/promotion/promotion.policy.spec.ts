import { PromotionCreateRequest } from '@weshop/shared';
import type { PriceSource, StageLine } from '../pricing/price-order.policy';
import {
  flashSaleRefusal,
  flashUnitPrice,
  fullReductionStage,
  inScope,
  isRunning,
  reductionTier,
  tierLabel,
  windowsOverlap,
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
    ['an unknown field', { ...reduction, discountBp: 1 }, ['']],
  ])('%s', (_name, body, expected) => {
    expect(paths(body)).toEqual(expected);
  });
});
