import Busboy from 'busboy';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOTLINE_PHOTO_FIELD, HOTLINE_PHOTO_MAX_BYTES } from '@zwgk/contracts';
import { validationError, AppError } from '../../core/errors';
import { safeEqual, type FieldCipher } from '../../core/crypto';

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type from the file's first bytes; the declared Content-Type and name are not trusted. */
export function sniffImage(head: Buffer): PhotoMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const photoError = (message: string) => validationError([{ field: HOTLINE_PHOTO_FIELD, message }]);

/** Form fields an upload may carry besides the photo (ignored), and the size of each. */
const FIELDS_MAX = 4;
const FIELD_MAX_BYTES = 1024;
const EXTRA_DATA = '上传内容中有多余的数据，请只上传一张图片';

/**
 * Reads the one image of a multipart upload into memory, refusing it before anything is
 * stored: a missing file, more than one file, a file over the size limit (the stream is cut
 * at limit + 1 byte, so an oversized upload is never buffered whole) or bytes that are not
 * JPEG, PNG or WebP. Form fields are not used: a few small ones are ignored, a larger one
 * (over FIELD_MAX_BYTES, so at most that is ever buffered) refuses the upload. Refused before
 * the body has all arrived, the connection is ended (`endAfterAnswer`) rather than the rest
 * drained, which a client could make last for ever. Errors: 400 naming the `file` field.
 */
export function readPhotoUpload(req: IncomingMessage, res: ServerResponse, maxBytes = HOTLINE_PHOTO_MAX_BYTES): Promise<{ data: Buffer; mime: PhotoMime }> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(photoError('请以 multipart/form-data 上传图片（字段名 file）'));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe();
      endAfterAnswer(req, res);
      reject(err);
    };
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: FIELDS_MAX, fieldSize: FIELD_MAX_BYTES, parts: FIELDS_MAX + 2 } });
    } catch {
      return reject(photoError('上传内容格式不正确'));
    }
    let result: { data: Buffer; mime: PhotoMime } | null = null;
    let sawFile = false;
    bb.on('file', (name, stream) => {
      if (name !== HOTLINE_PHOTO_FIELD || sawFile) {
        stream.resume();
        return;
      }
      sawFile = true;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        chunks.push(c);
      });
      stream.on('limit', () => fail(photoError(`图片不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`)));
      stream.on('end', () => {
        if (settled) return;
        const data = Buffer.concat(chunks, size);
        if (data.length === 0) return fail(photoError('图片是空文件'));
        const mime = sniffImage(data.subarray(0, 16));
        if (!mime) return fail(photoError('只支持 JPEG、PNG 或 WebP 格式的图片'));
        result = { data, mime };
      });
    });
    bb.on('field', (_name, _value, info) => {
      if (info.valueTruncated) fail(photoError(EXTRA_DATA));
    });
    bb.on('fieldsLimit', () => fail(photoError(EXTRA_DATA)));
    bb.on('partsLimit', () => fail(photoError(EXTRA_DATA)));
    bb.on('filesLimit', () => fail(photoError('一次只能上传一张图片')));
    bb.on('error', () => fail(photoError('上传内容格式不正确')));
    bb.on('close', () => {
      if (settled) return;
      if (!result) return fail(photoError(sawFile ? '图片读取失败' : '请选择要上传的图片（字段名 file）'));
      settled = true;
      resolve(result);
    });
    req.on('aborted', () => fail(new AppError('validation_failed', 400, '上传中断')));
    req.pipe(bb);
  });
}

/** What is still read of a refused request's body, and for how long after the answer, before its connection is cut. */
const REFUSED_BODY_READ_BYTES = 1024 * 1024;
const REFUSED_LINGER_MS = 2000;
/** The answer's least head start on the cut, and what is read regardless of it. */
const REFUSED_MIN_LINGER_MS = 250;
const REFUSED_BODY_HARD_CAP = 8 * 1024 * 1024;

/**
 * Ends the connection of a request refused before its body has all arrived. Cutting it at
 * once would lose the answer (closing a socket with unread data sends a reset, and the client
 * may drop the answer with it), so the body is read on and thrown away while the answer goes
 * out, then the connection is half-closed after the answer, and cut once the client has sent
 * another REFUSED_BODY_READ_BYTES (but not before the answer has had REFUSED_MIN_LINGER_MS to be
 * read: a busy client that is still writing reads late) or REFUSED_BODY_HARD_CAP, or
 * REFUSED_LINGER_MS have passed since the answer: bounded, where draining the rest of the body
 * would not be.
 */
export function endAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete || req.destroyed) return;
  const socket = req.socket;
  let read = 0;
  let answeredAt = 0;
  const cut = () => socket.destroy();
  req.on('data', (c: Buffer) => {
    read += c.length;
    if (!res.writableFinished) return;
    if (read > REFUSED_BODY_HARD_CAP || (read > REFUSED_BODY_READ_BYTES && Date.now() - answeredAt >= REFUSED_MIN_LINGER_MS)) cut();
  });
  req.resume();
  res.once('finish', () => {
    answeredAt = Date.now();
    socket.end();
    setTimeout(cut, REFUSED_LINGER_MS).unref();
    if (read > REFUSED_BODY_READ_BYTES) setTimeout(cut, REFUSED_MIN_LINGER_MS).unref();
  });
}

/**
 * Signed photo links: an `<Image src>` in the mini-program sends no Authorization header, so
 * the owner's and staff's responses carry URLs with an expiry and a keyed hash instead.
 */
export function signPhotoUrl(cipher: FieldCipher, id: string, ttlS: number, now: Date, base = ''): string {
  const exp = Math.floor(now.getTime() / 1000) + ttlS;
  return `${base}/api/v1/hotline/photos/${id}?exp=${exp}&sig=${cipher.sign(PHOTO_LINK, `${id}:${exp}`)}`;
}

/** The purpose photo links are signed for: a signature made for any other link never opens a photo. */
const PHOTO_LINK = 'hotline-photo';

/**
 * True when `sig` was made by signPhotoUrl for this photo and has not expired. Links signed
 * before purpose-labelled signatures (with the blind-index key) stay valid until they expire:
 * the case system holds such links for up to HOTLINE_PHOTO_URL_TTL_S.
 */
export function verifyPhotoSignature(cipher: FieldCipher, id: string, exp: unknown, sig: unknown, now: Date): boolean {
  if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return false;
  if (Number(exp) * 1000 < now.getTime()) return false;
  return cipher.verify(PHOTO_LINK, `${id}:${exp}`, sig) || safeEqual(sig, cipher.blindIndex(`hotline-photo:${id}:${exp}`));
}
