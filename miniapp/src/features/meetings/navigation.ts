import { openAppLink, usePageParams } from '@/services';

const ROOT = '/features/meetings/pages';
const q = (id: string) => `?id=${encodeURIComponent(id)}`;

/** Routes of the meetings subpackage (parameters URL-encoded). */
export const meetingPages = {
  list: () => `${ROOT}/list/index`,
  detail: (id: string) => `${ROOT}/detail/index${q(id)}`,
  apply: (id: string) => `${ROOT}/apply/index${q(id)}`,
  draw: (id: string) => `${ROOT}/draw/index${q(id)}`,
  mine: () => `${ROOT}/mine/index`,
  opinion: (id: string) => `${ROOT}/opinion/index${q(id)}`,
};

/** Opens a meetings page (navigateTo; a full page stack redirects instead). */
export function openMeetingPage(url: string): void {
  void openAppLink(url);
}

export const openMeetingList = () => openMeetingPage(meetingPages.list());
export const openMeeting = (id: string) => openMeetingPage(meetingPages.detail(id));
export const openMyApplications = () => openMeetingPage(meetingPages.mine());

/** The `id` (meeting) parameter of the current page. */
export function useMeetingId(): string {
  return usePageParams().id ?? '';
}
