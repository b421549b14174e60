import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorCode } from '@zwgk/contracts';
import type { z } from 'zod';
import { ApiError, messageOf, type DraftStore } from '@/services';

export type FormErrors<F extends string> = Partial<Record<F, string>>;
export type FormPhase = 'editing' | 'submitting' | 'submitted';

export interface UseDraftForm<T, F extends string, R> {
  value: T;
  /** A draft from an earlier visit was put back. */
  restored: boolean;
  errors: FormErrors<F>;
  phase: FormPhase;
  /** Why the last submission failed when it is not about one field (the server's words for 409). */
  submitError: string | null;
  /** Counts refused submissions (the view brings the first error into sight on each). */
  refusals: number;
  result: R | null;
  update: (patch: Partial<T>) => void;
  clearDraft: () => void;
  dismissRestored: () => void;
  submit: () => Promise<void>;
}

interface DraftFormOptions<T extends object, F extends string, B, R> {
  store: DraftStore<T>;
  owner: string;
  empty: () => T;
  fields: readonly F[];
  /** The contract's request schema: its messages are the form's, before anything is sent. */
  schema: z.ZodType<B>;
  requestOf: (value: T) => unknown;
  send: (body: B, idempotencyKey: string) => Promise<R>;
  /** Called synchronously in the tap, before anything is awaited (subscribe-message consent). */
  onTap?: () => void;
  /** What to say when there was no answer (the draft is kept and the retry is the same submission). */
  offlineMessage: string;
}

/** The first message per form field, from the contract's issues or the server's 400 `details`. */
function errorsOf<F extends string>(fields: readonly F[], issues: ReadonlyArray<{ field: string; message: string }>): FormErrors<F> {
  const errors: FormErrors<F> = {};
  for (const { field, message } of issues) {
    const name = fields.find((f) => field === f || field.startsWith(`${f}.`));
    if (name) errors[name] ??= message;
  }
  return errors;
}

function serverIssues(error: unknown): Array<{ field: string; message: string }> {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.validation || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is { field: string; message: string } => typeof d?.field === 'string' && typeof d?.message === 'string');
}

/**
 * A form kept as a device draft while the citizen types, checked by the contract's schema,
 * sent with the draft's idempotency key (a retry after a lost answer is the same submission)
 * and forgotten only once the server answered. Errors per field: the contract's first, then the
 * server's 400 details; anything else (409, 403) as one message.
 */
export function useDraftForm<T extends object, F extends string, B, R>(o: DraftFormOptions<T, F, B, R>): UseDraftForm<T, F, R> {
  const { store, owner } = o;
  const [entry, setEntry] = useState(() => store.load(owner) ?? store.create(o.empty()));
  const [restored, setRestored] = useState(() => store.load(owner) !== null);
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [phase, setPhase] = useState<FormPhase>('editing');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [result, setResult] = useState<R | null>(null);
  const attempted = useRef(false);
  const dirty = useRef(false);
  const mounted = useRef(true);
  const latest = useRef({ entry, o });
  latest.current = { entry, o };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (dirty.current) store.save(owner, entry);
  }, [entry, owner, store]);

  const validate = (value: T): FormErrors<F> => {
    const { schema, requestOf, fields } = latest.current.o;
    const parsed = schema.safeParse(requestOf(value));
    return parsed.success ? {} : errorsOf(fields, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  };

  const update = useCallback((patch: Partial<T>) => {
    dirty.current = true;
    setEntry((prev) => {
      const next = { ...prev.value, ...patch };
      if (attempted.current) setErrors(validate(next));
      return { ...prev, value: next };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const clearDraft = useCallback(() => {
    store.remove(owner);
    dirty.current = false;
    attempted.current = false;
    setEntry(store.create(latest.current.o.empty()));
    setErrors({});
    setSubmitError(null);
    setRestored(false);
  }, [owner, store]);

  const submit = useCallback(async () => {
    const { entry: current, o: opts } = latest.current;
    attempted.current = true;
    setSubmitError(null);
    const found = validate(current.value);
    if (Object.keys(found).length) {
      setErrors(found);
      setSubmitError('请按提示修改后再提交');
      setRefusals((n) => n + 1);
      return;
    }
    setErrors({});
    opts.onTap?.();
    setPhase('submitting');
    try {
      const body = opts.schema.parse(opts.requestOf(current.value));
      const answer = await store.submit(owner, current, (key) => opts.send(body, key));
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
        setErrors(errorsOf(opts.fields, issues));
        setRefusals((n) => n + 1);
      }
      setSubmitError(error instanceof ApiError && error.status === 0 ? opts.offlineMessage : messageOf(error));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [owner, store]);

  return { value: entry.value, restored, errors, phase, submitError, refusals, result, update, clearDraft, dismissRestored: () => setRestored(false), submit };
}
