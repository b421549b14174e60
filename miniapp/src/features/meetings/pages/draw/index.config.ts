export default definePageConfig({ navigationBarTitleText: '抽签公示', enablePullDownRefresh: true });
