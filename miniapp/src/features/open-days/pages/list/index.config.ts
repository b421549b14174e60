export default definePageConfig({ navigationBarTitleText: '政府开放日', enablePullDownRefresh: true });
