export default definePageConfig({
  navigationBarTitleText: '拼团详情',
  // useShareAppMessage takes effect only with this (Taro weapp).
  enableShareAppMessage: true,
});
