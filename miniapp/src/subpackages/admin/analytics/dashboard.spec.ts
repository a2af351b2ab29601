import { ANALYTICS_BASIS, type OverviewFigures } from '@weshop/shared';
import {
  addDays,
  basisText,
  changeOf,
  communityKpis,
  countText,
  csvFileName,
  daysBetween,
  groupText,
  normalisePeriod,
  overviewKpis,
  percentText,
  presetPeriod,
  shopToday,
  type Period,
} from './dashboard';

describe('shopToday', () => {
  it.each([
    ['2025-03-01T15:59:59.999Z', '2025-03-01'],
    ['2025-03-01T16:00:00.000Z', '2025-03-02'],
    ['2024-12-31T20:00:00.000Z', '2025-01-01'],
  ])('%s is %s in Shanghai', (iso, date) => {
    expect(shopToday(new Date(iso))).toBe(date);
  });
});

describe('days', () => {
  it.each([
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-01-01', -29, '2024-12-03'],
  ])('addDays(%s, %d) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each<[Period, number]>([
    [{ from: '2025-03-01', to: '2025-03-01' }, 1],
    [{ from: '2025-03-01', to: '2025-03-07' }, 7],
    [{ from: '2025-02-01', to: '2025-03-02' }, 30],
    [{ from: '2025-03-02', to: '2025-03-01' }, 0],
  ])('daysBetween(%j) = %d', (period, days) => {
    expect(daysBetween(period)).toBe(days);
  });
});

describe('presetPeriod', () => {
  const today = '2025-03-10';
  it.each<[Parameters<typeof presetPeriod>[0], Period | undefined, Period]>([
    ['today', undefined, { from: today, to: today }],
    ['7d', undefined, { from: '2025-03-04', to: today }],
    ['30d', undefined, { from: '2025-02-09', to: today }],
    ['custom', { from: '2025-01-01', to: '2025-01-31' }, { from: '2025-01-01', to: '2025-01-31' }],
    ['custom', undefined, { from: '2025-03-04', to: today }],
  ])('%s (custom %j) → %j', (preset, custom, period) => {
    expect(presetPeriod(preset, today, custom)).toEqual(period);
  });
});

describe('normalisePeriod', () => {
  const today = '2025-03-10';
  it.each<[string, Period, Period]>([
    ['valid stays', { from: '2025-03-01', to: '2025-03-05' }, { from: '2025-03-01', to: '2025-03-05' }],
    ['swapped', { from: '2025-03-05', to: '2025-03-01' }, { from: '2025-03-01', to: '2025-03-05' }],
    ['no future', { from: '2025-03-08', to: '2025-03-20' }, { from: '2025-03-08', to: today }],
    ['all future → today', { from: '2025-04-01', to: '2025-04-02' }, { from: today, to: today }],
    [
      'too long is shortened from the start',
      { from: '2024-01-01', to: '2025-03-10' },
      { from: '2024-03-10', to: today },
    ],
  ])('%s', (_, period, expected) => {
    expect(normalisePeriod(period, today, 366)).toEqual(expected);
  });
});

describe('percentText', () => {
  it.each([
    [0, '0%'],
    [0.5, '50%'],
    [0.1234, '12.34%'],
    [0.0005, '0.05%'],
    [1, '100%'],
  ])('%d → %s', (ratio, text) => {
    expect(percentText(ratio)).toBe(text);
  });
});

describe('changeOf', () => {
  it.each<[number, number, 'count' | 'ratio', string, string]>([
    [120, 100, 'count', 'up', '+20%'],
    [75, 100, 'count', 'down', '-25%'],
    [100, 100, 'count', 'flat', '持平'],
    [5, 0, 'count', 'new', '新增'],
    [0, 0, 'count', 'none', '—'],
    [0, 8, 'count', 'down', '-100%'],
    [1, 3, 'count', 'down', '-66.7%'],
    [0.12, 0.1, 'ratio', 'up', '+2pt'],
    [0.0512, 0.0634, 'ratio', 'down', '-1.2pt'],
    [0.3, 0.3, 'ratio', 'flat', '持平'],
    [0, 0, 'ratio', 'none', '—'],
  ])('%d vs %d (%s) → %s %s', (current, previous, kind, trend, text) => {
    expect(changeOf(current, previous, kind)).toEqual({ trend, text });
  });
});

describe('countText', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [12_345, '12,345'],
    [99_999, '99,999'],
    [100_000, '10万'],
    [123_456, '12.3万'],
  ])('%d → %s', (n, text) => {
    expect(countText(n)).toBe(text);
  });
});

describe('overviewKpis', () => {
  const figures = (patch: Partial<OverviewFigures>): OverviewFigures => ({
    uv: 0,
    pv: 0,
    ordersCreated: 0,
    orders: 0,
    payers: 0,
    gmvGross: 0,
    refunds: 0,
    gmv: 0,
    aov: 0,
    orderConversion: 0,
    payConversion: 0,
    repurchaseRate: 0,
    ...patch,
  });

  it('gives the nine cards in order with values and changes', () => {
    const kpis = overviewKpis(
      figures({
        uv: 200,
        pv: 900,
        orders: 12,
        payers: 10,
        gmv: 123_450,
        aov: 10_287,
        orderConversion: 0.06,
        payConversion: 0.05,
        repurchaseRate: 0.2,
      }),
      figures({
        uv: 100,
        pv: 900,
        orders: 0,
        payers: 8,
        gmv: 100_000,
        aov: 12_500,
        orderConversion: 0.05,
        payConversion: 0.05,
        repurchaseRate: 0,
      }),
    );
    expect(kpis.map((k) => [k.key, k.label, k.value, k.change.text])).toEqual([
      ['uv', '访客数 UV', '200', '+100%'],
      ['pv', '浏览量 PV', '900', '持平'],
      ['orders', '支付订单', '12', '新增'],
      ['payers', '支付人数', '10', '+25%'],
      ['gmv', '成交额 GMV', '¥1234.50', '+23.5%'],
      ['aov', '客单价', '¥102.87', '-17.7%'],
      ['orderConversion', '下单转化率', '6%', '+1pt'],
      ['payConversion', '支付转化率', '5%', '持平'],
      ['repurchaseRate', '复购率', '20%', '+20pt'],
    ]);
  });
});

describe('communityKpis', () => {
  it('gives the community cards with changes', () => {
    const kpis = communityKpis(
      { visitors: 40, orders: 6, payers: 5, gmv: 50_000, conversion: 0.125 },
      { visitors: 20, orders: 6, payers: 0, gmv: 0, conversion: 0.1 },
    );
    expect(kpis.map((k) => [k.key, k.value, k.change.text])).toEqual([
      ['visitors', '40', '+100%'],
      ['orders', '6', '持平'],
      ['payers', '5', '新增'],
      ['gmv', '¥500.00', '新增'],
      ['conversion', '12.5%', '+2.5pt'],
    ]);
  });
});

describe('texts', () => {
  it('says what the figures count', () => {
    expect(basisText(ANALYTICS_BASIS)).toBe('统计口径：已支付订单，扣除退款，按支付日计（北京时间）');
    expect(basisText('something else')).toBe('统计口径：something else');
  });

  it('names groups and files', () => {
    expect(groupText('tGabc123XYZ789')).toBe('微信群 …XYZ789');
    expect(csvFileName('sources', { from: '2025-03-01', to: '2025-03-07' })).toBe(
      'analytics-sources-2025-03-01_2025-03-07.csv',
    );
  });
});
