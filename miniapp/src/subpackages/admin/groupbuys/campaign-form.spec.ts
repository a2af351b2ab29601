import { CampaignCreateRequest } from '@weshop/shared';
import { ApiError } from '../../../api/client';
import {
  campaignIssuesOf,
  campaignShownPaths,
  emptyCampaignForm,
  formatLocalDateTime,
  formToCampaign,
  parseLocalDateTime,
  requestIndexes,
  skuRowsOf,
  type CampaignForm,
} from './campaign-form';

const product = {
  skus: [
    { id: '10', specs: { 颜色: '红' }, price: 1_200, listPrice: 1_500, stock: 8, weight: 100, code: 'R' },
    { id: '11', specs: { 颜色: '蓝' }, price: 1_300, listPrice: 1_500, stock: 0, weight: 100, code: 'B' },
    { id: '12', specs: { 颜色: '白' }, price: 1_100, listPrice: 1_500, stock: 3, weight: 100, code: 'W' },
  ],
};

/** A filled-in form: SKUs 10 and 12 at ¥9.00 / ¥8.50 with a ¥7.99 团长价 on 12. */
function filled(patch: Partial<CampaignForm> = {}): CampaignForm {
  const rows = skuRowsOf(product).map((row) =>
    row.skuId === '10'
      ? { ...row, groupPrice: '9' }
      : row.skuId === '12'
        ? { ...row, groupPrice: '8.5', leaderPrice: '7.99' }
        : row,
  );
  return {
    ...emptyCampaignForm(new Date(2026, 10, 24, 9, 30, 45)),
    title: ' 双人拼团 ',
    productId: '7',
    productTitle: '纯棉T恤',
    skus: rows,
    ...patch,
  };
}

describe('local date and time in the form', () => {
  it('round-trips a local time through ISO-8601', () => {
    const date = new Date(2026, 10, 24, 9, 5);
    expect(formatLocalDateTime(date)).toBe('2026-11-24 09:05');
    expect(parseLocalDateTime('2026-11-24 09:05')).toBe(date.toISOString());
    expect(parseLocalDateTime('2026-11-24T09:05')).toBe(date.toISOString());
  });

  it.each([
    '',
    '2026-11-24',
    '2026-02-30 10:00',
    '2026-11-24 24:00',
    '2026-13-01 10:00',
    '24/11/2026 10:00',
    '2026-11-24 9:5',
  ])('%j is refused', (input) => {
    expect(parseLocalDateTime(input)).toBeNull();
  });
});

describe('emptyCampaignForm and skuRowsOf', () => {
  it('starts now (to the minute) for 7 days, groups of 2 in 24 hours, contract defaults', () => {
    const form = emptyCampaignForm(new Date(2026, 10, 24, 9, 30, 45));
    expect(form).toMatchObject({
      startsAt: '2026-11-24 09:30',
      endsAt: '2026-12-01 09:30',
      groupSize: 2,
      durationMinutes: '1440',
      perOrderLimit: '1',
      perUserLimit: '1',
      newCustomersOnly: false,
      autoComplete: false,
      earnsCommission: null,
    });
  });

  it('includes the SKUs in stock, with prices still to fill in', () => {
    expect(skuRowsOf(product).map((r) => [r.skuId, r.included, r.groupPrice, r.leaderPrice])).toEqual([
      ['10', true, '', ''],
      ['11', false, '', ''],
      ['12', true, '', ''],
    ]);
    expect([...requestIndexes({ skus: skuRowsOf(product) }).entries()]).toEqual([
      ['10', 0],
      ['12', 1],
    ]);
  });
});

describe('formToCampaign', () => {
  it('turns a filled form into a request the contract accepts: fen, ISO times, basis points', () => {
    const result = formToCampaign(
      filled({
        groupSize: 3,
        durationMinutes: '90',
        quota: '50',
        perOrderLimit: '2',
        perUserLimit: '3',
        newCustomersOnly: true,
        autoComplete: true,
        autoCompleteMinPaid: '66.67',
        earnsCommission: false,
      }),
    );
    expect(result).toEqual({
      ok: true,
      request: {
        title: '双人拼团',
        productId: '7',
        skus: [
          { skuId: '10', groupPrice: 900, leaderPrice: null },
          { skuId: '12', groupPrice: 850, leaderPrice: 799 },
        ],
        groupSize: 3,
        durationMinutes: 90,
        startsAt: new Date(2026, 10, 24, 9, 30).toISOString(),
        endsAt: new Date(2026, 11, 1, 9, 30).toISOString(),
        quota: 50,
        perOrderLimit: 2,
        perUserLimit: 3,
        newCustomersOnly: true,
        autoComplete: true,
        autoCompleteMinPaidBp: 6_667,
        earnsCommission: false,
      },
    });
    if (result.ok) expect(CampaignCreateRequest.safeParse(result.request).success).toBe(true);
  });

  it('sends no 模拟成团 threshold when 模拟成团 is off', () => {
    const result = formToCampaign(filled({ autoComplete: false, autoCompleteMinPaid: 'abc' }));
    expect(result.ok && result.request.autoCompleteMinPaidBp).toBe(0);
  });

  it.each<[string, Partial<CampaignForm>, { path: string; message: string }[]]>([
    ['no title', { title: '  ' }, [{ path: 'title', message: '请填写活动名称' }]],
    ['no product id', { productId: '' }, [{ path: 'productId', message: '请填写商品编号' }]],
    ['the product not loaded', { productTitle: null }, [{ path: 'productId', message: '请先读取商品的规格' }]],
    [
      'no SKU included',
      { skus: skuRowsOf(product).map((r) => ({ ...r, included: false })) },
      [{ path: 'skus', message: '至少选择一个规格参加拼团' }],
    ],
    [
      'a group price missing and a leader price of zero (by request index)',
      {
        skus: skuRowsOf(product).map((r) => (r.skuId === '12' ? { ...r, groupPrice: '8', leaderPrice: '0' } : r)),
      },
      [
        { path: 'skus.0.groupPrice', message: '请输入大于 0 的金额（最多两位小数）' },
        { path: 'skus.1.leaderPrice', message: '请输入大于 0 的金额（最多两位小数）' },
      ],
    ],
    [
      'a time limit under 5 minutes',
      { durationMinutes: '4' },
      [{ path: 'durationMinutes', message: '成团时限为 5 分钟到 7 天（10080 分钟）' }],
    ],
    [
      'a time limit over 7 days',
      { durationMinutes: '10081' },
      [{ path: 'durationMinutes', message: '成团时限为 5 分钟到 7 天（10080 分钟）' }],
    ],
    [
      'an unreadable start',
      { startsAt: 'tomorrow' },
      [{ path: 'startsAt', message: '请按 2026-11-24 10:00 的格式填写' }],
    ],
    [
      'an end before the start',
      { endsAt: '2026-11-24 09:00' },
      [{ path: 'endsAt', message: '结束时间需晚于开始时间' }],
    ],
    ['a quota of 0', { quota: '0' }, [{ path: 'quota', message: '请输入 1-1000000 的件数' }]],
    [
      'a per-order limit of 1000',
      { perOrderLimit: '1000' },
      [{ path: 'perOrderLimit', message: '请输入 1-999 的件数' }],
    ],
    ['a per-user limit of 1.5', { perUserLimit: '1.5' }, [{ path: 'perUserLimit', message: '请输入 1-999 的件数' }]],
    [
      'a 模拟成团 threshold over 100%',
      { autoComplete: true, autoCompleteMinPaid: '120' },
      [{ path: 'autoCompleteMinPaidBp', message: '请输入 0-100 的百分比（最多两位小数）' }],
    ],
  ])('%s', (_case, patch, issues) => {
    expect(formToCampaign(filled(patch))).toEqual({ ok: false, issues });
  });

  it('has a place on the form for every path it reports', () => {
    const form = filled();
    const shown = campaignShownPaths(form);
    for (const path of [
      'title',
      'skus.0.groupPrice',
      'skus.1.leaderPrice',
      'autoCompleteMinPaidBp',
      'earnsCommission',
    ]) {
      expect(shown.has(path)).toBe(true);
    }
    expect(shown.has('skus.2.groupPrice')).toBe(false);
  });
});

describe('campaignIssuesOf', () => {
  it.each<[unknown, { path: string; message: string }[]]>([
    [
      new ApiError(400, 'VALIDATION_FAILED', 'Invalid', {
        fields: [{ path: 'skus.0.groupPrice', message: 'too small' }],
      }),
      [{ path: 'skus.0.groupPrice', message: 'too small' }],
    ],
    [
      new ApiError(422, 'GROUP_BUY_CAMPAIGN_INVALID', 'bad', {
        violations: [{ path: 'endsAt', message: 'in the past' }],
      }),
      [{ path: 'endsAt', message: 'in the past' }],
    ],
    [
      new ApiError(422, 'GROUP_BUY_CAMPAIGN_INVALID', 'Group price must be below the price'),
      [{ path: '', message: 'Group price must be below the price' }],
    ],
    [new Error('offline'), [{ path: '', message: '创建失败，请稍后再试' }]],
  ])('%s', (error, expected) => {
    expect(campaignIssuesOf(error)).toEqual(expected);
  });
});
