import { z } from 'zod';
import { IsoTime } from './common';

/**
 * Staff roles: `moderator` (consultation comments), `hotline` (the 12345 desk), `events`
 * (open days and meetings: registrations, check-in, selection), `admin` (every role, and the
 * audit log). A route needing a role is open to `admin` too.
 */
export const StaffRole = z.enum(['moderator', 'hotline', 'events', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const Role = z.enum(['citizen', ...StaffRole.options]);
export type Role = z.infer<typeof Role>;

/** Whether `roles` cover `needed` (`admin` covers every role); without `needed`, whether any staff role is held. */
export function hasStaffRole(roles: readonly string[], needed?: StaffRole): boolean {
  if (roles.includes('admin')) return true;
  return needed ? roles.includes(needed) : roles.some((r) => r !== 'citizen' && (StaffRole.options as readonly string[]).includes(r));
}

/** Chinese names of the staff roles, as the workbench shows them. */
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  moderator: '意见审核',
  hotline: '热线工单',
  events: '活动管理',
  admin: '系统管理员',
};

/** The logged-in person as the app shows them; the phone number is always masked. */
export const User = z.object({
  id: z.string(),
  roles: z.array(Role),
  phoneMasked: z.string().nullable().describe('e.g. 138****5678; null until a phone is bound'),
  // The default keeps sessions stored on devices before nicknames existed readable.
  nickname: z.string().nullable().default(null).describe('the name the citizen chose (WeChat nickname input); null until set'),
  createdAt: IsoTime,
});
export type User = z.infer<typeof User>;

export const WechatLoginRequest = z.object({
  code: z
    .string({ error: '缺少登录凭证 code' })
    .trim()
    .min(1, '登录凭证 code 不能为空')
    .max(128, '登录凭证 code 过长'),
});
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const Session = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('access token lifetime in seconds'),
  user: User,
});
export type Session = z.infer<typeof Session>;

export const RefreshRequest = z.object({
  refreshToken: z.string({ error: '缺少刷新令牌' }).min(1, '刷新令牌不能为空').max(2048, '刷新令牌格式不正确'),
});
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const LogoutRequest = z.object({
  refreshToken: z.string().max(2048, '刷新令牌格式不正确').optional(),
});
export type LogoutRequest = z.infer<typeof LogoutRequest>;

export const BindPhoneRequest = z.object({
  code: z.string({ error: '缺少手机号授权凭证 code' }).trim().min(1, '手机号授权凭证不能为空').max(128, '手机号授权凭证过长'),
});
export type BindPhoneRequest = z.infer<typeof BindPhoneRequest>;

export const MeResponse = z.object({ user: User });
export type MeResponse = z.infer<typeof MeResponse>;

/** Longest nickname, in characters (WeChat's own limit is about the same). */
export const NICKNAME_MAX = 20;

/**
 * A nickname: trimmed, 1–NICKNAME_MAX characters (code points), no control, format or
 * unassigned characters (they can hide text or break the layout), no line breaks. The zero-width
 * joiner stays allowed: emoji sequences need it.
 */
export const Nickname = z
  .string({ error: '请填写昵称' })
  .trim()
  .min(1, '请填写昵称')
  .refine((s) => [...s].length <= NICKNAME_MAX, `昵称最多 ${NICKNAME_MAX} 个字`)
  .refine((s) => !/(?!\u200d)[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Zl}\p{Zp}]/u.test(s), '昵称不能包含换行或不可见字符');

export const ProfileRequest = z.object({ nickname: Nickname });
export type ProfileRequest = z.infer<typeof ProfileRequest>;
