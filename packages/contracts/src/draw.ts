import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';

/**
 * The verifiable draw of 列席会议 observers (issue 11), after RFC 3797's idea: the roster is
 * fixed and hashed before a public random value exists; the value comes from a public source
 * named in advance; the order follows from both by a published computation anyone can repeat.
 *
 * 1. roster text = the draw numbers sorted ascending, one per line, UTF-8, `\n` after each;
 *    rosterHash = hex SHA-256 of it.
 * 2. seed = hex SHA-256 of `rosterHash + "|" + publicValue`.
 * 3. Fisher–Yates over the sorted roster: for i = n−1 down to 1, draw r = the first 8 bytes
 *    (big-endian) of SHA-256(`seed + ":" + k`), k = 0, 1, 2, … over every number drawn; skip r
 *    while r ≥ ⌊2⁶⁴/(i+1)⌋·(i+1) (so every position is equally likely); swap i and r mod (i+1).
 * 4. The first `seats` of the order are chosen, the rest are reserves in order.
 *
 * Pure and dependency-light so the BFF, the mini-program (复核 on the phone) and tests share it;
 * `scripts/verify-draw.mjs` re-implements it on node:crypto as an independent check.
 */

/**
 * UTF-8 bytes of `text` without TextEncoder, which WeChat's mini-program runtime and jsdom lack
 * (noble's utf8ToBytes needs it): the 复核 runs this on the phone. A lone surrogate becomes
 * U+FFFD, as TextEncoder does.
 */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8Bytes(text)));
}

export function sortRoster(drawNumbers: readonly string[]): string[] {
  return [...drawNumbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function rosterText(sortedRoster: readonly string[]): string {
  return sortedRoster.map((n) => `${n}\n`).join('');
}

export function rosterHash(sortedRoster: readonly string[]): string {
  return sha256Hex(rosterText(sortedRoster));
}

export function drawSeed(rosterHashHex: string, publicValue: string): string {
  return sha256Hex(`${rosterHashHex}|${publicValue}`);
}

// A shift, not `**`: Babel lowers `**` to Math.pow for old targets (the mini-program build), which throws on BigInt.
const TWO_64 = BigInt(1) << BigInt(64);

/** The k-th 64-bit number of a seed: first 8 bytes, big-endian, of SHA-256(`seed:k`). */
export function drawNumberAt(seed: string, k: number): bigint {
  const digest = sha256(utf8Bytes(`${seed}:${k}`));
  let r = BigInt(0);
  for (let b = 0; b < 8; b++) r = (r << BigInt(8)) | BigInt(digest[b]);
  return r;
}

/** One swap of the shuffle, kept for the step-by-step view. */
export interface ShuffleStep {
  i: number;
  /** Every k used at this step (more than one when a number was skipped). */
  ks: number[];
  r: string;
  j: number;
  swapped: [string, string];
}

export interface DrawComputation {
  rosterText: string;
  rosterHash: string;
  seed: string;
  order: string[];
  chosen: string[];
  reserves: string[];
  steps: ShuffleStep[];
}

export function shuffle(sortedRoster: readonly string[], seed: string): { order: string[]; steps: ShuffleStep[] } {
  const order = [...sortedRoster];
  const steps: ShuffleStep[] = [];
  let k = 0;
  for (let i = order.length - 1; i >= 1; i--) {
    const m = BigInt(i + 1);
    const limit = (TWO_64 / m) * m;
    const ks: number[] = [];
    let r: bigint;
    do {
      ks.push(k);
      r = drawNumberAt(seed, k++);
    } while (r >= limit);
    const j = Number(r % m);
    steps.push({ i, ks, r: r.toString(), j, swapped: [order[i], order[j]] });
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { order, steps };
}

/** The whole computation from a roster (any order; it is sorted first), the public value and the seats. */
export function computeDraw(drawNumbers: readonly string[], publicValue: string, seats: number): DrawComputation {
  const sorted = sortRoster(drawNumbers);
  const text = rosterText(sorted);
  const hash = sha256Hex(text);
  const seed = drawSeed(hash, publicValue);
  const { order, steps } = shuffle(sorted, seed);
  const n = Math.max(0, Math.min(seats, order.length));
  return { rosterText: text, rosterHash: hash, seed, order, chosen: order.slice(0, n), reserves: order.slice(n), steps };
}

/** What a published draw says, checked against a recomputation; each entry names a mismatch. */
export function verifyPublishedDraw(pub: {
  roster: readonly string[];
  rosterHash: string | null;
  publicValue: string | null;
  seed: string | null;
  order: readonly string[];
  chosen: readonly string[];
  seats: number;
}): { ok: boolean; problems: string[]; computed: DrawComputation | null } {
  const problems: string[] = [];
  const sorted = sortRoster(pub.roster);
  if (sorted.some((n, i) => n !== pub.roster[i])) problems.push('名单未按号码从小到大排列');
  if (pub.publicValue == null) return { ok: false, problems: [...problems, '尚未公布随机数'], computed: null };
  const c = computeDraw(pub.roster, pub.publicValue, pub.seats);
  if (pub.rosterHash !== c.rosterHash) problems.push('名单哈希与名单不符');
  if (pub.seed !== c.seed) problems.push('种子与名单哈希、随机数不符');
  if (pub.order.join(',') !== c.order.join(',')) problems.push('抽签顺序与计算结果不符');
  if (pub.chosen.join(',') !== c.chosen.join(',')) problems.push('选定名单与计算结果不符');
  return { ok: problems.length === 0, problems, computed: c };
}
