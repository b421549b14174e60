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

/** What the citizen chose: the photos to upload, and why each other file was refused (Chinese). */
export interface PickedImages {
  images: PickedImage[];
  refused: string[];
}

/**
 * Lets the citizen choose up to `count` photos (album or camera); resolves empty lists when
 * cancelled. In H5, Taro drops a chosen file it cannot decode as an image (a PDF, a renamed or
 * broken file) with only a console message: the files the input held are compared with what
 * came back, and each one missing is named in `refused` with the reason.
 */
export async function pickImages(count: number): Promise<PickedImages> {
  if (count <= 0) return { images: [], refused: [] };
  const chosen = authMode() === 'simulated' ? watchChosenFiles() : null;
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const files = (res.tempFiles ?? []) as Array<{ path: string; size?: number; type?: string; originalFileObj?: Blob & { type?: string } }>;
    const images = files.length
      ? files.slice(0, count).map((f) => ({ path: f.path, size: f.size ?? 0, type: f.type || f.originalFileObj?.type || null }))
      : (res.tempFilePaths ?? []).slice(0, count).map((path) => ({ path, size: 0, type: null }));
    const kept = new Set(files.map((f) => f.originalFileObj).filter(Boolean));
    const dropped = (chosen?.files() ?? []).filter((f) => !kept.has(f)).slice(0, count);
    return { images, refused: await Promise.all(dropped.map(refusalOf)) };
  } catch {
    return { images: [], refused: [] };
  } finally {
    chosen?.stop();
  }
}

/** Taro's H5 chooseImage reuses the file input with this id (created here first, so its files can be seen). */
const H5_IMAGE_INPUT_ID = 'taroChooseImage';

function watchChosenFiles(): { files: () => File[]; stop: () => void } | null {
  if (typeof document === 'undefined') return null;
  let input = document.getElementById(H5_IMAGE_INPUT_ID) as HTMLInputElement | null;
  if (!input) {
    input = document.createElement('input');
    input.type = 'file';
    input.id = H5_IMAGE_INPUT_ID;
    input.setAttribute('style', 'position: fixed; top: -4000px; left: -3000px; z-index: -300;');
    document.body.appendChild(input);
  }
  let files: File[] = [];
  const onChange = () => {
    files = Array.from(input!.files ?? []);
  };
  // Capture: runs before Taro's own onchange, which clears the input.
  input.addEventListener('change', onChange, true);
  return { files: () => files, stop: () => input!.removeEventListener('change', onChange, true) };
}

/** The image formats the BFF accepts, by their first bytes (as the server checks them). */
export function imageMimeOf(head: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  const at = (i: number, bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

function readHead(file: Blob, length = 16): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => resolve(new Uint8Array());
    reader.readAsArrayBuffer(file.slice(0, length));
  });
}

/** Why a chosen file did not come back as a photo: not an image format we take, or an image that cannot be read. */
async function refusalOf(file: File): Promise<string> {
  const name = file.name ? `“${file.name}”` : '所选文件';
  return imageMimeOf(await readHead(file)) ? `${name}已损坏，无法读取，请换一张图片` : `${name}不是图片，只能上传 JPG、PNG 或 WebP 格式的图片`;
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
