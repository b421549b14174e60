import Taro from '@tarojs/taro';
import { usePageParams } from '@/services';

const ROOT = '/features/consultations/pages';

/** Routes of the consultations subpackage (parameters URL-encoded). */
export const consultationPages = {
  detail: (id: string) => `${ROOT}/detail/index?id=${encodeURIComponent(id)}`,
  /** One article's text and its published comments; `no` 0 is the draft as a whole. */
  article: (id: string, no: number) => `${ROOT}/article/index?id=${encodeURIComponent(id)}&no=${no}`,
  /** The comment form; `no` omitted or 0: on the draft as a whole. */
  comment: (id: string, no?: number) => `${ROOT}/comment/index?id=${encodeURIComponent(id)}${no ? `&no=${no}` : ''}`,
  report: (id: string) => `${ROOT}/report/index?id=${encodeURIComponent(id)}`,
  /** 我的意见; with `id`, the comments on that consultation only. */
  mine: (id?: string) => `${ROOT}/mine/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
};

/** Opens a consultation page; a full page stack (10 pages) replaces the top one instead. */
export function openPage(url: string): void {
  let depth = 0;
  try {
    depth = Taro.getCurrentPages().length;
  } catch {
    // No page stack yet (app starting): navigating is always allowed then.
  }
  (depth >= 9 ? Taro.redirectTo({ url }) : Taro.navigateTo({ url })).catch(() => undefined);
}

export const openConsultation = (id: string) => openPage(consultationPages.detail(id));
export const openMyComments = () => openPage(consultationPages.mine());

/** The `id` (consultation) and `no` (article, 0 = whole draft) parameters of the current page. */
export function useConsultationParams(): { id: string; articleNo: number } {
  const params = usePageParams();
  const no = Number(params.no ?? 0);
  return { id: params.id ?? '', articleNo: Number.isInteger(no) && no > 0 ? no : 0 };
}
