export default definePageConfig({ navigationBarTitleText: '申请列席' });
