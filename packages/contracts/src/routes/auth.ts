import { BindPhoneRequest, LogoutRequest, MeResponse, ProfileRequest, RefreshRequest, Session, WechatLoginRequest } from '../auth';
import { route, type RouteContract } from '../route';

/** Login, refresh, logout, phone binding, the caller, their profile and the deletion of their account. */
export const authApi = {
  wechatLogin: route({
    method: 'post',
    path: '/api/v1/auth/wechat-login',
    summary: '微信登录：用 wx.login 的 code 换取会话',
    auth: 'none',
    body: WechatLoginRequest,
    limit: 'write',
    errors: ['login_failed'],
    response: Session,
  }),
  refresh: route({
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: '刷新会话（刷新令牌轮换；重复使用旧令牌会注销整个会话族）',
    auth: 'none',
    body: RefreshRequest,
    limit: 'write',
    errors: ['token_invalid', 'token_expired', 'token_revoked'],
    response: Session,
  }),
  logout: route({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: '退出登录',
    auth: 'citizen',
    body: LogoutRequest,
    limit: 'write',
    response: null,
    status: 204,
  }),
  bindPhone: route({
    method: 'post',
    path: '/api/v1/auth/phone',
    summary: '绑定手机号（getPhoneNumber 的 code）',
    auth: 'citizen',
    body: BindPhoneRequest,
    limit: 'write',
    response: MeResponse,
  }),
  me: route({ method: 'get', path: '/api/v1/me', summary: '当前用户（昵称、脱敏手机号、角色）', auth: 'citizen', response: MeResponse }),
  updateProfile: route({
    method: 'put',
    path: '/api/v1/me/profile',
    summary: '设置昵称（加密保存，仅本人可见）',
    auth: 'citizen',
    body: ProfileRequest,
    limit: 'write',
    response: MeResponse,
  }),
  deleteAccount: route({
    method: 'delete',
    path: '/api/v1/me',
    summary:
      '注销账号：删除微信身份、手机号、昵称、消息与订阅，抹去诉求中的个人信息（诉求记录匿名保留），结束所有登录会话。可重复调用：未完成的部分会补做',
    auth: 'citizen',
    limit: 'write',
    response: null,
    status: 204,
  }),
} satisfies Record<string, RouteContract>;
