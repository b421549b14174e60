import { StatusView } from '../StatusView';
import { askToLogin } from '@/services';

interface LoginPromptProps {
  testId: string;
  /** What the login is for, e.g. 登录后查看诉求办理进度. */
  title?: string;
  description?: string;
}

/**
 * The one "please log in" state: says why, and 去登录 opens 我的, whose login brings the citizen
 * back to this page with its parameters (services/loginReturn). `data-testid="<testId>"`, the
 * button `<testId>-action`.
 */
export function LoginPrompt({ testId, title = '请先登录', description = '登录后即可继续，登录完成会自动回到本页。' }: LoginPromptProps) {
  return <StatusView testId={testId} glyph='登' title={title} description={description} actionText='去登录' onAction={askToLogin} />;
}
