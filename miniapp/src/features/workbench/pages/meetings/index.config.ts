export default definePageConfig({ navigationBarTitleText: '列席会议', enablePullDownRefresh: true });
