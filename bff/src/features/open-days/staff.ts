import {
  OPEN_DAY_PHASE_LABELS,
  REGISTRATION_STATUS_LABELS,
  type StaffOpenDayList,
  type StaffRegistrationPage,
  type StaffRegistrationQuery,
} from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { chinaDate, toChinaIso } from '../../core/calendar';
import { decryptOrNull } from '../../core/crypto';
import { csvDocument } from '../../core/csv';
import { notFound } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { PortalOpenDay } from '../../upstream/portal/types';
import type { OpenDaysCtx } from './context';
import { regAad, sessionKey, type RegistrationDoc, type SessionStateDoc } from './model';
import { positionIn, sessionStates } from './places';
import { sessionView } from './catalog';
import { findOpenDay, loadOpenDays, openDaysByIds, phaseOf, sessionsOf } from './source';
import { shownStatus, toStaffRegistration } from './views';

type Tally = Record<string, number>;

/** Parties per status of every session of the given open days (one grouped count). */
async function talliesOf(ctx: OpenDaysCtx, openDayIds: string[]): Promise<Map<string, Tally>> {
  const rows = await ctx.models.Registration.aggregate<{ _id: { o: string; s: string; st: string }; n: number }>([
    { $match: { openDayId: { $in: openDayIds } } },
    { $group: { _id: { o: '$openDayId', s: '$sessionId', st: '$status' }, n: { $sum: 1 } } },
  ]);
  const out = new Map<string, Tally>();
  for (const r of rows) {
    const key = sessionKey(r._id.o, r._id.s);
    const t = out.get(key) ?? {};
    t[r._id.st] = (t[r._id.st] ?? 0) + r.n;
    out.set(key, t);
  }
  return out;
}

/**
 * Every open day with, per session, parties confirmed, offered, checked in, no-shows, cancelled,
 * waiting, and places held and left. `unavailable` when the portal cannot be read and nothing is cached.
 */
export async function listStaffOpenDays(ctx: OpenDaysCtx): Promise<StaffOpenDayList> {
  const src = await loadOpenDays(ctx).catch(() => null);
  if (!src) return { status: 'unavailable', items: [] };
  const now = ctx.now();
  // Open days published since the list was cached, that citizens have already signed up for, are listed too.
  const known = new Set(src.value.map((o) => o.id));
  const extra = (await ctx.models.Session.distinct('openDayId')).filter((id: string) => !known.has(id));
  const all = [...src.value, ...(await openDaysByIds(ctx, extra)).values()];
  const ids = all.map((o) => o.id);
  const [tallies, states] = await Promise.all([talliesOf(ctx, ids), sessionStates(ctx, all.flatMap((o) => o.sessions.map((s) => sessionKey(o.id, s.id))), true)]);
  const items = all
    .map((o) => {
      const phase = phaseOf(o, now);
      return {
        id: o.id,
        title: o.title,
        host: o.host,
        phase,
        phaseLabel: OPEN_DAY_PHASE_LABELS[phase],
        sessions: sessionsOf(o).map((s) => {
          const key = sessionKey(o.id, s.id);
          const t = tallies.get(key) ?? {};
          return {
            ...sessionView(s, states.get(key), now),
            confirmed: t.confirmed ?? 0,
            offered: t.offered ?? 0,
            attended: t.attended ?? 0,
            noShows: t.no_show ?? 0,
            cancelled: t.cancelled ?? 0,
            placesHeld: states.get(key)?.placesHeld ?? 0,
          };
        }),
      };
    })
    .sort((a, b) => Date.parse(b.sessions[0]?.startsAt ?? '0') - Date.parse(a.sessions[0]?.startsAt ?? '0'));
  return { status: src.status, items };
}

async function sessionRegistrations(ctx: OpenDaysCtx, openDayId: string, sessionId: string, status?: string): Promise<{ od: PortalOpenDay; regs: RegistrationDoc[]; state: SessionStateDoc | undefined }> {
  const { value: od } = await findOpenDay(ctx, openDayId);
  if (!od.sessions.some((s) => s.id === sessionId)) throw notFound('本次开放日没有这个场次');
  const filter: Record<string, unknown> = { openDayId, sessionId };
  // A sign-up being placed shows as waiting; asked for waiting ones, it is among them.
  if (status) filter.status = status === 'waitlisted' ? { $in: ['waitlisted', 'placing'] } : status;
  const [regs, states] = await Promise.all([
    ctx.models.Registration.find(filter).sort({ createdAt: 1, _id: 1 }).lean<RegistrationDoc[]>(),
    sessionStates(ctx, [sessionKey(openDayId, sessionId)]),
  ]);
  const state = states.get(sessionKey(openDayId, sessionId));
  // The waitlist in position order after everyone else (by sign-up time).
  const rank = (r: RegistrationDoc) => positionIn(state, { ...r, status: shownStatus(r) }) ?? 0;
  regs.sort((a, b) => rank(a) - rank(b));
  return { od, regs, state };
}

/** One session's registrations for staff, masked, paged. Errors: 404 unknown open day or session. */
export async function listSessionRegistrations(ctx: OpenDaysCtx, openDayId: string, sessionId: string, q: StaffRegistrationQuery): Promise<StaffRegistrationPage> {
  const { regs, state } = await sessionRegistrations(ctx, openDayId, sessionId, q.status);
  const page = regs.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { items: page.map((r) => toStaffRegistration(r, state)), page: q.page, pageSize: q.pageSize, total: regs.length };
}

const COLUMNS = ['报名编号', '状态', '候补位置', '姓名', '身份证号码', '手机号', '人数', '同行人', '报名时间', '签到时间'] as const;

/**
 * One session's list as CSV (UTF-8 with a BOM, formula-escaped): masked for `events`; full
 * names, ID numbers and phones only for `admin`. Every export is audited with its size and
 * whether it held personal data. Errors: 404 unknown open day or session.
 */
export async function exportSessionCsv(ctx: OpenDaysCtx, actor: AuthUser, openDayId: string, sessionId: string, requestId?: string): Promise<string> {
  const { regs, state } = await sessionRegistrations(ctx, openDayId, sessionId);
  const personal = actor.roles.includes('admin');
  const open = (r: RegistrationDoc, sealed: string, field: string, fallback: string) =>
    personal ? (decryptOrNull(ctx.cipher, sealed, regAad(r._id, field), (err) => ctx.logger.warn({ err, id: String(r._id) }, 'open-day field did not open')) ?? fallback) : fallback;
  await recordAudit(ctx, actor, {
    role: personal ? 'admin' : 'events',
    action: 'open_day.export_csv',
    target: { type: 'open_day_session', id: sessionKey(openDayId, sessionId) },
    after: { rows: regs.length, personalData: personal },
    requestId,
  });
  const rows = regs.map((r) => {
    const status = shownStatus(r);
    const companions = r.companions
      .map((c, i) => `${open(r, c.nameEnc, `companions.${i}.name`, c.nameMasked)}（${open(r, c.idNumberEnc, `companions.${i}.idNumber`, c.idNumberMasked)}）`)
      .join('；');
    return [
      String(r._id),
      REGISTRATION_STATUS_LABELS[status],
      positionIn(state, { ...r, status }) ?? '',
      open(r, r.nameEnc, 'name', r.nameMasked),
      open(r, r.idNumberEnc, 'idNumber', r.idNumberMasked),
      open(r, r.phoneEnc, 'phone', r.phoneMasked),
      r.partySize,
      companions,
      toChinaIso(new Date(r.createdAt)),
      r.checkedInAt ? toChinaIso(new Date(r.checkedInAt)) : '',
    ];
  });
  return csvDocument(COLUMNS, rows);
}

/** The events officer's workbench figures: sessions today, parties still to check in today, parties waiting. */
export async function openDayCounts(ctx: OpenDaysCtx): Promise<Array<{ label: string; count: number; attention: boolean }>> {
  const now = ctx.now();
  const today = chinaDate(now);
  const [src, states] = await Promise.all([
    loadOpenDays(ctx),
    ctx.models.Session.find({ startsAt: { $gt: now }, waiting: { $gt: 0 } }, { waiting: 1 }).lean<SessionStateDoc[]>(),
  ]);
  const todays = src.value.flatMap((o) => o.sessions.filter((s) => chinaDate(new Date(s.startsAt)) === today).map((s) => ({ openDayId: o.id, sessionId: s.id })));
  const toCheckIn = todays.length ? await ctx.models.Registration.countDocuments({ $or: todays.map((s) => ({ ...s, status: 'confirmed' })) }) : 0;
  const waiting = states.reduce((a, s) => a + s.waiting, 0);
  return [
    { label: '今日场次', count: todays.length, attention: todays.length > 0 },
    { label: '今日待签到', count: toCheckIn, attention: false },
    { label: '候补中', count: waiting, attention: false },
  ];
}
