import { ApiError } from '../../../api/client';
import {
  dayOptions,
  formToMemberDay,
  memberDayFormOf,
  memberDayIssuesOf,
  toggleDay,
  toggleLevel,
  withKind,
  type MemberDayForm,
} from './member-day-form';

const settings = {
  enabled: true,
  kind: 'WEEKLY' as const,
  days: [3],
  levelIds: ['2'],
  pointsMultiplierBp: 20_000,
  prices: [{ skuId: '12', price: 8_850 }],
};
const form = (patch: Partial<MemberDayForm> = {}): MemberDayForm => ({ ...memberDayFormOf(settings), ...patch });

describe('the member-day form', () => {
  it('round-trips the settings (×2, ¥88.5)', () => {
    expect(form()).toEqual({
      enabled: true,
      kind: 'WEEKLY',
      days: [3],
      levelIds: ['2'],
      multiplier: '2',
      prices: [{ skuId: '12', price: '88.5' }],
    });
    expect(formToMemberDay(form())).toEqual({ ok: true, request: settings });
  });

  it.each<[string, Partial<MemberDayForm>, string[]]>([
    ['enabled with no day', { days: [] }, ['days']],
    ['a multiplier typed wrong', { multiplier: '两倍' }, ['pointsMultiplierBp']],
    ['a price row typed wrong', { prices: [{ skuId: '', price: '0' }] }, ['prices.0.skuId', 'prices.0.price']],
    [
      'a SKU listed twice (the contract’s rule)',
      {
        prices: [
          { skuId: '12', price: '1' },
          { skuId: '12', price: '2' },
        ],
      },
      ['prices'],
    ],
    ['a weekly day 9 (the contract’s rule)', { days: [9] }, ['days.0']],
  ])('%s is refused', (_, patch, paths) => {
    const result = formToMemberDay(form(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(paths);
  });

  it('may be switched off with no day', () => {
    expect(formToMemberDay(form({ enabled: false, days: [] })).ok).toBe(true);
  });

  it.each([
    [[3], 5, [3, 5]],
    [[3, 5], 3, [5]],
    [[10, 2], 1, [1, 2, 10]],
  ])('toggleDay(%j, %j) = %j', (days, day, expected) => {
    expect(toggleDay(days, day)).toEqual(expected);
  });

  it('toggles levels', () => {
    expect(toggleLevel(['1'], '2')).toEqual(['1', '2']);
    expect(toggleLevel(['1', '2'], '1')).toEqual(['2']);
  });

  it('keeps only the days a kind has when switching', () => {
    expect(withKind(form({ kind: 'MONTHLY', days: [1, 7, 15, 31] }), 'WEEKLY').days).toEqual([1, 7]);
    expect(withKind(form({ days: [1, 7] }), 'MONTHLY').days).toEqual([1, 7]);
    expect(dayOptions('WEEKLY').map((o) => o.label)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    expect(dayOptions('MONTHLY')).toHaveLength(31);
  });
});

describe('memberDayIssuesOf', () => {
  const rows = {
    prices: [
      { skuId: '12', price: '1' },
      { skuId: '40', price: '1' },
    ],
  };
  it.each([
    ['an unknown SKU', { id: '40', reason: 'NOT_FOUND' }, [{ path: 'prices.1.skuId', message: 'SKU 40 不存在' }]],
    [
      'a price not below',
      { id: '12', reason: 'ABOVE_PRICE' },
      [{ path: 'prices.0.price', message: '会员日价需低于 SKU 售价' }],
    ],
    ['an unknown level', { id: '9', reason: 'LEVEL_NOT_FOUND' }, [{ path: 'levelIds', message: '等级 9 不存在' }]],
    ['a SKU no row names', { id: '77', reason: 'NOT_FOUND' }, [{ path: 'prices', message: 'SKU 77 does not exist' }]],
  ])('%s', (_, details, issues) => {
    const message = details.id === '77' ? 'SKU 77 does not exist' : 'refused';
    expect(memberDayIssuesOf(new ApiError(422, 'MEMBER_DAY_SKU_INVALID', message, details), rows)).toEqual(issues);
  });

  it('keeps field issues of a 400 as listed', () => {
    const fields = [{ path: 'days', message: 'days are listed twice' }];
    expect(memberDayIssuesOf(new ApiError(400, 'VALIDATION_FAILED', 'Invalid', { fields }), rows)).toEqual(fields);
  });
});
