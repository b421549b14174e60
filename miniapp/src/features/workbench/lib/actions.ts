import type { ExportOutcome } from '@/services';

/** The outcome of an action, shown next to its button until the next try. */
export interface ActionState {
  busy: boolean;
  message: string | null;
  tone: 'ok' | 'error';
}

export const idle: ActionState = { busy: false, message: null, tone: 'ok' };
export const busy: ActionState = { busy: true, message: null, tone: 'ok' };
export const done = (message: string): ActionState => ({ busy: false, message, tone: 'ok' });
export const failed = (message: string): ActionState => ({ busy: false, message, tone: 'error' });

/** China date of `now`, YYYY-MM-DD (for an export's file name). */
export function chinaDate(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** What a CSV export's outcome tells the person (see services/download.ts). */
export function exportResult(outcome: ExportOutcome): ActionState {
  if (outcome === 'downloaded') return done('已导出 CSV 文件，请在浏览器的下载中查看');
  if (outcome === 'shared') return done('已转发 CSV 文件');
  return failed('小程序内无法打开 CSV 文件，请在电脑浏览器中打开网页版工作台导出');
}
