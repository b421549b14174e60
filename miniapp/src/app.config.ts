const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tab/${icon}.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
});

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/policy/index', 'pages/participate/index', 'pages/hotline/index', 'pages/mine/index'],
  window: {
    navigationBarTitleText: '阳光政务',
    navigationBarBackgroundColor: '#c41d24',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#c41d24',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      tab('pages/index/index', '首页', 'home'),
      tab('pages/policy/index', '政策', 'policy'),
      tab('pages/participate/index', '参与', 'participate'),
      tab('pages/hotline/index', '热线', 'hotline'),
      tab('pages/mine/index', '我的', 'mine'),
    ],
  },
  subPackages: [
    // 12345 hotline: 我的诉求, timeline, rating and statistics (the submit form is the 热线 tab).
    { root: 'features/hotline', pages: ['pages/tickets/index', 'pages/ticket/index', 'pages/rate/index', 'pages/stats/index'] },
    // 政策 tab (issue 3): detail and search pages, loaded on first use to keep the main package small.
    { root: 'features/policy', pages: ['pages/policy/index', 'pages/interpretation/index', 'pages/qa/index', 'pages/search/index'] },
  ],
  // Page transitions in H5 hide the previous page when going back quickly; none are needed.
  animation: process.env.TARO_ENV === 'h5' ? false : undefined,
});
