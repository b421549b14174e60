import type { ErrorCode } from '@zwgk/contracts';

/** Codes the client itself produces when no server error body is available. */
export type ClientErrorCode = 'network_error' | 'bad_response' | 'http_error';

/** An API failure with a message fit to show citizens (Chinese, from the server when it sent one). */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode | (string & {});
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly details?: unknown;
  readonly requestId?: string;

  constructor(init: { code: string; message: string; status: number; details?: unknown; requestId?: string }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    // Keep instanceof working when transpiled to ES5 classes.
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

export const clientMessages = {
  network: '网络连接失败，请检查网络后重试',
  badResponse: '服务返回的数据有误，请稍后再试',
  http: (status: number) => `服务暂时不可用（${status}），请稍后再试`,
  sessionExpired: '登录已过期，请重新登录',
  missingParam: '链接缺少必要的编号，请返回后重新打开',
  unknown: '操作失败，请稍后再试',
} as const;

/** The message to show for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return clientMessages.unknown;
}
