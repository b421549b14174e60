import { Types } from 'mongoose';
import { REGISTRATION_STATUS_LABELS, type CheckInResponse, type OpenDayCheckInPass } from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { toChinaIso } from '../../core/calendar';
import { safeEqual } from '../../core/crypto';
import { conflict, notFound } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { OpenDaysCtx } from './context';
import type { RegistrationDoc } from './model';
import { ownRegistration } from './registrations';
import { findOpenDay } from './source';
import { shownStatus } from './views';

/**
 * The check-in pass: `ZWGK-OD1.<registrationId>.<window>.<mac>`, window = ⌊unix seconds / 30⌋ by
 * the server clock, mac = the first 22 base64url characters (132 bits) of an HMAC with the
 * `open-day-check-in` signing key over the registration and the window. The 8-character manual
 * code comes from later bytes of the same HMAC, so it changes with the window too. Staff accept the
 * current and the previous window only: a screenshot is good for 30–60 seconds.
 */
const PURPOSE = 'open-day-check-in';
const WINDOW_S = 30;
const QR = /^ZWGK-OD1\.([0-9a-f]{24})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;
const SHORT = /^[0-9A-Z]{8}$/;

const windowAt = (at: Date) => Math.floor(at.getTime() / 1000 / WINDOW_S);

function macOf(ctx: OpenDaysCtx, regId: string, window: number): { mac: string; shortCode: string } {
  const sig = ctx.cipher.sign(PURPOSE, `${regId}.${window}`);
  const bytes = Buffer.from(sig, 'base64url');
  // 6 bytes (48 bits) into 8 base-36 digits (≈ 41 bits): a tiny bias, no practical help to a guesser.
  const code = (bytes.readUIntBE(20, 6) % 36 ** 8).toString(36).toUpperCase().padStart(8, '0');
  return { mac: sig.slice(0, 22), shortCode: code };
}

/**
 * The citizen's pass for a confirmed (or already checked-in) registration, valid for this 30-second
 * window. Errors: 404 not theirs; 409 not confirmed (waiting, offered, cancelled…).
 */
export async function checkInPass(ctx: OpenDaysCtx, user: AuthUser, registrationId: string): Promise<OpenDayCheckInPass> {
  const reg = await ownRegistration(ctx, user, registrationId);
  if (reg.status !== 'confirmed' && reg.status !== 'attended') {
    throw conflict(reg.status === 'offered' ? '请先确认递补名额，确认后即可出示签到码' : `该报名${REGISTRATION_STATUS_LABELS[shownStatus(reg)]}，没有签到码`);
  }
  const now = ctx.now();
  const window = windowAt(now);
  const { mac, shortCode } = macOf(ctx, registrationId, window);
  return {
    registrationId,
    qr: `ZWGK-OD1.${registrationId}.${window}.${mac}`,
    shortCode,
    windowSeconds: WINDOW_S,
    validUntil: toChinaIso(new Date((window + 1) * WINDOW_S * 1000)),
  };
}

/** Which registration a code names, by its QR text or its manual code among the session's confirmed parties. */
async function resolveCode(ctx: OpenDaysCtx, openDayId: string, sessionId: string, code: string): Promise<RegistrationDoc> {
  const current = windowAt(ctx.now());
  const qr = QR.exec(code);
  if (qr) {
    const [, regId, w, mac] = qr;
    const window = Number(w);
    if (!safeEqual(mac, macOf(ctx, regId, window).mac)) throw conflict('签到码无效，请让参加者重新打开签到码');
    if (window > current || window < current - 1) throw conflict('签到码已过期，请让参加者刷新签到码后重新扫码');
    const reg = await ctx.models.Registration.findById(new Types.ObjectId(regId)).lean<RegistrationDoc>();
    if (!reg) throw conflict('签到码无效，请让参加者重新打开签到码');
    if (reg.openDayId !== openDayId || reg.sessionId !== sessionId) throw conflict('该签到码不属于本场次，请核对参加者报名的场次');
    return reg;
  }
  const short = code.toUpperCase();
  if (!SHORT.test(short)) throw conflict('签到码格式不正确：请扫描二维码，或输入 8 位签到码');
  // Recompute each party's code for the two windows: a few hundred HMACs, well under a millisecond each.
  const regs = await ctx.models.Registration.find({ openDayId, sessionId, status: { $in: ['confirmed', 'attended'] } }).lean<RegistrationDoc[]>();
  for (const reg of regs) {
    const id = String(reg._id);
    if (macOf(ctx, id, current).shortCode === short || macOf(ctx, id, current - 1).shortCode === short) return reg;
  }
  throw conflict('签到码无效或已过期，请让参加者刷新签到码后重新输入');
}

/**
 * Checks a party in at the door: confirmed → attended; a second scan answers `alreadyCheckedIn`.
 * Audited. Errors: 404 unknown open day or session; 409 invalid, expired, other session's, or
 * not confirmed (waiting, cancelled, no-show…).
 */
export async function checkIn(ctx: OpenDaysCtx, actor: AuthUser, openDayId: string, sessionId: string, code: string, requestId?: string): Promise<CheckInResponse> {
  const { value: od } = await findOpenDay(ctx, openDayId);
  if (!od.sessions.some((s) => s.id === sessionId)) throw notFound('本次开放日没有这个场次');
  const reg = await resolveCode(ctx, openDayId, sessionId, code.trim());
  const answer = (r: RegistrationDoc, already: boolean): CheckInResponse => ({
    registrationId: String(r._id),
    name: r.nameMasked,
    partySize: r.partySize,
    status: shownStatus(r),
    statusLabel: REGISTRATION_STATUS_LABELS[shownStatus(r)],
    checkedInAt: toChinaIso(new Date(r.checkedInAt!)),
    alreadyCheckedIn: already,
  });
  if (reg.status === 'attended') return answer(reg, true);
  const now = ctx.now();
  const done = await ctx.models.Registration.collection.findOneAndUpdate(
    { _id: reg._id, status: 'confirmed', pendingOp: null },
    { $set: { status: 'attended', checkedInAt: now, checkedInBy: actor.id, updatedAt: now } },
    { returnDocument: 'after' },
  );
  if (!done) {
    const cur = await ctx.models.Registration.findById(reg._id).lean<RegistrationDoc>();
    if (cur?.status === 'attended') return answer(cur, true);
    throw conflict(`该报名${REGISTRATION_STATUS_LABELS[shownStatus(cur ?? reg)]}，不能签到`);
  }
  await recordAudit(ctx, actor, {
    role: 'events',
    action: 'open_day.check_in',
    target: { type: 'open_day_registration', id: String(reg._id) },
    before: { status: 'confirmed' },
    after: { status: 'attended', openDayId, sessionId, partySize: reg.partySize },
    requestId,
  });
  return answer(done as unknown as RegistrationDoc, false);
}
