import { CouponTemplateCreateRequest } from '@weshop/shared';
import {
  couponPatchOf,
  couponShownPaths,
  couponValidityText,
  emptyCouponForm,
  formToCouponTemplate,
  type CouponForm,
} from './coupon-form';

const NOW = new Date(2026, 10, 24, 9, 30, 45);
const form = (patch: Partial<CouponForm>): CouponForm => ({
  ...emptyCouponForm(NOW),
  name: ' 新品满减券 ',
  threshold: '100',
  amount: '20',
  ...patch,
});
const base = {
  name: '新品满减券',
  scope: 'ALL',
  scopeIds: [],
  validity: 'DAYS',
  validFrom: null,
  validTo: null,
  validDays: 30,
  totalQuantity: 100,
  perUserLimit: 1,
  stackWithPromotions: true,
  channel: 'CENTER',
  communityId: null,
};

describe('formToCouponTemplate', () => {
  it.each<[string, Partial<CouponForm>, Record<string, unknown>]>([
    ['满减券', {}, { kind: 'AMOUNT_OFF', threshold: 10_000, amount: 2_000, percentBp: null, cap: null }],
    [
      '折扣券 8.5折 最高减 50, no threshold',
      { kind: 'PERCENT_OFF', threshold: '', zhe: '8.5', cap: '50' },
      { kind: 'PERCENT_OFF', threshold: 0, amount: 0, percentBp: 8_500, cap: 5_000 },
    ],
    [
      '无门槛 ¥10 (the threshold typed is not sent)',
      { kind: 'NO_THRESHOLD', amount: '10' },
      { kind: 'NO_THRESHOLD', threshold: 0, amount: 1_000, percentBp: null, cap: null },
    ],
    [
      'a fixed window, products 7 and 9, a community drop, not stackable',
      {
        validity: 'FIXED',
        validFrom: '2026-12-01 00:00',
        validTo: '2026-12-31 23:59',
        scope: 'PRODUCTS',
        scopeIds: '7, 9',
        channel: 'COMMUNITY',
        communityId: '3',
        stackWithPromotions: false,
        totalQuantity: '500',
        perUserLimit: '2',
      },
      {
        kind: 'AMOUNT_OFF',
        threshold: 10_000,
        amount: 2_000,
        percentBp: null,
        cap: null,
        validity: 'FIXED',
        validFrom: new Date(2026, 11, 1, 0, 0).toISOString(),
        validTo: new Date(2026, 11, 31, 23, 59).toISOString(),
        validDays: null,
        scope: 'PRODUCTS',
        scopeIds: ['7', '9'],
        channel: 'COMMUNITY',
        communityId: '3',
        stackWithPromotions: false,
        totalQuantity: 500,
        perUserLimit: 2,
      },
    ],
  ])('%s', (_, patch, expected) => {
    const result = formToCouponTemplate(form(patch));
    expect(result).toEqual({ ok: true, request: { ...base, ...expected } });
    if (result.ok) expect(CouponTemplateCreateRequest.safeParse(result.request).success).toBe(true);
  });

  it('leaves the business rules to the server: a ¥120 coupon on a ¥100 threshold is sent as typed', () => {
    expect(formToCouponTemplate(form({ amount: '120' }))).toMatchObject({ ok: true, request: { amount: 12_000 } });
  });

  it.each<[string, Partial<CouponForm>, string[]]>([
    ['no name', { name: '' }, ['name']],
    ['a name too long', { name: '券'.repeat(33) }, ['name']],
    ['amount not a number', { amount: '二十' }, ['amount']],
    ['折扣 of 0 and no cap', { kind: 'PERCENT_OFF', zhe: '0', cap: '' }, ['percentBp', 'cap']],
    ['0 days', { validDays: '0' }, ['validDays']],
    ['a fixed window typed wrong', { validity: 'FIXED', validFrom: 'soon', validTo: '' }, ['validFrom', 'validTo']],
    ['scope with no ids', { scope: 'CATEGORIES', scopeIds: ' ' }, ['scopeIds']],
    ['quantities out of range', { totalQuantity: '0', perUserLimit: '101' }, ['totalQuantity', 'perUserLimit']],
    ['a community coupon without its community', { channel: 'COMMUNITY', communityId: '' }, ['communityId']],
  ])('%s', (_, patch, paths) => {
    const result = formToCouponTemplate(form(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(paths);
  });

  it.each<[Partial<CouponForm>, string[], string[]]>([
    [{}, ['threshold', 'amount', 'validDays'], ['percentBp', 'cap', 'validFrom', 'scopeIds', 'communityId']],
    [{ kind: 'PERCENT_OFF', validity: 'FIXED' }, ['threshold', 'percentBp', 'cap', 'validFrom', 'validTo'], ['amount']],
    [
      { kind: 'NO_THRESHOLD', scope: 'PRODUCTS', channel: 'COMMUNITY' },
      ['amount', 'scopeIds', 'communityId'],
      ['threshold'],
    ],
  ])('shows the fields of %j', (patch, shown, hidden) => {
    const paths = couponShownPaths(form(patch));
    for (const p of shown) expect(paths.has(p)).toBe(true);
    for (const p of hidden) expect(paths.has(p)).toBe(false);
  });
});

describe('couponPatchOf', () => {
  const template = { name: '新品满减券', totalQuantity: 100, perUserLimit: 1 };
  it.each<[string, { name: string; totalQuantity: string; perUserLimit: string }, unknown]>([
    [
      'only what changed',
      { name: '新品满减券', totalQuantity: '200', perUserLimit: '1' },
      { ok: true, body: { totalQuantity: 200 } },
    ],
    [
      'everything',
      { name: ' 老客券 ', totalQuantity: '50', perUserLimit: '2' },
      { ok: true, body: { name: '老客券', totalQuantity: 50, perUserLimit: 2 } },
    ],
    [
      'nothing',
      { name: '新品满减券', totalQuantity: '100', perUserLimit: '1' },
      { ok: false, issues: [{ path: '', message: '没有修改' }] },
    ],
    [
      'numbers typed wrong',
      { name: '新品满减券', totalQuantity: 'many', perUserLimit: '0' },
      {
        ok: false,
        issues: [expect.objectContaining({ path: 'totalQuantity' }), expect.objectContaining({ path: 'perUserLimit' })],
      },
    ],
  ])('%s', (_, edit, expected) => {
    expect(couponPatchOf(template, edit)).toEqual(expected);
  });
});

describe('couponValidityText', () => {
  it.each([
    [{ validity: 'DAYS' as const, validFrom: null, validTo: null, validDays: 30 }, '领取后 30 天内有效'],
    [{ validity: 'FIXED' as const, validFrom: 'a', validTo: 'b', validDays: null }, '[a] 至 [b]'],
  ])('%j', (t, text) => {
    expect(couponValidityText(t, (iso) => `[${iso}]`)).toBe(text);
  });
});
