import Taro from '@tarojs/taro';
import type { GroupStatus } from '@weshop/shared';
import type { CheckoutItem } from './route';
import { groupBuyConfirmQuery, type GroupBuyChoice } from './groupbuy';

/** Typed navigation to the 拼团 pages (see app.config.ts for each page's query). */

/** 拼团详情; `replace` from the pay-result page (back then skips it). */
export function toGroup(id: string, replace = false): void {
  const url = `/subpackages/groupbuy/group/index?id=${encodeURIComponent(id)}`;
  if (replace) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}

/** 我的拼团, on a status tab or 全部. */
export function toMyGroups(status?: GroupStatus): void {
  Taro.navigateTo({ url: `/subpackages/groupbuy/mine/index${status ? `?status=${status}` : ''}` });
}

/** 确认订单 for a group buy: opens a group of the campaign, or joins `choice.groupId`. */
export function toGroupBuyConfirm(items: CheckoutItem[], choice: GroupBuyChoice): void {
  Taro.navigateTo({ url: `/subpackages/order/confirm/index?${groupBuyConfirmQuery(items, choice)}` });
}

/** The manager console's 拼团活动; `replace` when switching pages from a console strip. */
export function toAdminGroupbuys(replace = false): void {
  const url = '/subpackages/admin/groupbuys/index';
  if (replace) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}
