import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Field encryption for personal data at rest (AES-256-GCM). Every ciphertext is bound to the
 * record and field it belongs to by associated data (`fieldAad(collection, field, id)`), so a
 * value copied into another record or field does not open. Format:
 * `v3.<key id>.<iv>.<tag>.<data>` in base64url. Older formats still open, without binding:
 * `v2.<key id>.…` (before associated data) and `v1.<iv>.…` (before key ids).
 */
export interface FieldCipher {
  encrypt(plain: string, aad: string): string;
  /** Opens `encrypt(plain, aad)` output; throws when the key, the `aad` or the bytes differ. */
  decrypt(sealed: string, aad: string): string;
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
  /**
   * Seals bytes (a photo) at rest, bound to `aad`: `0x03 | key id(8) | iv(12) | tag(16) | data`
   * (`0x02`: the same without associated data; `0x01`: without the key id either).
   */
  encryptBytes(plain: Buffer, aad: string): Buffer;
  /** Opens `encryptBytes` output; throws when it was not made with this key and `aad` or was altered. */
  decryptBytes(sealed: Buffer, aad: string): Buffer;
}

/** The associated data binding a sealed value to its place: `collection:field:id`. */
export function fieldAad(collection: string, field: string, id: unknown): string {
  const sid = String(id ?? '');
  if (!sid) throw new Error('a sealed field needs its record id');
  return `${collection}:${field}:${sid}`;
}

/** A data key with its short id (written into each ciphertext, so decryption picks the right key). */
interface DataKey {
  id: string;
  key: Buffer;
  signingKeys: Map<string, Buffer>;
}

function dataKey(hex: string): DataKey {
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 32) throw new Error('data encryption key must be 32 bytes');
  return { id: createHmac('sha256', key).update('key-id').digest('base64url').slice(0, 8), key, signingKeys: new Map() };
}

function openGcm(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer, aad: Buffer | null): Buffer {
  // GCM accepts shorter tags unless told otherwise; a truncated tag is far easier to forge.
  if (tag.length !== 16) throw new Error('authentication tag must be 16 bytes');
  const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  if (aad) d.setAAD(aad);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(data), d.final()]);
}

function sealGcm(key: Buffer, plain: Buffer, aad: Buffer): { iv: Buffer; tag: Buffer; data: Buffer } {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const data = Buffer.concat([c.update(plain), c.final()]);
  return { iv, tag: c.getAuthTag(), data };
}

/**
 * The field cipher over the current key and, for rotation, older keys that still open
 * (and verify) what was sealed (signed) under them. New ciphertexts name their key and are
 * bound to their place: `v3.<key id>.<iv>.<tag>.<data>`; `v2` ones name the key without a
 * binding, and `v1` ones (before key ids) are tried with each key.
 * Blind indexes use the current key only.
 */
export function createFieldCipher(hexKey: string, oldHexKeys: readonly string[] = []): FieldCipher {
  const current = dataKey(hexKey);
  const keys = [current, ...oldHexKeys.map(dataKey)];
  const byId = new Map(keys.map((k) => [k.id, k]));
  const indexKey = createHmac('sha256', current.key).update('blind-index').digest();
  // One key per purpose, derived with HKDF; the purpose is in the signed message too.
  const signingKey = (k: DataKey, purpose: string) => {
    let sk = k.signingKeys.get(purpose);
    if (!sk) k.signingKeys.set(purpose, (sk = Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), `zwgk-sign:${purpose}`, 32))));
    return sk;
  };
  const signWith = (k: DataKey, purpose: string, message: string) => createHmac('sha256', signingKey(k, purpose)).update(`${purpose}\n${message}`).digest('base64url');
  /** Opens with the named key, or (no name: an older ciphertext) with each key in turn. */
  const open = (id: string | null, iv: Buffer, tag: Buffer, data: Buffer, aad: Buffer | null = null): Buffer => {
    if (id !== null) {
      const k = byId.get(id);
      if (!k) throw new Error('sealed with a key that is not configured');
      return openGcm(k.key, iv, tag, data, aad);
    }
    let last: unknown;
    for (const k of keys) {
      try {
        return openGcm(k.key, iv, tag, data, null);
      } catch (err) {
        last = err;
      }
    }
    throw last;
  };
  return {
    sign: (purpose, message) => signWith(current, purpose, message),
    verify(purpose, message, signature) {
      return keys.some((k) => safeEqual(signature, signWith(k, purpose, message)));
    },
    encrypt(plain, aad) {
      const { iv, tag, data } = sealGcm(current.key, Buffer.from(plain, 'utf8'), Buffer.from(aad, 'utf8'));
      return ['v3', current.id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(sealed, aad) {
      const parts = sealed.split('.');
      const v = parts[0];
      if (v !== 'v1' && v !== 'v2' && v !== 'v3') throw new Error('unknown ciphertext format');
      const id = v === 'v1' ? null : (parts[1] ?? '');
      const [iv, tag, data] = parts.slice(v === 'v1' ? 1 : 2);
      if (!iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
      const b = (x: string) => Buffer.from(x, 'base64url');
      return open(id, b(iv), b(tag), b(data), v === 'v3' ? Buffer.from(aad, 'utf8') : null).toString('utf8');
    },
    encryptBytes(plain, aad) {
      const { iv, tag, data } = sealGcm(current.key, plain, Buffer.from(aad, 'utf8'));
      return Buffer.concat([Buffer.from([3]), Buffer.from(current.id, 'latin1'), iv, tag, data]);
    },
    decryptBytes(sealed, aad) {
      if (sealed[0] === 1 && sealed.length >= 29) return open(null, sealed.subarray(1, 13), sealed.subarray(13, 29), sealed.subarray(29));
      if ((sealed[0] === 2 || sealed[0] === 3) && sealed.length >= 37) {
        const bound = sealed[0] === 3 ? Buffer.from(aad, 'utf8') : null;
        return open(sealed.subarray(1, 9).toString('latin1'), sealed.subarray(9, 21), sealed.subarray(21, 37), sealed.subarray(37), bound);
      }
      throw new Error('unknown sealed-bytes format');
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
export function decryptOrNull(cipher: FieldCipher, sealed: string | null | undefined, aad: string, onError?: (err: unknown) => void): string | null {
  if (!sealed) return null;
  try {
    return cipher.decrypt(sealed, aad);
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
