import type { Types } from 'mongoose';
import { AppError } from '../../core/errors';
import type { OpenDaysCtx } from './context';
import { releaseClaims } from './places';
import { cancelRegistration } from './registrations';

const ERASED = '（已注销）';

/**
 * A citizen deleted their account: their open-day sign-ups that can still be cancelled are
 * cancelled (the places go to the waitlist as with any cancellation), and every sign-up of
 * theirs loses its personal data — names, ID numbers, phone, companions, the ID blind index —
 * while its status and party size stay for the published figures. Repeating it is harmless.
 * Returns how many sign-ups were erased.
 */
export async function eraseUserRegistrations(ctx: OpenDaysCtx, userId: Types.ObjectId): Promise<number> {
  const regs = await ctx.models.Registration.find({ userId }, { _id: 1, status: 1, openDayId: 1, userId: 1, idHash: 1 }).lean();
  const actor = { id: String(userId), roles: [], family: '', tokenId: '' };
  for (const r of regs) {
    if (['confirmed', 'waitlisted', 'offered'].includes(r.status)) {
      // Past the cut-off (or already moving on) it cannot be cancelled: the data is erased anyway.
      await cancelRegistration(ctx, actor, String(r._id)).catch((err) => {
        if (!(err instanceof AppError)) throw err;
      });
    }
    await releaseClaims(ctx, r);
  }
  const res = await ctx.models.Registration.updateMany(
    { userId, nameMasked: { $ne: ERASED } },
    { $set: { nameEnc: '', nameMasked: ERASED, idNumberEnc: '', idNumberMasked: ERASED, idHash: `erased:${String(userId)}`, phoneEnc: '', phoneMasked: ERASED, companions: [] } },
  );
  return res.modifiedCount ?? 0;
}
