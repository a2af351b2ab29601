import type { AftersaleStatus, OrderStatus } from '@weshop/shared';

/** What the buyer reads for each order status. */
export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  PENDING_PAYMENT: '待付款',
  PAID: '已支付',
  GROUPING: '拼团中',
  TO_SHIP: '待发货',
  SHIPPED: '待收货',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  CLOSED: '已关闭',
};

export const AFTERSALE_STATUS_TEXT: Record<AftersaleStatus, string> = {
  REQUESTED: '待审核',
  APPROVED: '已同意',
  RETURNING: '退货中',
  RECEIVED: '已收到退货',
  REFUNDING: '退款中',
  REFUNDED: '已退款',
  REJECTED: '已拒绝',
  CANCELLED: '已撤销',
};

/** Spec values as one line, e.g. `曜石黑 / 256G`. */
export function specsText(specs: Record<string, string>): string {
  return Object.values(specs).join(' / ');
}

/** A server timestamp as `YYYY-MM-DD HH:mm` in the device's time zone. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
