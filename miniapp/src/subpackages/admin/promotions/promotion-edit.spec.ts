import { PromotionUpdateRequest, type PromotionView } from '@weshop/shared';
import { editableInMode, formToPromotionPatch, promotionEditMode, promotionToForm } from './promotion-edit';
import { formToPromotion } from './promotion-form';

// Seconds in the stored times: the form shows them to the minute.
const startsAt = new Date(2026, 10, 24, 9, 30, 45).toISOString();
const endsAt = new Date(2026, 10, 25, 9, 30, 12).toISOString();

const view = (patch: Partial<PromotionView>): PromotionView => ({
  id: '9',
  type: 'FLASH_SALE',
  title: '周末秒杀',
  startsAt,
  endsAt,
  status: 'ACTIVE',
  scope: 'ALL',
  scopeIds: [],
  tiers: [],
  skus: [{ skuId: '12', price: 5_050, quota: 100, sold: 7, perUserLimit: 2 }],
  earnsCommission: null,
  earnsPoints: true,
  stackWithCoupon: true,
  memberDayOnly: false,
  gift: null,
  bundle: null,
  buyXGetY: null,
  ...patch,
});

describe('promotionEditMode', () => {
  const before = Date.parse(startsAt) - 1;
  const during = Date.parse(startsAt) + 1;
  const after = Date.parse(endsAt);
  it.each([
    ['not started', view({}), before, 'ALL'],
    ['running', view({}), during, 'RUNNING'],
    ['ended', view({}), after, null],
    ['disabled before the start', view({ status: 'DISABLED' }), before, null],
  ] as const)('%s', (_name, p, now, expected) => {
    expect(promotionEditMode(p, now)).toBe(expected);
  });
});

describe('editableInMode', () => {
  it.each([
    ['CREATE', 'type', true],
    ['ALL', 'type', false],
    ['ALL', 'skus.0.price', true],
    ['ALL', 'startsAt', true],
    ['RUNNING', 'title', true],
    ['RUNNING', 'endsAt', true],
    ['RUNNING', 'skus.3.quota', true],
    ['RUNNING', 'skus.0.price', false],
    ['RUNNING', 'skus', false],
    ['RUNNING', 'startsAt', false],
    ['RUNNING', 'stackWithCoupon', false],
    ['RUNNING', 'tiers', false],
    [null, 'title', false],
  ] as const)('%s: %s → %s', (mode, path, expected) => {
    expect(editableInMode(mode, path)).toBe(expected);
  });
});

describe('promotionToForm', () => {
  it.each<[string, Partial<PromotionView>, Record<string, unknown>]>([
    ['限时秒杀', {}, { skus: [{ skuId: '12', price: 5_050, quota: 100, perUserLimit: 2 }] }],
    [
      '满减',
      {
        type: 'FULL_REDUCTION',
        skus: [],
        scope: 'PRODUCTS',
        scopeIds: ['3', '4'],
        tiers: [
          { threshold: 10_000, amount: 1_000 },
          { threshold: 20_000, amount: 2_550 },
        ],
      },
      {
        scope: 'PRODUCTS',
        scopeIds: ['3', '4'],
        tiers: [
          { threshold: 10_000, amount: 1_000 },
          { threshold: 20_000, amount: 2_550 },
        ],
      },
    ],
    [
      '满赠',
      { type: 'FULL_GIFT', skus: [], gift: { threshold: 9_900, giftSkuId: '40', giftQuantity: 2 }, earnsPoints: false },
      { scope: 'ALL', scopeIds: [], threshold: 9_900, giftSkuId: '40', giftQuantity: 2, earnsPoints: false },
    ],
    [
      '组合优惠',
      {
        type: 'BUNDLE',
        skus: [],
        bundle: {
          items: [
            { skuId: '12', quantity: 1 },
            { productId: '7', quantity: 2 },
          ],
          price: 8_880,
        },
      },
      {
        items: [
          { skuId: '12', quantity: 1 },
          { productId: '7', quantity: 2 },
        ],
        price: 8_880,
      },
    ],
    [
      '买X送Y',
      {
        type: 'BUY_X_GET_Y',
        skus: [],
        memberDayOnly: true,
        earnsCommission: false,
        buyXGetY: { buyQuantity: 3, getQuantity: 1, maxGiftsPerOrder: 5 },
      },
      {
        scope: 'ALL',
        scopeIds: [],
        memberDayOnly: true,
        earnsCommission: false,
        buyQuantity: 3,
        getQuantity: 1,
        maxGiftsPerOrder: 5,
      },
    ],
  ])('%s reads back as the same request (times to the minute)', (_name, patch, expected) => {
    const p = view(patch);
    const result = formToPromotion(promotionToForm(p));
    expect(result).toEqual({
      ok: true,
      request: {
        type: p.type,
        title: '周末秒杀',
        startsAt: new Date(2026, 10, 24, 9, 30).toISOString(),
        endsAt: new Date(2026, 10, 25, 9, 30).toISOString(),
        memberDayOnly: false,
        stackWithCoupon: true,
        earnsPoints: true,
        earnsCommission: null,
        ...expected,
      },
    });
  });

  it('shows each flash SKU with what it sold', () => {
    expect(promotionToForm(view({})).skus).toEqual([
      { skuId: '12', label: 'SKU 12 · 已售 7', price: '50.5', quota: '100', perUserLimit: '2' },
    ]);
  });
});

describe('formToPromotionPatch', () => {
  const original = promotionToForm(view({}));
  it.each<[string, Partial<typeof original>, unknown]>([
    ['nothing touched', {}, 'unchanged'],
    ['the title', { title: '加场秒杀' }, { title: '加场秒杀' }],
    ['the end', { endsAt: '2026-11-26 20:00' }, { endsAt: new Date(2026, 10, 26, 20, 0).toISOString() }],
    [
      'a quota: the SKUs as they are, the quota raised',
      { skus: [{ ...original.skus[0], quota: '150' }] },
      { skus: [{ skuId: '12', price: 5_050, quota: 150, perUserLimit: 2 }] },
    ],
    ['a flag', { earnsPoints: false }, { earnsPoints: false }],
  ])('%s', (_name, change, expected) => {
    const result = formToPromotionPatch(original, { ...original, ...change });
    if (expected === 'unchanged') return expect(result).toBe('unchanged');
    expect(result).toEqual({ ok: true, patch: expected });
    if (result !== 'unchanged' && result.ok) expect(PromotionUpdateRequest.safeParse(result.patch).success).toBe(true);
  });

  it('checks the edited form like a new one', () => {
    const result = formToPromotionPatch(original, { ...original, skus: [{ ...original.skus[0], quota: 'x' }] });
    expect(result).toEqual({ ok: false, issues: [{ path: 'skus.0.quota', message: expect.any(String) }] });
    const late = formToPromotionPatch(original, { ...original, endsAt: '2026-11-20 10:00' });
    expect(late).toMatchObject({ ok: false, issues: [{ path: 'endsAt' }] });
  });
});
