export default definePageConfig({
  navigationBarTitleText: '帖子详情',
  // useShareAppMessage takes effect only with this (Taro weapp).
  enableShareAppMessage: true,
});
