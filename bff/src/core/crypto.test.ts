import { createCipheriv } from 'node:crypto';
import { createFieldCipher, decryptOrNull, fieldAad, maskIdNumber, maskName, maskPhone } from './crypto';

const cipher = createFieldCipher('11'.repeat(32));
const other = createFieldCipher('22'.repeat(32));
const AAD = fieldAad('users', 'phoneEnc', '0123456789abcdef01234567');

describe('personal data helpers', () => {
  test('when a sealed field cannot be opened, then decryptOrNull gives null and reports it', () => {
    const errors: unknown[] = [];
    expect(decryptOrNull(cipher, cipher.encrypt('13812345678', AAD), AAD)).toBe('13812345678');
    expect(decryptOrNull(cipher, null, AAD)).toBeNull();
    expect(decryptOrNull(cipher, other.encrypt('x', AAD), AAD, (e) => errors.push(e))).toBeNull();
    expect(decryptOrNull(cipher, 'garbage', AAD, (e) => errors.push(e))).toBeNull();
    expect(errors).toHaveLength(2);
  });

  test('when a ciphertext carries a truncated authentication tag, then it is refused', () => {
    const [v, id, iv, tag, data] = cipher.encrypt('11010519491231002X', AAD).split('.');
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.decrypt([v, id, iv, short, data].join('.'), AAD)).toThrow('authentication tag must be 16 bytes');
    expect(cipher.decrypt([v, id, iv, tag, data].join('.'), AAD)).toBe('11010519491231002X');
  });

  test('when a sealed value is copied to another record or field, then it does not open there', () => {
    const mine = fieldAad('hotline_tickets', 'contactPhoneEnc', 'aaaaaaaaaaaaaaaaaaaaaaaa');
    const sealed = cipher.encrypt('13812345678', mine);
    expect(sealed.startsWith('v3.')).toBe(true);
    expect(cipher.decrypt(sealed, mine)).toBe('13812345678');
    expect(() => cipher.decrypt(sealed, fieldAad('hotline_tickets', 'contactPhoneEnc', 'bbbbbbbbbbbbbbbbbbbbbbbb'))).toThrow();
    expect(() => cipher.decrypt(sealed, fieldAad('hotline_tickets', 'contactNameEnc', 'aaaaaaaaaaaaaaaaaaaaaaaa'))).toThrow();
    const photo = fieldAad('hotline_photos', 'data', 'cccccccccccccccccccccccc');
    const bytes = cipher.encryptBytes(Buffer.from('jpeg'), photo);
    expect(bytes[0]).toBe(3);
    expect(cipher.decryptBytes(bytes, photo).toString()).toBe('jpeg');
    expect(() => cipher.decryptBytes(bytes, fieldAad('hotline_photos', 'data', 'dddddddddddddddddddddddd'))).toThrow();
    expect(() => fieldAad('users', 'phoneEnc', '')).toThrow('a sealed field needs its record id');
  });

  test('when a value was sealed before binding (v2 text, 0x02 bytes), then it still opens', () => {
    const key = Buffer.from('11'.repeat(32), 'hex');
    const keyId = cipher.encrypt('x', AAD).split('.')[1];
    const iv = Buffer.alloc(12, 9);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([c.update('李四', 'utf8'), c.final()]);
    const tag = c.getAuthTag();
    const v2 = ['v2', keyId, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
    expect(cipher.decrypt(v2, AAD)).toBe('李四');
    const b2 = Buffer.concat([Buffer.from([2]), Buffer.from(keyId, 'latin1'), iv, tag, data]);
    expect(cipher.decryptBytes(b2, AAD).toString()).toBe('李四');
  });

  test('when names, phones and ID numbers are shown, then they are masked', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('王五')).toBe('王*');
    expect(maskName('李')).toBe('*');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('1234')).toBe('**34');
  });

  test('when a link is signed for one purpose, then it verifies only for that purpose and message, and never as a blind index', () => {
    const sig = cipher.sign('hotline-photo', 'abc:123');
    expect(cipher.verify('hotline-photo', 'abc:123', sig)).toBe(true);
    expect(cipher.verify('open-day-ticket', 'abc:123', sig)).toBe(false);
    expect(cipher.verify('hotline-photo', 'abc:124', sig)).toBe(false);
    expect(other.verify('hotline-photo', 'abc:123', sig)).toBe(false);
    expect(sig).not.toBe(cipher.blindIndex('abc:123'));
    expect(cipher.verify('hotline-photo', 'abc:123', sig.slice(0, -1))).toBe(false);
  });
});

describe('key rotation', () => {
  const oldHex = '11'.repeat(32);
  const newHex = '33'.repeat(32);
  const before = createFieldCipher(oldHex);

  test('when the key is rotated, then what the old key sealed still opens, new seals name the new key, and an unknown key is refused', () => {
    const sealedBefore = before.encrypt('13812345678', AAD);
    const bytesBefore = before.encryptBytes(Buffer.from('photo'), AAD);
    const rotated = createFieldCipher(newHex, [oldHex]);
    expect(rotated.decrypt(sealedBefore, AAD)).toBe('13812345678');
    expect(rotated.decryptBytes(bytesBefore, AAD).toString()).toBe('photo');
    const sealedAfter = rotated.encrypt('13812345678', AAD);
    expect(sealedAfter.split('.')[1]).not.toBe(sealedBefore.split('.')[1]);
    // Without the old key configured, what it sealed cannot be opened.
    expect(() => createFieldCipher(newHex).decrypt(sealedBefore, AAD)).toThrow('sealed with a key that is not configured');
    expect(createFieldCipher(newHex).decrypt(sealedAfter, AAD)).toBe('13812345678');
  });

  test('when a ciphertext predates key ids (v1), then each configured key is tried', () => {
    const key = Buffer.from(oldHex, 'hex');
    const iv = Buffer.alloc(12, 7);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([c.update('王五', 'utf8'), c.final()]);
    const v1 = ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    expect(createFieldCipher(newHex, [oldHex]).decrypt(v1, AAD)).toBe('王五');
    expect(() => createFieldCipher(newHex).decrypt(v1, AAD)).toThrow();
  });

  test('when links were signed before a rotation, then they still verify', () => {
    const sig = before.sign('hotline-photo', 'abc:1');
    expect(createFieldCipher(newHex, [oldHex]).verify('hotline-photo', 'abc:1', sig)).toBe(true);
    expect(createFieldCipher(newHex).verify('hotline-photo', 'abc:1', sig)).toBe(false);
  });
});

describe('photo links', () => {
  // Imported here rather than at the top: the helper lives with the hotline feature.
  const { signPhotoUrl, verifyPhotoSignature } = jest.requireActual('../features/hotline/photos') as typeof import('../features/hotline/photos');
  const now = new Date('2026-12-01T00:00:00Z');
  const id = '0123456789abcdef01234567';

  test('when a link is signed, then it opens its photo until it expires, and no other photo', () => {
    const url = new URL(signPhotoUrl(cipher, id, 60, now), 'http://x');
    const [exp, sig] = [url.searchParams.get('exp'), url.searchParams.get('sig')];
    expect(verifyPhotoSignature(cipher, id, exp, sig, now)).toBe(true);
    expect(verifyPhotoSignature(cipher, 'ffffffffffffffffffffffff', exp, sig, now)).toBe(false);
    expect(verifyPhotoSignature(cipher, id, exp, sig, new Date(now.getTime() + 61_000))).toBe(false);
  });

  test('when the case system still holds a link signed the old way (blind-index key), then it keeps opening the photo', () => {
    const exp = String(Math.floor(now.getTime() / 1000) + 600);
    const legacy = cipher.blindIndex(`hotline-photo:${id}:${exp}`);
    expect(verifyPhotoSignature(cipher, id, exp, legacy, now)).toBe(true);
  });
});
