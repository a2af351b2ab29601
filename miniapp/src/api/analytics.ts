import Taro from '@tarojs/taro';
import {
  AnalyticsOverview,
  CommunitiesTable,
  CommunityStatsWithAnalytics,
  DistributorsTable,
  DsrView,
  GroupBuysTable,
  PostsTable,
  ProductsTable,
  SourcesTable,
  WechatGroupsTable,
  type AnalyticsTable,
} from '@weshop/shared';
import { ApiError, buildUrl, NETWORK_ERROR, request } from './client';
import { session } from '../stores/session';

/**
 * 数据看板: the shop's figures (role ADMIN) and a community's own (its managers). Every route
 * takes the period `from`–`to` (whole days, Asia/Shanghai); the server answers 403 to anyone else.
 */
export interface PeriodQuery {
  from: string;
  to: string;
}

const base = '/api/v1/admin/analytics';

/** `GET /admin/analytics/overview`: the cards, funnel and daily trend, with the previous period. */
export function getOverview(period: PeriodQuery): Promise<AnalyticsOverview> {
  return request(`${base}/overview`, AnalyticsOverview, { query: { ...period } });
}

/** Each table route and the contract of its answer. */
export const TABLE_SCHEMAS = {
  sources: SourcesTable,
  products: ProductsTable,
  distributors: DistributorsTable,
  communities: CommunitiesTable,
  groups: WechatGroupsTable,
  posts: PostsTable,
  groupbuys: GroupBuysTable,
  dsr: DsrView,
} as const satisfies Record<AnalyticsTable, unknown>;

export type TableData = { [T in AnalyticsTable]: ReturnType<(typeof TABLE_SCHEMAS)[T]['parse']> };

/** `GET /admin/analytics/:table`: one table (top `limit` rows) over the period. */
export function getTable<T extends AnalyticsTable>(table: T, period: PeriodQuery, limit = 20): Promise<TableData[T]> {
  const schema = TABLE_SCHEMAS[table] as unknown as (typeof TABLE_SCHEMAS)[T];
  return request(`${base}/${table}`, schema, { query: { ...period, limit } }) as Promise<TableData[T]>;
}

/** `GET /manage/communities/:id/stats?from&to`: the community's counts and its period figures. */
export function getCommunityAnalytics(communityId: string, period: PeriodQuery): Promise<CommunityStatsWithAnalytics> {
  return request(`/api/v1/manage/communities/${encodeURIComponent(communityId)}/stats`, CommunityStatsWithAnalytics, {
    query: { ...period },
  });
}

/** The CSV of a table (`format=csv`: UTF-8 with BOM, a header row), as the server wrote it. */
export async function fetchTableCsv(table: AnalyticsTable, period: PeriodQuery, limit = 200): Promise<string> {
  const url = buildUrl(`${base}/${table}`, { ...period, limit, format: 'csv' });
  const token = session.token();
  const header: Record<string, string> = { Accept: 'text/csv' };
  if (token) header.Authorization = `Bearer ${token}`;
  let res: Taro.request.SuccessCallbackResult<string>;
  try {
    res = await Taro.request<string>({ url, method: 'GET', header, dataType: 'text', responseType: 'text' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '网络不给力，请稍后再试');
  }
  if (res.statusCode < 200 || res.statusCode >= 300)
    throw new ApiError(res.statusCode, 'HTTP_ERROR', `导出失败 (${res.statusCode})`);
  return typeof res.data === 'string' ? res.data : String(res.data ?? '');
}

/**
 * h5: downloads the table's CSV as a file (fetch with the bearer token → blob → a link's
 * download). The bytes are the server's, BOM included, so spreadsheets read the Chinese right.
 */
export async function downloadTableCsv(
  table: AnalyticsTable,
  period: PeriodQuery,
  fileName: string,
  limit = 200,
): Promise<void> {
  const url = buildUrl(`${base}/${table}`, { ...period, limit, format: 'csv' });
  const token = session.token();
  let res: Response;
  try {
    res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}`, Accept: 'text/csv' } : {} });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '网络不给力，请稍后再试');
  }
  if (!res.ok) throw new ApiError(res.status, 'HTTP_ERROR', `导出失败 (${res.status})`);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1_000);
}
