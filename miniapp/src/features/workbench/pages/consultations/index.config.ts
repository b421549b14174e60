export default definePageConfig({ navigationBarTitleText: '民意征集意见审核', enablePullDownRefresh: true });
