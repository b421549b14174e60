import { LoginPrompt } from '@/components/LoginPrompt';
import { StatusView } from '@/components/StatusView';

/** Whether a staff route's failure is about who is asking (signed out, or lacking the role). */
export function isAccessError(httpStatus: number): boolean {
  return httpStatus === 401 || httpStatus === 403;
}

/**
 * A staff route answered 401 (signed out) or 403 `role_required` (the role is missing; the
 * server's message names it). `data-testid="<testId>"`.
 */
export function AccessDenied({ testId, httpStatus, message }: { testId: string; httpStatus: number; message: string }) {
  if (httpStatus === 401) {
    return <LoginPrompt testId={testId} title='请先登录' description='工作台仅对工作人员开放，登录完成会回到本页。' />;
  }
  return <StatusView testId={testId} glyph='锁' tone='warn' title='没有使用权限' description={message} />;
}
