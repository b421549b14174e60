import { z } from 'zod';
import { Role, StaffRole } from './auth';
import { IsoTime, PageParam, pageSizeParam } from './common';

/** One tool of the staff workbench, shown when the person's roles allow it. */
export const WorkbenchTool = z.object({
  id: z.enum(['hotline', 'consultations', 'open-days', 'meetings', 'audit']),
  title: z.string(),
  description: z.string(),
  role: StaffRole.describe('the role the tool needs (admin has every one)'),
  /** Mini-program page of the tool. */
  path: z.string(),
  /** Queue figures, e.g. 转交未成功 3; `attention` marks work waiting for someone. */
  counts: z.array(z.object({ label: z.string(), count: z.number().int(), attention: z.boolean() })),
  /** `unavailable`: the counts could not be read just now; the tool still opens. */
  status: z.enum(['ok', 'unavailable']),
});
export type WorkbenchTool = z.infer<typeof WorkbenchTool>;

export const WorkbenchResponse = z.object({
  roles: z.array(StaffRole),
  tools: z.array(WorkbenchTool),
});
export type WorkbenchResponse = z.infer<typeof WorkbenchResponse>;

/** One record of the audit log: who did what to which record, with the state before and after. */
export const AuditEntry = z.object({
  id: z.string(),
  at: IsoTime,
  actorId: z.string(),
  /** The role that allowed the action; `citizen` for a citizen's action on their own account. */
  role: Role,
  action: z.string().describe('e.g. hotline.requeue, hotline.view_identity, account.delete'),
  target: z.object({ type: z.string(), id: z.string() }),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z.string().trim().max(64, '操作名称过长').optional(),
  actorId: z.string().regex(/^[0-9a-f]{24}$/, '操作人编号格式不正确').optional(),
  targetId: z.string().trim().max(64, '对象编号过长').optional(),
  page: PageParam,
  pageSize: pageSizeParam(100, 20),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type AuditPage = z.infer<typeof AuditPage>;
