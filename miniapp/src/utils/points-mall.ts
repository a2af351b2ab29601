import { formatFen, type PointsMallItemView } from '@weshop/shared';

/** 积分商城's wording, shared by the member's page and the console. */

/** "200 积分" or "200 积分 + ¥9.90". */
export function pointsPriceText(item: { points: number; cash: number }): string {
  return item.cash > 0 ? `${item.points} 积分 + ${formatFen(item.cash)}` : `${item.points} 积分`;
}

export type RedeemState = 'OK' | 'SOLD_OUT' | 'LIMIT' | 'NOT_ENOUGH';

/** Whether 兑换 can be tapped, and if not why (the server decides; this only labels the button). */
export function redeemState(item: PointsMallItemView, available: number): RedeemState {
  if (item.stock <= 0) return 'SOLD_OUT';
  if (item.remainingForMe <= 0) return 'LIMIT';
  if (available < item.points) return 'NOT_ENOUGH';
  return 'OK';
}

export const REDEEM_BUTTON_TEXT: Record<RedeemState, string> = {
  OK: '兑换',
  SOLD_OUT: '已兑完',
  LIMIT: '已达上限',
  NOT_ENOUGH: '积分不足',
};

/** The confirm modal's text: what is spent and what happens next. */
export function redeemConfirmText(item: PointsMallItemView): string {
  const what = item.kind === 'COUPON' ? '优惠券将放入「我的优惠券」' : '礼品将寄往你的默认收货地址';
  const pay = item.cash > 0 ? `，另需支付 ${formatFen(item.cash)}` : '';
  return `使用 ${item.points} 积分兑换「${item.title}」${pay}。${what}。`;
}
