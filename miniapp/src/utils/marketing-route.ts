import Taro from '@tarojs/taro';
import type { UserCouponStatus } from '@weshop/shared';

/** Typed navigation to the 营销 pages (see app.config.ts for each page's query). */

export type MarketingPage = 'member' | 'sign-in' | 'points' | 'member-day' | 'points-mall';

/** 会员中心, 签到, 积分, 会员日 or 积分商城. */
export function toMarketing(page: MarketingPage): void {
  Taro.navigateTo({ url: `/subpackages/marketing/${page}/index` });
}

/** 领券中心 (`center`) or 我的优惠券 on a status tab. */
export function toCoupons(tab: 'center' | UserCouponStatus = 'center'): void {
  Taro.navigateTo({ url: `/subpackages/marketing/coupons/index?tab=${tab}` });
}
