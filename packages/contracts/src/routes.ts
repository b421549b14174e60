import { z } from 'zod';
import { ErrorBody } from './common';
import { BindPhoneRequest, LogoutRequest, MeResponse, RefreshRequest, Session, WechatLoginRequest } from './auth';
import { HomeResponse } from './home';
import { HealthResponse, ReadinessResponse } from './system';
import { IdParams, PolicyDetailResponse } from './policies';
import { QaSearchQuery, QaSearchResponse } from './search';

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
  // --- hotline feature (issue 4) ---
} satisfies Record<string, RouteContract>;

export type Api = typeof api;
export type ResponseOf<K extends keyof Api> = Api[K]['response'] extends z.ZodTypeAny ? z.infer<Api[K]['response']> : void;
export { ErrorBody };
