import { REGISTRATION_STATUS_LABELS, type MyOpenDayRegistration, type RegistrationStatus, type StaffRegistration } from '@zwgk/contracts';
import { toChinaIso } from '../../core/calendar';
import type { PortalOpenDay } from '../../upstream/portal/types';
import type { OpenDaysCtx } from './context';
import type { RegistrationDoc, SessionStateDoc } from './model';
import { positionIn } from './places';

const iso = (d: Date | string | null | undefined) => (d ? toChinaIso(new Date(d)) : null);

/** Until when a registration can be cancelled or moved: its session's start − the cutoff. */
export function changeDeadlineOf(ctx: OpenDaysCtx, startsAt: Date | string): Date {
  return new Date(new Date(startsAt).getTime() - ctx.config.OPEN_DAY_CANCEL_CUTOFF_HOURS * 3_600_000);
}

/** The status a stored registration shows: `placing` (a sign-up still being placed) reads as waiting. */
export function shownStatus(reg: Pick<RegistrationDoc, 'status'>): RegistrationStatus {
  return reg.status === 'placing' ? 'waitlisted' : reg.status;
}

const masked = (reg: RegistrationDoc) => ({
  name: reg.nameMasked,
  idNumber: reg.idNumberMasked,
  phone: reg.phoneMasked,
  companions: reg.companions.map((c) => ({ name: c.nameMasked, idNumber: c.idNumberMasked })),
});

/**
 * A citizen's own registration (masked). The open day's title and place come from the portal
 * copy; without one (portal down, never cached) the session times come from our counters.
 */
export function toMyRegistration(ctx: OpenDaysCtx, reg: RegistrationDoc, od: PortalOpenDay | undefined, state: SessionStateDoc | undefined, position?: number): MyOpenDayRegistration {
  const session = od?.sessions.find((s) => s.id === reg.sessionId);
  const startsAt = session?.startsAt ?? state?.startsAt ?? reg.createdAt;
  const endsAt = session?.endsAt ?? state?.endsAt ?? reg.createdAt;
  const status = shownStatus(reg);
  const now = ctx.now().getTime();
  const deadline = changeDeadlineOf(ctx, startsAt);
  const open = now < deadline.getTime();
  const cancellable = status === 'confirmed' || status === 'waitlisted' || status === 'offered';
  const otherSession = !!od?.sessions.some((s) => s.id !== reg.sessionId && Date.parse(s.startsAt) > now);
  return {
    id: String(reg._id),
    openDayId: reg.openDayId,
    openDayTitle: od?.title ?? '政府开放日',
    sessionId: reg.sessionId,
    sessionStartsAt: iso(startsAt)!,
    sessionEndsAt: iso(endsAt)!,
    location: od?.location ?? '',
    status,
    statusLabel: REGISTRATION_STATUS_LABELS[status],
    position: status === 'waitlisted' ? (position ?? positionIn(state, reg)) : null,
    partySize: reg.partySize,
    ...masked(reg),
    offerExpiresAt: status === 'offered' ? iso(reg.offerExpiresAt) : null,
    changeDeadline: cancellable ? iso(deadline) : null,
    canCancel: cancellable && open,
    canChangeSession: (status === 'confirmed' || status === 'waitlisted') && open && otherSession,
    checkedInAt: iso(reg.checkedInAt),
    createdAt: iso(reg.createdAt)!,
  };
}

/** A registration as staff see it (masked; positions from the session's queue). */
export function toStaffRegistration(reg: RegistrationDoc, state: SessionStateDoc | undefined): StaffRegistration {
  const status = shownStatus(reg);
  return {
    id: String(reg._id),
    status,
    statusLabel: REGISTRATION_STATUS_LABELS[status],
    position: positionIn(state, { ...reg, status }),
    ...masked(reg),
    partySize: reg.partySize,
    createdAt: iso(reg.createdAt)!,
    offerExpiresAt: status === 'offered' ? iso(reg.offerExpiresAt) : null,
    checkedInAt: iso(reg.checkedInAt),
  };
}
