import Taro from '@tarojs/taro';
import type { OrderStatus } from '@weshop/shared';

/** Typed navigation: one function per page that takes query params (see app.config.ts). */
export function toProduct(id: string): void {
  Taro.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(id)}` });
}

/** A line to check out: a SKU and how many units. */
export interface CheckoutItem {
  skuId: string;
  quantity: number;
}

/** `items` query of the confirm page: `skuId:quantity` pairs joined by commas, e.g. `12:1,40:3`. */
export function encodeCheckoutItems(items: CheckoutItem[]): string {
  return items.map((i) => `${i.skuId}:${i.quantity}`).join(',');
}

/** Reads the `items` query back; malformed pairs are dropped (the server validates what is left). */
export function decodeCheckoutItems(raw: string | undefined): CheckoutItem[] {
  if (!raw) return [];
  return decodeURIComponent(raw)
    .split(',')
    .map((pair) => /^(\d{1,10}):(\d{1,3})$/.exec(pair.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ skuId: m[1], quantity: Number(m[2]) }))
    .filter((i) => i.quantity > 0);
}

/** 确认订单 with these items; `fromCart` removes them from the cart once the order exists. */
export function toConfirmOrder(items: CheckoutItem[], fromCart: boolean): void {
  const query = `items=${encodeURIComponent(encodeCheckoutItems(items))}${fromCart ? '&fromCart=1' : ''}`;
  Taro.navigateTo({ url: `/subpackages/order/confirm/index?${query}` });
}

export function toOrderDetail(id: string, replace = false): void {
  const url = `/subpackages/order/detail/index?id=${encodeURIComponent(id)}`;
  if (replace) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}

/** After the pay sheet: the page that waits for the server to see the payment. */
export function toPayResult(id: string): void {
  Taro.redirectTo({ url: `/subpackages/order/pay-result/index?id=${encodeURIComponent(id)}` });
}

/** Order list tab: an order status, `AFTERSALE` for 售后, or nothing for 全部. */
export type OrderListTab = OrderStatus | 'AFTERSALE' | 'ALL';

export function toOrderList(tab: OrderListTab = 'ALL'): void {
  Taro.navigateTo({ url: `/subpackages/order/list/index?status=${tab}` });
}

/** Address book; with `select`, tapping an address picks it for the confirm page. */
export function toAddressList(select = false): void {
  Taro.navigateTo({ url: `/subpackages/address/list/index${select ? '?select=1' : ''}` });
}

/** New address (no id) or edit one. */
export function toAddressEdit(id?: string): void {
  Taro.navigateTo({ url: `/subpackages/address/edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}` });
}

export function toAdmin(page: 'orders' | 'products' | 'aftersales'): void {
  Taro.navigateTo({ url: `/subpackages/admin/${page}/index` });
}

export function toCart(): void {
  Taro.switchTab({ url: '/pages/cart/index' });
}

/** Event the address list fires when an address is picked in select mode. */
export const ADDRESS_SELECTED = 'address:selected';

/** 申请售后 for one line of an order. */
export function toAftersaleRequest(orderId: string, lineId: string): void {
  Taro.navigateTo({
    url: `/subpackages/aftersales/request/index?orderId=${encodeURIComponent(orderId)}&lineId=${encodeURIComponent(lineId)}`,
  });
}

/** 售后详情; `replace` after submitting the request (back goes to the order, not the form). */
export function toAftersaleDetail(id: string, replace = false): void {
  const url = `/subpackages/aftersales/detail/index?id=${encodeURIComponent(id)}`;
  if (replace) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}

/** 我的售后. */
export function toAftersaleList(): void {
  Taro.navigateTo({ url: '/subpackages/aftersales/list/index' });
}

/** 发表评价 for one line of a completed order. */
export function toReviewWrite(orderId: string, lineId: string): void {
  Taro.navigateTo({
    url: `/subpackages/review/write/index?orderId=${encodeURIComponent(orderId)}&lineId=${encodeURIComponent(lineId)}`,
  });
}
