export default definePageConfig({
  navigationBarTitleText: '商品详情',
  // useShareAppMessage / useShareTimeline take effect only with these (Taro weapp).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
