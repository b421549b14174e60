import { splitDraft } from './articles';

describe('splitDraft', () => {
  test('when a draft numbers 第一条 to 第二十一条, then each is one article in order, whatever the numeral', () => {
    const nums = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一'];
    const text = nums.map((n) => `第${n}条 内容${n}。`).join('\n');
    const { articles, preamble } = splitDraft(text);
    expect(preamble).toEqual([]);
    expect(articles.map((a) => a.no)).toEqual(nums.map((_n, i) => i + 1));
    expect(articles[10]).toEqual({ no: 11, label: '第十一条', chapter: null, text: '内容十一。' });
    expect(articles[19].label).toBe('第二十条');
    expect(articles[20].label).toBe('第二十一条');
  });

  test('when a draft has chapters, then 第一章 lines are headings of the articles below, not articles', () => {
    const { articles } = splitDraft(['第一章 总则', '第一条 目的。', '第二条 范围。', '第二章　设施建设', '第三条 配建。'].join('\n'));
    expect(articles.map((a) => [a.no, a.label, a.chapter])).toEqual([
      [1, '第一条', '第一章 总则'],
      [2, '第二条', '第一章 总则'],
      [3, '第三条', '第二章 设施建设'],
    ]);
  });

  test('when an article has items or a second paragraph, then they stay with it and a title line is the preamble', () => {
    const { articles, preamble } = splitDraft('江海市某某办法（征求意见稿）\n第一条 包括：\n（一）助餐；\n（二）照料。\n第二条 其他。');
    expect(preamble).toEqual(['江海市某某办法（征求意见稿）']);
    expect(articles[0].text).toBe('包括：\n（一）助餐；\n（二）照料。');
    expect(articles).toHaveLength(2);
  });

  test('when a draft uses 一、 paragraphs, then each is an article and the 条 text inside does not split it', () => {
    const { articles } = splitDraft('一、调整范围。本方案适用于……\n二、区域划分。依照第三条执行。\n十一、实施时间。');
    expect(articles.map((a) => a.label)).toEqual(['一、', '二、', '十一、']);
    expect(articles[1].text).toBe('区域划分。依照第三条执行。');
    expect(articles[2].no).toBe(3);
  });

  test('when a draft uses 1. paragraphs, then 1.5 within a line is not a number', () => {
    const { articles } = splitDraft('1. 首小时 4 元。\n1.5 倍收费另计。\n2．夜间按次收费。\n10、评估。');
    expect(articles.map((a) => a.label)).toEqual(['1.', '2．', '10、']);
    expect(articles[0].text).toBe('首小时 4 元。\n1.5 倍收费另计。');
  });

  test('when a draft has no numbering, then the whole text is one article; an empty draft has none', () => {
    expect(splitDraft('一段说明。\n第二段。').articles).toEqual([{ no: 1, label: '全文', chapter: null, text: '一段说明。\n第二段。' }]);
    expect(splitDraft('  \n ').articles).toEqual([]);
  });
});
