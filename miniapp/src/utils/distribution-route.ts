import Taro from '@tarojs/taro';

/** Typed navigation to the 分销 pages (see app.config.ts for each page's query). */

export type DistributionPage = 'center' | 'commissions' | 'withdraw' | 'customers' | 'team';

export function toDistribution(page: DistributionPage = 'center'): void {
  Taro.navigateTo({ url: `/subpackages/distribution/${page}/index` });
}

/** 推广海报 of one product. */
export function toPoster(productId: string): void {
  Taro.navigateTo({ url: `/subpackages/distribution/poster/index?productId=${encodeURIComponent(productId)}` });
}

export type AdminDistributionPage = 'distributors' | 'withdrawals' | 'distribution-settings';

/** The manager console's 分销 pages; `replace` when switching between them from their own strip. */
export function toAdminDistribution(page: AdminDistributionPage, replace = false): void {
  const url = `/subpackages/admin/${page}/index`;
  if (replace) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}
