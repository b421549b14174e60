export default definePageConfig({ navigationBarTitleText: '12345热线' });
