import Taro from '@tarojs/taro';

/** 推广商品: products are shared from their own page (分享赚), so this goes to the shop's feed. */
export function toHome(): void {
  Taro.switchTab({ url: '/pages/home/index' });
}
