import Taro from '@tarojs/taro';

/** Typed navigation to the manager console's 数据看板 (see app.config.ts for the page's query). */
export function toAdminAnalytics(): void {
  Taro.navigateTo({ url: '/subpackages/admin/analytics/index' });
}
