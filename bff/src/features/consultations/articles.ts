/**
 * Splits a draft's text into its articles, the units citizens comment on. Pure: no I/O.
 *
 * Drafts number their articles either as 第一条 … 第二十条 (regulations; 第一章 / 第一节 lines
 * are chapter headings, not articles) or as numbered paragraphs 一、 … or 1. … (plans and
 * schemes). Lines between two articles (items such as （一）… or an unnumbered paragraph)
 * belong to the article above. `no` is the article's 1-based order in the draft, whatever
 * its printed number says.
 */

export interface DraftArticle {
  no: number;
  /** The number as printed: 第三条, 三、 or 3. */
  label: string;
  /** The chapter (or section) heading above it, e.g. 第二章 设施建设; null when the draft has none. */
  chapter: string | null;
  text: string;
}

export interface SplitDraft {
  /** Lines before the first article (a title or a preamble). */
  preamble: string[];
  articles: DraftArticle[];
}

const CN_DIGITS = '零〇一二两三四五六七八九十百千';
const HEADING = new RegExp(`^第[${CN_DIGITS}\\d]+[章节](?:[\\s\\u3000]+.*|$)`);
const STYLES = [
  // 第十一条 text
  new RegExp(`^(第[${CN_DIGITS}\\d]+条)(?:[\\s\\u3000]+|$)(.*)$`),
  // 十一、text
  new RegExp(`^([${CN_DIGITS}]+、)[\\s\\u3000]*(.*)$`),
  // 11. text (not 1.5): also 11．and 11、
  /^(\d{1,3}[.．、])(?!\d)[\s\u3000]*(.*)$/,
];

/** The article label style a draft uses: the first of 第X条, 一、, 1. that any line has. */
function styleOf(lines: string[]): RegExp | null {
  for (const re of STYLES) if (lines.some((l) => re.test(l))) return re;
  return null;
}

/** Splits `draftText` (lines separated by `\n`) into a preamble and its articles. */
export function splitDraft(draftText: string): SplitDraft {
  const lines = draftText
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter(Boolean);
  const style = styleOf(lines);
  const preamble: string[] = [];
  const articles: DraftArticle[] = [];
  if (!style) {
    return lines.length ? { preamble, articles: [{ no: 1, label: '全文', chapter: null, text: lines.join('\n') }] } : { preamble, articles };
  }
  let chapter: string | null = null;
  let current: DraftArticle | null = null;
  for (const line of lines) {
    if (style === STYLES[0] && HEADING.test(line)) {
      chapter = line.replace(/[\s\u3000]+/g, ' ');
      current = null;
      continue;
    }
    const m = style.exec(line);
    if (m) {
      current = { no: articles.length + 1, label: m[1], chapter, text: m[2].trim() };
      articles.push(current);
    } else if (current) {
      current.text = current.text ? `${current.text}\n${line}` : line;
    } else {
      preamble.push(line);
    }
  }
  return { preamble, articles };
}
