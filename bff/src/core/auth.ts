import { createSecretKey, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type Koa from 'koa';
import { ErrorCode, hasStaffRole, STAFF_ROLE_LABELS, type StaffRole } from '@zwgk/contracts';
import type { Kv } from './kv';
import { AppError, tokenExpired, tokenInvalid, tokenRevoked, unauthenticated, upstreamUnavailable } from './errors';
import type { AuthUser, State } from './http';

const ISSUER = 'zwgk-bff';
const AUDIENCE = 'zwgk-miniapp';

export interface TokenService {
  readonly accessTtlS: number;
  readonly refreshTtlS: number;
  signAccess(u: { userId: string; roles: string[]; family: string }): string;
  signRefresh(u: { userId: string; family: string; tokenId: string }): string;
  /** Checks signature, expiry and revocation; throws the matching 401. */
  verifyAccess(token: string): Promise<AuthUser>;
  /** Checks signature and expiry only; rotation state lives with the session family. */
  verifyRefresh(token: string): { userId: string; family: string; tokenId: string };
  /** Makes every access token of the family fail from now on (they expire by themselves later). */
  revokeFamily(family: string): Promise<void>;
}

export function createTokenService(opts: { secret: string; accessTtlS: number; refreshTtlS: number; kv: Kv }): TokenService {
  const { accessTtlS, refreshTtlS, kv } = opts;
  // A KeyObject made once: given a string, jsonwebtoken builds one on every sign and verify.
  const secret = createSecretKey(Buffer.from(opts.secret, 'utf8'));
  const revokedKey = (family: string) => `auth:revoked-family:${family}`;

  function decode(token: string, typ: 'access' | 'refresh'): jwt.JwtPayload {
    let payload: jwt.JwtPayload;
    try {
      payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw tokenExpired();
      throw tokenInvalid();
    }
    if (payload.typ !== typ || typeof payload.sub !== 'string' || typeof payload.fam !== 'string' || typeof payload.jti !== 'string') {
      throw tokenInvalid();
    }
    return payload;
  }

  return {
    accessTtlS,
    refreshTtlS,
    signAccess({ userId, roles, family }) {
      return jwt.sign({ typ: 'access', roles, fam: family }, secret, {
        algorithm: 'HS256',
        subject: userId,
        issuer: ISSUER,
        audience: AUDIENCE,
        expiresIn: accessTtlS,
        jwtid: randomUUID(),
      });
    },
    signRefresh({ userId, family, tokenId }) {
      return jwt.sign({ typ: 'refresh', fam: family }, secret, {
        algorithm: 'HS256',
        subject: userId,
        issuer: ISSUER,
        audience: AUDIENCE,
        expiresIn: refreshTtlS,
        jwtid: tokenId,
      });
    },
    async verifyAccess(token) {
      const p = decode(token, 'access');
      let revoked: string | null;
      try {
        revoked = await kv.get(revokedKey(p.fam));
      } catch {
        // Without the revocation list a logged-out token cannot be told apart: refuse, as a 503.
        throw upstreamUnavailable('登录状态暂时无法验证，请稍后再试');
      }
      if (revoked) throw tokenRevoked();
      return { id: p.sub!, roles: Array.isArray(p.roles) ? p.roles : [], family: p.fam, tokenId: p.jti! };
    },
    verifyRefresh(token) {
      const p = decode(token, 'refresh');
      return { userId: p.sub!, family: p.fam, tokenId: p.jti! };
    },
    async revokeFamily(family) {
      // Kept a little longer than an access token lives, so none outlives the revocation.
      await kv.set(revokedKey(family), '1', (accessTtlS + 60) * 1000);
    },
  };
}

/**
 * Guard for a route's `auth` level: `optional` reads a token when one is sent (and, when the
 * revocation store cannot be read, carries on anonymously), `citizen`
 * needs a valid one, `staff` also needs a staff role: `role` when given (admin has every
 * role), else any. A signed-in person without the role gets 403 `role_required`.
 */
export function authenticate(tokens: TokenService, level: 'none' | 'optional' | 'citizen' | 'staff', role?: StaffRole): Koa.Middleware<State> {
  return async (ctx, next) => {
    if (level === 'none') return next();
    const header = ctx.get('authorization');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) {
      if (level === 'optional') return next();
      throw header ? tokenInvalid() : unauthenticated();
    }
    try {
      ctx.state.user = await tokens.verifyAccess(m[1]);
    } catch (err) {
      // Public content must not fail for signed-in citizens when revocations cannot be read
      // (the app always sends its token): such a route answers them as anyone else.
      if (level === 'optional' && err instanceof AppError && err.code === ErrorCode.upstreamUnavailable) return next();
      throw err;
    }
    if (level === 'staff' && !hasStaffRole(ctx.state.user.roles, role)) throw roleRequired(role);
    return next();
  };
}

/** 403 for a staff route the caller's roles do not cover. */
export function roleRequired(role?: StaffRole): AppError {
  const message = role ? `此功能需要“${STAFF_ROLE_LABELS[role]}”权限，请联系管理员开通` : '此功能仅限工作人员使用';
  return new AppError(ErrorCode.roleRequired, 403, message, { role: role ?? null });
}
