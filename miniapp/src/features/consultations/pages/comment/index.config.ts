export default definePageConfig({ navigationBarTitleText: '发表意见' });
