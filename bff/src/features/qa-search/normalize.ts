import * as OpenCC from 'opencc-js';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { pinyin } from 'pinyin-pro';

// Taiwan phrases → mainland phrases (資訊 → 信息, 小程式 → 小程序), not just characters:
// citizens writing Traditional also use Taiwan vocabulary.
const toCn = OpenCC.Converter({ from: 'twp', to: 'cn' });
// Character-only conversion, used where offsets must line up with the original text.
const charToCn = OpenCC.Converter({ from: 't', to: 'cn' });

let jieba: Jieba | null = null;
/** The segmenter, built lazily: loading the dictionary takes ~300 ms. */
export function segmenter(): Jieba {
  return (jieba ??= Jieba.withDict(dict));
}

/** Adds words (synonym terms, domain words) to the segmenter so they stay whole. */
export function addWords(words: Iterable<string>): void {
  const lines: string[] = [];
  for (const w of words) if (w.length > 1 && !/\s/.test(w)) lines.push(`${w} 20000`);
  if (lines.length) segmenter().loadDict(Buffer.from(lines.join('\n')));
}

/**
 * Search form of a text: NFKC (full-width digits and letters fold to ASCII), lower case,
 * Traditional → Simplified with Taiwan phrases. Applied to documents and queries alike.
 */
export function normalize(text: string): string {
  return toCn(text.normalize('NFKC').toLowerCase());
}

/**
 * Like normalize but character by character, so index i of the result is index i of the
 * input: highlight ranges found in it are valid in the original text.
 */
export function normalizeAligned(text: string): string {
  const conv = charToCn(text.toLowerCase());
  if (conv.length === text.length) return conv;
  let out = '';
  for (const ch of text) {
    const c = charToCn(ch.toLowerCase());
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

const HAN = /[\u3400-\u9fff]/;
/** True for a CJK ideograph. */
export const isHan = (ch: string) => HAN.test(ch);
/** True for characters that carry meaning (ideographs, letters, digits). */
export const isWordChar = (ch: string) => /[\u3400-\u9fffa-z0-9]/.test(ch);

const pinyinCache = new Map<string, string>();
/**
 * Toneless pinyin of one ideograph, folded the way people mistype on a pinyin keyboard or
 * in southern accents: zh/ch/sh → z/c/s, l → n, -ing/-eng → -in/-en. Homophones and
 * near-homophones (申清/申请, 底保/低保) then share a key.
 */
export function fuzzyPinyin(ch: string): string {
  let p = pinyinCache.get(ch);
  if (p === undefined) {
    p = pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch;
    p = p.replace(/^([zcs])h/, '$1').replace(/^l/, 'n').replace(/ing$/, 'in').replace(/eng$/, 'en').replace(/ü|v/g, 'u');
    pinyinCache.set(ch, p);
  }
  return p;
}

/** Grammatical particles: a bigram containing one says nothing about the topic. */
export const PARTICLES = new Set('的了吗呢吧啊呀哦嘛么哈哇啦咧喔'.split(''));

/** Words dropped from word matching: pronouns, particles, question words, filler. */
export const STOP_WORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 哦 嘛 么 我 我们 你 你们 您 他 她 他们 它 想 问 问问 请问 请 一下 是 在 和 与 及 或 就 都 也 还 又 ' +
    '要 会 能 这 那 这个 那个 个 把 被 给 让 对 从 向 到 怎么 怎样 怎么样 怎么办 如何 咋 咋办 啥 什么 为什么 ' +
    '就是 还是 然后 现在 已经 一个 一些 自己 如果 但是 可是 因为 所以 比如 请教 咨询 你好 您好 谢谢 麻烦 知道 想知道 ' +
    '打听 一直 不知道 是否 吗 呢 嗯 哎 唉 有点 有些 这样 那样 这种 那种 里 上 下 中 时候 时 之 其 着 过 得 地 等 ' +
    '可以 能不能 可不可以 是不是 有没有 需不需要 要不要 行不行 该 应该 需要 就 才 吧 呗 没 没有 不 不会 会不会'
  ).split(/\s+/),
);

/**
 * Filler phrases removed from a query before analysis; longest first so the longest
 * phrase wins. They carry no topic, only politeness or the fact that it is a question.
 */
export const FILLER = [
  '我想问一下', '想问一下', '请问一下', '我想咨询一下', '咨询一下', '我想了解一下', '想了解一下', '了解一下', '我想问问',
  '请问', '你好', '您好', '谢谢', '麻烦问下', '麻烦问一下', '打听一下', '问一下', '我想知道', '想知道', '有谁知道',
  '怎么办啊', '怎么办呢', '怎么办', '咋办', '该怎么弄', '怎么弄', '怎么搞', '求助', '急急急', '在线等',
].sort((a, b) => b.length - a.length);
const FILLER_RE = new RegExp(FILLER.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

/** Replaces filler phrases with a separator (keeps bigrams from spanning the gap). */
export function stripFiller(normalized: string): string {
  return normalized.replace(FILLER_RE, ' ');
}

/**
 * What a question asks for, from Chinese interrogative words (a closed, general class, not
 * topic words): how / where to do it, how much, how long or when, whether (yes / no), what
 * something is, who qualifies. Bit flags; a question can ask several things. Run on the
 * normalized (Simplified) text, before stop words and filler are dropped.
 */
export const ASKS = { how: 1, amount: 2, time: 4, whether: 8, what: 16, who: 32 } as const;
const ASK_PATTERNS: Array<[number, RegExp]> = [
  [ASKS.how, /怎么|怎样|如何|咋|去哪|哪里|在哪|哪儿|什么地方|什么途径|什么渠道|步骤|流程|手续|程序是|要准备|需要准备|哪些材料|什么材料/],
  [ASKS.amount, /多少钱|多少|几多|多大|金额|标准是|几成|比例/],
  [ASKS.time, /多久|多长时间|几天|几个月|几年|什么时候|何时|几点|哪天|期限|时限|多快/],
  [ASKS.whether, /吗|能不能|可不可以|是不是|会不会|有没有|要不要|需不需要|能否|是否|可否|行不行/],
  [ASKS.what, /什么是|是什么|啥是|是啥|什么叫|指什么|干啥|做什么|能办哪些|哪些事|什么意思/],
  [ASKS.who, /谁|哪些人|什么人|什么样的|哪类人|哪些家庭|什么条件|哪些条件/],
];
export function asks(normalized: string): number {
  let bits = 0;
  for (const [bit, re] of ASK_PATTERNS) if (re.test(normalized)) bits |= bit;
  return bits;
}
