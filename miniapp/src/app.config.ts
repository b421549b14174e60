const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tab/${icon}.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
});

export default defineAppConfig({
  // pages/not-found: where an unknown address lands (app.tsx, usePageNotFound).
  pages: ['pages/index/index', 'pages/policy/index', 'pages/participate/index', 'pages/hotline/index', 'pages/mine/index', 'pages/not-found/index'],
  window: {
    navigationBarTitleText: '阳光政务',
    // WeChat's own bar in weapp (its default). In H5 it turns on the router's navigation bar
    // (off unless asked for): the page's title, and 返回 or 首页 when there is no history.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#c41d24',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    // Unselected tab labels: #5c6370 on white is 6:1 (WCAG AA needs 4.5:1 for such small text).
    color: '#5c6370',
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
    // 我的消息: the inbox of hotline progress messages (the unread badge on 我的 is in the main package).
    { root: 'features/notifications', pages: ['pages/inbox/index'] },
    // 民意征集 (issue 10): a consultation and its articles, the comment form, the adoption report, 我的意见.
    { root: 'features/consultations', pages: ['pages/detail/index', 'pages/article/index', 'pages/comment/index', 'pages/report/index', 'pages/mine/index'] },
    // 政府开放日 (issue 11): the list, an open day with its live places, the sign-up form, the check-in pass, 我的报名.
    { root: 'features/open-days', pages: ['pages/list/index', 'pages/detail/index', 'pages/register/index', 'pages/pass/index', 'pages/mine/index'] },
    // 列席会议 (issue 11): the meetings, one meeting, the application form, the draw and its 复核,
    // 我的列席申请 and the observers' opinions.
    { root: 'features/meetings', pages: ['pages/list/index', 'pages/detail/index', 'pages/apply/index', 'pages/draw/index', 'pages/mine/index', 'pages/opinion/index'] },
    // 公开参与数据 (issue 11): the yearly figures of open days and meeting observation.
    { root: 'features/participation', pages: ['pages/stats/index'] },
    // 工作台 for staff roles: the home with queue counts, the 12345 desk, the audit log, and 民意征集
    // moderation, 意见处理 and the adoption report, 开放日 sign-ups and check-in at the door, and
    // 列席会议 (the meetings and one meeting's selection).
    {
      root: 'features/workbench',
      pages: [
        'pages/home/index',
        'pages/hotline/index',
        'pages/audit/index',
        'pages/consultations/index',
        'pages/dispositions/index',
        'pages/report/index',
        'pages/open-days/index',
        'pages/check-in/index',
        'pages/meetings/index',
        'pages/meeting/index',
      ],
    },
  ],
  // Page transitions in H5 hide the previous page when going back quickly; none are needed.
  animation: process.env.TARO_ENV === 'h5' ? false : undefined,
});
