export default definePageConfig({ navigationBarTitleText: '公开参与数据', enablePullDownRefresh: true });
