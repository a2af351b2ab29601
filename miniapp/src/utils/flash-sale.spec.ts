import type { ActivePromotion } from '@weshop/shared';
import { flashSalePhase, flashSaleSessions, soldPercent, stockBarText } from './flash-sale';

describe('soldPercent', () => {
  it.each([
    [100, 100, 0],
    [100, 63, 37],
    [100, 0, 100],
    [1_000, 999, 1],
    [1_000, 1, 99],
    [3, 2, 33],
    [100, 120, 0],
    [0, 0, 100],
  ])('quota %j with %j left is %j%%', (quota, remaining, percent) => {
    expect(soldPercent(quota, remaining)).toBe(percent);
  });
});

const sku = (patch: Partial<ActivePromotion['skus'][number]>): ActivePromotion['skus'][number] => ({
  skuId: '12',
  price: 5_000,
  quota: 100,
  perUserLimit: 1,
  remaining: 63,
  productId: '7',
  title: '纯棉T恤',
  specs: { 颜色: '红', 尺码: 'M' },
  cover: 'http://x/y.png',
  skuPrice: 8_000,
  stock: 20,
  ...patch,
});

const promotion = (patch: Partial<ActivePromotion>): ActivePromotion => ({
  id: '1',
  type: 'FLASH_SALE',
  title: '周末秒杀',
  startsAt: '2026-11-24T01:00:00.000Z',
  endsAt: '2026-11-25T01:00:00.000Z',
  scope: 'ALL',
  scopeIds: [],
  tiers: [],
  memberDayOnly: false,
  gift: null,
  bundle: null,
  buyXGetY: null,
  skus: [sku({})],
  ...patch,
});

describe('flashSaleSessions', () => {
  it('keeps the flash sales, ending soonest first, sold-out SKUs last', () => {
    const sessions = flashSaleSessions({
      items: [
        promotion({ id: '1', endsAt: '2026-11-26T00:00:00.000Z' }),
        promotion({ id: '2', type: 'FULL_REDUCTION', skus: [] }),
        promotion({
          id: '3',
          endsAt: '2026-11-24T12:00:00.000Z',
          skus: [sku({ skuId: '20', remaining: 0 }), sku({ skuId: '21', stock: 0 }), sku({ skuId: '22' })],
        }),
      ],
    });
    expect(sessions.map((s) => s.promotionId)).toEqual(['3', '1']);
    expect(sessions[0].items.map((i) => [i.skuId, i.soldOut, i.soldPercent])).toEqual([
      ['22', false, 37],
      ['20', true, 100],
      ['21', true, 100],
    ]);
    expect(sessions[1].items[0]).toEqual({
      skuId: '12',
      productId: '7',
      title: '纯棉T恤',
      specs: '红 / M',
      cover: 'http://x/y.png',
      price: 5_000,
      skuPrice: 8_000,
      saving: 3_000,
      quota: 100,
      sold: 37,
      perUserLimit: 1,
      soldPercent: 37,
      soldOut: false,
    });
  });

  it('shows no saving when the flash price is not below the price', () => {
    const [session] = flashSaleSessions({ items: [promotion({ skus: [sku({ skuPrice: 4_000 })] })] });
    expect(session.items[0].saving).toBe(0);
  });
});

describe('the countdown and the bar', () => {
  const session = { startsAt: '2026-11-24T01:00:00.000Z', endsAt: '2026-11-25T01:00:00.000Z' };
  it.each([
    [Date.parse(session.startsAt) - 1, 'UPCOMING'],
    [Date.parse(session.startsAt), 'RUNNING'],
    [Date.parse(session.endsAt) - 1, 'RUNNING'],
    [Date.parse(session.endsAt), 'ENDED'],
  ])('at %j the sale is %s', (now, phase) => {
    expect(flashSalePhase(session, now)).toBe(phase);
  });

  it.each([
    [{ soldPercent: 37, soldOut: false }, '已抢 37%'],
    [{ soldPercent: 0, soldOut: false }, '已抢 0%'],
    [{ soldPercent: 100, soldOut: true }, '已抢光'],
  ])('%j reads %j', (item, text) => {
    expect(stockBarText(item)).toBe(text);
  });
});
