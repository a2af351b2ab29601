import { PromotionUpdateRequest, type PromotionCreateRequest } from '@weshop/shared';
import {
  gateAdjustments,
  planPromotionEdit,
  promotionPhase,
  runningSkuIssues,
  type PromotionAsItStands,
} from './promotion-edit.policy';

const at = (iso: string) => new Date(iso);
const START = '2026-06-01T00:00:00.000Z';
const END = '2026-06-02T00:00:00.000Z';
const BEFORE = at('2026-05-31T12:00:00Z');
const DURING = at('2026-06-01T12:00:00Z');
const AFTER = at('2026-06-02T00:00:00Z');

const common = {
  title: '周末秒杀',
  startsAt: START,
  endsAt: END,
  earnsCommission: null,
  earnsPoints: true,
  stackWithCoupon: true,
  memberDayOnly: false,
};
const flash: PromotionCreateRequest = {
  ...common,
  type: 'FLASH_SALE',
  skus: [
    { skuId: '11', price: 5_000, quota: 10, perUserLimit: 2 },
    { skuId: '12', price: 3_000, quota: 5, perUserLimit: 1 },
  ],
};
const reduction: PromotionCreateRequest = {
  ...common,
  type: 'FULL_REDUCTION',
  scope: 'ALL',
  scopeIds: [],
  tiers: [{ threshold: 10_000, amount: 1_000 }],
};

const standing = (body: PromotionCreateRequest, extra: Partial<PromotionAsItStands> = {}): PromotionAsItStands => ({
  body,
  status: 'ACTIVE',
  sold: new Map(),
  ...extra,
});
/** The patch as the controller hands it over (parsed by the contract). */
const patch = (body: unknown) => PromotionUpdateRequest.parse(body);

describe('promotionPhase', () => {
  const window = { status: 'ACTIVE' as const, startsAt: at(START), endsAt: at(END) };
  it.each([
    ['before the start', window, BEFORE, 'UPCOMING'],
    ['at the start', window, at(START), 'RUNNING'],
    ['inside', window, DURING, 'RUNNING'],
    ['at the end (exclusive)', window, AFTER, 'ENDED'],
    ['disabled before the start', { ...window, status: 'DISABLED' as const }, BEFORE, 'DISABLED'],
    ['disabled after the end', { ...window, status: 'DISABLED' as const }, AFTER, 'DISABLED'],
  ] as const)('%s', (_name, p, now, expected) => {
    expect(promotionPhase(p, now)).toBe(expected);
  });
});

describe('planPromotionEdit: what may change where the promotion stands', () => {
  const newSkus = [{ skuId: '13', price: 100, quota: 3, perUserLimit: 1 }];
  it.each([
    // not started: every field but the type
    ['not started: title', flash, BEFORE, { title: '新标题' }, 'ok'],
    [
      'not started: window, SKUs, flags',
      flash,
      BEFORE,
      {
        startsAt: '2026-06-03T00:00:00Z',
        endsAt: '2026-06-04T00:00:00Z',
        skus: newSkus,
        memberDayOnly: true,
        earnsPoints: false,
        stackWithCoupon: false,
        earnsCommission: false,
      },
      'ok',
    ],
    ['not started: a flash price', flash, BEFORE, { skus: [{ ...flash.skus[0], price: 4_000 }] }, 'ok'],
    ['not started: 满减 tiers and scope', reduction, BEFORE, { scope: 'PRODUCTS', scopeIds: ['5'] }, 'ok'],
    ['not started: the same type sent', flash, BEFORE, { type: 'FLASH_SALE', title: 'x' }, 'ok'],
    ['not started: another type', flash, BEFORE, { type: 'FULL_REDUCTION' }, 'TYPE_FIXED'],
    ['running: another type', reduction, DURING, { type: 'FLASH_SALE' }, 'TYPE_FIXED'],
    // running: the title, the end, raised quotas
    ['running: title', flash, DURING, { title: '加场' }, 'ok'],
    ['running: end extended', flash, DURING, { endsAt: '2026-06-05T00:00:00Z' }, 'ok'],
    ['running: end shortened', flash, DURING, { endsAt: '2026-06-01T18:00:00Z' }, 'ok'],
    ['running: end in the past', flash, DURING, { endsAt: '2026-06-01T06:00:00Z' }, 'INVALID'],
    ['running: end before the start', flash, DURING, { endsAt: '2026-05-31T00:00:00Z' }, 'MALFORMED'],
    ['running: a quota raised', flash, DURING, { skus: [{ ...flash.skus[0], quota: 20 }, flash.skus[1]] }, 'ok'],
    ['running: SKUs in another order, unchanged', flash, DURING, { skus: [flash.skus[1], flash.skus[0]] }, 'ok'],
    ['running: a quota lowered', flash, DURING, { skus: [{ ...flash.skus[0], quota: 8 }, flash.skus[1]] }, 'LOCKED'],
    ['running: a price', flash, DURING, { skus: [{ ...flash.skus[0], price: 4_000 }, flash.skus[1]] }, 'LOCKED'],
    ['running: a limit', flash, DURING, { skus: [{ ...flash.skus[0], perUserLimit: 3 }, flash.skus[1]] }, 'LOCKED'],
    ['running: a SKU removed', flash, DURING, { skus: [flash.skus[0]] }, 'LOCKED'],
    ['running: a SKU added', flash, DURING, { skus: [...flash.skus, ...newSkus] }, 'LOCKED'],
    ['running: the start', flash, DURING, { startsAt: '2026-05-31T00:00:00Z' }, 'LOCKED'],
    ['running: the start sent as it is (+08:00)', flash, DURING, { startsAt: '2026-06-01T08:00:00+08:00' }, 'ok'],
    ['running: a flag', flash, DURING, { stackWithCoupon: false }, 'LOCKED'],
    ['running: a flag sent as it is', flash, DURING, { stackWithCoupon: true, title: 'y' }, 'ok'],
    ['running: 满减 tiers', reduction, DURING, { tiers: [{ threshold: 10_000, amount: 2_000 }] }, 'LOCKED'],
    // history
    ['ended', flash, AFTER, { title: 'x' }, 'NOT_EDITABLE'],
    // validation as create
    ['not started: a field of another type', flash, BEFORE, { tiers: [{ threshold: 100, amount: 10 }] }, 'MALFORMED'],
    ['not started: limit above the quota', flash, BEFORE, { skus: [{ ...newSkus[0], perUserLimit: 5 }] }, 'MALFORMED'],
    ['not started: scope ids with scope ALL', reduction, BEFORE, { scopeIds: ['5'] }, 'MALFORMED'],
    ['not started: the end already past', flash, BEFORE, { endsAt: '2026-05-31T06:00:00Z' }, 'MALFORMED'],
  ] as const)('%s', (_name, body, now, change, expected) => {
    const plan = planPromotionEdit(standing(body), patch(change), now);
    expect(plan.ok ? 'ok' : plan.refusal).toBe(expected);
  });

  it('refuses a disabled promotion whatever the time', () => {
    const plan = planPromotionEdit(standing(flash, { status: 'DISABLED' }), patch({ title: 'x' }), BEFORE);
    expect(plan).toEqual({ ok: false, refusal: 'NOT_EDITABLE', phase: 'DISABLED' });
  });

  it('keeps what the patch leaves out and names the locked paths', () => {
    const plan = planPromotionEdit(standing(flash), patch({ title: '新', endsAt: '2026-06-03T00:00:00Z' }), DURING);
    expect(plan).toMatchObject({
      ok: true,
      phase: 'RUNNING',
      body: { ...flash, title: '新', endsAt: '2026-06-03T00:00:00Z' },
    });
    const locked = planPromotionEdit(
      standing(flash),
      patch({ memberDayOnly: true, skus: [{ ...flash.skus[0], price: 1 }, flash.skus[1]] }),
      DURING,
    );
    expect(locked).toMatchObject({ ok: false, refusal: 'LOCKED' });
    expect(!locked.ok && 'fields' in locked && locked.fields.map((f) => f.path)).toEqual([
      'memberDayOnly',
      'skus.0.price',
    ]);
  });

  it('tells the gate how much a running quota grew, and to reseed an edited sale not yet started', () => {
    const raised = planPromotionEdit(
      standing(flash),
      patch({
        skus: [
          { ...flash.skus[0], quota: 25 },
          { ...flash.skus[1], quota: 5 },
        ],
      }),
      DURING,
    );
    expect(raised).toMatchObject({ ok: true, gate: [{ skuId: '11', raiseBy: 15 }] });
    const moved = planPromotionEdit(standing(flash, { sold: new Map() }), patch({ skus: newSkus }), BEFORE);
    expect(moved).toMatchObject({
      ok: true,
      gate: [
        { skuId: '11', reseed: true },
        { skuId: '12', reseed: true },
        { skuId: '13', reseed: true },
      ],
    });
  });

  it('refuses a quota below what its SKU sold, and to drop a SKU that sold units', () => {
    const sold = { sold: new Map([['11', 4]]) };
    const below = planPromotionEdit(standing(flash, sold), patch({ skus: [{ ...flash.skus[0], quota: 3 }] }), BEFORE);
    expect(below).toMatchObject({ ok: false, refusal: 'INVALID', fields: [{ path: 'skus.0.quota' }] });
    const dropped = planPromotionEdit(standing(flash, sold), patch({ skus: newSkus }), BEFORE);
    expect(dropped).toMatchObject({ ok: false, refusal: 'INVALID', fields: [{ path: 'skus' }] });
  });
});

describe('runningSkuIssues', () => {
  const was = flash.type === 'FLASH_SALE' ? flash.skus : [];
  it.each([
    ['unchanged', was, []],
    ['quota raised', [{ ...was[0], quota: 11 }, was[1]], []],
    ['quota lowered', [{ ...was[0], quota: 9 }, was[1]], ['skus.0.quota']],
    ['price and limit', [was[0], { ...was[1], price: 1, perUserLimit: 2 }], ['skus.1.price', 'skus.1.perUserLimit']],
    ['one missing', [was[0]], ['skus']],
    ['one swapped for another', [was[0], { ...was[1], skuId: '99' }], ['skus']],
  ])('%s', (_name, sent, paths) => {
    expect(runningSkuIssues(was, sent).map((i) => i.path)).toEqual(paths);
  });
});

describe('gateAdjustments', () => {
  const was = [
    { skuId: '1', price: 1, quota: 10, perUserLimit: 1 },
    { skuId: '2', price: 1, quota: 10, perUserLimit: 1 },
  ];
  it.each([
    ['running, nothing raised', 'RUNNING', was, []],
    ['running, one raised', 'RUNNING', [{ ...was[0], quota: 13 }, was[1]], [{ skuId: '1', raiseBy: 3 }]],
    [
      'not started: every SKU before and after',
      'UPCOMING',
      [{ ...was[1], skuId: '3' }],
      [
        { skuId: '1', reseed: true },
        { skuId: '2', reseed: true },
        { skuId: '3', reseed: true },
      ],
    ],
  ] as const)('%s', (_name, phase, now, expected) => {
    expect(gateAdjustments(phase, was, now)).toEqual(expected);
  });
});

describe('PromotionUpdateRequest (the contract)', () => {
  it.each([
    ['an empty patch', {}, false],
    ['an unknown field', { colour: 'red' }, false],
    ['a bad field', { title: '' }, false],
    ['a bad quota', { skus: [{ skuId: '1', price: 1, quota: 0, perUserLimit: 1 }] }, false],
    ['a title', { title: 'x' }, true],
    ['the earnsCommission default back', { earnsCommission: null }, true],
  ])('%s', (_name, body, ok) => {
    expect(PromotionUpdateRequest.safeParse(body).success).toBe(ok);
  });
});
