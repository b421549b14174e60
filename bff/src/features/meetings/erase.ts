import type { Types } from 'mongoose';
import { AppError } from '../../core/errors';
import { withdrawApplication } from './applications';
import type { MeetingsCtx } from './context';

const ERASED = '（已注销）';

/**
 * A citizen deleted their account: applications that can still be withdrawn are withdrawn (a
 * selected observer's seat goes back, or to the next reserve, as with any withdrawal), and every
 * application and opinion of theirs loses what identifies them — the sealed name, the masked
 * name shown with the observers, the reason, organisation and qualification. Draw numbers,
 * statuses and the frozen rosters of past draws stay: the draw must remain verifiable.
 * Repeating it is harmless. Returns how many applications were erased.
 */
export async function eraseUserApplications(ctx: MeetingsCtx, userId: Types.ObjectId): Promise<number> {
  const apps = await ctx.models.Application.find({ userId, status: { $in: ['submitted', 'selected', 'confirmed', 'reserve'] } }, { _id: 1 }).lean();
  const actor = { id: String(userId), roles: [], family: '', tokenId: '' };
  for (const a of apps) {
    // After the close (for an applicant) or the start (for an observer) it cannot be withdrawn: erased anyway.
    await withdrawApplication(ctx, actor, String(a._id)).catch((err) => {
      if (!(err instanceof AppError)) throw err;
    });
  }
  const res = await ctx.models.Application.updateMany(
    { userId, nameMasked: { $ne: ERASED } },
    { $set: { nameEnc: null, nameMasked: ERASED, nameSource: 'placeholder', reason: ERASED, organisation: null, qualification: null } },
  );
  await ctx.models.Opinion.updateMany({ userId, nameMasked: { $ne: ERASED } }, { $set: { nameMasked: ERASED } });
  return res.modifiedCount ?? 0;
}
