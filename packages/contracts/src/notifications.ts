import { z } from 'zod';
import { IsoTime, PageParam, pageSizeParam } from './common';

/**
 * What a notification is about. The inbox stores every one; a WeChat subscribe message is
 * sent on top when the citizen has credit for the kind's template.
 */
export const NotificationKind = z.enum(['hotline_accepted', 'hotline_closed', 'hotline_failed', 'consultation_rejected', 'consultation_outcome', 'meeting_selection', 'meeting_reply']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** One message of 我的消息. `link` is the mini-program page it concerns (path with query), or null. */
export const NotificationItem = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('mini-program page, e.g. /features/hotline/pages/ticket/index?no=RX-20261201-7KQ2MZ'),
  createdAt: IsoTime,
  readAt: IsoTime.nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationListQuery = z.object({ page: PageParam, pageSize: pageSizeParam(50, 20) });
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = z.object({
  items: z.array(NotificationItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

/** Mark some messages read (`ids`) or every one (`all: true`). */
export const NotificationReadRequest = z
  .object({
    ids: z
      .array(z.string().regex(/^[0-9a-f]{24}$/, '消息编号格式不正确'), { error: '消息编号须为列表' })
      .min(1, '请至少选择一条消息')
      .max(100, '一次最多 100 条')
      .optional(),
    all: z.literal(true, { error: 'all 只能为 true' }).optional(),
  })
  .refine((b) => !!b.ids !== !!b.all, { message: '请指定要标为已读的消息（ids），或全部（all: true）', path: ['ids'] });
export type NotificationReadRequest = z.infer<typeof NotificationReadRequest>;

export const NotificationUnread = z.object({ unread: z.number().int() });
export type NotificationUnread = z.infer<typeof NotificationUnread>;

/** The flows at whose start the app asks for subscribe-message consent (wx.requestSubscribeMessage). */
export const SubscribeFlow = z.enum(['hotline', 'consultation']);
export type SubscribeFlow = z.infer<typeof SubscribeFlow>;

/** A template the citizen can be asked about, with the one-time credit the BFF holds for it. */
export const SubscribeTemplate = z.object({
  templateId: z.string(),
  title: z.string().describe('what the template tells, e.g. 诉求办理进度'),
  credits: z.number().int().describe('one-time credits recorded for this citizen; each message sent spends one'),
});
export type SubscribeTemplate = z.infer<typeof SubscribeTemplate>;

export const SubscriptionsResponse = z.object({
  /** Template ids to pass to wx.requestSubscribeMessage at the tap that starts each flow (at most 3). */
  flows: z.partialRecord(SubscribeFlow, z.array(z.string())),
  templates: z.array(SubscribeTemplate),
});
export type SubscriptionsResponse = z.infer<typeof SubscriptionsResponse>;

/** What wx.requestSubscribeMessage answered, per template id. Send with an Idempotency-Key: a retry records nothing twice. */
export const SubscribeResultRequest = z.object({
  results: z
    .record(
      z.string().min(1).max(128),
      z.enum(['accept', 'reject', 'ban', 'filter'], { error: '订阅结果须为 accept、reject、ban 或 filter' }),
    )
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 5, '订阅结果须包含 1–5 个模板'),
});
export type SubscribeResultRequest = z.infer<typeof SubscribeResultRequest>;
