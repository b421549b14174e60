export default definePageConfig({ navigationBarTitleText: '热线数据公开', enablePullDownRefresh: true });
