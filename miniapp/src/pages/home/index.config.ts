export default definePageConfig({
  navigationBarTitleText: '微店',
});
