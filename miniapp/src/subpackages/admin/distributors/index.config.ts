export default definePageConfig({
  navigationBarTitleText: '分销员审核',
});
