// 政府开放日's entries for the main package (参与 tab, 首页, 我的): the ways into its pages only.
// Subpackage pages import their views directly, so they stay out of the main package.
export { openDayPages, openMyRegistrations, openOpenDay, openOpenDayList } from './navigation';
