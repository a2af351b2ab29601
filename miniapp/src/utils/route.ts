import Taro from '@tarojs/taro';

/** Typed navigation: one function per page that takes query params (see app.config.ts). */
export function toProduct(id: string): void {
  Taro.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(id)}` });
}
