import Taro from '@tarojs/taro';
import { ErrorCode, type RouteContract } from '@zwgk/contracts';
import { errorFromResponse, pathOf, refreshSession } from './client';
import { ApiError, clientMessages } from './errors';
import { apiBase, authMode } from './platform';
import { currentAccessToken } from './sessionStore';

/**
 * What became of a file export: `downloaded` (H5: the browser saved it), `shared` (WeChat: the
 * person forwarded it to a chat, e.g. 文件传输助手, to open on a computer), `unavailable`
 * (WeChat: it was fetched but cannot be opened or forwarded here).
 */
export type ExportOutcome = 'downloaded' | 'shared' | 'unavailable';

/**
 * Fetches a file route of the BFF (e.g. the hotline desk's CSV) as the signed-in person and hands
 * it over the way the platform can: in H5 a download of a Blob (a link cannot carry the token),
 * in WeChat downloadFile with the token and then WeChat's forward-a-file sheet (openDocument
 * does not open CSV). Refreshes an expired session once.
 * A public file route (`auth: 'optional'`, e.g. an adoption report) is fetched without a token
 * when signed out. `params` fill the path's `{name}` values as `call` does.
 * Throws ApiError: the server's code and Chinese message (e.g. role_required), `network_error`,
 * `unauthenticated` when signed out of a route that needs a session.
 */
export async function downloadExport(route: RouteContract, query: Record<string, unknown>, fileName: string, params?: Record<string, string>): Promise<ExportOutcome> {
  const url = apiBase() + pathOf(route, params) + queryString(query);
  const token = currentAccessToken();
  if (!token && route.auth !== 'optional' && route.auth !== 'none') throw new ApiError({ code: ErrorCode.unauthenticated, status: 401, message: '请先登录' });
  try {
    return await fetchAndSave(url, token, fileName);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== ErrorCode.tokenExpired) throw error;
    if (!(await refreshSession())) throw new ApiError({ code: ErrorCode.unauthenticated, status: 401, message: clientMessages.sessionExpired });
    return fetchAndSave(url, currentAccessToken(), fileName);
  }
}

function fetchAndSave(url: string, token: string | null, fileName: string): Promise<ExportOutcome> {
  return authMode() === 'wechat' ? saveInWechat(url, token, fileName) : saveInBrowser(url, token, fileName);
}

async function saveInBrowser(url: string, token: string | null, fileName: string): Promise<ExportOutcome> {
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeader(token) });
  } catch {
    throw new ApiError({ code: 'network_error', status: 0, message: clientMessages.network });
  }
  if (!res.ok) throw errorFromResponse(res.status, await res.text().catch(() => ''));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by now; keep the Blob a little longer for slow browsers.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return 'downloaded';
}

async function saveInWechat(url: string, token: string | null, fileName: string): Promise<ExportOutcome> {
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header: authHeader(token) });
  } catch {
    throw new ApiError({ code: 'network_error', status: 0, message: clientMessages.network });
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorFromResponse(res.statusCode, readText(res.tempFilePath));
  try {
    await Taro.shareFileMessage({ filePath: res.tempFilePath, fileName });
    return 'shared';
  } catch {
    return 'unavailable';
  }
}

function authHeader(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The body of a downloaded error answer (JSON), to keep the server's message. */
function readText(filePath: string): string {
  try {
    return String(Taro.getFileSystemManager().readFileSync(filePath, 'utf8'));
  } catch {
    return '';
  }
}

function queryString(query: Record<string, unknown>): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}
