import { createDraftStore } from '@/services';

export interface CompanionDraft {
  name: string;
  idNumber: string;
}

/** What the citizen has typed into the sign-up form of one open day. */
export interface RegistrationDraft {
  sessionId: string;
  name: string;
  idNumber: string;
  /** Empty: the phone bound to the account. */
  phone: string;
  companions: CompanionDraft[];
}

export function emptyRegistrationDraft(sessionId = ''): RegistrationDraft {
  return { sessionId, name: '', idNumber: '', phone: '', companions: [] };
}

export function isRegistrationDraftEmpty(d: RegistrationDraft): boolean {
  return !d.name.trim() && !d.idNumber.trim() && !d.phone.trim() && d.companions.every((c) => !c.name.trim() && !c.idNumber.trim());
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function readRegistrationDraft(data: unknown): RegistrationDraft | null {
  if (!data || typeof data !== 'object') return null;
  const stored = data as Record<string, unknown>;
  const companions = Array.isArray(stored.companions) ? stored.companions : [];
  return {
    sessionId: text(stored.sessionId),
    name: text(stored.name),
    idNumber: text(stored.idNumber),
    phone: text(stored.phone),
    companions: companions.slice(0, 2).map((c) => ({ name: text((c as Record<string, unknown>)?.name), idNumber: text((c as Record<string, unknown>)?.idNumber) })),
  };
}

/** Who owns a draft: the signed-in citizen and the open day, so a shared device never shows one citizen's ID number to another. */
export function registrationDraftOwner(userId: string, openDayId: string): string {
  return `${userId}.${openDayId}`;
}

/**
 * Sign-up drafts of this device, with the idempotency key that makes a retry the same sign-up.
 * The draft holds ID numbers only until the sign-up is accepted (submit forgets it then).
 */
export const registrationDrafts = createDraftStore<RegistrationDraft>({
  name: 'open-day-registration',
  version: 1,
  read: readRegistrationDraft,
  isEmpty: isRegistrationDraftEmpty,
});
