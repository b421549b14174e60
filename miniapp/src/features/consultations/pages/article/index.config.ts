export default definePageConfig({ navigationBarTitleText: '条款与意见', enablePullDownRefresh: true });
