import type {
  AnalyticsTable,
  CommunitiesTable,
  DistributorsTable,
  DsrView,
  GroupBuysTable,
  PostsTable,
  ProductsTable,
  SourcesTable,
  WechatGroupsTable,
} from '@weshop/shared';
import { csvDocument, yuan } from './figures.policy';

type Cell = string | number | null;
type Views = {
  sources: SourcesTable;
  products: ProductsTable;
  distributors: DistributorsTable;
  communities: CommunitiesTable;
  groups: WechatGroupsTable;
  posts: PostsTable;
  groupbuys: GroupBuysTable;
  dsr: DsrView;
};

/** Header and rows of each table's CSV export; money in yuan with 2 decimals (`*_yuan`). */
const LAYOUTS: { [K in AnalyticsTable]: (view: Views[K]) => { header: string[]; rows: Cell[][] } } = {
  sources: (view) => ({
    header: ['source', 'visitors', 'orders', 'payers', 'gmv_yuan', 'conversion', 'previous_gmv_yuan'],
    rows: view.rows.map((r) => [
      r.source,
      r.visitors,
      r.orders,
      r.payers,
      yuan(r.gmv),
      r.conversion,
      yuan(r.previousGmv),
    ]),
  }),
  products: (view) => ({
    header: [
      'product_id',
      'title',
      'viewers',
      'cart_adders',
      'payers',
      'units',
      'gmv_yuan',
      'conversion',
      'previous_gmv_yuan',
    ],
    rows: view.rows.map((r) => [
      r.productId,
      r.title,
      r.viewers,
      r.cartAdders,
      r.payers,
      r.units,
      yuan(r.gmv),
      r.conversion,
      yuan(r.previousGmv),
    ]),
  }),
  distributors: (view) => ({
    header: [
      'distributor_id',
      'code',
      'name',
      'orders',
      'payers',
      'gmv_yuan',
      'commission_yuan',
      'new_customers',
      'previous_gmv_yuan',
    ],
    rows: view.rows.map((r) => [
      r.distributorId,
      r.code,
      r.name,
      r.orders,
      r.payers,
      yuan(r.gmv),
      yuan(r.commission),
      r.newCustomers,
      yuan(r.previousGmv),
    ]),
  }),
  communities: (view) => ({
    header: [
      'community_id',
      'name',
      'visitors',
      'orders',
      'payers',
      'gmv_yuan',
      'conversion',
      'previous_gmv_yuan',
      'new_members',
      'posts_published',
    ],
    rows: view.rows.map((r) => [
      r.communityId,
      r.name,
      r.visitors,
      r.orders,
      r.payers,
      yuan(r.gmv),
      r.conversion,
      yuan(r.previousGmv),
      r.newMembers,
      r.postsPublished,
    ]),
  }),
  groups: (view) => ({
    header: ['opengid', 'community_id', 'visitors', 'orders', 'payers', 'gmv_yuan', 'conversion', 'previous_gmv_yuan'],
    rows: view.rows.map((r) => [
      r.opengid,
      r.communityId,
      r.visitors,
      r.orders,
      r.payers,
      yuan(r.gmv),
      r.conversion,
      yuan(r.previousGmv),
    ]),
  }),
  posts: (view) => ({
    header: [
      'post_id',
      'title',
      'community_id',
      'views',
      'visitors',
      'orders',
      'payers',
      'gmv_yuan',
      'conversion',
      'previous_gmv_yuan',
    ],
    rows: view.rows.map((r) => [
      r.postId,
      r.title,
      r.communityId,
      r.views,
      r.visitors,
      r.orders,
      r.payers,
      yuan(r.gmv),
      r.conversion,
      yuan(r.previousGmv),
    ]),
  }),
  groupbuys: (view) => ({
    header: ['campaign_id', 'title', 'opened', 'succeeded', 'failed', 'success_rate', 'orders', 'gmv_yuan'],
    rows: [...view.rows, { campaignId: 'TOTAL', title: '', ...view.totals }].map((r) => [
      r.campaignId,
      r.title,
      r.opened,
      r.succeeded,
      r.failed,
      r.successRate,
      r.orders,
      yuan(r.gmv),
    ]),
  }),
  dsr: (view) => ({
    header: ['period', 'from', 'to', 'reviews', 'product', 'logistics', 'service'],
    rows: [
      ['current', view.period.from, view.period.to, ...Object.values(view.current)],
      ['previous', view.period.previousFrom, view.period.previousTo, ...Object.values(view.previous)],
    ],
  }),
};

/** The CSV export of a table view, and its file name (`sources-2026-11-01-2026-11-07.csv`). */
export function tableCsv<K extends AnalyticsTable>(table: K, view: Views[K]): { filename: string; text: string } {
  const { header, rows } = LAYOUTS[table](view);
  return {
    filename: `${table}-${view.period.from}-${view.period.to}.csv`,
    text: csvDocument(header, rows),
  };
}
