import { createHash } from 'node:crypto';

const SIM_CODE = /^sim-([A-Za-z0-9_-]{1,64})$/;

/** The user name behind a simulator code `sim-<name>`, or null for any other code. */
export function nameFromCode(code: string): string | null {
  const m = SIM_CODE.exec(code);
  return m ? m[1] : null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Stable openid of a simulated user: `o` + base64url(sha256('zwgk-openid:'+name)), 28 chars. */
export function openidFor(name: string): string {
  return `o${sha256(`zwgk-openid:${name}`).toString('base64url')}`.slice(0, 28);
}

export function unionidFor(name: string): string {
  return `o${sha256(`zwgk-unionid:${name}`).toString('base64url')}`.slice(0, 28);
}

/** 24-character base64 session key, like WeChat's. */
export function sessionKeyFor(name: string): string {
  return sha256(`zwgk-session-key:${name}`).subarray(0, 16).toString('base64');
}

/** Stable mainland mobile number of a simulated user: "13" + 9 digits from a hash of the name. */
export function phoneFor(name: string): string {
  const digest = sha256(`zwgk-phone:${name}`);
  const n = digest.readBigUInt64BE(0) % 1_000_000_000n;
  return `13${n.toString().padStart(9, '0')}`;
}
