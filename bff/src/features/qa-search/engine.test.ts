import { QaSearchEngine, loadSynonyms, type QaDoc } from './engine';

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
    const before = new QaSearchEngine(docs).search('牌照本');
    expect(before.hits.map((h) => h.doc.id)).not.toContain('license');
    const custom = new QaSearchEngine(docs, {}, loadSynonyms([{ terms: ['营业执照', '牌照本'] }]));
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
