import type { ObserverCategory } from '@zwgk/contracts';
import { ObserverCategory as Category } from '@zwgk/contracts';
import { createDraftStore } from '@/services';

/** What the citizen has typed into the application form of one meeting. */
export interface ApplyDraft {
  category: ObserverCategory | null;
  /** Optional; published masked (张**) with the roster and the observers. */
  name: string;
  reason: string;
  organisation: string;
  qualification: string;
}

export function emptyApplyDraft(): ApplyDraft {
  return { category: null, name: '', reason: '', organisation: '', qualification: '' };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function readApplyDraft(data: unknown): ApplyDraft | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const category = Category.safeParse(d.category);
  return {
    category: category.success ? category.data : null,
    name: text(d.name),
    reason: text(d.reason),
    organisation: text(d.organisation),
    qualification: text(d.qualification),
  };
}

/** The request a draft stands for: blanks are left out, so the contract names what is missing. */
export function applyRequestOf(d: ApplyDraft): Record<string, unknown> {
  const opt = (v: string) => (v.trim() ? v : undefined);
  return {
    category: d.category ?? undefined,
    name: opt(d.name),
    reason: d.reason,
    organisation: opt(d.organisation),
    qualification: opt(d.qualification),
  };
}

/** Application drafts per citizen and meeting, with the key that makes a retry the same application. */
export const applyDrafts = createDraftStore<ApplyDraft>({
  name: 'meeting-apply',
  version: 1,
  read: readApplyDraft,
  isEmpty: (d) => !d.reason.trim() && !d.name.trim() && !d.organisation.trim() && !d.qualification.trim(),
});

/** An observer's 列席意见 being written. */
export interface OpinionDraft {
  text: string;
}

export const opinionDrafts = createDraftStore<OpinionDraft>({
  name: 'meeting-opinion',
  version: 1,
  read: (data) => (data && typeof data === 'object' ? { text: text((data as Record<string, unknown>).text) } : null),
  isEmpty: (d) => !d.text.trim(),
});

/** Who owns a draft: the signed-in citizen and the meeting. */
export const draftOwner = (userId: string, meetingId: string) => `${userId}.${meetingId}`;
