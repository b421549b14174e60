import { bookTitle, highlightPieces, nestBookTitles, policyTexts, snippetOf } from './text';

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

describe('book-title marks', () => {
  it('when a title names another document in 《》, then inside the outer marks it becomes 〈〉', () => {
    expect(bookTitle('市人民政府关于印发《政府信息公开工作规则》的通知')).toBe('《市人民政府关于印发〈政府信息公开工作规则〉的通知》');
  });

  it('when a title has no inner marks, then it is only wrapped', () => {
    expect(bookTitle('城乡居民最低生活保障办法')).toBe('《城乡居民最低生活保障办法》');
  });

  it('when marks nest three deep or sit side by side, then they alternate by depth', () => {
    expect(nestBookTitles('《甲《乙《丙》乙》与《丁》》')).toBe('《甲〈乙《丙》乙〉与〈丁〉》');
    expect(bookTitle('《甲》和《乙》的衔接')).toBe('《〈甲〉和〈乙〉的衔接》');
  });

  it('when marks are unmatched, then they are left as written and do not shift the others', () => {
    expect(bookTitle('关于《规则》》的说明')).toBe('《关于〈规则〉》的说明》');
    expect(nestBookTitles('《只开不合')).toBe('《只开不合');
  });
});
