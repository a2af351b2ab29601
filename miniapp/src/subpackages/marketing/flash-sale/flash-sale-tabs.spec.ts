import type { ActivePromotion } from '@weshop/shared';
import { flashItemAction, flashSaleTabs, startText, tabToShow, type FlashSaleTabs } from './flash-sale-tabs';

const sku: ActivePromotion['skus'][number] = {
  skuId: '12',
  price: 5_000,
  quota: 100,
  perUserLimit: 1,
  remaining: 100,
  productId: '7',
  title: '纯棉T恤',
  specs: {},
  cover: '',
  skuPrice: 8_000,
  stock: 20,
};
const sale = (id: string, startsAt: string, endsAt: string, type: ActivePromotion['type'] = 'FLASH_SALE') =>
  ({
    id,
    type,
    title: `活动 ${id}`,
    startsAt,
    endsAt,
    scope: 'ALL',
    scopeIds: [],
    tiers: [],
    memberDayOnly: false,
    gift: null,
    bundle: null,
    buyXGetY: null,
    skus: type === 'FLASH_SALE' ? [sku] : [],
  }) satisfies ActivePromotion;

describe('flashSaleTabs', () => {
  it('puts running sales ending soonest first and upcoming ones starting soonest first', () => {
    const tabs = flashSaleTabs({
      items: [
        sale('1', '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z'),
        sale('2', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z'),
        sale('3', '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', 'FULL_REDUCTION'),
      ],
      upcoming: [
        sale('5', '2026-06-06T00:00:00Z', '2026-06-07T00:00:00Z'),
        sale('4', '2026-06-04T00:00:00Z', '2026-06-09T00:00:00Z'),
      ],
    });
    expect(tabs.running.map((s) => s.promotionId)).toEqual(['2', '1']);
    expect(tabs.upcoming.map((s) => s.promotionId)).toEqual(['4', '5']);
    expect(tabs.upcoming[0]).toMatchObject({ startsAt: '2026-06-04T00:00:00Z', items: [{ skuId: '12', quota: 100 }] });
  });

  it('reads a server without `upcoming` as none', () => {
    expect(flashSaleTabs({ items: [] })).toEqual({ running: [], upcoming: [] });
  });
});

describe('tabToShow', () => {
  const some = flashSaleTabs({
    items: [],
    upcoming: [sale('1', '2026-06-04T00:00:00Z', '2026-06-05T00:00:00Z')],
  }).upcoming;
  const tabs = (running: number, upcoming: number): FlashSaleTabs => ({
    running: running ? some : [],
    upcoming: upcoming ? some : [],
  });
  it.each([
    ['first load, both', tabs(1, 1), null, 'RUNNING'],
    ['first load, only upcoming', tabs(0, 1), null, 'UPCOMING'],
    ['first load, none', tabs(0, 0), null, 'RUNNING'],
    ['stays on 即将开始', tabs(1, 1), 'UPCOMING', 'UPCOMING'],
    ['the last upcoming sale started', tabs(1, 0), 'UPCOMING', 'RUNNING'],
    ['the running ones ended', tabs(0, 1), 'RUNNING', 'UPCOMING'],
    ['nothing anywhere keeps the tab', tabs(0, 0), 'UPCOMING', 'UPCOMING'],
  ] as const)('%s', (_name, t, current, expected) => {
    expect(tabToShow(t, current)).toBe(expected);
  });
});

describe('startText (phone time zone)', () => {
  const now = new Date(2026, 5, 1, 9, 30).getTime();
  it.each([
    ['later today', new Date(2026, 5, 1, 20, 0), '今天 20:00 开抢'],
    ['tomorrow', new Date(2026, 5, 2, 10, 5), '明天 10:05 开抢'],
    ['in three days', new Date(2026, 5, 4, 0, 0), '6月4日 00:00 开抢'],
    ['next month', new Date(2026, 6, 2, 8, 0), '7月2日 08:00 开抢'],
  ])('%s', (_name, start, expected) => {
    expect(startText(start.toISOString(), now)).toBe(expected);
  });
});

describe('flashItemAction', () => {
  it.each([
    ['running, some left', { soldOut: false, soldPercent: 37, quota: 10 }, 'RUNNING', '马上抢', false, '已抢 37%'],
    ['running, sold out', { soldOut: true, soldPercent: 100, quota: 10 }, 'RUNNING', '已抢光', true, '已抢光'],
    ['upcoming', { soldOut: false, soldPercent: 0, quota: 10 }, 'UPCOMING', '即将开始', true, '限量 10 件'],
    [
      'upcoming, no stock yet',
      { soldOut: true, soldPercent: 100, quota: 5 },
      'UPCOMING',
      '即将开始',
      true,
      '限量 5 件',
    ],
  ] as const)('%s', (_name, item, tab, label, disabled, bar) => {
    expect(flashItemAction(item, tab)).toEqual({ label, disabled, bar });
  });
});
