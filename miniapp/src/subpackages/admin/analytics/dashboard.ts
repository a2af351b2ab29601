import {
  ANALYTICS_BASIS,
  formatFen,
  type CommunityAnalytics,
  type OverviewFigures,
  type TrafficSource,
} from '@weshop/shared';

/** The console's periods (数据看板): whole days in the shop's time zone, `to` inclusive. */
export type PeriodPreset = 'today' | '7d' | '30d' | 'custom';
export interface Period {
  from: string;
  to: string;
}

export const PERIOD_PRESETS: ReadonlyArray<{ key: PeriodPreset; label: string }> = [
  { key: 'today', label: '今日' },
  { key: '7d', label: '近7天' },
  { key: '30d', label: '近30天' },
  { key: 'custom', label: '自定义' },
];

/** The shop's time zone (Asia/Shanghai, UTC+8 all year): the server counts days in it. */
const SHOP_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Today's date in the shop's time zone, `YYYY-MM-DD`. */
export function shopToday(now: Date): string {
  return new Date(now.getTime() + SHOP_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The days from `from` to `to`, both included (1 for a single day; 0 when `to` is before `from`). */
export function daysBetween(period: Period): number {
  return Math.max(
    0,
    Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY_MS) + 1,
  );
}

/** The period of a preset ending today; `custom` keeps the given one (or the last 7 days). */
export function presetPeriod(preset: PeriodPreset, today: string, custom?: Period): Period {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'custom':
      return custom ?? { from: addDays(today, -6), to: today };
    default:
      return { from: addDays(today, -6), to: today };
  }
}

/**
 * A custom period as the user picked it, made valid: swapped when `to` is before `from`, nothing
 * after today, and at most `maxDays` long (shortened from the start).
 */
export function normalisePeriod(period: Period, today: string, maxDays: number): Period {
  let { from, to } = period;
  if (to < from) [from, to] = [to, from];
  if (to > today) to = today;
  if (from > to) from = to;
  if (daysBetween({ from, to }) > maxDays) from = addDays(to, -(maxDays - 1));
  return { from, to };
}

/** A ratio 0…1 as a percentage with up to 2 decimals: 0.1234 → `12.34%`, 0.5 → `50%`. */
export function percentText(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

export type Trend = 'up' | 'down' | 'flat' | 'new' | 'none';
export interface Change {
  trend: Trend;
  text: string;
}

/**
 * The change against the previous period. Counts and money: relative (`+12.5%`); ratios:
 * percentage points (`+1.2pt`). From nothing to something is `新增`; nothing to nothing `—`.
 */
export function changeOf(current: number, previous: number, kind: 'count' | 'ratio' = 'count'): Change {
  if (kind === 'ratio') {
    const points = Math.round((current - previous) * 1_000) / 10;
    if (points === 0) return { trend: current === 0 ? 'none' : 'flat', text: current === 0 ? '—' : '持平' };
    return { trend: points > 0 ? 'up' : 'down', text: `${points > 0 ? '+' : ''}${points}pt` };
  }
  if (previous === 0) return current === 0 ? { trend: 'none', text: '—' } : { trend: 'new', text: '新增' };
  const percent = Math.round(((current - previous) / previous) * 1_000) / 10;
  if (percent === 0) return { trend: 'flat', text: '持平' };
  return { trend: percent > 0 ? 'up' : 'down', text: `${percent > 0 ? '+' : ''}${percent}%` };
}

/** A count for a card: 12345 → `12,345`; from 100000 on `10.2万`. */
export function countText(n: number): string {
  if (Math.abs(n) >= 100_000) return `${Number((n / 10_000).toFixed(1))}万`;
  return n.toLocaleString('en-US');
}

export interface Kpi {
  key: string;
  label: string;
  value: string;
  change: Change;
}

/** The nine cards of 数据看板, each with its change against the previous period. */
export function overviewKpis(current: OverviewFigures, previous: OverviewFigures): Kpi[] {
  const count = (key: 'uv' | 'pv' | 'orders' | 'payers', label: string): Kpi => ({
    key,
    label,
    value: countText(current[key]),
    change: changeOf(current[key], previous[key]),
  });
  const money = (key: 'gmv' | 'aov', label: string): Kpi => ({
    key,
    label,
    value: formatFen(current[key]),
    change: changeOf(current[key], previous[key]),
  });
  const rate = (key: 'orderConversion' | 'payConversion' | 'repurchaseRate', label: string): Kpi => ({
    key,
    label,
    value: percentText(current[key]),
    change: changeOf(current[key], previous[key], 'ratio'),
  });
  return [
    count('uv', '访客数 UV'),
    count('pv', '浏览量 PV'),
    count('orders', '支付订单'),
    count('payers', '支付人数'),
    money('gmv', '成交额 GMV'),
    money('aov', '客单价'),
    rate('orderConversion', '下单转化率'),
    rate('payConversion', '支付转化率'),
    rate('repurchaseRate', '复购率'),
  ];
}

type SliceFigures = CommunityAnalytics['current'];

/** A community's cards (社群 数据): its visitors, paid orders, payers, GMV and pay conversion. */
export function communityKpis(current: SliceFigures, previous: SliceFigures): Kpi[] {
  return [
    {
      key: 'visitors',
      label: '访客',
      value: countText(current.visitors),
      change: changeOf(current.visitors, previous.visitors),
    },
    {
      key: 'orders',
      label: '支付订单',
      value: countText(current.orders),
      change: changeOf(current.orders, previous.orders),
    },
    {
      key: 'payers',
      label: '支付人数',
      value: countText(current.payers),
      change: changeOf(current.payers, previous.payers),
    },
    { key: 'gmv', label: '成交额 GMV', value: formatFen(current.gmv), change: changeOf(current.gmv, previous.gmv) },
    {
      key: 'conversion',
      label: '支付转化率',
      value: percentText(current.conversion),
      change: changeOf(current.conversion, previous.conversion, 'ratio'),
    },
  ];
}

export const SOURCE_TEXT: Record<TrafficSource, string> = {
  SINGLE_CHAT: '单聊分享',
  GROUP_CHAT: '群聊分享',
  MOMENTS: '朋友圈',
  CODE: '小程序码',
  SEARCH: '搜索',
  DIRECT: '直接访问',
  OTHER: '其他',
};

/** The line under the figures: what they count (the server's `period.basis`, in words). */
export function basisText(basis: string): string {
  if (basis === ANALYTICS_BASIS) return '统计口径：已支付订单，扣除退款，按支付日计（北京时间）';
  return `统计口径：${basis}`;
}

/** A WeChat group for people: its opengid's last 6 characters. */
export function groupText(opengid: string): string {
  return `微信群 …${opengid.slice(-6)}`;
}

/** `2025-03-01` → `03-01` for the chart's axis. */
export function shortDate(date: string): string {
  return date.slice(5);
}

/** The CSV file name of a table: `analytics-sources-2025-03-01_2025-03-07.csv`. */
export function csvFileName(table: string, period: Period): string {
  return `analytics-${table}-${period.from}_${period.to}.csv`;
}
