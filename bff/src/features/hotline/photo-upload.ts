import type { IncomingMessage, ServerResponse } from 'node:http';
import { Types } from 'mongoose';
import { hasStaffRole, HOTLINE_PHOTO_MAX_BYTES, type HotlinePhotoUploadResponse } from '@zwgk/contracts';
import { notFound, unauthenticated, validationError } from '../../core/errors';
import { recordAudit } from '../../core/audit';
import type { AuthUser } from '../../core/http';
import type { HotlineService } from './context';
import { photoAad, type PhotoDoc } from './model';
import { chargePhotoQuota, precheckPhotoQuota } from './photo-limits';
import { stripMetadata } from './photo-metadata';
import { endAfterAnswer, readPhotoUpload, signPhotoUrl, verifyPhotoSignature } from './photos';
import type { HotlineCtx } from './sync';
import { VIEW_URL_TTL_S } from './views';

/** Multipart framing around the one file adds a little; a declared length beyond this is refused unread. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Stores one photo for a later submission and answers with a signed preview link. Cheap
 * refusals come before the body is read: a declared Content-Length far over the size limit,
 * then today's upload count; the byte quota is charged once the image is read and checked.
 * The photo stays unattached (and is swept after a day) until a submission names it.
 * Errors: 400 `file` (too large, missing, several, empty or not JPEG/PNG/WebP, not multipart,
 * upload cut off); 429 daily count or size quota used up.
 */
export async function uploadPhoto(ctx: HotlineService, user: AuthUser, req: IncomingMessage, res: ServerResponse, declaredLength: number): Promise<HotlinePhotoUploadResponse> {
  // Refused before the body is read (too large as declared, quota used up): the body is not
  // read at all, and the connection ends with the answer.
  const refuse = (err: unknown): never => {
    endAfterAnswer(req, res);
    throw err;
  };
  if (declaredLength > HOTLINE_PHOTO_MAX_BYTES + MULTIPART_OVERHEAD_BYTES) {
    refuse(validationError([{ field: 'file', message: `图片不能超过 ${HOTLINE_PHOTO_MAX_BYTES / 1024 / 1024} MB` }]));
  }
  await precheckPhotoQuota(ctx, user.id).catch(refuse);
  const upload = await readPhotoUpload(req, res);
  const mime = upload.mime;
  // Where and when it was taken, and on what, is not ours to keep: only the picture is stored,
  // and sealed at rest.
  const data = stripMetadata(upload.data, mime);
  await chargePhotoQuota(ctx, user.id, data.length);
  const _id = new Types.ObjectId();
  const photo = await ctx.models.Photo.create({ _id, ownerId: new Types.ObjectId(user.id), mime, size: data.length, data: ctx.cipher.encryptBytes(data, photoAad(_id)), sealed: true });
  return {
    id: String(photo._id),
    mime,
    size: data.length,
    url: signPhotoUrl(ctx.cipher, String(photo._id), VIEW_URL_TTL_S, ctx.now()),
  };
}

/**
 * One photo's bytes, for its owner, for the hotline desk (role `hotline`, or admin), or for
 * whoever holds an unexpired signed link (`exp` and `sig` from the query): an <Image src>
 * sends no token. `id` is an already validated photo id.
 * Errors: 401 neither a valid link nor a token; 404 missing or not the caller's (alike).
 */
export async function getPhoto(
  ctx: HotlineCtx,
  user: AuthUser | undefined,
  id: string,
  link: { exp?: unknown; sig?: unknown },
): Promise<{ mime: PhotoDoc['mime']; data: Buffer }> {
  const signed = verifyPhotoSignature(ctx.cipher, id, link.exp, link.sig, ctx.now());
  if (!signed && !user) throw unauthenticated();
  const photo = await ctx.models.Photo.findById(id).lean();
  // The desk's role, as on the staff ticket routes: other staff roles see no citizen's photos.
  const allowed = photo && (signed || hasStaffRole(user!.roles, 'hotline') || String(photo.ownerId) === user!.id);
  if (!photo || !allowed) throw notFound('没有找到该图片');
  // A staff member looking at a citizen's photo leaves a trace (the owner and signed links do not).
  if (!signed && user && String(photo.ownerId) !== user.id) {
    await recordAudit(ctx, user, { role: 'hotline', action: 'hotline.view_photo', target: { type: 'hotline_photo', id } });
  }
  // A lean read gives the driver's Binary, whose bytes are under `.buffer`.
  const stored = Buffer.from(photo.data.buffer ?? photo.data);
  // Photos stored before sealing existed are served as they are.
  return { mime: photo.mime, data: photo.sealed ? ctx.cipher.decryptBytes(stored, photoAad(photo._id)) : stored };
}
