import type { PrescreenFlag } from '@zwgk/contracts';
import words from './prescreen-words.json';

// A mainland mobile number (with an optional +86), or a landline with its area code.
const PHONE = /(?<!\d)(?:(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}|0\d{2,3}-\d{7,8})(?!\d)/;
// An 18-digit resident ID number (the last character may be X).
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;
const URL = /(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|xyz|vip|cc|io|info|shop)\b/i;

const normalise = (s: string) => s.toLowerCase().replace(/[\s\u3000]+/g, '');
const ABUSE = words.abuse.map(normalise);
const ADVERTISING = words.advertising.map(normalise);

/**
 * What the automatic pre-screen notices in a comment: phone and ID numbers, links, and words
 * from the abuse and advertising lists (prescreen-words.json). A flag only points the moderator
 * at a comment; it never drops it.
 */
export function prescreen(text: string): PrescreenFlag[] {
  const flags: PrescreenFlag[] = [];
  if (PHONE.test(text)) flags.push('phone');
  if (ID_NUMBER.test(text)) flags.push('id_number');
  if (URL.test(text)) flags.push('url');
  const plain = normalise(text);
  if (ABUSE.some((w) => plain.includes(w))) flags.push('abuse');
  if (ADVERTISING.some((w) => plain.includes(w))) flags.push('advertising');
  return flags;
}
