import { ErrorCode, type FieldIssue } from '@zwgk/contracts';

/**
 * The one error type of the BFF. `expose` says whether `message` may reach the client;
 * messages of exposed errors are Chinese and written for citizens.
 */
export class AppError extends Error {
  constructor(
    /** One of the contract's codes: clients branch on it. */
    public readonly code: ErrorCode,
    public readonly status: number,
    message: string,
    public readonly details?: unknown,
    public readonly expose = status < 500,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (issues: FieldIssue[]) =>
  new AppError(ErrorCode.validation, 400, issues.length === 1 ? issues[0].message : `有 ${issues.length} 项填写不正确`, issues);
export const unauthenticated = (message = '请先登录') => new AppError(ErrorCode.unauthenticated, 401, message);
export const tokenExpired = () => new AppError(ErrorCode.tokenExpired, 401, '登录已过期，请重新登录');
export const tokenInvalid = () => new AppError(ErrorCode.tokenInvalid, 401, '登录凭证无效，请重新登录');
export const tokenRevoked = () => new AppError(ErrorCode.tokenRevoked, 401, '登录已失效，请重新登录');
export const forbidden = (message = '没有权限进行此操作') => new AppError(ErrorCode.forbidden, 403, message);
export const notFound = (message = '没有找到相关内容') => new AppError(ErrorCode.notFound, 404, message);
export const conflict = (message: string) => new AppError(ErrorCode.conflict, 409, message);
export const rateLimited = (retryAfterS: number) =>
  new AppError(ErrorCode.rateLimited, 429, `操作太频繁，请 ${retryAfterS} 秒后再试`, { retryAfter: retryAfterS }, true, {
    'Retry-After': String(retryAfterS),
  });
export const upstreamUnavailable = (message = '相关系统暂时无法访问，请稍后再试') =>
  new AppError(ErrorCode.upstreamUnavailable, 503, message, undefined, true);
export const loginFailed = (message = '微信登录失败，请重试') => new AppError(ErrorCode.loginFailed, 401, message);

/**
 * Failure of an upstream call, raised inside adapters. It never reaches a citizen as is:
 * routes turn it into `upstreamUnavailable` or a degraded panel.
 */
export class UpstreamError extends Error {
  constructor(
    public readonly system: 'portal' | 'case' | 'wechat',
    public readonly kind: 'timeout' | 'unreachable' | 'http' | 'bad_response' | 'circuit_open' | 'rejected',
    message: string,
    public readonly status?: number,
    public readonly upstreamCode?: string | number,
  ) {
    super(`${system} ${kind}: ${message}`);
    this.name = 'UpstreamError';
  }
}
