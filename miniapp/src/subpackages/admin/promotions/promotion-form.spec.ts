import { PromotionCreateRequest, type AdminProductView, type PromotionView } from '@weshop/shared';
import {
  addProductSkus,
  emptyPromotionForm,
  formToPromotion,
  promotionPhaseText,
  promotionRuleText,
  promotionShownPaths,
  withType,
  type PromotionForm,
} from './promotion-form';

const NOW = new Date(2026, 10, 24, 9, 30, 45);
const startsAt = new Date(2026, 10, 24, 9, 30).toISOString();
const endsAt = new Date(2026, 10, 25, 9, 30).toISOString();

/** A form whose every type is filled in well; `patch` spoils or changes it. */
const form = (patch: Partial<PromotionForm>): PromotionForm => ({
  ...emptyPromotionForm(NOW, patch.type),
  title: ' 周末秒杀 ',
  endsAt: '2026-11-25 09:30',
  skus: [{ skuId: '12', label: null, price: '50', quota: '100', perUserLimit: '2' }],
  tiers: [{ threshold: '100', amount: '10' }],
  giftThreshold: '99',
  giftSkuId: '40',
  bundleItems: [
    { kind: 'SKU', id: '12', quantity: '1' },
    { kind: 'PRODUCT', id: '7', quantity: '2' },
  ],
  bundlePrice: '88.8',
  ...patch,
});

const common = {
  title: '周末秒杀',
  startsAt,
  endsAt,
  memberDayOnly: false,
  stackWithCoupon: true,
  earnsPoints: true,
  earnsCommission: null,
};

describe('formToPromotion: one request per type', () => {
  it.each<[string, Partial<PromotionForm>, Record<string, unknown>]>([
    [
      '限时秒杀',
      { skus: [{ skuId: '12', label: null, price: '50', quota: '100', perUserLimit: '2' }] },
      { type: 'FLASH_SALE', skus: [{ skuId: '12', price: 5_000, quota: 100, perUserLimit: 2 }] },
    ],
    [
      '满减 on two categories',
      {
        type: 'FULL_REDUCTION',
        scope: 'CATEGORIES',
        scopeIds: '3, 4',
        tiers: [
          { threshold: '100', amount: '10' },
          { threshold: '200', amount: '30' },
        ],
      },
      {
        type: 'FULL_REDUCTION',
        scope: 'CATEGORIES',
        scopeIds: ['3', '4'],
        tiers: [
          { threshold: 10_000, amount: 1_000 },
          { threshold: 20_000, amount: 3_000 },
        ],
      },
    ],
    [
      '满赠',
      { type: 'FULL_GIFT', giftThreshold: '99', giftSkuId: '40', giftQuantity: '2' },
      { type: 'FULL_GIFT', scope: 'ALL', scopeIds: [], threshold: 9_900, giftSkuId: '40', giftQuantity: 2 },
    ],
    [
      '组合优惠 of a SKU and a product',
      {
        type: 'BUNDLE',
        bundleItems: [
          { kind: 'SKU', id: '12', quantity: '1' },
          { kind: 'PRODUCT', id: '7', quantity: '2' },
        ],
        bundlePrice: '88.8',
      },
      {
        type: 'BUNDLE',
        items: [
          { skuId: '12', quantity: 1 },
          { productId: '7', quantity: 2 },
        ],
        price: 8_880,
      },
    ],
    [
      '买X送Y, member day only by default, no cap',
      { type: 'BUY_X_GET_Y', scope: 'PRODUCTS', scopeIds: '7', buyQuantity: '3', getQuantity: '1' },
      {
        type: 'BUY_X_GET_Y',
        scope: 'PRODUCTS',
        scopeIds: ['7'],
        buyQuantity: 3,
        getQuantity: 1,
        maxGiftsPerOrder: null,
        memberDayOnly: true,
      },
    ],
  ])('%s', (_, patch, expected) => {
    const result = formToPromotion(form(patch));
    expect(result).toEqual({ ok: true, request: { ...common, ...expected } });
    if (result.ok) expect(PromotionCreateRequest.safeParse(result.request).success).toBe(true);
  });
});

describe('formToPromotion: inputs that are not well-formed, by request path', () => {
  it.each<[string, Partial<PromotionForm>, string[]]>([
    ['no title', { title: ' ' }, ['title']],
    ['the end before the start', { endsAt: '2026-11-24 09:00' }, ['endsAt']],
    ['not a time', { startsAt: '明天' }, ['startsAt']],
    [
      'a SKU row typed wrong',
      { skus: [{ skuId: 'abc', label: null, price: '0', quota: '0', perUserLimit: '101' }] },
      ['skus.0.skuId', 'skus.0.price', 'skus.0.quota', 'skus.0.perUserLimit'],
    ],
    ['no SKU at all', { skus: [] }, ['skus']],
    [
      'the contract’s rules: a SKU twice, a limit above the quota',
      {
        skus: [
          { skuId: '12', label: null, price: '1', quota: '2', perUserLimit: '3' },
          { skuId: '12', label: null, price: '1', quota: '5', perUserLimit: '1' },
        ],
      },
      ['skus.0.perUserLimit', 'skus.1.skuId'],
    ],
    [
      '满减 tier amount blank',
      { type: 'FULL_REDUCTION', tiers: [{ threshold: '100', amount: '' }] },
      ['tiers.0.amount'],
    ],
    ['满减 scope with no ids', { type: 'FULL_REDUCTION', scope: 'PRODUCTS', scopeIds: '' }, ['scopeIds']],
    [
      '满赠 gift SKU missing',
      { type: 'FULL_GIFT', giftThreshold: '10', giftSkuId: '', giftQuantity: '100' },
      ['giftSkuId', 'giftQuantity'],
    ],
    [
      '组合 item id missing, by the id it names',
      { type: 'BUNDLE', bundleItems: [{ kind: 'PRODUCT', id: '', quantity: '1' }], bundlePrice: '9' },
      ['items', 'items.0.productId'],
    ],
    [
      '买X送Y X of 0',
      { type: 'BUY_X_GET_Y', buyQuantity: '0', maxGiftsPerOrder: '0' },
      ['buyQuantity', 'maxGiftsPerOrder'],
    ],
  ])('%s', (_, patch, paths) => {
    const result = formToPromotion(form(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual([...paths].sort());
  });
});

describe('the form', () => {
  it('starts now (to the minute): a day for a flash sale, a week for the others', () => {
    expect(emptyPromotionForm(NOW)).toMatchObject({ startsAt: '2026-11-24 09:30', endsAt: '2026-11-25 09:30' });
    expect(emptyPromotionForm(NOW, 'FULL_REDUCTION')).toMatchObject({ endsAt: '2026-12-01 09:30' });
  });

  it('turns 买X送Y into a member-day benefit when chosen, and keeps what was typed', () => {
    const next = withType(form({ title: 'x' }), 'BUY_X_GET_Y');
    expect(next).toMatchObject({ type: 'BUY_X_GET_Y', memberDayOnly: true, title: 'x' });
    expect(withType(next, 'FULL_GIFT').memberDayOnly).toBe(true);
  });

  it('adds a product’s SKUs after the rows already filled in, once each', () => {
    const product: Pick<AdminProductView, 'skus'> = {
      skus: [
        { id: '12', specs: { 颜色: '红' }, price: 8_000, listPrice: 9_000, stock: 3, weight: 0, code: 'a' },
        { id: '13', specs: {}, price: 7_000, listPrice: 9_000, stock: 0, weight: 0, code: 'b' },
      ],
    };
    const rows = addProductSkus(
      [
        { skuId: '12', label: null, price: '50', quota: '9', perUserLimit: '1' },
        { skuId: '', label: null, price: '', quota: '100', perUserLimit: '1' },
      ],
      product,
    );
    expect(rows.map((r) => [r.skuId, r.label, r.price])).toEqual([
      ['12', null, '50'],
      ['13', '默认规格 · 售价 ¥70.00 · 库存 0', ''],
    ]);
  });

  it.each<[PromotionForm['type'], string[]]>([
    ['FLASH_SALE', ['skus', 'skus.0', 'skus.0.price']],
    ['FULL_REDUCTION', ['scopeIds', 'tiers.0.amount']],
    ['FULL_GIFT', ['threshold', 'giftSkuId']],
    ['BUNDLE', ['items.0.skuId', 'items.1.productId', 'price']],
    ['BUY_X_GET_Y', ['buyQuantity', 'maxGiftsPerOrder']],
  ])('has a place for the messages of a %s', (type, paths) => {
    const shown = promotionShownPaths(form({ type }));
    for (const p of paths) expect(shown.has(p)).toBe(true);
    expect(shown.has(type === 'FLASH_SALE' ? 'tiers.0.amount' : 'skus.0.price')).toBe(false);
  });
});

describe('a promotion in the list', () => {
  const base = { tiers: [], skus: [], gift: null, bundle: null, buyXGetY: null };
  it.each<[string, Pick<PromotionView, 'type' | 'tiers' | 'skus' | 'gift' | 'bundle' | 'buyXGetY'>, string]>([
    [
      '满减',
      {
        ...base,
        type: 'FULL_REDUCTION',
        tiers: [
          { threshold: 10_000, amount: 1_000 },
          { threshold: 19_950, amount: 3_000 },
        ],
      },
      '满¥100减¥10；满¥199.50减¥30',
    ],
    [
      '秒杀',
      { ...base, type: 'FLASH_SALE', skus: [{ skuId: '12', price: 5_000, quota: 100, sold: 37, perUserLimit: 1 }] },
      'SKU 12 秒杀价 ¥50.00（37/100）',
    ],
    [
      '满赠',
      { ...base, type: 'FULL_GIFT', gift: { threshold: 9_900, giftSkuId: '40', giftQuantity: 1 } },
      '满¥99赠 SKU 40 ×1',
    ],
    [
      '组合',
      {
        ...base,
        type: 'BUNDLE',
        bundle: {
          items: [
            { skuId: '1', quantity: 1 },
            { productId: '7', quantity: 2 },
          ],
          price: 8_880,
        },
      },
      'SKU 1 ×1 + 商品 7 ×2 = ¥88.80',
    ],
    [
      '买X送Y',
      { ...base, type: 'BUY_X_GET_Y', buyXGetY: { buyQuantity: 2, getQuantity: 1, maxGiftsPerOrder: 3 } },
      '买2送1，每单最多送 3 件',
    ],
  ])('%s reads %j', (_, p, text) => {
    expect(promotionRuleText(p)).toBe(text);
  });

  it.each([
    ['ACTIVE', Date.parse(startsAt) - 1, '未开始'],
    ['ACTIVE', Date.parse(startsAt), '进行中'],
    ['ACTIVE', Date.parse(endsAt), '已结束'],
    ['DISABLED', Date.parse(startsAt), '已停用'],
  ] as const)('%s at %j is %s', (status, now, text) => {
    expect(promotionPhaseText({ status, startsAt, endsAt }, now)).toBe(text);
  });
});
