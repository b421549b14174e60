import { Types } from 'mongoose';
import { recordCitizenActionOnce } from '../../core/audit';
import { tokenRevoked } from '../../core/errors';
import { eraseTicketPersonalData } from '../hotline/erase';
import { hotlineModels } from '../hotline/model';
import { notificationModels } from '../notifications/model';
import type { AuthCtx } from './service';

/** A feature's part of deleting an account: erases what it holds of the user; returns how many records it changed. */
export type AccountEraser = { name: string; erase: (userId: Types.ObjectId) => Promise<number> };
import { revokeFamily } from './service';

/**
 * Deletes a citizen's account at their request (PIPL art. 47; WeChat's 注销). In order, each
 * step a no-op when already done, so a request that failed half-way is finished by a repeat:
 * 1. the user record loses its WeChat identity (openid replaced, so the same WeChat account
 *    logging in again gets a new, empty account), phone, nickname and roles, and is marked erased;
 * 2. their hotline requests lose the personal data the retention task erases (contact name and
 *    phone, account of the matter, place, photos) and stay as anonymous records for the
 *    statistics and the case file; photos uploaded but never attached are deleted;
 * 3. their messages and subscribe-message credits are deleted; every feature's eraser runs (open-day
 *    sign-ups and meeting applications are cancelled where they still can be and lose their personal data);
 * 4. one audit record (ids and counts only) is written, once;
 * 5. every session ends, the caller's own last, so its access token works until all else is done.
 * Errors: 401 token_revoked when no such account; 503 when the token store cannot revoke.
 */
export async function deleteAccount(ctx: AuthCtx, caller: { id: string; family: string }, requestId?: string, erasers: readonly AccountEraser[] = []): Promise<void> {
  const userId = new Types.ObjectId(caller.id);
  const now = ctx.now();
  const user = await ctx.models.User.findById(userId, { _id: 1 }).lean();
  if (!user) throw tokenRevoked();
  await ctx.models.User.updateOne(
    { _id: userId, erasedAt: null },
    {
      $set: { openid: `erased:${caller.id}`, roles: [], erasedAt: now },
      $unset: { unionid: 1, phoneEnc: 1, phoneIndex: 1, nicknameEnc: 1 },
    },
  );

  const hotline = hotlineModels(ctx.mongo);
  const tickets = await eraseTicketPersonalData({ models: hotline, now: ctx.now }, { userId });
  await hotline.Photo.deleteMany({ ownerId: userId });

  const inbox = notificationModels(ctx.mongo);
  const messages = await inbox.Notification.deleteMany({ userId });
  await inbox.Credit.deleteMany({ userId });
  const erased: Record<string, number> = {};
  for (const e of erasers) erased[e.name] = await e.erase(userId);

  await recordCitizenActionOnce(ctx, caller.id, {
    action: 'account.delete',
    target: { type: 'user', id: caller.id },
    after: { ticketsAnonymised: tickets, messagesDeleted: messages.deletedCount ?? 0, ...erased },
    requestId,
  });

  const open = await ctx.models.SessionFamily.find({ userId, revokedAt: null }, { _id: 1 }).lean();
  const others = open.filter((f) => String(f._id) !== caller.family);
  for (const f of others) await revokeFamily(ctx, f._id, 'account_deleted');
  // The caller's family may be revoked in the database by an earlier attempt whose token
  // revocation failed: revoking its tokens again is what matters.
  await revokeFamily(ctx, caller.family, 'account_deleted');
  ctx.logger.info({ userId: caller.id, tickets, messages: messages.deletedCount ?? 0 }, 'account deleted at the citizen’s request');
}
