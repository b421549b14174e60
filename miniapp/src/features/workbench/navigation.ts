import { openAppLink, showToast } from '@/services';

const ROOT = '/features/workbench/pages';

/** Pages of the workbench subpackage (the BFF names the tools' pages too, in `tool.path`). */
export const workbenchPages = {
  home: () => `${ROOT}/home/index`,
  hotline: (trackingNo?: string) => `${ROOT}/hotline/index${trackingNo ? `?no=${encodeURIComponent(trackingNo)}` : ''}`,
  audit: () => `${ROOT}/audit/index`,
  moderation: () => `${ROOT}/consultations/index`,
  /** 意见处理 of one consultation. */
  dispositions: (id: string) => `${ROOT}/dispositions/index?id=${encodeURIComponent(id)}`,
  /** The adoption report's preview and 发布采纳情况. */
  report: (id: string) => `${ROOT}/report/index?id=${encodeURIComponent(id)}`,
  /** 开放日报名: open days, their sessions' counts and lists. */
  openDays: () => `${ROOT}/open-days/index`,
  /** 现场签到 of one session (none given: choose it on the page). */
  checkIn: (id?: string, sessionId?: string) =>
    `${ROOT}/check-in/index${id && sessionId ? `?id=${encodeURIComponent(id)}&session=${encodeURIComponent(sessionId)}` : ''}`,
  /** 列席会议: every meeting with its queues (the BFF's tool `meetings` names this path). */
  meetings: () => `${ROOT}/meetings/index`,
  /** One meeting's applications, review or draw, and opinions. */
  meeting: (id: string) => `${ROOT}/meeting/index?id=${encodeURIComponent(id)}`,
};

/** The citizens' page of a consultation's published adoption report (features/consultations). */
export const publicConsultationPage = (id: string) => `/features/consultations/pages/report/index?id=${encodeURIComponent(id)}`;

/** Opens a workbench page or a citizens' page; tells the person when it cannot be opened. */
export function openPage(path: string): void {
  void openAppLink(path).then((opened) => {
    if (!opened) showToast('该页面暂时无法打开');
  });
}

/** Opens the workbench home. */
export function openWorkbench(): void {
  void openAppLink(workbenchPages.home());
}
