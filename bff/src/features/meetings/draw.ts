import { computeDraw, rosterHash, sortRoster, type DrawCategory, type MeetingDrawResponse, type ObserverCategory, type RunDrawRequest } from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { toChinaIso } from '../../core/calendar';
import { conflict, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { PortalMeeting } from '../../upstream/portal/types';
import { cnMinute } from '../consultations/format';
import type { MeetingsCtx } from './context';
import { drawKey, type MeetingApplicationDoc, type MeetingDrawDoc } from './model';
import { categoriesWithSeats, findMeeting, isClosed } from './source';
import { readState } from './state';

/** The published method, named in every draw answer (README: 列席会议 › 抽签复核). */
export const DRAW_ALGORITHM =
  'zwgk-draw-v1（参照 RFC 3797）：rosterHash = SHA-256(按号码升序每行一个号码并以换行结尾的名单)；seed = SHA-256(rosterHash + "|" + publicValue)；' +
  '自 i = n−1 至 1 做 Fisher–Yates 洗牌，r 取 SHA-256(seed + ":" + k) 前 8 字节（大端），k 从 0 逐次递增，r ≥ ⌊2^64/(i+1)⌋·(i+1) 时跳过，交换 i 与 r mod (i+1)；前 seats 个选定，其余依次候补';

/**
 * Freezes a lottery category's roster at the close, once: the draw numbers of the applications
 * not withdrawn (after the close none can be withdrawn or added, so any later freeze sees the
 * same set), sorted, with their masked names and the roster hash. An upsert on the key with
 * $setOnInsert: concurrent freezes keep the first. Call only after the close.
 */
export async function freezeRoster(ctx: MeetingsCtx, m: PortalMeeting, category: ObserverCategory): Promise<MeetingDrawDoc> {
  const key = drawKey(m.id, category);
  const known = await ctx.models.Draw.findOne({ key }).lean<MeetingDrawDoc>();
  if (known) return known;
  const apps = await ctx.models.Application.find({ meetingId: m.id, category, status: { $ne: 'withdrawn' } }, { drawNumber: 1, nameMasked: 1 }).lean<MeetingApplicationDoc[]>();
  const names = new Map(apps.map((a) => [a.drawNumber, a.nameMasked]));
  const roster = sortRoster(apps.map((a) => a.drawNumber));
  const now = ctx.now();
  const doc = await ctx.models.Draw.collection.findOneAndUpdate(
    { key },
    {
      $setOnInsert: {
        key,
        meetingId: m.id,
        category,
        seats: m.seats[category],
        roster,
        rosterNames: roster.map((n) => names.get(n) ?? ''),
        rosterHash: rosterHash(roster),
        frozenAt: now,
        publicValueSource: null,
        publicValue: null,
        seed: null,
        order: [],
        chosen: [],
        drawnAt: null,
        drawnBy: null,
        appliedAt: null,
        replacements: [],
        createdAt: now,
        updatedAt: now,
      },
    },
    { upsert: true, returnDocument: 'after' },
  );
  return doc as unknown as MeetingDrawDoc;
}

/** Every category's frozen roster of a lottery meeting past its close (frozen now if not yet). */
export async function freezeRosters(ctx: MeetingsCtx, m: PortalMeeting): Promise<MeetingDrawDoc[]> {
  if (m.selection !== 'lottery' || !isClosed(m, ctx.now())) return [];
  return Promise.all(categoriesWithSeats(m).map((c) => freezeRoster(ctx, m, c)));
}

const APPLY_CHUNK = 50;

/**
 * Applies a stored draw to the applications, idempotently (each update expects `submitted`):
 * the chosen become `selected`, the rest `reserve` with their rank, each with a notice due;
 * then `appliedAt`. Run right after the draw and by the task for a draw stored before a crash.
 */
export async function applyDraw(ctx: MeetingsCtx, d: MeetingDrawDoc): Promise<void> {
  if (!d.drawnAt || d.appliedAt) return;
  const now = ctx.now();
  if (d.chosen.length) {
    await ctx.models.Application.updateMany(
      { meetingId: d.meetingId, category: d.category, drawNumber: { $in: d.chosen }, status: 'submitted' },
      { $set: { status: 'selected', selectedAt: now, noticeDue: 'drawn_selected', updatedAt: now } },
    );
  }
  const reserves = d.order.slice(d.chosen.length);
  // One update command per chunk (each statement still expects `submitted`).
  for (let i = 0; i < reserves.length; i += APPLY_CHUNK) {
    await ctx.models.Application.bulkWrite(
      reserves.slice(i, i + APPLY_CHUNK).map((n, j) => ({
        updateOne: {
          filter: { meetingId: d.meetingId, drawNumber: n, status: 'submitted' },
          update: { $set: { status: 'reserve', reserveRank: i + j + 1, noticeDue: 'drawn_reserve', updatedAt: now } },
        },
      })),
      { ordered: false },
    );
  }
  await ctx.models.Draw.updateOne({ _id: d._id, appliedAt: null }, { $set: { appliedAt: now, updatedAt: now } });
  ctx.kick();
}

function categoryView(m: PortalMeeting, c: ObserverCategory, d: MeetingDrawDoc | undefined, source: string | null): DrawCategory {
  return {
    category: c,
    seats: d?.seats ?? m.seats[c],
    publicValueSource: d?.publicValueSource ?? source,
    publicValue: d?.publicValue ?? null,
    roster: d?.roster ?? [],
    rosterNames: d?.rosterNames ?? [],
    rosterHash: d?.rosterHash ?? null,
    frozenAt: d ? toChinaIso(new Date(d.frozenAt)) : null,
    seed: d?.seed ?? null,
    order: d?.order ?? [],
    chosen: d?.chosen ?? [],
    replacements: (d?.replacements ?? []).map((r) => ({ withdrawn: r.withdrawn, replacedBy: r.replacedBy, at: toChinaIso(new Date(r.at)) })),
    drawnAt: d?.drawnAt ? toChinaIso(new Date(d.drawnAt)) : null,
  };
}

/** The public draw of a meeting, per category with seats (frozen lazily after the close). Review meetings have none. */
export async function drawOf(ctx: MeetingsCtx, m: PortalMeeting): Promise<MeetingDrawResponse> {
  if (m.selection !== 'lottery') return { meetingId: m.id, selection: m.selection, algorithm: DRAW_ALGORITHM, categories: [] };
  const [docs, state] = await Promise.all([freezeRosters(ctx, m), readState(ctx, m.id)]);
  const byCat = new Map(docs.map((d) => [d.category, d]));
  return {
    meetingId: m.id,
    selection: m.selection,
    algorithm: DRAW_ALGORITHM,
    categories: categoriesWithSeats(m).map((c) => categoryView(m, c, byCat.get(c), state?.drawSource ?? null)),
  };
}

/** `GET /meetings/:id/draw`. Errors: 404 unknown meeting. */
export async function getDraw(ctx: MeetingsCtx, meetingId: string): Promise<MeetingDrawResponse> {
  return drawOf(ctx, (await findMeeting(ctx, meetingId)).value);
}

/** Preconditions of a draw that do not depend on the category's record. */
export function lotteryOnly(m: PortalMeeting) {
  if (m.selection !== 'lottery') throw conflict('本次会议采用审核方式选定列席人员，不进行抽签');
}

/**
 * Staff run one category's draw with the public value as published: the roster is frozen (if
 * not yet), the computation (draw.ts) stored first, in one conditional update on `drawnAt:
 * null` (a second run, also a concurrent one, is 409), then applied to the applications and
 * everyone told (the task finishes both after a crash). Audited.
 * Errors: 404 unknown meeting; 400 a category without seats; 409 review meeting, before the
 * close, no source stated, or already drawn.
 */
export async function runDraw(ctx: MeetingsCtx, actor: AuthUser, meetingId: string, body: RunDrawRequest, requestId?: string): Promise<MeetingDrawResponse> {
  const { value: m } = await findMeeting(ctx, meetingId);
  lotteryOnly(m);
  if (!isClosed(m, ctx.now())) throw conflict(`申请尚未截止（${cnMinute(m.applicationClosesAt)} 截止），截止后才能抽签`);
  if (m.seats[body.category] <= 0) throw validationError([{ field: 'category', message: '本次会议该类别不设列席名额，无需抽签' }]);
  const state = await readState(ctx, meetingId);
  if (!state?.drawSource) throw conflict('尚未公布公开随机数来源，不能抽签');
  const frozen = await freezeRoster(ctx, m, body.category);
  if (frozen.drawnAt) throw conflict('该类别已经抽签，不能重复抽签');
  const c = computeDraw(frozen.roster, body.publicValue, frozen.seats);
  const now = ctx.now();
  const stored = await ctx.models.Draw.findOneAndUpdate(
    { _id: frozen._id, drawnAt: null },
    {
      $set: {
        publicValueSource: state.drawSource,
        publicValue: body.publicValue,
        seed: c.seed,
        order: c.order,
        chosen: c.chosen,
        drawnAt: now,
        drawnBy: actor.id,
        updatedAt: now,
      },
    },
    { new: true },
  ).lean<MeetingDrawDoc>();
  if (!stored) throw conflict('该类别已经抽签，不能重复抽签');
  await recordAudit(ctx, actor, {
    role: 'events',
    action: 'meeting.draw',
    target: { type: 'meeting', id: `${meetingId}:${body.category}` },
    before: { drawnAt: null },
    after: { publicValue: body.publicValue, rosterHash: stored.rosterHash, seed: stored.seed, roster: stored.roster.length, chosen: stored.chosen },
    requestId,
  });
  await applyDraw(ctx, stored);
  return drawOf(ctx, m);
}

