import { ANALYTICS_BASIS, type AnalyticsPeriod } from '@weshop/shared';
import { sourceRows, topRows, topSummary } from './top-lists';

const period: AnalyticsPeriod = {
  from: '2025-03-01',
  to: '2025-03-07',
  days: 7,
  previousFrom: '2025-02-22',
  previousTo: '2025-02-28',
  timezone: 'Asia/Shanghai',
  basis: ANALYTICS_BASIS,
};
const slice = { orders: 1, payers: 1, gmv: 10_000, conversion: 0.25, previousGmv: 5_000 };

describe('sourceRows', () => {
  it('lists every source, most visitors first, with conversion, GMV and its change', () => {
    const rows = sourceRows({
      period,
      rows: [
        { source: 'DIRECT', visitors: 4, ...slice },
        { source: 'GROUP_CHAT', visitors: 9, ...slice, gmv: 0, previousGmv: 0 },
        { source: 'OTHER', visitors: 0, ...slice },
      ],
    });
    expect(rows.map((r) => [r.key, r.label, r.value, r.valueText, r.detail, r.change?.text])).toEqual([
      ['GROUP_CHAT', '群聊分享', 9, '9 访客', '支付 1 人 · 转化 25% · ¥0.00', '—'],
      ['DIRECT', '直接访问', 4, '4 访客', '支付 1 人 · 转化 25% · ¥100.00', '+100%'],
      ['OTHER', '其他', 0, '0 访客', '支付 1 人 · 转化 25% · ¥100.00', '+100%'],
    ]);
  });
});

describe('topRows', () => {
  it.each([
    [
      'products: by conversion',
      'products' as const,
      {
        period,
        rows: [
          {
            productId: '7',
            title: '咖啡豆',
            viewers: 10,
            cartAdders: 4,
            payers: 2,
            units: 3,
            gmv: 9_000,
            conversion: 0.2,
            previousGmv: 0,
          },
        ],
      },
      ['7', '咖啡豆', 0.2, '20%', '浏览 10 · 加购 4 · 支付 2 人 3 件 · ¥90.00'],
    ],
    [
      'distributors: by GMV, with code and commission',
      'distributors' as const,
      {
        period,
        rows: [
          {
            distributorId: '2',
            code: 'K7M3PQ',
            name: 'Alice',
            orders: 3,
            payers: 2,
            gmv: 30_000,
            commission: 3_000,
            newCustomers: 1,
            previousGmv: 0,
          },
        ],
      },
      ['2', 'Alice（K7M3PQ）', 30_000, '¥300.00', '3 单 · 佣金 ¥30.00 · 新客户 1'],
    ],
    [
      'groups: the opengid shortened',
      'groups' as const,
      { period, rows: [{ opengid: 'tGdemoCoffeeClub00000001', communityId: '1', visitors: 8, ...slice }] },
      ['tGdemoCoffeeClub00000001', '微信群 …000001', 10_000, '¥100.00', '访客 8 · 支付 1 人 · 转化 25%'],
    ],
    [
      'posts: untitled ones by id',
      'posts' as const,
      { period, rows: [{ postId: '5', title: '', communityId: '1', views: 30, visitors: 8, ...slice }] },
      ['5', '帖子 5', 10_000, '¥100.00', '阅读 30 · 访客 8 · 支付 1 人 · 转化 25%'],
    ],
    [
      'group buys: by success rate',
      'groupbuys' as const,
      {
        period,
        totals: { opened: 5, succeeded: 3, failed: 2, successRate: 0.6, orders: 11, gmv: 50_000 },
        rows: [
          {
            campaignId: '1',
            title: '三人团',
            opened: 5,
            succeeded: 3,
            failed: 2,
            successRate: 0.6,
            orders: 11,
            gmv: 50_000,
          },
        ],
      },
      ['1', '三人团', 0.6, '成团率 60%', '开团 5 · 成团 3 · 未成团 2 · 11 单 ¥500.00'],
    ],
  ])('%s', (_, table, data, first) => {
    const [row] = topRows(table, data as never);
    expect([row.key, row.label, row.value, row.valueText, row.detail]).toEqual(first);
  });

  it('DSR: three scores out of 5, — without reviews', () => {
    const rows = topRows('dsr', {
      period,
      current: { reviews: 4, product: 4.75, logistics: 5, service: 4.5 },
      previous: { reviews: 0, product: 0, logistics: 0, service: 0 },
    });
    expect(rows.map((r) => [r.label, r.valueText, r.detail])).toEqual([
      ['商品描述', '4.75', '上期 —'],
      ['物流服务', '5.00', '上期 —'],
      ['服务态度', '4.50', '上期 —'],
    ]);
  });

  it('says what the bars measure, or the totals', () => {
    expect(topSummary('products', { period, rows: [] })).toBe('按转化率（浏览→支付）');
    expect(
      topSummary('groupbuys', {
        period,
        totals: { opened: 5, succeeded: 3, failed: 2, successRate: 0.6, orders: 11, gmv: 50_000 },
        rows: [],
      }),
    ).toBe('共开团 5 · 成团 3 · 未成团 2 · 成团率 60%');
  });
});
