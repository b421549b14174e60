import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { Role, StaffRole, type Session, type User } from '@zwgk/contracts';
import { decryptOrNull, maskPhone } from '../../core/crypto';
import { AppError, tokenRevoked, upstreamUnavailable } from '../../core/errors';
import { ErrorCode } from '@zwgk/contracts';
import type { AppContext } from '../../deps';
import { userAad, type AuthModels, type UserDoc } from './model';

export type AuthCtx = AppContext & { models: AuthModels };

/** Roles come from configuration on every login and refresh, so revoking staff takes effect within one token lifetime. */
/** `citizen` plus the staff roles configured for this openid (STAFF_ROLES; STAFF_OPENIDS grants all). */
function rolesFor(ctx: AuthCtx, openid: string): string[] {
  const staff = ctx.config.STAFF_OPENIDS.includes(openid) ? StaffRole.options : (ctx.config.STAFF_ROLES.get(openid) ?? []);
  return ['citizen', ...StaffRole.options.filter((r) => staff.includes(r))];
}

/** Contract view of a user, for the user themselves: the phone number masked, never in full; their nickname. */
export function toUserDto(ctx: AuthCtx, u: UserDoc): User {
  const userId = String(u._id);
  const phone = decryptOrNull(ctx.cipher, u.phoneEnc, userAad('phoneEnc', userId), (err) => ctx.logger.error({ err, userId }, 'cannot decrypt phone number'));
  const nickname = decryptOrNull(ctx.cipher, u.nicknameEnc, userAad('nicknameEnc', userId), (err) => ctx.logger.error({ err, userId }, 'cannot decrypt nickname'));
  return {
    id: userId,
    roles: u.roles.filter((r): r is User['roles'][number] => (Role.options as readonly string[]).includes(r)),
    phoneMasked: phone === null ? null : maskPhone(phone),
    nickname,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

async function issueSession(ctx: AuthCtx, user: UserDoc, family: Types.ObjectId, tokenId: string): Promise<Session> {
  const userId = String(user._id);
  return {
    accessToken: ctx.tokens.signAccess({ userId, roles: user.roles, family: String(family) }),
    refreshToken: ctx.tokens.signRefresh({ userId, family: String(family), tokenId }),
    expiresIn: ctx.tokens.accessTtlS,
    user: toUserDto(ctx, user),
  };
}

/**
 * Logs a citizen in with a wx.login code: exchanges it for an openid, upserts the user by
 * openid, and opens a new session family.
 * Errors: 401 login_failed for a bad or used code; 503 when WeChat cannot be reached.
 */
export async function loginWithWechat(ctx: AuthCtx, code: string): Promise<Session> {
  const { openid, unionid } = await ctx.upstreams.wechat.code2Session(code);
  const now = ctx.now();
  const user = await ctx.models.User.findOneAndUpdate(
    { openid },
    { $set: { roles: rolesFor(ctx, openid), lastLoginAt: now, ...(unionid ? { unionid } : {}) } },
    { upsert: true, new: true, setDefaultsOnInsert: true, lean: true },
  );
  if (!user) throw new AppError(ErrorCode.internal, 500, 'user upsert returned nothing', undefined, false);
  const tokenId = randomUUID();
  const family = await ctx.models.SessionFamily.create({
    userId: user._id,
    currentTokenId: tokenId,
    expiresAt: new Date(now.getTime() + ctx.tokens.refreshTtlS * 1000),
  });
  await limitOpenSessions(ctx, user._id, now);
  return issueSession(ctx, user, family._id, tokenId);
}

/**
 * Keeps at most SESSIONS_PER_USER_MAX open sessions per person: logging in on one device too
 * many revokes the oldest, so a leaked token cannot hide among unlimited sessions.
 */
async function limitOpenSessions(ctx: AuthCtx, userId: Types.ObjectId, now: Date): Promise<void> {
  const open = await ctx.models.SessionFamily.find({ userId, revokedAt: null, expiresAt: { $gt: now } }, { _id: 1 })
    .sort({ createdAt: -1, _id: -1 })
    .lean();
  for (const old of open.slice(ctx.config.SESSIONS_PER_USER_MAX)) await revokeFamily(ctx, old._id, 'too_many_sessions');
}

/** Deletes the records of sessions that ended (expired or revoked) more than a week ago. */
export async function sweepEndedSessions(ctx: AuthCtx): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - 7 * 86_400_000);
  const r = await ctx.models.SessionFamily.deleteMany({ $or: [{ expiresAt: { $lt: cutoff } }, { revokedAt: { $lt: cutoff } }] });
  return r.deletedCount ?? 0;
}

/**
 * Rotates a refresh token: the presented token must be the family's current one. Presenting
 * an older token means it leaked or was replayed, so the whole family is revoked.
 * Errors: 401 token_expired / token_invalid / token_revoked.
 */
export async function refreshSession(ctx: AuthCtx, refreshToken: string): Promise<Session> {
  const claims = ctx.tokens.verifyRefresh(refreshToken);
  if (!Types.ObjectId.isValid(claims.family)) throw tokenRevoked();
  const now = ctx.now();
  const nextId = randomUUID();
  const family = await ctx.models.SessionFamily.findOneAndUpdate(
    { _id: claims.family, currentTokenId: claims.tokenId, revokedAt: null },
    { $set: { currentTokenId: nextId, rotatedAt: now } },
    { new: true, lean: true },
  );
  if (!family) {
    const existing = await ctx.models.SessionFamily.findById(claims.family).lean();
    if (existing && !existing.revokedAt) await revokeFamily(ctx, existing._id, 'refresh_token_reuse');
    ctx.logger.warn({ family: claims.family, reuse: !!existing }, 'refresh token rejected');
    throw new AppError(ErrorCode.tokenRevoked, 401, '登录已失效，请重新登录');
  }
  if (family.expiresAt.getTime() <= now.getTime()) throw tokenRevoked();
  const user = await ctx.models.User.findOneAndUpdate(
    { _id: claims.userId, erasedAt: null },
    { $set: { lastLoginAt: now } },
    { new: true, lean: true },
  );
  if (!user) throw tokenRevoked();
  const roles = rolesFor(ctx, user.openid);
  if (roles.join() !== user.roles.join()) {
    await ctx.models.User.updateOne({ _id: user._id }, { $set: { roles } });
    user.roles = roles;
  }
  return issueSession(ctx, user, family._id, nextId);
}

/** Ends one session: its refresh token in the database, its access tokens in the token store (503 when that fails). */
export async function revokeFamily(ctx: AuthCtx, family: Types.ObjectId | string, reason: string): Promise<void> {
  await ctx.models.SessionFamily.updateOne({ _id: family, revokedAt: null }, { $set: { revokedAt: ctx.now(), revokedReason: reason } });
  try {
    await ctx.tokens.revokeFamily(String(family));
  } catch {
    // The refresh token is dead already, but the access token would live on until it expires:
    // say so with a retryable 503 (a repeat is safe) rather than a 500 that looks like success failed.
    throw upstreamUnavailable('退出登录暂时未能完成，请稍后再试');
  }
}

/**
 * Ends the caller's session: its family is revoked, so its access and refresh tokens stop
 * working. A refresh token of another of the caller's sessions may be passed to end that too.
 */
export async function logout(ctx: AuthCtx, caller: { id: string; family: string }, refreshToken?: string): Promise<void> {
  await revokeFamily(ctx, caller.family, 'logout');
  if (!refreshToken) return;
  try {
    const claims = ctx.tokens.verifyRefresh(refreshToken);
    if (claims.userId === caller.id && claims.family !== caller.family && Types.ObjectId.isValid(claims.family)) {
      await revokeFamily(ctx, claims.family, 'logout');
    }
  } catch {
    // An expired or foreign refresh token has nothing left to revoke.
  }
}

/**
 * Binds the phone number WeChat vouches for (getPhoneNumber code) to the caller.
 * Stored encrypted with a blind index; answered masked.
 */
export async function bindPhone(ctx: AuthCtx, userId: string, code: string): Promise<User> {
  const { purePhoneNumber, phoneNumber } = await ctx.upstreams.wechat.getPhoneNumber(code);
  const phone = purePhoneNumber || phoneNumber;
  const user = await ctx.models.User.findOneAndUpdate(
    { _id: userId, erasedAt: null },
    { $set: { phoneEnc: ctx.cipher.encrypt(phone, userAad('phoneEnc', userId)), phoneIndex: ctx.cipher.blindIndex(phone) } },
    { new: true, lean: true },
  );
  if (!user) throw tokenRevoked();
  return toUserDto(ctx, user);
}

/**
 * Sets the caller's nickname (already trimmed and checked by the contract), sealed at rest.
 * Errors: 401 token_revoked when the account is gone.
 */
export async function updateProfile(ctx: AuthCtx, userId: string, nickname: string): Promise<User> {
  const user = await ctx.models.User.findOneAndUpdate({ _id: userId, erasedAt: null }, { $set: { nicknameEnc: ctx.cipher.encrypt(nickname, userAad('nicknameEnc', userId)) } }, { new: true, lean: true });
  if (!user) throw tokenRevoked();
  return toUserDto(ctx, user);
}

/** The caller's own profile. */
export async function getMe(ctx: AuthCtx, userId: string): Promise<User> {
  const user = await ctx.models.User.findOne({ _id: userId, erasedAt: null }).lean();
  if (!user) throw tokenRevoked();
  return toUserDto(ctx, user);
}
