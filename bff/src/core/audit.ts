import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { AuditEntry, AuditPage, AuditQuery, Role, StaffRole } from '@zwgk/contracts';
import { hasStaffRole } from '@zwgk/contracts';
import type { AuthUser } from './http';
import { createOnce } from './idempotency';

/**
 * One staff action (or a citizen's action on their own account, role `citizen`), as stored:
 * who, what, to which record, when, the state before and after.
 */
export interface AuditDoc {
  _id: Types.ObjectId;
  at: Date;
  actorId: string;
  role: Role;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function auditModel(conn: Connection): Model<AuditDoc> {
  if (conn.models.AuditEntry) return conn.models.AuditEntry as Model<AuditDoc>;
  const schema = new Schema<AuditDoc>(
    {
      at: { type: Date, required: true },
      actorId: { type: String, required: true },
      role: { type: String, required: true },
      action: { type: String, required: true },
      targetType: { type: String, required: true },
      targetId: { type: String, required: true },
      before: { type: Schema.Types.Mixed, default: null },
      after: { type: Schema.Types.Mixed, default: null },
      requestId: { type: String, default: null },
    },
    { collection: 'audit_log', minimize: false },
  );
  schema.index({ at: -1 });
  schema.index({ actorId: 1, at: -1 });
  schema.index({ targetId: 1, at: -1 });
  return conn.model<AuditDoc>('AuditEntry', schema);
}

export interface AuditCtx {
  mongo: Connection;
  now: () => Date;
}

/**
 * Writes one audit record of a staff action. `role` is the role the route needed (the
 * actor's own when they hold it, else admin, which covers every role). Personal data does
 * not belong in before/after: record states and ids, not names or numbers.
 */
export async function recordAudit(
  ctx: AuditCtx,
  actor: AuthUser,
  entry: { role: StaffRole; action: string; target: { type: string; id: string }; before?: unknown; after?: unknown; requestId?: string },
): Promise<void> {
  const role: StaffRole = actor.roles.includes(entry.role) || !hasStaffRole(actor.roles, entry.role) ? entry.role : 'admin';
  await auditModel(ctx.mongo).create({
    at: ctx.now(),
    actorId: actor.id,
    role,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId ?? null,
  });
}

/**
 * Records, once, an action a citizen took on their own account (`account.delete`): role
 * `citizen`, keyed on action and target, so a repeated request writes no second record.
 * Like staff records, it holds ids and counts, never personal data.
 */
export async function recordCitizenActionOnce(
  ctx: AuditCtx,
  actorId: string,
  entry: { action: string; target: { type: string; id: string }; after?: unknown; requestId?: string },
): Promise<void> {
  const now = ctx.now();
  await createOnce(
    auditModel(ctx.mongo),
    { action: entry.action, targetType: entry.target.type, targetId: entry.target.id },
    () => ({ at: now, actorId, role: 'citizen', before: null, after: entry.after ?? null, requestId: entry.requestId ?? null }),
    now,
  );
}

/** The audit log, newest first, filtered by action, actor or target. */
export async function listAudit(ctx: AuditCtx, q: AuditQuery): Promise<AuditPage> {
  const filter: Record<string, unknown> = {};
  if (q.action) filter.action = q.action;
  if (q.actorId) filter.actorId = q.actorId;
  if (q.targetId) filter.targetId = q.targetId;
  const Audit = auditModel(ctx.mongo);
  const [docs, total] = await Promise.all([
    Audit.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<AuditDoc[]>(),
    Audit.countDocuments(filter),
  ]);
  const items: AuditEntry[] = docs.map((d) => ({
    id: String(d._id),
    at: new Date(d.at).toISOString(),
    actorId: d.actorId,
    role: d.role,
    action: d.action,
    target: { type: d.targetType, id: d.targetId },
    before: d.before ?? null,
    after: d.after ?? null,
    requestId: d.requestId,
  }));
  return { items, page: q.page, pageSize: q.pageSize, total };
}
