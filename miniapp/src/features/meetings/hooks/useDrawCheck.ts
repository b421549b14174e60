import { useCallback, useState } from 'react';
import { verifyPublishedDraw, type DrawCategory, type MeetingDrawResponse } from '@zwgk/contracts';

export interface CategoryCheck {
  category: DrawCategory['category'];
  ok: boolean;
  problems: string[];
}

export type DrawCheck = { status: 'idle' } | { status: 'running' } | { status: 'done'; results: CategoryCheck[]; checkedAt: number };

/** Drawn categories only: a category not yet drawn has nothing to check. */
export function checkDraw(draw: MeetingDrawResponse): CategoryCheck[] {
  return draw.categories
    .filter((c) => c.publicValue !== null)
    .map((c) => {
      const { ok, problems } = verifyPublishedDraw(c);
      return { category: c.category, ok, problems };
    });
}

/**
 * 复核 on the phone: recomputes each drawn category from its published roster and public value
 * with the shared draw code (@zwgk/contracts) and compares hash, seed, order and choice.
 *
 * In WeChat it needs BigInt (the 64-bit draws): the mini-program engines have it on Android (V8)
 * and on iOS 14 and later (JavaScriptCore). The draw code avoids what they lack: TextEncoder (it
 * encodes UTF-8 itself) and `**` on BigInt (which Babel lowers to Math.pow for old targets).
 */
export function useDrawCheck(): { check: DrawCheck; run: (draw: MeetingDrawResponse) => void } {
  const [check, setCheck] = useState<DrawCheck>({ status: 'idle' });
  const run = useCallback((draw: MeetingDrawResponse) => {
    setCheck({ status: 'running' });
    // Let 正在复核 paint before the hashing holds the thread.
    setTimeout(() => setCheck({ status: 'done', results: checkDraw(draw), checkedAt: Date.now() }), 0);
  }, []);
  return { check, run };
}
