import {
  ConsultationDetailResponse,
  ConsultationListResponse,
  ConsultationReportResponse,
  MyComment,
  PublicCommentPage,
  CommentCreateResponse,
  type ConsultationListItem,
} from '@zwgk/contracts';

/** Test data of the consultation screens, parsed by the contract so it cannot drift from it. */

const day = 86_400_000;

export function listItem(overrides: Partial<ConsultationListItem> = {}): ConsultationListItem {
  return {
    id: 'con-001',
    title: '关于《江海市社区嵌入式养老服务设施建设管理办法（征求意见稿）》公开征求意见的公告',
    issuer: '江海市民政局',
    summary: '为推动养老服务设施向社区延伸，市民政局起草了本办法征求意见稿。',
    opensAt: '2026-11-10T09:00:00+08:00',
    closesAt: new Date(Date.now() + 8 * day + 3 * 3_600_000).toISOString(),
    phase: 'open',
    phaseLabel: '征求中',
    daysLeft: 8,
    commentCount: 12,
    reportPublishedAt: null,
    ...overrides,
  };
}

export function consultationList(status: 'ok' | 'stale' = 'ok'): ConsultationListResponse {
  return ConsultationListResponse.parse({
    status,
    updatedAt: '2026-12-01T12:00:00.000Z',
    items: [
      listItem(),
      listItem({ id: 'con-003', title: '课后服务管理办法征求意见', phase: 'upcoming', phaseLabel: '即将开始', daysLeft: null, opensAt: '2026-12-07T09:00:00+08:00', closesAt: '2027-01-06T17:30:00+08:00', commentCount: 0 }),
      listItem({ id: 'con-004', title: '电动自行车停放充电管理规定征求意见', phase: 'closed', phaseLabel: '已截止', daysLeft: null, opensAt: '2026-03-02T09:00:00+08:00', closesAt: '2026-04-01T17:30:00+08:00', commentCount: 31 }),
      listItem({ id: 'con-005', title: '公共数据开放管理暂行办法征求意见', phase: 'reported', phaseLabel: '已公布采纳情况', daysLeft: null, opensAt: '2026-08-03T09:00:00+08:00', closesAt: '2026-09-02T17:30:00+08:00', commentCount: 86, reportPublishedAt: '2026-09-20T02:00:00.000Z' }),
    ],
  });
}

export function consultationDetail(overrides: Partial<ConsultationDetailResponse['item']> = {}, status: 'ok' | 'stale' = 'ok'): ConsultationDetailResponse {
  return ConsultationDetailResponse.parse({
    status,
    updatedAt: '2026-12-01T12:00:00.000Z',
    item: {
      ...listItem(),
      basis: [
        { title: '中华人民共和国老年人权益保障法', url: null, policyId: null },
        { title: '江海市重大行政决策公众参与办法', url: 'https://portal.example.gov.cn/zcwj/sj/pol-009.html', policyId: 'pol-009' },
      ],
      preamble: [],
      articles: [
        { no: 1, label: '第一条', chapter: '第一章 总则', text: '为完善本市社区居家养老服务网络，制定本办法。', commentCount: 2 },
        { no: 2, label: '第二条', chapter: '第一章 总则', text: '本办法所称社区嵌入式养老服务设施，是指设置在城乡社区内的场所。', commentCount: 0 },
        { no: 3, label: '第三条', chapter: '第二章 建设', text: '新建住宅小区应当按照每百户不少于20平方米的标准配建养老服务用房。', commentCount: 7 },
      ],
      wholeDraftCommentCount: 3,
      canComment: true,
      ...overrides,
    },
  });
}

export function publicComments(n: number, total = n, nextCursor: string | null = null, from = 1): PublicCommentPage {
  return PublicCommentPage.parse({
    items: Array.from({ length: n }, (_, i) => ({
      id: `c${String(from + i).padStart(23, '0')}`,
      articleNo: 3,
      articleLabel: '第三条',
      text: `建议把配建标准提高到每百户 30 平方米（第 ${from + i} 条）`,
      authorName: i % 2 ? '网友' : '张**',
      approvedAt: '2026-11-28T02:00:00.000Z',
    })),
    total,
    nextCursor,
  });
}

export function myComment(overrides: Partial<MyComment> = {}): MyComment {
  return MyComment.parse({
    id: 'a00000000000000000000001',
    consultationId: 'con-001',
    consultationTitle: '社区嵌入式养老服务设施建设管理办法征求意见',
    articleNo: 3,
    articleLabel: '第三条',
    text: '建议把配建标准提高到每百户 30 平方米。',
    realNameMasked: '张**',
    contactConsent: false,
    state: 'pending',
    stateLabel: '待审核',
    rejectReason: null,
    rejectReasonLabel: null,
    disposition: null,
    dispositionLabel: null,
    dispositionReason: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    canWithdraw: true,
    reportPublished: false,
    ...overrides,
  });
}

export function commentAnswer(overrides: Partial<CommentCreateResponse> = {}): CommentCreateResponse {
  return CommentCreateResponse.parse({
    id: 'a00000000000000000000009',
    consultationId: 'con-001',
    articleNo: 3,
    state: 'pending',
    stateLabel: '待审核',
    createdAt: '2026-12-01T02:00:00.000Z',
    replayed: false,
    ...overrides,
  });
}

const point = (id: string, title: string, disposition: string, dispositionLabel: string, reason: string | null, commenterCount: number) => ({
  id,
  title,
  disposition,
  dispositionLabel,
  reason,
  commentCount: commenterCount,
  commenterCount,
});

export function report(): ConsultationReportResponse {
  const major = point('p2', '建议取消运营补贴上限', 'not_adopted', '未采纳', '补贴标准已按财政承受能力测算，暂不调整', 6);
  return ConsultationReportResponse.parse({
    report: {
      consultationId: 'con-005',
      title: '公共数据开放管理暂行办法征求意见',
      issuer: '江海市政务服务数据管理局',
      opensAt: '2026-08-03T09:00:00+08:00',
      closesAt: '2026-09-02T17:30:00+08:00',
      publishedAt: '2026-09-20T02:00:00.000Z',
      generatedAt: '2026-09-20T02:00:00.000Z',
      received: 12,
      published: 10,
      withheld: { total: 2, byReason: [{ reason: 'advertising', label: '广告', count: 2 }, { reason: 'abusive', label: '含人身攻击或不文明用语', count: 0 }] },
      withdrawn: 1,
      dispositions: [
        { disposition: 'adopted', label: '采纳', count: 3, share: { numerator: 3, denominator: 10, value: 0.3 } },
        { disposition: 'partly_adopted', label: '部分采纳', count: 1, share: { numerator: 1, denominator: 10, value: 0.1 } },
        { disposition: 'not_adopted', label: '未采纳', count: 6, share: { numerator: 6, denominator: 10, value: 0.6 } },
        { disposition: 'already_provided', label: '已有规定', count: 0, share: { numerator: 0, denominator: 10, value: 0 } },
        { disposition: 'out_of_scope', label: '不属于本次征求范围', count: 0, share: { numerator: 0, denominator: 10, value: 0 } },
      ],
      byArticle: [
        { articleNo: null, label: '草案整体', published: 4, dispositions: [{ disposition: 'adopted', label: '采纳', count: 3 }, { disposition: 'partly_adopted', label: '部分采纳', count: 1 }] },
        { articleNo: 3, label: '第三条', published: 6, dispositions: [{ disposition: 'not_adopted', label: '未采纳', count: 6 }] },
      ],
      points: [major, point('p1', '开放目录应每季度更新', 'adopted', '采纳', null, 3)],
      majorPointThreshold: 5,
      majorPointsNotAdopted: [major],
    },
  });
}
