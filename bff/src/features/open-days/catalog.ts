import { Types } from 'mongoose';
import {
  ACTIVE_REGISTRATION_STATUSES,
  OPEN_DAY_MAX_COMPANIONS,
  OPEN_DAY_PHASE_LABELS,
  type OpenDayDetailResponse,
  type OpenDayListItem,
  type OpenDayListResponse,
  type OpenDayPhase,
  type OpenDaySession,
} from '@zwgk/contracts';
import { maskPhone } from '../../core/crypto';
import type { AuthUser } from '../../core/http';
import type { PortalOpenDay } from '../../upstream/portal/types';
import type { OpenDaysCtx } from './context';
import { sessionKey, type RegistrationDoc, type SessionStateDoc } from './model';
import { restrictionOf } from './noshows';
import { sessionStates } from './places';
import { boundPhoneOf } from './registrations';
import { findOpenDay, loadOpenDays, phaseOf, sessionsOf } from './source';
import { shownStatus, toMyRegistration } from './views';

const PHASE_ORDER: Record<OpenDayPhase, number> = { open: 0, upcoming: 1, closed: 2, ended: 3 };

/** A session with its live places: capacity − held (never below 0), and how many parties wait. */
export function sessionView(s: PortalOpenDay['sessions'][number], state: SessionStateDoc | undefined, now: Date): OpenDaySession {
  return {
    id: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity,
    placesLeft: Math.max(0, state ? Math.min(state.placesFree, s.capacity - state.placesHeld) : s.capacity),
    waitlistLength: state?.waiting ?? 0,
    ended: now.getTime() >= Date.parse(s.endsAt),
  };
}

function listItem(o: PortalOpenDay, states: Map<string, SessionStateDoc>, now: Date, myStatus: OpenDayListItem['myStatus']): OpenDayListItem {
  const phase = phaseOf(o, now);
  const sessions = sessionsOf(o).map((s) => sessionView(s, states.get(sessionKey(o.id, s.id)), now));
  return {
    id: o.id,
    title: o.title,
    host: o.host,
    location: o.location,
    registrationOpensAt: o.registrationOpensAt,
    registrationClosesAt: o.registrationClosesAt,
    phase,
    phaseLabel: OPEN_DAY_PHASE_LABELS[phase],
    firstSessionAt: sessionsOf(o)[0]?.startsAt ?? null,
    sessionCount: o.sessions.length,
    capacity: sessions.reduce((a, s) => a + s.capacity, 0),
    placesLeft: sessions.reduce((a, s) => a + (s.ended ? 0 : s.placesLeft), 0),
    myStatus,
  };
}

async function myActive(ctx: OpenDaysCtx, user: AuthUser | undefined, openDayId?: string): Promise<RegistrationDoc[]> {
  if (!user) return [];
  return ctx.models.Registration.find({
    userId: new Types.ObjectId(user.id),
    status: { $in: [...ACTIVE_REGISTRATION_STATUSES, 'placing'] },
    ...(openDayId ? { openDayId } : {}),
  })
    .sort({ createdAt: -1 })
    .lean<RegistrationDoc[]>();
}

/**
 * 政府开放日 list: 报名中 (closing soonest first), 报名未开始 (opening soonest first), 报名已截止,
 * 已结束 (latest first), each with its places left over all sessions and the caller's own status.
 * Errors: UpstreamError when the portal fails and nothing is cached.
 */
export async function listOpenDays(ctx: OpenDaysCtx, user?: AuthUser): Promise<OpenDayListResponse> {
  const [src, mine] = await Promise.all([loadOpenDays(ctx), myActive(ctx, user)]);
  const now = ctx.now();
  const states = await sessionStates(ctx, src.value.flatMap((o) => o.sessions.map((s) => sessionKey(o.id, s.id))), true);
  const items = src.value
    .map((o) => {
      const m = mine.find((r) => r.openDayId === o.id);
      return listItem(o, states, now, m ? shownStatus(m) : null);
    })
    .sort((a, b) => {
      if (a.phase !== b.phase) return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
      if (a.phase === 'open') return Date.parse(a.registrationClosesAt) - Date.parse(b.registrationClosesAt);
      if (a.phase === 'upcoming') return Date.parse(a.registrationOpensAt) - Date.parse(b.registrationOpensAt);
      return Date.parse(b.firstSessionAt ?? b.registrationClosesAt) - Date.parse(a.firstSessionAt ?? a.registrationClosesAt);
    });
  return { status: src.status, updatedAt: new Date(src.storedAt).toISOString(), items };
}

/**
 * One open day: host, description, location, window, each session with its live places and
 * waitlist, and for a signed-in citizen their registration, any no-show restriction (told before
 * signing up) and their bound phone, masked.
 * Errors: 404 unknown; UpstreamError when the portal fails and nothing is cached.
 */
export async function getOpenDay(ctx: OpenDaysCtx, id: string, user?: AuthUser): Promise<OpenDayDetailResponse> {
  const src = await findOpenDay(ctx, id);
  const o = src.value;
  const now = ctx.now();
  const keys = o.sessions.map((s) => sessionKey(o.id, s.id));
  const [states, mine, restriction, phone] = await Promise.all([
    sessionStates(ctx, keys, true),
    myActive(ctx, user, id),
    user ? restrictionOf(ctx, new Types.ObjectId(user.id), now) : Promise.resolve(null),
    user ? boundPhoneOf(ctx, new Types.ObjectId(user.id)) : Promise.resolve(null),
  ]);
  const reg = mine[0];
  // The queue (for the citizen's position) only when they wait.
  const myQueue = reg?.status === 'waitlisted' ? (await sessionStates(ctx, [sessionKey(reg.openDayId, reg.sessionId)])).get(sessionKey(reg.openDayId, reg.sessionId)) : undefined;
  const item = listItem(o, states, now, reg ? shownStatus(reg) : null);
  return {
    status: src.status,
    updatedAt: new Date(src.storedAt).toISOString(),
    item: {
      ...item,
      description: o.description,
      sessions: sessionsOf(o).map((s) => sessionView(s, states.get(sessionKey(o.id, s.id)), now)),
      canRegister: item.phase === 'open',
      cancelCutoffHours: ctx.config.OPEN_DAY_CANCEL_CUTOFF_HOURS,
      maxCompanions: OPEN_DAY_MAX_COMPANIONS,
      me: user
        ? {
            registration: reg ? toMyRegistration(ctx, reg, o, myQueue) : null,
            restriction,
            boundPhone: phone ? maskPhone(phone) : null,
          }
        : null,
    },
  };
}
