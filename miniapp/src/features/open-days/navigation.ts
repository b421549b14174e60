import { openAppLink, showToast, usePageParams } from '@/services';

const ROOT = '/features/open-days/pages';

/** Routes of the open-days subpackage (parameters URL-encoded). */
export const openDayPages = {
  list: () => `${ROOT}/list/index`,
  detail: (id: string) => `${ROOT}/detail/index?id=${encodeURIComponent(id)}`,
  /** The sign-up form; `sessionId` preselects a session. */
  register: (id: string, sessionId?: string) => `${ROOT}/register/index?id=${encodeURIComponent(id)}${sessionId ? `&session=${encodeURIComponent(sessionId)}` : ''}`,
  pass: (registrationId: string) => `${ROOT}/pass/index?rid=${encodeURIComponent(registrationId)}`,
  mine: () => `${ROOT}/mine/index`,
};

/** Opens a page of this app; tells the citizen when it cannot be opened (a full page stack is redirected). */
export function openPage(path: string): void {
  void openAppLink(path).then((opened) => {
    if (!opened) showToast('该页面暂时无法打开');
  });
}

export const openOpenDayList = () => openPage(openDayPages.list());
export const openOpenDay = (id: string) => openPage(openDayPages.detail(id));
export const openMyRegistrations = () => openPage(openDayPages.mine());

/** The parameters of the current open-day page: `id` (open day), `session`, `rid` (registration). */
export function useOpenDayParams(): { id: string; sessionId: string; registrationId: string } {
  const params = usePageParams();
  return { id: params.id ?? '', sessionId: params.session ?? '', registrationId: params.rid ?? '' };
}
