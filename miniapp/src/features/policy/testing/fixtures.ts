import type {
  InterpretationDetailResponse,
  PolicyDetailResponse,
  PolicyListResponse,
  PolicySummary,
  QaDetailResponse,
  QaFeedbackResponse,
  QaListResponse,
  QaSearchResponse,
  TopicListResponse,
} from '@zwgk/contracts';

// Test data of the policy feature, shaped by the contracts (type-checked against them).

export function policyDetail(overrides: Partial<PolicyDetailResponse['item']> = {}, status: 'ok' | 'stale' = 'ok'): PolicyDetailResponse {
  return {
    status,
    updatedAt: '2026-11-25T01:00:00.000Z',
    item: {
      id: 'pol-012',
      title: '江海市最低生活保障实施办法',
      docNo: '江民规〔2018〕3号',
      issuer: '江海市民政局',
      publishedAt: '2018-09-01T00:00:00+08:00',
      status: 'amended',
      topics: ['社会救助'],
      paragraphs: ['第一条 为保障困难群众基本生活，制定本办法。', '第二条 本办法适用于本市行政区域。'],
      supersededBy: { id: 'pol-013', title: '江海市最低生活保障实施办法（2025年修订）' },
      sourceUrl: null,
      interpretations: [{ id: 'int-007', title: '低保新规来了！' }],
      qas: Array.from({ length: 7 }, (_, n) => ({ id: `qa-10${n}`, question: `低保问题${n + 1}？` })),
      ...overrides,
    },
  };
}

export function interpretationDetail(overrides: Partial<InterpretationDetailResponse['item']> = {}): InterpretationDetailResponse {
  return {
    status: 'ok',
    updatedAt: '2026-11-25T01:00:00.000Z',
    item: {
      id: 'int-004',
      title: '《江海市全面推进政务公开工作规则》解读（2019年）',
      publishedAt: '2019-03-20T09:00:00+08:00',
      background: ['为落实国家要求，制定本规则。'],
      goals: ['到2020年，政务公开制度化。'],
      mainPoints: ['推进决策公开', '加强政策解读'],
      scope: ['全市各级行政机关。'],
      keyTerms: [
        { term: '五公开', explanation: '决策、执行、管理、服务、结果公开。' },
        { term: '政策解读', explanation: '对政策背景、内容的说明。' },
      ],
      benefits: ['群众获取信息更方便。'],
      changes: [],
      notes: ['以现行规则为准。'],
      media: [{ kind: 'image', url: 'https://portal.example.gov.cn/a.png', caption: '图解：五公开' }],
      policy: {
        id: 'pol-004',
        title: '江海市全面推进政务公开工作规则',
        docNo: '江政办发〔2019〕8号',
        status: 'amended',
        supersededBy: { id: 'pol-005', title: '江海市政务公开工作规则（2024年修订）' },
      },
      qas: [{ id: 'qa-016', question: '2019年版规则现在还有效吗？' }],
      ...overrides,
    },
  };
}

export function qaDetail(overrides: Partial<QaDetailResponse['item']> = {}, status: 'ok' | 'stale' = 'ok'): QaDetailResponse {
  return {
    status,
    updatedAt: '2026-11-25T01:00:00.000Z',
    item: {
      id: 'qa-045',
      question: '以前的12345市民热线管理暂行办法还在用吗？',
      answer: ['已经废止了。', '现在执行新的工作规范。'],
      topics: ['12345热线'],
      updatedAt: '2026-10-10T10:00:00+08:00',
      policy: {
        id: 'pol-010',
        title: '江海市12345市民热线管理暂行办法',
        docNo: null,
        status: 'repealed',
        supersededBy: { id: 'pol-011', title: '江海市12345政务服务便民热线工作规范' },
      },
      interpretation: { id: 'int-006', title: '《江海市12345政务服务便民热线工作规范》解读' },
      related: [{ id: 'qa-037', question: '12345热线能办哪些事情？' }],
      ...overrides,
    },
  };
}

export function feedback(overrides: Partial<QaFeedbackResponse> = {}): QaFeedbackResponse {
  return { qaId: 'qa-045', helpful: 3, unhelpful: 1, mine: null, ...overrides };
}

export function policySummary(n: number, overrides: Partial<PolicySummary> = {}): PolicySummary {
  return {
    id: `pol-${String(n).padStart(3, '0')}`,
    title: `政策文件${n}`,
    docNo: null,
    issuer: '江海市民政局',
    publishedAt: '2024-01-01T00:00:00+08:00',
    status: 'in_force',
    topics: ['社会救助'],
    interpretationCount: 1,
    qaCount: 2,
    ...overrides,
  };
}

/** One page of a list of `total` policies. */
export function policyPage(page: number, pageSize: number, total: number, status: 'ok' | 'stale' = 'ok'): PolicyListResponse {
  const start = (page - 1) * pageSize;
  const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => policySummary(start + i + 1));
  return {
    status,
    updatedAt: '2026-11-25T01:00:00.000Z',
    items,
    page,
    pageSize,
    total,
    facets: {
      topics: [{ value: '社会救助', count: total }],
      issuers: [{ value: '江海市民政局', count: total }],
      years: [{ value: '2024', count: total }],
      statuses: [{ value: 'in_force', count: total }],
    },
  };
}

export function topics(): TopicListResponse {
  return {
    status: 'ok',
    updatedAt: '2026-11-25T01:00:00.000Z',
    items: [
      { name: '政务公开', policyCount: 9, inForceCount: 8, interpretationCount: 5, qaCount: 36 },
      { name: '社会救助', policyCount: 3, inForceCount: 2, interpretationCount: 1, qaCount: 11 },
    ],
  };
}

export function popularQas(): QaListResponse {
  return {
    status: 'ok',
    updatedAt: '2026-11-25T01:00:00.000Z',
    items: [{ id: 'qa-046', question: '什么样的家庭可以申请最低生活保障？', topics: ['社会救助'], policyId: 'pol-013', policyStatus: 'in_force', updatedAt: '2026-10-10T10:00:00+08:00', views: 10, helpful: 4 }],
    page: 1,
    pageSize: 5,
    total: 1,
  };
}

const at = (text: string, word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length];

export function searchResult(query: string, overrides: Partial<QaSearchResponse> = {}): QaSearchResponse {
  const question = '最低生活保障去哪里申请？';
  const answer = '向户籍所在地的乡镇人民政府（街道办事处）提出申请。';
  return {
    query,
    items: [
      {
        id: 'qa-047',
        question,
        answer,
        score: 0.9,
        policyId: 'pol-013',
        topics: ['社会救助'],
        highlights: { question: [at(question, '申请')], answer: [at(answer, '申请')] },
      },
    ],
    confident: true,
    suggestion: null,
    status: 'ok',
    tookMs: 3,
    ...overrides,
  };
}
