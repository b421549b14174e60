import { highlightPieces, policyTexts, snippetOf } from './text';

describe('highlights', () => {
  it('when ranges overlap or run past the text, then they are merged and clamped', () => {
    expect(highlightPieces('低保怎么申请', [[0, 2], [1, 3], [4, 99]])).toEqual([
      { text: '低保怎', hit: true },
      { text: '么', hit: false },
      { text: '申请', hit: true },
    ]);
  });

  it('when the match is deep in a long answer, then the snippet moves to it and keeps the range on the same words', () => {
    const text = `${'前'.repeat(100)}低保标准${'后'.repeat(100)}`;
    const s = snippetOf(text, [[100, 104]], 40);
    const [[a, b]] = s.ranges;
    expect(s.text.slice(a, b)).toBe('低保标准');
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(42);
  });
});

describe('policyTexts.stale', () => {
  it('when content is served stale (the portal is down), then the notice says so and does not blame the network', () => {
    expect(policyTexts.stale).toContain('政务服务暂时不可用');
    expect(policyTexts.stale).not.toMatch(/网络/);
  });
});
