// The ways into 列席会议 from the main package (参与 tab, 首页, 我的). Subpackage pages import
// their views directly, so they stay out of the main package.
export { meetingPages, openMeeting, openMeetingList, openMyApplications } from './navigation';
