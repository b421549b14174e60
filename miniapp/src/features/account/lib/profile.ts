import { Nickname } from '@zwgk/contracts';

/** The letter drawn as the default avatar: the nickname's first character, 民 without one. */
export function avatarInitial(nickname: string | null): string {
  const first = nickname ? [...nickname.trim()][0] : undefined;
  return first ? first.toUpperCase() : '民';
}

/** The contract's check of a nickname, before sending: null when fine, else its Chinese message. */
export function nicknameProblem(value: string): string | null {
  const r = Nickname.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? '昵称格式不正确');
}
