export default definePageConfig({ navigationBarTitleText: '意见处理', enablePullDownRefresh: true });
