import type { PolicyStatus } from '@zwgk/contracts';

/** 有效性 as the portal names it. */
export const statusLabels: Record<PolicyStatus, string> = {
  in_force: '现行有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '已失效',
};

export const policyTexts = {
  stale: '政务服务暂时不可用，已显示最近保存的内容',
  hotline: '12345',
  hotlineHint: '没有找到合适的答案？可以拨打 12345 政务服务便民热线，或在“热线”页提交诉求。',
} as const;

export type Range = readonly [number, number];

/**
 * Cuts `text` to about `max` characters around its first highlighted range, moving the ranges
 * with it, so a match deep inside a long answer still shows in a short snippet.
 */
export function snippetOf(text: string, ranges: ReadonlyArray<Range>, max = 80): { text: string; ranges: Range[] } {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length <= max) return { text: flat, ranges: clampRanges(ranges, 0, flat.length) };
  const first = ranges.length ? Math.min(...ranges.map((r) => r[0])) : 0;
  const start = Math.max(0, Math.min(first - 12, flat.length - max));
  const end = Math.min(flat.length, start + max);
  const lead = start > 0 ? '…' : '';
  const tail = end < flat.length ? '…' : '';
  const shifted = clampRanges(ranges, start, end).map(([a, b]) => [a - start + lead.length, b - start + lead.length] as Range);
  return { text: lead + flat.slice(start, end) + tail, ranges: shifted };
}

function clampRanges(ranges: ReadonlyArray<Range>, start: number, end: number): Range[] {
  return ranges
    .map(([a, b]) => [Math.max(a, start), Math.min(b, end)] as Range)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
}

/** Splits text into plain and highlighted pieces; overlapping or out-of-bounds ranges are merged and clamped. */
export function highlightPieces(text: string, ranges: ReadonlyArray<Range>): Array<{ text: string; hit: boolean }> {
  const merged: Array<[number, number]> = [];
  for (const [a, b] of clampRanges(ranges, 0, text.length)) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const out: Array<{ text: string; hit: boolean }> = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: text.slice(at, a), hit: false });
    out.push({ text: text.slice(a, b), hit: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/**
 * Puts `title` in book-title marks as Chinese typesetting wants them nested (GB/T 15834): a
 * 《》 inside a 《》 becomes 〈〉, and one inside that 《》 again, so
 * `关于印发《议事规则》的通知` reads 《关于印发〈议事规则〉的通知》. Unmatched marks are kept as written.
 */
export function bookTitle(title: string): string {
  return nestBookTitles(`《${title}》`);
}

/** Alternates nested book-title marks in `text` by depth: 《》 at odd depths, 〈〉 at even ones. */
export function nestBookTitles(text: string): string {
  // Which closing marks have an opening one: an unmatched 》 must not pop an outer level.
  const matched = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '《' || c === '〈') open.push(i);
    else if ((c === '》' || c === '〉') && open.length) {
      matched.add(open.pop()!);
      matched.add(i);
    }
  }
  let depth = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!matched.has(i)) out += c;
    else if (c === '《' || c === '〈') out += ++depth % 2 ? '《' : '〈';
    else out += depth-- % 2 ? '》' : '〉';
  }
  return out;
}
