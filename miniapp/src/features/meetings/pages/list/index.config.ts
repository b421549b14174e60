export default definePageConfig({ navigationBarTitleText: '列席政府会议', enablePullDownRefresh: true });
