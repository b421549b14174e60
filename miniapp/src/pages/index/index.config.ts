export default definePageConfig({
  navigationBarTitleText: '阳光政务',
  enablePullDownRefresh: true,
});
