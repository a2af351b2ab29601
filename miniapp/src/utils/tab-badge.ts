import Taro from '@tarojs/taro';

/** Index of 购物车 in app.config.ts's tabBar list. */
const CART_TAB = 2;

/**
 * Shows the cart's unit count on its tab (none at zero). Only meaningful on a page with the tab
 * bar; h5 and pages without one reject, which is fine: the next tab page refreshes it.
 */
export function showCartBadge(count: number): void {
  try {
    const call =
      count > 0
        ? Taro.setTabBarBadge?.({ index: CART_TAB, text: count > 99 ? '99+' : String(count) })
        : Taro.removeTabBarBadge?.({ index: CART_TAB });
    Promise.resolve(call).catch(() => undefined);
  } catch {
    // h5 without a rendered tab bar throws synchronously; the badge is cosmetic.
  }
}
