import type { OpenDayPhase, OpenDaySession, RegistrationStatus } from '@zwgk/contracts';
import { formatTimeRange } from '@/utils/format';

type Tone = 'plain' | 'accent' | 'info';

/** 报名中 stands out; the rest are quiet. */
export function phaseTone(phase: OpenDayPhase): Tone {
  return phase === 'open' ? 'accent' : phase === 'upcoming' ? 'info' : 'plain';
}

/** What needs the citizen (an offer to confirm) stands out; a place held is information. */
export function statusTone(status: RegistrationStatus): Tone {
  if (status === 'offered') return 'accent';
  if (status === 'confirmed' || status === 'attended' || status === 'waitlisted') return 'info';
  return 'plain';
}

/** A session's time, e.g. "12月8日 09:30–11:30" (Beijing time). */
export const sessionTimeText = formatTimeRange;

/** "余位 12/30", "已满·可候补", "已结束". */
export function placesText(s: Pick<OpenDaySession, 'placesLeft' | 'capacity' | 'ended'>): string {
  if (s.ended) return '已结束';
  return s.placesLeft > 0 ? `余位 ${s.placesLeft}/${s.capacity}` : '已满·可候补';
}

/** A session can be chosen while it has not ended; a full one takes the party onto its waitlist. */
export function isSessionOpen(s: Pick<OpenDaySession, 'ended'>): boolean {
  return !s.ended;
}
