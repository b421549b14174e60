import { createHash } from 'node:crypto';
import { computeDraw, drawNumberAt, rosterHash, sha256Hex, shuffle, sortRoster, utf8Bytes, verifyPublishedDraw } from './draw';

const hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('the verifiable draw', () => {
  it('when a public value has Chinese, emoji or a lone surrogate, then its bytes and hash are what node:crypto makes of it', () => {
    for (const text of ['第2026140期 03 11 19', '福彩😀', 'a\ud800b', 'ü€', '']) {
      expect(Buffer.from(utf8Bytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(sha256Hex(text)).toBe(hex(text));
    }
  });

  const roster = ['000007', '000003', '000012', '000001', '000005', '000009', '000002'];

  it('when hashed, then the roster text is the sorted numbers, one per line with a trailing newline', () => {
    expect(rosterHash(sortRoster(roster))).toBe(hex('000001\n000002\n000003\n000005\n000007\n000009\n000012\n'));
  });

  it('when computed, then seed and every 64-bit number follow the published definitions (checked on node:crypto)', () => {
    const c = computeDraw(roster, '03 11 19 24 30 + 07', 3);
    expect(c.seed).toBe(hex(`${c.rosterHash}|03 11 19 24 30 + 07`));
    const first8 = BigInt('0x' + hex(`${c.seed}:0`).slice(0, 16));
    expect(drawNumberAt(c.seed, 0)).toBe(first8);
    expect(c.steps[0].j).toBe(Number(first8 % BigInt(roster.length)));
  });

  it('when the same roster and value are drawn twice, then the order is the same; a changed value gives another order', () => {
    const a = computeDraw(roster, '12345', 2);
    expect(computeDraw([...roster].reverse(), '12345', 2).order).toEqual(a.order);
    expect(computeDraw(roster, '12346', 2).order).not.toEqual(a.order);
    expect(a.chosen).toEqual(a.order.slice(0, 2));
    expect(a.reserves).toEqual(a.order.slice(2));
    expect([...a.order].sort()).toEqual(sortRoster(roster));
  });

  it('when many seeds shuffle three numbers, then each lands first about equally often', () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let s = 0; s < 3000; s++) counts[shuffle(['a', 'b', 'c'], hex(String(s))).order[0]]++;
    for (const n of Object.values(counts)) expect(Math.abs(n - 1000)).toBeLessThan(120);
  });

  it('when a roster has one or no numbers, then nothing is drawn and the order is the roster', () => {
    expect(computeDraw(['000001'], 'x', 3)).toMatchObject({ order: ['000001'], chosen: ['000001'], steps: [] });
    expect(computeDraw([], 'x', 3)).toMatchObject({ order: [], chosen: [], steps: [] });
  });

  it('when a published draw is checked, then a true one passes and a tampered value or order is named', () => {
    const c = computeDraw(roster, 'v', 2);
    const pub = { roster: sortRoster(roster), rosterHash: c.rosterHash, publicValue: 'v', seed: c.seed, order: c.order, chosen: c.chosen, seats: 2 };
    expect(verifyPublishedDraw(pub).ok).toBe(true);
    expect(verifyPublishedDraw({ ...pub, publicValue: 'w' }).problems).toEqual(expect.arrayContaining(['种子与名单哈希、随机数不符']));
    expect(verifyPublishedDraw({ ...pub, order: [...c.order].reverse() }).problems).toContain('抽签顺序与计算结果不符');
  });
});
