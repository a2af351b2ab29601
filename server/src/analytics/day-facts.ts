import type {
  AnalyticsDayCommunity,
  AnalyticsDayDistributor,
  AnalyticsDayGroup,
  AnalyticsDayGroupBuy,
  AnalyticsDayPost,
  AnalyticsDayProduct,
  AnalyticsDayShop,
  AnalyticsDaySource,
} from '../generated/prisma/client';

/**
 * One shop-local day of every dashboard slice, exactly as the analytics_day_* rows hold it: what
 * a rollup stores, what the query service reads back for past days, and what it computes on the
 * fly from the raw rows for today (and for any day not rolled up yet).
 */
export interface DayFacts {
  day: string;
  shop: AnalyticsDayShop;
  sources: AnalyticsDaySource[];
  products: AnalyticsDayProduct[];
  communities: AnalyticsDayCommunity[];
  groups: AnalyticsDayGroup[];
  distributors: AnalyticsDayDistributor[];
  posts: AnalyticsDayPost[];
  groupbuys: AnalyticsDayGroupBuy[];
}

export type DaySection = Exclude<keyof DayFacts, 'day'>;
export type {
  AnalyticsDayCommunity,
  AnalyticsDayDistributor,
  AnalyticsDayGroup,
  AnalyticsDayGroupBuy,
  AnalyticsDayPost,
  AnalyticsDayProduct,
  AnalyticsDayShop,
  AnalyticsDaySource,
};
