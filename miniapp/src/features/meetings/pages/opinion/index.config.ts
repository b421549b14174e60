export default definePageConfig({ navigationBarTitleText: '列席意见' });
