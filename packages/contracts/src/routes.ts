import { z } from 'zod';
import { ErrorBody } from './common';
import { BindPhoneRequest, LogoutRequest, MeResponse, RefreshRequest, Session, WechatLoginRequest } from './auth';
import { HomeResponse } from './home';
import { HealthResponse, ReadinessResponse } from './system';
import { IdParams, PolicyDetailResponse } from './policies';
import { InterpretationDetailResponse, PolicyListQuery, PolicyListResponse, QaDetailResponse, QaFeedbackRequest, QaFeedbackResponse, QaListQuery, QaListResponse, TopicListResponse } from './content';
import { QaSearchQuery, QaSearchResponse } from './search';
import {
  HotlineCaseEvent,
  HotlineCaseEventAck,
  HotlineListQuery,
  HotlinePhotoLinksRequest,
  HotlinePhotoLinksResponse,
  HotlinePhotoUploadResponse,
  HotlineRateRequest,
  HotlineStaffQuery,
  HotlineStaffTicketDetail,
  HotlineStaffTicketPage,
  HotlineStatsQuery,
  HotlineStatsResponse,
  HotlineSubmitRequest,
  HotlineSubmitResponse,
  HotlineTicketDetail,
  HotlineTicketPage,
  PhotoIdParams,
  TrackingNoParams,
} from './hotline';

/** One HTTP route of the BFF: what it takes and what it answers. */
export interface RouteContract {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  auth: 'none' | 'optional' | 'citizen' | 'staff';
  params?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  /** Success response schema; `null` for 204. */
  response: z.ZodTypeAny | null;
  status?: number;
}

function route<T extends RouteContract>(r: T): T {
  return r;
}

/** The BFF's HTTP API. The BFF mounts these; the mini-program calls them; the OpenAPI document is built from them. */
export const api = {
  healthz: route({ method: 'get', path: '/healthz', summary: '进程存活检查', auth: 'none', response: HealthResponse }),
  readyz: route({ method: 'get', path: '/readyz', summary: '依赖就绪检查', auth: 'none', response: ReadinessResponse }),
  wechatLogin: route({
    method: 'post',
    path: '/api/v1/auth/wechat-login',
    summary: '微信登录：用 wx.login 的 code 换取会话',
    auth: 'none',
    body: WechatLoginRequest,
    response: Session,
  }),
  refresh: route({
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: '刷新会话（刷新令牌轮换；重复使用旧令牌会注销整个会话族）',
    auth: 'none',
    body: RefreshRequest,
    response: Session,
  }),
  logout: route({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: '退出登录',
    auth: 'citizen',
    body: LogoutRequest,
    response: null,
    status: 204,
  }),
  bindPhone: route({
    method: 'post',
    path: '/api/v1/auth/phone',
    summary: '绑定手机号（getPhoneNumber 的 code）',
    auth: 'citizen',
    body: BindPhoneRequest,
    response: MeResponse,
  }),
  me: route({ method: 'get', path: '/api/v1/me', summary: '当前用户', auth: 'citizen', response: MeResponse }),
  home: route({
    method: 'get',
    path: '/api/v1/home',
    summary: '首页聚合：最新解读、开放征求意见、开放日、列席会议、热线统计',
    auth: 'optional',
    response: HomeResponse,
  }),
  policy: route({
    method: 'get',
    path: '/api/v1/policies/{id}',
    summary: '政策文件详情（含有效性与替代文件）',
    auth: 'optional',
    params: IdParams,
    response: PolicyDetailResponse,
  }),
  qaSearch: route({
    method: 'get',
    path: '/api/v1/qa/search',
    summary: '政策问答搜索（简繁、口语、同义词、错别字；无合适答案时建议拨打 12345）',
    auth: 'optional',
    query: QaSearchQuery,
    response: QaSearchResponse,
  }),
  // --- policies feature (issue 3) ---
  policyList: route({
    method: 'get',
    path: '/api/v1/policies',
    summary: '政策文件列表（按主题、发布机构、有效性、年份筛选，分页）',
    auth: 'optional',
    query: PolicyListQuery,
    response: PolicyListResponse,
  }),
  interpretation: route({
    method: 'get',
    path: '/api/v1/interpretations/{id}',
    summary: '政策解读详情（分节、关键词诠释、图解音视频、所属政策的有效性）',
    auth: 'optional',
    params: IdParams,
    response: InterpretationDetailResponse,
  }),
  qaList: route({
    method: 'get',
    path: '/api/v1/qas',
    summary: '政策问答列表（按主题或政策筛选；热门或最新排序）',
    auth: 'optional',
    query: QaListQuery,
    response: QaListResponse,
  }),
  qa: route({
    method: 'get',
    path: '/api/v1/qas/{id}',
    summary: '政策问答详情（所属政策的有效性、对应解读、相关问答）',
    auth: 'optional',
    params: IdParams,
    response: QaDetailResponse,
  }),
  qaFeedback: route({
    method: 'get',
    path: '/api/v1/qas/{id}/feedback',
    summary: '“这个回答有帮助吗”的统计及本人的选择',
    auth: 'optional',
    params: IdParams,
    response: QaFeedbackResponse,
  }),
  voteQa: route({
    method: 'put',
    path: '/api/v1/qas/{id}/feedback',
    summary: '评价问答是否有帮助（每人一票，可改选）',
    auth: 'citizen',
    params: IdParams,
    body: QaFeedbackRequest,
    response: QaFeedbackResponse,
  }),
  topics: route({
    method: 'get',
    path: '/api/v1/topics',
    summary: '政策主题及各主题下的政策、解读、问答数量',
    auth: 'optional',
    response: TopicListResponse,
  }),
  // --- hotline feature (issue 4) ---
  hotlineUploadPhoto: route({
    method: 'post',
    path: '/api/v1/hotline/photos',
    summary: '上传诉求图片（multipart/form-data，字段 file；JPEG/PNG/WebP，≤ 5 MB）→ 图片编号',
    auth: 'citizen',
    response: HotlinePhotoUploadResponse,
    status: 201,
  }),
  hotlinePhotoLinks: route({
    method: 'post',
    path: '/api/v1/hotline/photos/links',
    summary: '为本人草稿中的图片换取新的预览链接（已失效或他人的图片不返回）',
    auth: 'citizen',
    body: HotlinePhotoLinksRequest,
    response: HotlinePhotoLinksResponse,
  }),
  hotlinePhoto: route({
    method: 'get',
    path: '/api/v1/hotline/photos/{id}',
    summary: '诉求图片（仅本人与工作人员；或带签名的 url）',
    auth: 'optional',
    params: PhotoIdParams,
    response: z.string().describe('image bytes'),
  }),
  hotlineSubmit: route({
    method: 'post',
    path: '/api/v1/hotline/tickets',
    summary: '提交 12345 诉求（须带 Idempotency-Key 请求头；同一标识重复提交返回同一诉求）',
    auth: 'citizen',
    body: HotlineSubmitRequest,
    response: HotlineSubmitResponse,
    status: 201,
  }),
  hotlineMyTickets: route({
    method: 'get',
    path: '/api/v1/hotline/tickets',
    summary: '我的诉求（分页，最近提交在前）',
    auth: 'citizen',
    query: HotlineListQuery,
    response: HotlineTicketPage,
  }),
  hotlineTicket: route({
    method: 'get',
    path: '/api/v1/hotline/tickets/{trackingNo}',
    summary: '诉求详情与办理进度（时间线、办理时限、评价）',
    auth: 'citizen',
    params: TrackingNoParams,
    response: HotlineTicketDetail,
  }),
  hotlineRate: route({
    method: 'post',
    path: '/api/v1/hotline/tickets/{trackingNo}/rating',
    summary: '评价已办结的诉求（不满意可申请重办）',
    auth: 'citizen',
    params: TrackingNoParams,
    body: HotlineRateRequest,
    response: HotlineTicketDetail,
  }),
  hotlineStats: route({
    method: 'get',
    path: '/api/v1/hotline/stats',
    summary: '12345 热线统计：受理、办结、按时办结、满意率（按月、按类型，含分母与口径）',
    auth: 'optional',
    query: HotlineStatsQuery,
    response: HotlineStatsResponse,
  }),
  hotlineCaseEvents: route({
    method: 'post',
    path: '/api/v1/hotline/case-events',
    summary: '12345 工单系统状态回调（X-Case-Signature 签名校验）',
    auth: 'none',
    body: HotlineCaseEvent,
    response: HotlineCaseEventAck,
  }),
  hotlineStaffTickets: route({
    method: 'get',
    path: '/api/v1/hotline/staff/tickets',
    summary: '工作人员：诉求列表与筛选',
    auth: 'staff',
    query: HotlineStaffQuery,
    response: HotlineStaffTicketPage,
  }),
  hotlineStaffExport: route({
    method: 'get',
    path: '/api/v1/hotline/staff/tickets.csv',
    summary: '工作人员：按筛选条件导出 CSV（UTF-8 带 BOM）',
    auth: 'staff',
    query: HotlineStaffQuery,
    response: z.string().describe('text/csv'),
  }),
  hotlineStaffTicket: route({
    method: 'get',
    path: '/api/v1/hotline/staff/tickets/{trackingNo}',
    summary: '工作人员：诉求完整信息（含不公开的身份信息）',
    auth: 'staff',
    params: TrackingNoParams,
    response: HotlineStaffTicketDetail,
  }),
  hotlineStaffRequeue: route({
    method: 'post',
    path: '/api/v1/hotline/staff/tickets/{trackingNo}/requeue',
    summary: '工作人员：将转交未成功的诉求重新排队转交（仅限转交未成功的诉求）',
    auth: 'staff',
    params: TrackingNoParams,
    response: HotlineStaffTicketDetail,
  }),
} satisfies Record<string, RouteContract>;

export type Api = typeof api;
export type ResponseOf<K extends keyof Api> = Api[K]['response'] extends z.ZodTypeAny ? z.infer<Api[K]['response']> : void;
export { ErrorBody };
