import { formatFen, type AnalyticsTable } from '@weshop/shared';
import type { TableData } from '../../../api/analytics';
import type { BarRow } from './components/bar-list';
import { changeOf, groupText, percentText, SOURCE_TEXT } from './dashboard';

/** The top-list tabs of 数据看板, in order (渠道来源 has its own card above them). */
export const TOP_TABS: ReadonlyArray<{ key: Exclude<AnalyticsTable, 'sources'>; label: string }> = [
  { key: 'products', label: '商品' },
  { key: 'distributors', label: '分销员' },
  { key: 'communities', label: '社群' },
  { key: 'groups', label: '微信群' },
  { key: 'posts', label: '内容' },
  { key: 'groupbuys', label: '拼团' },
  { key: 'dsr', label: 'DSR' },
];

/** What a table's bars measure, said above them. */
export const TABLE_MEASURE: Record<AnalyticsTable, string> = {
  sources: '按访客，附支付转化率',
  products: '按转化率（浏览→支付）',
  distributors: '按推广成交额',
  communities: '按成交额',
  groups: '按成交额',
  posts: '按带来的成交额',
  groupbuys: '按成团率',
  dsr: '店铺评分（满分 5 分）',
};

const gmvChange = (gmv: number, previousGmv: number) => changeOf(gmv, previousGmv);

/** 渠道来源: every source, most visitors first, with its pay conversion and GMV. */
export function sourceRows(table: TableData['sources']): BarRow[] {
  return [...table.rows]
    .sort((a, b) => b.visitors - a.visitors)
    .map((r) => ({
      key: r.source,
      label: SOURCE_TEXT[r.source],
      value: r.visitors,
      valueText: `${r.visitors} 访客`,
      detail: `支付 ${r.payers} 人 · 转化 ${percentText(r.conversion)} · ${formatFen(r.gmv)}`,
      change: gmvChange(r.gmv, r.previousGmv),
    }));
}

/** The bars of one top-list tab. Pure. */
export function topRows<T extends Exclude<AnalyticsTable, 'sources'>>(table: T, data: TableData[T]): BarRow[] {
  switch (table) {
    case 'products':
      return (data as TableData['products']).rows.map((r) => ({
        key: r.productId,
        label: r.title,
        value: r.conversion,
        valueText: percentText(r.conversion),
        detail: `浏览 ${r.viewers} · 加购 ${r.cartAdders} · 支付 ${r.payers} 人 ${r.units} 件 · ${formatFen(r.gmv)}`,
        change: gmvChange(r.gmv, r.previousGmv),
      }));
    case 'distributors':
      return (data as TableData['distributors']).rows.map((r) => ({
        key: r.distributorId,
        label: `${r.name}（${r.code}）`,
        value: r.gmv,
        valueText: formatFen(r.gmv),
        detail: `${r.orders} 单 · 佣金 ${formatFen(r.commission)} · 新客户 ${r.newCustomers}`,
        change: gmvChange(r.gmv, r.previousGmv),
      }));
    case 'communities':
      return (data as TableData['communities']).rows.map((r) => ({
        key: r.communityId,
        label: r.name,
        value: r.gmv,
        valueText: formatFen(r.gmv),
        detail: `访客 ${r.visitors} · 支付 ${r.payers} 人 · 转化 ${percentText(r.conversion)} · 新成员 ${r.newMembers} · 发帖 ${r.postsPublished}`,
        change: gmvChange(r.gmv, r.previousGmv),
      }));
    case 'groups':
      return (data as TableData['groups']).rows.map((r) => ({
        key: r.opengid,
        label: groupText(r.opengid),
        value: r.gmv,
        valueText: formatFen(r.gmv),
        detail: `访客 ${r.visitors} · 支付 ${r.payers} 人 · 转化 ${percentText(r.conversion)}`,
        change: gmvChange(r.gmv, r.previousGmv),
      }));
    case 'posts':
      return (data as TableData['posts']).rows.map((r) => ({
        key: r.postId,
        label: r.title || `帖子 ${r.postId}`,
        value: r.gmv,
        valueText: formatFen(r.gmv),
        detail: `阅读 ${r.views} · 访客 ${r.visitors} · 支付 ${r.payers} 人 · 转化 ${percentText(r.conversion)}`,
        change: gmvChange(r.gmv, r.previousGmv),
      }));
    case 'groupbuys':
      return (data as TableData['groupbuys']).rows.map((r) => ({
        key: r.campaignId,
        label: r.title,
        value: r.successRate,
        valueText: `成团率 ${percentText(r.successRate)}`,
        detail: `开团 ${r.opened} · 成团 ${r.succeeded} · 未成团 ${r.failed} · ${r.orders} 单 ${formatFen(r.gmv)}`,
      }));
    case 'dsr': {
      const { current, previous } = data as TableData['dsr'];
      const score = (key: 'product' | 'logistics' | 'service', label: string): BarRow => ({
        key,
        label,
        value: current[key],
        valueText: current.reviews > 0 ? current[key].toFixed(2) : '—',
        detail: `上期 ${previous.reviews > 0 ? previous[key].toFixed(2) : '—'}`,
      });
      return [score('product', '商品描述'), score('logistics', '物流服务'), score('service', '服务态度')];
    }
    default:
      return [];
  }
}

/** The line above a tab's bars (totals where the table has them). */
export function topSummary<T extends Exclude<AnalyticsTable, 'sources'>>(table: T, data: TableData[T]): string {
  if (table === 'groupbuys') {
    const t = (data as TableData['groupbuys']).totals;
    return `共开团 ${t.opened} · 成团 ${t.succeeded} · 未成团 ${t.failed} · 成团率 ${percentText(t.successRate)}`;
  }
  if (table === 'dsr') {
    const d = data as TableData['dsr'];
    return `本期 ${d.current.reviews} 条评价 · 上期 ${d.previous.reviews} 条`;
  }
  return TABLE_MEASURE[table];
}
