import { useCallback, useEffect, useRef, useState } from 'react';
import { CommentCreateRequest, ErrorCode, type CommentCreateResponse, type User } from '@zwgk/contracts';
import { ApiError, askSubscribe, messageOf, preloadSubscriptions, type Draft } from '@/services';
import { submitComment } from '../api';
import { commentDraftOwner, commentDrafts, emptyCommentDraft, type CommentDraft } from '../lib/draft';

export type CommentField = 'text' | 'realName' | 'contactConsent';
export type CommentErrors = Partial<Record<CommentField, string>>;
export type CommentFormPhase = 'editing' | 'submitting' | 'submitted';

export interface UseCommentForm {
  draft: CommentDraft;
  /** A draft from an earlier visit was put back. */
  restored: boolean;
  errors: CommentErrors;
  phase: CommentFormPhase;
  /** Why the last submission failed when it is not about one field (409 closed: the server's words). */
  submitError: string | null;
  /** Counts refused submissions (the view brings the first error into sight on each). */
  refusals: number;
  result: CommentCreateResponse | null;
  update: (patch: Partial<CommentDraft>) => void;
  clearDraft: () => void;
  dismissRestored: () => void;
  submit: () => Promise<void>;
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
function errorsOf(issues: ReadonlyArray<{ field: string; message: string }>): CommentErrors {
  const errors: CommentErrors = {};
  for (const { field, message } of issues) {
    const name = FIELDS.find((f) => field === f || field.startsWith(`${f}.`));
    if (name) errors[name] ??= message;
  }
  return errors;
}

function validate(draft: CommentDraft, articleNo: number): CommentErrors {
  const parsed = CommentCreateRequest.safeParse(commentRequestOf(draft, articleNo));
  return parsed.success ? {} : errorsOf(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
}

function serverIssues(error: unknown): Array<{ field: string; message: string }> {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.validation || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is { field: string; message: string } => typeof d?.field === 'string' && typeof d?.message === 'string');
}

/**
 * The comment form of one consultation, on one article or the whole draft (`articleNo` 0): the
 * draft is kept on the device as the citizen types (per citizen, consultation and article) with
 * its idempotency key, so a retry after a lost answer is the same comment; the contract's
 * messages first, then the server's (400 per field, 409 closed, 404 unknown article).
 */
export function useCommentForm(user: User, consultationId: string, articleNo: number): UseCommentForm {
  const owner = commentDraftOwner(user.id, consultationId, articleNo);
  const [entry, setEntry] = useState<Draft<CommentDraft>>(() => commentDrafts.load(owner) ?? commentDrafts.create(emptyCommentDraft()));
  const [restored, setRestored] = useState(() => commentDrafts.load(owner) !== null);
  const [errors, setErrors] = useState<CommentErrors>({});
  const [phase, setPhase] = useState<CommentFormPhase>('editing');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [result, setResult] = useState<CommentCreateResponse | null>(null);
  const attempted = useRef(false);
  const dirty = useRef(false);
  const mounted = useRef(true);
  const entryRef = useRef(entry);
  entryRef.current = entry;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The outcome message's template must be at hand when 提交意见 is tapped (see submit).
  useEffect(() => {
    void preloadSubscriptions();
  }, [user.id]);

  useEffect(() => {
    if (dirty.current) commentDrafts.save(owner, entry);
  }, [entry, owner]);

  const update = useCallback(
    (patch: Partial<CommentDraft>) => {
      dirty.current = true;
      setEntry((prev) => {
        const next = { ...prev.value, ...patch };
        if (attempted.current) setErrors(validate(next, articleNo));
        return { ...prev, value: next };
      });
    },
    [articleNo],
  );

  const clearDraft = useCallback(() => {
    commentDrafts.remove(owner);
    dirty.current = false;
    attempted.current = false;
    setEntry(commentDrafts.create(emptyCommentDraft()));
    setErrors({});
    setSubmitError(null);
    setRestored(false);
  }, [owner]);

  const submit = useCallback(async () => {
    const current = entryRef.current;
    attempted.current = true;
    setSubmitError(null);
    const found = validate(current.value, articleNo);
    if (Object.keys(found).length) {
      setErrors(found);
      setSubmitError('请按提示修改后再提交');
      setRefusals((n) => n + 1);
      return;
    }
    setErrors({});
    // Inside the tap, before anything is awaited: WeChat shows its consent dialog only from a
    // tap. The answer goes to the BFF in the background and never holds up the comment.
    void askSubscribe('consultation');
    setPhase('submitting');
    try {
      const body = CommentCreateRequest.parse(commentRequestOf(current.value, articleNo));
      const answer = await commentDrafts.submit(owner, current, (key) => submitComment(consultationId, body, key));
      dirty.current = false;
      if (!mounted.current) return;
      setResult(answer);
      setPhase('submitted');
      setRestored(false);
    } catch (error) {
      if (!mounted.current) return;
      setPhase('editing');
      const issues = serverIssues(error);
      if (issues.length) {
        setErrors(errorsOf(issues));
        setRefusals((n) => n + 1);
      }
      if (error instanceof ApiError && error.status === 0) {
        setSubmitError('网络连接失败，意见已保存在本机，请稍后点“提交意见”重试（不会重复提交）');
      } else {
        setSubmitError(messageOf(error));
      }
    }
  }, [articleNo, consultationId, owner]);

  return {
    draft: entry.value,
    restored,
    errors,
    phase,
    submitError,
    refusals,
    result,
    update,
    clearDraft,
    dismissRestored: () => setRestored(false),
    submit,
  };
}
