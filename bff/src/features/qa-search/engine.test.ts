import { QaSearchEngine, loadColloquial, loadSynonyms, type QaDoc } from './engine';

// A small knowledge base of its own, in both scripts, so each capability is tested in isolation.
const docs: QaDoc[] = [
  { id: 'open', question: '政府資訊公開申請可以委託別人代為提交嗎？', answer: '可以。申請人因故無法親自辦理的，可以委託他人代為提交，需提供授權委託書。', topics: ['政务公开'] },
  { id: 'attend', question: '普通市民能不能列席市政府常务会议？', answer: '可以。年满18周岁的本市常住居民可以在公告发布后申请列席。', topics: ['政务公开'] },
  { id: 'interp', question: '政策解读由谁负责发布？', answer: '按照谁起草、谁解读的原则，由起草部门负责，部门主要负责人是第一解读人。', topics: ['政务公开'] },
  { id: 'dibao', question: '什么样的家庭可以申请最低生活保障？', answer: '家庭成员人均月收入低于本市标准、财产状况符合规定的家庭可以申请。', topics: ['社会救助'] },
  { id: 'car', question: '家里有一辆车，还能申请低保吗？', answer: '价值在5万元以下、用于基本出行的机动车可以不计入家庭财产。', topics: ['社会救助'] },
  { id: 'hotline', question: '政务服务便民热线晚上有人接听吗？', answer: '热线提供7×24小时人工服务，节假日也有人接听。', topics: ['12345热线'] },
  { id: 'elder', question: '高齡津貼和居家養老服務補貼可以同時領取嗎？', answer: '可以。兩者屬於不同項目，符合條件的老年人可以同時享受。', topics: ['养老服务'] },
  { id: 'license', question: '想开个体小店，营业执照能在手机上办吗？', answer: '能。个体工商户登记可以全程网上办理，即时出照。', topics: ['营商环境'] },
];

let engine: QaSearchEngine;
beforeAll(() => {
  engine = new QaSearchEngine(docs);
});

const top = (q: string) => engine.search(q, { limit: 5 });
const topId = (q: string) => top(q).hits[0]?.doc.id;

describe('QaSearchEngine', () => {
  test('when a Simplified query asks about a Traditional entry, then that entry comes first', () => {
    expect(topId('信息公开申请可以委托别人提交吗')).toBe('open');
    expect(topId('高龄津贴和养老服务补贴能一起领吗')).toBe('elder');
  });

  test('when a Traditional query asks about a Simplified entry, then that entry comes first', () => {
    expect(topId('家裡有車還能申請低保嗎')).toBe('car');
    expect(topId('營業執照可以在手機上辦理嗎')).toBe('license');
  });

  test('when the citizen uses a popular word for the official term, then the synonym list bridges it', () => {
    expect(topId('市民可以旁听政府常务会议吗')).toBe('attend');
    expect(topId('政策解读是不是一把手负责')).toBe('interp');
    expect(topId('12345晚上有人接吗')).toBe('hotline');
    expect(top('哪些家庭能领低保').hits.map((h) => h.doc.id).slice(0, 2)).toContain('dibao');
  });

  test('when staff add a synonym group, then it takes effect for a new index', () => {
    // The general dictionary alone already bridges 牌照 and 执照: off here, to see the list's own effect.
    const before = new QaSearchEngine(docs, { dictionaryWeight: 0 }).search('牌照本');
    expect(before.hits.map((h) => h.doc.id)).not.toContain('license');
    const custom = new QaSearchEngine(docs, { dictionaryWeight: 0 }, loadSynonyms([{ terms: ['营业执照', '牌照本'] }]));
    expect(custom.search('牌照本').hits[0]?.doc.id).toBe('license');
  });

  test('when the query has homophone typos, then the intended entry is still found', () => {
    expect(topId('家里有车能申清底保吗')).toBe('car');
    expect(topId('营业直照能在手机上办吗')).toBe('license');
  });

  test('when the question is colloquial and full of filler, then the topic words still decide', () => {
    expect(topId('你好，我想问一下，我家里有辆车，这样还能吃低保吗？谢谢')).toBe('car');
    expect(topId('半夜打便民热线有人接不')).toBe('hotline');
  });

  test('when nothing in the knowledge base fits, then the answer is not confident and nothing unrelated is shown', () => {
    for (const q of ['护照过期了怎么续签', '今天天气怎么样', '考驾照要多少钱']) {
      const r = top(q);
      expect(r.confident).toBe(false);
      for (const h of r.hits) expect(h.score).toBeLessThan(0.45);
    }
    expect(top('').hits).toEqual([]);
    expect(top('你好').confident).toBe(false);
  });

  test('when results come back, then they are best first with scores in [0, 1]', () => {
    const r = top('申请低保');
    expect(r.confident).toBe(true);
    const scores = r.hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
  });

  test('when words match, then highlight ranges point at them in the original text, also across scripts and typos', () => {
    const slices = (q: string, id: string) => {
      const h = engine.search(q).hits.find((x) => x.doc.id === id)!;
      return h.highlights.question.map(([a, b]) => h.doc.question.slice(a, b));
    };
    expect(slices('家里有车能申请低保吗', 'car').join('|')).toContain('低保');
    expect(slices('信息公开申请委托别人', 'open').join('|')).toMatch(/委託/);
    expect(slices('底保', 'car').join('|')).toContain('低保');
    expect(slices('旁听会议', 'attend').join('|')).toContain('列席');
    for (const h of engine.search('政府信息公开').hits) {
      for (const [a, b] of [...h.highlights.question, ...h.highlights.answer]) expect(0 <= a && a < b).toBe(true);
    }
  });
});

describe('QaSearchEngine colloquial vocabulary', () => {
  test('when a citizen uses an everyday word (告, 没人理, 带娃, 车, 钱), then it reaches the official wording', () => {
    const kb: QaDoc[] = [
      { id: 'remedy', question: '对答复不满意，可以申请行政复议或者提起行政诉讼吗？', answer: '可以依法申请行政复议，也可以向人民法院起诉。', topics: [] },
      { id: 'care', question: '三岁以下婴幼儿托育服务有补助吗？', answer: '符合条件的托育机构按人数给予补助。', topics: [] },
      { id: 'vehicle', question: '名下有机动车还能申请低保吗？', answer: '价值5万元以下的机动车不计入家庭财产。', topics: [] },
      { id: 'fee', question: '办理居住证收取费用吗？', answer: '首次申领不收取任何费用。', topics: [] },
      { id: 'reply', question: '提交申请后行政机关不予答复怎么办？', answer: '可以向上一级机关投诉，由其督办。', topics: [] },
    ];
    // The mechanism is tested with a list of its own: the shipped list's words are checked for
    // generality (vocabulary.test.ts), not for covering these sentences.
    const vocab = loadColloquial([
      { say: ['告', '讨说法'], means: ['起诉', '行政诉讼', '行政复议'] },
      { say: ['带娃', '看孩子'], means: ['托育', '婴幼儿'] },
      { say: ['车'], means: ['机动车', '车辆'] },
      { say: ['要钱'], means: ['费用', '收费'] },
      { say: ['没人理', '没下文'], means: ['不予答复', '督办'] },
    ]);
    const e = new QaSearchEngine(kb, {}, undefined, vocab);
    // Ranking only: a five-entry index has too little IDF contrast for the confidence thresholds.
    const first = (q: string) => e.search(q, { raw: true }).hits[0]?.doc.id;
    expect(first('政府这么干我能告吗')).toBe('remedy');
    expect(first('带娃有没有补贴')).toBe('care');
    expect(first('家里有车能吃低保吗')).toBe('vehicle');
    expect(first('办居住证要钱吗')).toBe('fee');
    expect(first('申请交了一直没人理')).toBe('reply');
    // Without the vocabulary none of these words occur in the entries at all.
    const bare = new QaSearchEngine(kb, {}, undefined, []);
    expect(bare.search('我能告吗', { raw: true }).hits).toEqual([]);
    expect(first('我能告吗')).toBe('remedy');
  });

  test('when 告 is only part of another word (告诉), then the colloquial mapping does not fire', () => {
    const kb: QaDoc[] = [
      { id: 'remedy', question: '可以提起行政诉讼吗？', answer: '可以向人民法院起诉。', topics: [] },
      { id: 'notice', question: '结果会通知本人吗？', answer: '会以短信告知。', topics: [] },
    ];
    const e = new QaSearchEngine(kb);
    expect(e.search('结果会告诉我吗').hits.map((h) => h.doc.id)).not.toContain('remedy');
  });
});

describe('QaSearchEngine general dictionary', () => {
  test('when the citizen uses a word of the same sense as the entry (礼拜六 / 周六, 打官司 / 起诉), then the dictionary bridges it', () => {
    const kb: QaDoc[] = [
      { id: 'hours', question: '政务服务中心周六开门吗？', answer: '周六上午提供延时服务。', topics: [] },
      { id: 'court', question: '对处理结果不满意可以起诉吗？', answer: '可以向人民法院提起行政诉讼。', topics: [] },
      { id: 'other', question: '政务服务中心在哪里？', answer: '在市民中心二楼。', topics: [] },
    ];
    // No list of ours holds these words: only the dictionary can.
    const e = new QaSearchEngine(kb, {}, [], []);
    const bare = new QaSearchEngine(kb, { dictionaryWeight: 0 }, [], []);
    const first = (x: QaSearchEngine, q: string) => x.search(q, { raw: true }).hits[0]?.doc.id;
    expect(first(e, '政务服务中心礼拜六开不开')).toBe('hours');
    expect(first(e, '我想打官司')).toBe('court');
    expect(first(bare, '我想打官司')).toBeUndefined();
  });
});

describe('QaSearchEngine incremental updates', () => {
  // Derived from the demo knowledge base: the same content the portal serves.
  const demo: QaDoc[] = require('@zwgk/upstream-sim/content/qas.json');
  const queries = ['低保怎么申请', '家里有车能吃低保吗', '12345晚上有人接吗', '政府信息公开要交钱吗', '開放日需要付費嗎', '老人坐公交免费吗', '创业补贴', '底保', '护照过期了怎么续签'];
  const view = (e: QaSearchEngine) => queries.map((q) => e.search(q, { limit: 10, raw: true }).hits.map((h) => `${h.doc.id}:${h.score}`));

  test('when entries are added, changed and deleted in place, then results equal a full rebuild over the same entries', () => {
    const live = new QaSearchEngine(demo.slice(0, 60));
    const changed = { ...demo[5], question: '城市绿道骑行可以带宠物狗吗？', answer: '可以，但须牵绳。' };
    live.apply({ upsert: [...demo.slice(60), changed], remove: [demo[7].id, demo[12].id] });
    const expected = demo.filter((d) => d.id !== demo[7].id && d.id !== demo[12].id).map((d) => (d.id === changed.id ? changed : d));
    const rebuilt = new QaSearchEngine(expected);
    expect(live.size).toBe(expected.length);
    expect(view(live)).toEqual(view(rebuilt));
    expect(live.search('绿道骑行能带狗吗').hits[0]?.doc.id).toBe(changed.id);
    expect(live.search(demo[7].question).hits.map((h) => h.doc.id)).not.toContain(demo[7].id);
  });

  test('when every entry is deleted and added back, then results are the same as before', () => {
    const e = new QaSearchEngine(demo);
    const before = view(e);
    e.apply({ remove: demo.map((d) => d.id) });
    expect(e.size).toBe(0);
    expect(e.search('低保').hits).toEqual([]);
    e.apply({ upsert: [...demo].reverse() });
    expect(view(e)).toEqual(before);
  });

  test('when an index is built in slices, then it equals one built at once and the event loop got turns in between', async () => {
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const sliced = await QaSearchEngine.build(demo, {}, { sliceMs: 0.01 });
    clearInterval(tick);
    expect(turns).toBeGreaterThan(0);
    expect(view(sliced)).toEqual(view(new QaSearchEngine(demo)));
  });
});
