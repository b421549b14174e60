export default definePageConfig({ navigationBarTitleText: '参与', enablePullDownRefresh: true });
