import { createDraftStore } from '@/services';

/** What the citizen has typed into the comment form of one consultation and article. */
export interface CommentDraft {
  text: string;
  /** Given: shown masked (张**) beside the comment and stored encrypted. */
  realName: string;
  /** The drafting department may call back on the phone bound to the account. */
  contactConsent: boolean;
}

export function emptyCommentDraft(): CommentDraft {
  return { text: '', realName: '', contactConsent: false };
}

export function isCommentDraftEmpty(d: CommentDraft): boolean {
  return !d.text.trim() && !d.realName.trim();
}

function readCommentDraft(data: unknown): CommentDraft | null {
  if (!data || typeof data !== 'object') return null;
  const stored = data as Record<string, unknown>;
  const empty = emptyCommentDraft();
  return {
    text: typeof stored.text === 'string' ? stored.text : empty.text,
    realName: typeof stored.realName === 'string' ? stored.realName : empty.realName,
    contactConsent: typeof stored.contactConsent === 'boolean' ? stored.contactConsent : empty.contactConsent,
  };
}

/**
 * Who owns a draft: the signed-in citizen and what they comment on, so each article keeps its
 * own words and a shared device never shows one citizen's draft to another.
 */
export function commentDraftOwner(userId: string, consultationId: string, articleNo: number): string {
  return `${userId}.${consultationId}.${articleNo}`;
}

/** Comment drafts of this device, with the idempotency key that makes a retry the same comment. */
export const commentDrafts = createDraftStore<CommentDraft>({
  name: 'consultation-comment',
  version: 1,
  read: readCommentDraft,
  isEmpty: isCommentDraftEmpty,
});
