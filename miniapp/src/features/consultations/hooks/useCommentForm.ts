import { useCallback } from 'react';
import { CommentCreateRequest, type CommentCreateResponse, type User } from '@zwgk/contracts';
import { issuesOf, useDraftForm, type FieldIssue, type UseDraftForm } from '@/hooks';
import { submitComment } from '../api';
import { commentDraftOwner, commentDrafts, emptyCommentDraft, type CommentDraft } from '../lib/draft';

export type CommentField = 'text' | 'realName' | 'contactConsent';
export type CommentErrors = Partial<Record<CommentField, string>>;

export interface UseCommentForm extends UseDraftForm<CommentDraft, CommentCreateResponse, CommentErrors> {
  update: (patch: Partial<CommentDraft>) => void;
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

/** The first message per form field, from the contract's issues or the server's 400 `details`. */
function errorsOf(issues: readonly FieldIssue[]): CommentErrors {
  const errors: CommentErrors = {};
  for (const { field, message } of issues) {
    const name = FIELDS.find((f) => field === f || field.startsWith(`${f}.`));
    if (name) errors[name] ??= message;
  }
  return errors;
}

function validate(draft: CommentDraft, articleNo: number): CommentErrors {
  const parsed = CommentCreateRequest.safeParse(commentRequestOf(draft, articleNo));
  return parsed.success ? {} : errorsOf(issuesOf(parsed.error.issues));
}

/**
 * The comment form of one consultation, on one article or the whole draft (`articleNo` 0): the
 * draft is kept on the device as the citizen types (per citizen, consultation and article) with
 * its idempotency key, so a retry after a lost answer is the same comment; the contract's
 * messages first, then the server's (400 per field, 409 closed, 404 unknown article).
 */
export function useCommentForm(user: User, consultationId: string, articleNo: number): UseCommentForm {
  const form = useDraftForm({
    store: commentDrafts,
    owner: commentDraftOwner(user.id, consultationId, articleNo),
    empty: emptyCommentDraft,
    validate: (value) => validate(value, articleNo),
    errorsOf,
    flow: 'consultation',
    send: (value, key) => submitComment(consultationId, CommentCreateRequest.parse(commentRequestOf(value, articleNo)), key),
    offlineMessage: '网络连接失败，意见已保存在本机，请稍后点“提交意见”重试（不会重复提交）',
  });
  const { change } = form;
  const update = useCallback((patch: Partial<CommentDraft>) => change((d) => ({ ...d, ...patch })), [change]);
  return { ...form, update };
}
