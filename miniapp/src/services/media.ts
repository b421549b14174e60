import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { errorFromResponse, refreshSession } from './client';
import { ApiError, clientMessages } from './errors';
import { apiBase, authMode } from './platform';
import { currentAccessToken } from './sessionStore';

/** A point chosen on the map (WeChat only). */
export interface PickedLocation {
  name: string;
  address: string;
  latitude: number;
  longitude: number;
}

/** A photo chosen on the device, before upload. */
export interface PickedImage {
  /** Temporary path (weapp) or blob: URL (H5) to hand to `uploadPhotoFile`. */
  path: string;
  size: number;
  /** MIME type when the platform reports it (H5), else null. */
  type: string | null;
}

/** True where the map picker works: WeChat's chooseLocation. H5 has no map key, so only an address. */
export function canPickMapPoint(): boolean {
  return authMode() === 'wechat';
}

/** Opens WeChat's map picker; resolves null when the citizen cancels or refuses. */
export async function pickMapPoint(): Promise<PickedLocation | null> {
  if (!canPickMapPoint()) return null;
  try {
    const res = await Taro.chooseLocation({});
    return { name: res.name, address: res.address, latitude: res.latitude, longitude: res.longitude };
  } catch {
    return null;
  }
}

/** Lets the citizen choose up to `count` photos (album or camera); resolves [] when cancelled. */
export async function pickImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return [];
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const files = (res.tempFiles ?? []) as Array<{ path: string; size?: number; type?: string; originalFileObj?: { type?: string } }>;
    if (files.length) {
      return files.slice(0, count).map((f) => ({ path: f.path, size: f.size ?? 0, type: f.type || f.originalFileObj?.type || null }));
    }
    return (res.tempFilePaths ?? []).slice(0, count).map((path) => ({ path, size: 0, type: null }));
  } catch {
    return [];
  }
}

/**
 * Uploads one file with multipart/form-data to a BFF path, as the signed-in citizen.
 * Resolves to the parsed JSON body of a 2xx answer. Refreshes an expired session once.
 * Throws ApiError: the server's code and Chinese message (e.g. a wrong type or a file too
 * large), `network_error` when nothing came back, `unauthenticated` when signed out.
 */
export async function uploadFile(path: string, filePath: string, fieldName = 'file'): Promise<unknown> {
  const token = currentAccessToken();
  if (!token) throw new ApiError({ code: ErrorCode.unauthenticated, status: 401, message: '请先登录' });
  try {
    return await sendFile(path, filePath, fieldName, token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== ErrorCode.tokenExpired) throw error;
    if (!(await refreshSession())) throw new ApiError({ code: ErrorCode.unauthenticated, status: 401, message: clientMessages.sessionExpired });
    return sendFile(path, filePath, fieldName, currentAccessToken());
  }
}

async function sendFile(path: string, filePath: string, fieldName: string, token: string | null): Promise<unknown> {
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: apiBase() + path,
      filePath,
      name: fieldName,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: 60_000,
    });
  } catch {
    throw new ApiError({ code: 'network_error', status: 0, message: clientMessages.network });
  }
  const body = typeof res.data === 'string' ? safeJson(res.data) : res.data;
  if (res.statusCode >= 200 && res.statusCode < 300) return body;
  throw errorFromResponse(res.statusCode, body);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A server-relative media URL made loadable by <Image> (the weapp build talks to another origin). */
export function mediaUrl(url: string): string {
  return url.startsWith('/') ? apiBase() + url : url;
}
