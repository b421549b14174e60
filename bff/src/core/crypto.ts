import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Field encryption for personal data at rest (AES-256-GCM). Ciphertext format:
 * `v1.<iv>.<tag>.<data>` in base64url, so the key version can change later.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Keyed hash for looking a value up without storing it in clear (e.g. phone → user). */
  blindIndex(plain: string): string;
  /**
   * A signature over `message` for one purpose (e.g. `hotline-photo`): each purpose signs
   * with its own derived key, so a signature made for one kind of link never verifies as
   * another, nor as a blind index.
   */
  sign(purpose: string, message: string): string;
  /** Timing-safe check of a `sign(purpose, message)` signature. */
  verify(purpose: string, message: string, signature: string): boolean;
  /** Seals bytes (a photo) at rest: `0x01 | iv(12) | tag(16) | data`. */
  encryptBytes(plain: Buffer): Buffer;
  /** Opens `encryptBytes` output; throws when it was not made with this key or was altered. */
  decryptBytes(sealed: Buffer): Buffer;
}

export function createFieldCipher(hexKey: string): FieldCipher {
  const key = Buffer.from(hexKey, 'hex');
  if (key.length !== 32) throw new Error('data encryption key must be 32 bytes');
  const indexKey = createHmac('sha256', key).update('blind-index').digest();
  const signingKeys = new Map<string, Buffer>();
  // One key per purpose, derived with HKDF; the purpose is in the signed message too.
  const signingKey = (purpose: string) => {
    let k = signingKeys.get(purpose);
    if (!k) signingKeys.set(purpose, (k = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `zwgk-sign:${purpose}`, 32))));
    return k;
  };
  const sign = (purpose: string, message: string) => createHmac('sha256', signingKey(purpose)).update(`${purpose}\n${message}`).digest('base64url');
  return {
    sign,
    verify(purpose, message, signature) {
      return safeEqual(signature, sign(purpose, message));
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [v, iv, tag, data] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
      const tagBytes = Buffer.from(tag, 'base64url');
      // GCM accepts shorter tags unless told otherwise; a truncated tag is far easier to forge.
      if (tagBytes.length !== 16) throw new Error('authentication tag must be 16 bytes');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
      d.setAuthTag(tagBytes);
      return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
    },
    encryptBytes(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), data]);
    },
    decryptBytes(sealed) {
      if (sealed.length < 29 || sealed[0] !== 1) throw new Error('unknown sealed-bytes format');
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13), { authTagLength: 16 });
      d.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([d.update(sealed.subarray(29)), d.final()]);
    },
    blindIndex(plain) {
      return createHmac('sha256', indexKey).update(plain).digest('base64url');
    },
  };
}

/** Constant-time string comparison (false for different lengths). */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Opens a sealed field, or null when there is none or it cannot be opened (a record sealed
 * under a retired key, a damaged value): one unreadable field must not fail a whole page.
 * `onError` hears about the failure so it can be logged.
 */
export function decryptOrNull(cipher: FieldCipher, sealed: string | null | undefined, onError?: (err: unknown) => void): string | null {
  if (!sealed) return null;
  try {
    return cipher.decrypt(sealed);
  } catch (err) {
    onError?.(err);
    return null;
  }
}

/** 张三丰 → 张**; 王五 → 王*; a Latin name keeps its first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 4));
}

/** 11010519491231002X → 110105********002X; shorter values keep only their last two characters. */
export function maskIdNumber(id: string): string {
  const s = id.replace(/\s+/g, '');
  if (s.length >= 15) return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
  return '*'.repeat(Math.max(0, s.length - 2)) + s.slice(-2);
}

/** 13812345678 → 138****5678; anything short is masked whole. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
