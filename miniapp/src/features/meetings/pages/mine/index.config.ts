export default definePageConfig({ navigationBarTitleText: '我的列席申请', enablePullDownRefresh: true });
