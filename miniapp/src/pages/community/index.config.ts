export default definePageConfig({
  navigationBarTitleText: '社群',
  // useShareAppMessage / useShareTimeline take effect only with these (Taro weapp).
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
