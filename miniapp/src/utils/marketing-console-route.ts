import Taro from '@tarojs/taro';

/** Typed navigation to 限时秒杀 and the manager console's 营销 pages (see app.config.ts for each page's query). */

/** 限时秒杀 (the running flash sales). */
export function toFlashSale(): void {
  Taro.navigateTo({ url: '/subpackages/marketing/flash-sale/index' });
}

/** A page of the console's 营销 strip (`groupbuys`, `promotions`, `coupons`, …); `replace` from the strip itself. */
export function toAdminMarketing(page: string, replace = false): void {
  const url = `/subpackages/admin/${page}/index`;
  if (replace) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}
