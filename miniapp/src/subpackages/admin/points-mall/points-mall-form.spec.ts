import type { PointsMallItemAdminView } from '@weshop/shared';
import {
  emptyPointsMallForm,
  formToPointsMallItem,
  pointsMallFormOf,
  pointsMallPatchOf,
  pointsMallShownPaths,
  type PointsMallForm,
} from './points-mall-form';

const form = (change: Partial<PointsMallForm> = {}): PointsMallForm => ({
  ...emptyPointsMallForm(),
  title: '保温杯',
  skuId: '12',
  points: '200',
  stock: '10',
  perUserLimit: '2',
  ...change,
});

const item: PointsMallItemAdminView = {
  id: '7',
  kind: 'GIFT',
  title: '保温杯',
  points: 200,
  cash: 990,
  stock: 10,
  perUserLimit: 2,
  image: '',
  subtitle: '',
  skuId: '12',
  couponTemplateId: null,
  active: true,
  redeemed: 3,
  createdAt: '2026-11-24T08:00:00.000Z',
};

describe('积分商城 item form → request', () => {
  it('a gift for points + cash (yuan into fen)', () => {
    expect(formToPointsMallItem(form({ cash: '9.9' }))).toEqual({
      ok: true,
      request: {
        kind: 'GIFT',
        skuId: '12',
        title: '保温杯',
        points: 200,
        cash: 990,
        stock: 10,
        perUserLimit: 2,
        active: true,
      },
    });
  });

  it('a coupon: its template, points only (a typed cash is ignored)', () => {
    const result = formToPointsMallItem(form({ kind: 'COUPON', couponTemplateId: '3', cash: '5', skuId: '' }));
    expect(result).toEqual({
      ok: true,
      request: {
        kind: 'COUPON',
        couponTemplateId: '3',
        title: '保温杯',
        points: 200,
        cash: 0,
        stock: 10,
        perUserLimit: 2,
        active: true,
      },
    });
  });

  it.each<[string, Partial<PointsMallForm>, string[]]>([
    ['no name', { title: ' ' }, ['title']],
    ['0 points', { points: '0' }, ['points']],
    ['points not a number', { points: '1.5' }, ['points']],
    ['negative stock', { stock: '-1' }, ['stock']],
    ['limit 0', { perUserLimit: '0' }, ['perUserLimit']],
    ['cash with three decimals', { cash: '9.999' }, ['cash']],
    ['a gift without its SKU', { skuId: '' }, ['skuId']],
    ['a coupon without its template', { kind: 'COUPON', couponTemplateId: 'abc' }, ['couponTemplateId']],
    ['several at once', { title: '', points: '', stock: '' }, ['title', 'points', 'stock']],
  ])('%s → issues on %j', (_why, change, paths) => {
    const result = formToPointsMallItem(form(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(paths);
  });
});

describe('editing an item', () => {
  it('sends only what changed', () => {
    expect(pointsMallPatchOf(item, { ...pointsMallFormOf(item), stock: '20', active: false })).toEqual({
      ok: true,
      request: { stock: 20, active: false },
    });
    expect(pointsMallPatchOf(item, { ...pointsMallFormOf(item), cash: '' })).toEqual({
      ok: true,
      request: { cash: 0 },
    });
  });

  it('nothing changed, or a typing mistake', () => {
    expect(pointsMallPatchOf(item, pointsMallFormOf(item))).toEqual({ ok: 'unchanged' });
    const wrong = pointsMallPatchOf(item, { ...pointsMallFormOf(item), points: '0' });
    expect(wrong.ok).toBe(false);
  });

  it('shows the fields of its kind', () => {
    expect([...pointsMallShownPaths({ kind: 'COUPON' })].sort()).toEqual(
      ['active', 'couponTemplateId', 'kind', 'perUserLimit', 'points', 'stock', 'title'].sort(),
    );
    expect(pointsMallShownPaths({ kind: 'GIFT' }, true).has('skuId')).toBe(false);
  });
});
