import { useEffect } from 'react';
import { CommentCreateRequest, type CommentCreateResponse, type User } from '@zwgk/contracts';
import { useDraftForm, type FormErrors, type FormPhase, type UseDraftForm } from '@/hooks';
import { askSubscribe, preloadSubscriptions } from '@/services';
import { submitComment } from '../api';
import { commentDraftOwner, commentDrafts, emptyCommentDraft, type CommentDraft } from '../lib/draft';

export type CommentField = 'text' | 'realName' | 'contactConsent';
export type CommentErrors = FormErrors<CommentField>;
export type CommentFormPhase = FormPhase;

export interface UseCommentForm extends UseDraftForm<CommentDraft, CommentField, CommentCreateResponse> {
  /** What the citizen has typed (the same as `value`). */
  draft: CommentDraft;
}

const FIELDS: readonly CommentField[] = ['text', 'realName', 'contactConsent'];

/** The request the draft stands for; `articleNo` 0 is the draft as a whole (left out). */
export function commentRequestOf(draft: CommentDraft, articleNo: number): Record<string, unknown> {
  return {
    text: draft.text,
    ...(articleNo > 0 ? { articleNo } : {}),
    ...(draft.realName.trim() ? { realName: draft.realName } : {}),
    contactConsent: draft.contactConsent,
  };
}

/**
 * The comment form of one consultation, on one article or the whole draft (`articleNo` 0): the
 * draft is kept on the device as the citizen types (per citizen, consultation and article) with
 * its idempotency key, so a retry after a lost answer is the same comment; the contract's
 * messages first, then the server's (400 per field, 409 closed, 404 unknown article).
 */
export function useCommentForm(user: User, consultationId: string, articleNo: number): UseCommentForm {
  // The outcome message's template must be at hand when 提交意见 is tapped (see onTap).
  useEffect(() => {
    void preloadSubscriptions();
  }, [user.id]);
  const form = useDraftForm({
    store: commentDrafts,
    owner: commentDraftOwner(user.id, consultationId, articleNo),
    empty: emptyCommentDraft,
    fields: FIELDS,
    schema: CommentCreateRequest,
    requestOf: (draft: CommentDraft) => commentRequestOf(draft, articleNo),
    send: (body, key) => submitComment(consultationId, body, key),
    // Inside the tap, before anything is awaited: WeChat shows its consent dialog only from a
    // tap. The answer goes to the BFF in the background and never holds up the comment.
    onTap: () => void askSubscribe('consultation'),
    offlineMessage: '网络连接失败，意见已保存在本机，请稍后点“提交意见”重试（不会重复提交）',
  });
  return { ...form, draft: form.value };
}
