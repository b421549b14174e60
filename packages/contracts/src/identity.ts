import { z } from 'zod';

/**
 * Personal identity fields shared by the participation features (open-day sign-ups, meeting
 * applications): a real name, a resident ID number checked by its GB 11643 check digit, and a
 * mainland mobile number. The BFF seals them at rest and answers them masked.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether an 18-character resident ID number is well formed: digits, a real birth date, the check digit. */
export function isValidIdNumber(raw: string): boolean {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  if (birth.getTime() > Date.now()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}

/** A real name: 1–20 characters after trimming (Chinese names, names with ·, Latin names). */
export const RealName = (what = '姓名') =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(20, `${what}请控制在 20 字以内`)
    .refine((s) => !/[\d<>{}\\/@#$%^&*=+|~`]/.test(s), `${what}中不能含数字或特殊符号`);

/** A resident ID number; upper-cased (x → X) and stripped of spaces before the check. */
export const IdNumber = (what = '身份证号码') =>
  z
    .string({ error: `请填写${what}` })
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .refine((s) => s.length > 0, `请填写${what}`)
    .refine((s) => s.length === 18, `${what}应为 18 位`)
    .refine((s) => /^\d{17}[\dX]$/.test(s), `${what}只能由数字和末位 X 组成`)
    .refine((s) => isValidIdNumber(s), `${what}不正确，请核对（出生日期或末位校验码不符）`);

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const MobilePhone = z
  .string({ error: '请填写手机号' })
  .transform((s) => s.replace(/[\s-]+/g, ''))
  .refine((s) => MOBILE_PATTERN.test(s), '请填写正确的 11 位手机号');
