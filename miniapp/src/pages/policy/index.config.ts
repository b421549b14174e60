export default definePageConfig({ navigationBarTitleText: '政策', enablePullDownRefresh: true, onReachBottomDistance: 120 });
