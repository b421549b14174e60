export default definePageConfig({ navigationBarTitleText: '12345 诉求办理', enablePullDownRefresh: true });
