import { z } from 'zod';
import { IsoTime } from './common';

export const Role = z.enum(['citizen', 'staff']);
export type Role = z.infer<typeof Role>;

/** The logged-in person as the app shows them; the phone number is always masked. */
export const User = z.object({
  id: z.string(),
  roles: z.array(Role),
  phoneMasked: z.string().nullable().describe('e.g. 138****5678; null until a phone is bound'),
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
