import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorCode, type SubscribeFlow } from '@zwgk/contracts';
import type { z } from 'zod';
import { ApiError, askSubscribe, messageOf, preloadSubscriptions, type Draft, type DraftStore } from '@/services';

/** One field's message, as the contract's issues and the server's 400 `details` name them. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type DraftFormPhase = 'editing' | 'submitting' | 'submitted';

export interface DraftFormConfig<T, R, E> {
  store: DraftStore<T>;
  /** Whose draft it is (the citizen and what the form is about): drafts are kept per owner. */
  owner: string;
  /** A new, empty value. */
  empty: () => T;
  /** Adjusts a draft put back from the device (e.g. to a session chosen on the way in). */
  restore?: (value: T) => T;
  /** The form's messages for `value` (the contract's checks and any rule it cannot know); none: `{}`. */
  validate: (value: T) => E;
  /** The server's 400 issues as the form's messages. */
  errorsOf: (issues: FieldIssue[]) => E;
  /** The subscribe-message flow asked for at the tap that submits; none: nothing is asked. */
  flow?: SubscribeFlow;
  /** Sends the value with the draft's idempotency key. */
  send: (value: T, idempotencyKey: string) => Promise<R>;
  /** Said when no answer came: the draft is kept on the device and a retry is the same submission. */
  offlineMessage: string;
}

export interface UseDraftForm<T, R, E> {
  draft: T;
  /** A draft from an earlier visit was put back. */
  restored: boolean;
  errors: E;
  phase: DraftFormPhase;
  /** Why the last submission failed when it is not about one field (409: the server's words). */
  submitError: string | null;
  /** Counts refused submissions (the view brings the first error into sight on each). */
  refusals: number;
  result: R | null;
  /** Changes the draft; once a submission was tried, the messages follow the input. */
  change: (next: (value: T) => T) => void;
  clearDraft: () => void;
  dismissRestored: () => void;
  submit: () => Promise<void>;
}

/** The 400 `validation_failed` details of a failed submission, if that is what it was. */
export function validationIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.validation || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is FieldIssue => typeof d?.field === 'string' && typeof d?.message === 'string');
}

/** The first message per field path of zod-style issues (`companions.1.idNumber`). */
export function issuesOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldIssue[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
}

/**
 * A form whose draft is kept on the device as the citizen types (per owner) with its
 * idempotency key, so that a retry after a lost answer, a crash or a restart is the same
 * submission (services/drafts.ts). Submitting checks the form first; then asks for
 * subscribe-message consent inside the tap; then sends, and shows the server's 400 messages per
 * field, or its words for anything else.
 */
export function useDraftForm<T, R, E extends object>(config: DraftFormConfig<T, R, E>): UseDraftForm<T, R, E> {
  const { store, owner } = config;
  const configRef = useRef(config);
  configRef.current = config;
  const [entry, setEntry] = useState<Draft<T>>(() => {
    const stored = store.load(owner);
    if (!stored) return store.create(config.empty());
    return config.restore ? { ...stored, value: config.restore(stored.value) } : stored;
  });
  const [restored, setRestored] = useState(() => store.load(owner) !== null);
  const [errors, setErrors] = useState<E>({} as E);
  const [phase, setPhase] = useState<DraftFormPhase>('editing');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [result, setResult] = useState<R | null>(null);
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

  // The flow's templates must be at hand when the submit button is tapped (see submit).
  useEffect(() => {
    void preloadSubscriptions();
  }, [owner]);

  useEffect(() => {
    if (dirty.current) store.save(owner, entry);
  }, [entry, owner, store]);

  const change = useCallback((next: (value: T) => T) => {
    dirty.current = true;
    setEntry((prev) => {
      const value = next(prev.value);
      if (attempted.current) setErrors(configRef.current.validate(value));
      return { ...prev, value };
    });
  }, []);

  const clearDraft = useCallback(() => {
    store.remove(owner);
    dirty.current = false;
    attempted.current = false;
    setEntry(store.create(configRef.current.empty()));
    setErrors({} as E);
    setSubmitError(null);
    setRestored(false);
  }, [owner, store]);

  const submit = useCallback(async () => {
    const current = entryRef.current;
    const { validate, errorsOf, flow, send, offlineMessage } = configRef.current;
    attempted.current = true;
    setSubmitError(null);
    const found = validate(current.value);
    if (Object.keys(found).length) {
      setErrors(found);
      setSubmitError('请按提示修改后再提交');
      setRefusals((n) => n + 1);
      return;
    }
    setErrors({} as E);
    // Inside the tap, before anything is awaited: WeChat shows its consent dialog only from a
    // tap. The answer goes to the BFF in the background and never holds up the submission.
    if (flow) void askSubscribe(flow);
    setPhase('submitting');
    try {
      const answer = await store.submit(owner, current, (key) => send(current.value, key));
      dirty.current = false;
      if (!mounted.current) return;
      setResult(answer);
      setPhase('submitted');
      setRestored(false);
    } catch (error) {
      if (!mounted.current) return;
      setPhase('editing');
      const issues = validationIssues(error);
      if (issues.length) {
        setErrors(errorsOf(issues));
        setRefusals((n) => n + 1);
      }
      setSubmitError(error instanceof ApiError && error.status === 0 ? offlineMessage : messageOf(error));
    }
  }, [owner, store]);

  return {
    draft: entry.value,
    restored,
    errors,
    phase,
    submitError,
    refusals,
    result,
    change,
    clearDraft,
    dismissRestored: () => setRestored(false),
    submit,
  };
}

/** A form's messages: the first per field. */
export type FormErrors<F extends string> = Partial<Record<F, string>>;

/** The first message per form field (a nested path counts for its top field, `companions.1.name` → companions). */
export function errorsByField<F extends string>(fields: readonly F[], issues: readonly FieldIssue[]): FormErrors<F> {
  const errors: FormErrors<F> = {};
  for (const { field, message } of issues) {
    const name = fields.find((f) => field === f || field.startsWith(`${f}.`));
    if (name) errors[name] ??= message;
  }
  return errors;
}

export interface SchemaFormConfig<T extends object, F extends string, B, R> extends Omit<DraftFormConfig<T, R, FormErrors<F>>, 'validate' | 'errorsOf' | 'send'> {
  fields: readonly F[];
  /** The contract's request schema: its messages are the form's, before anything is sent. */
  schema: z.ZodType<B>;
  requestOf: (value: T) => unknown;
  send: (body: B, idempotencyKey: string) => Promise<R>;
}

export interface UseSchemaForm<T, F extends string, R> extends Omit<UseDraftForm<T, R, FormErrors<F>>, 'draft' | 'change'> {
  value: T;
  update: (patch: Partial<T>) => void;
}

/** A draft form whose rules are exactly a contract schema's, field by field (see useDraftForm). */
export function useSchemaForm<T extends object, F extends string, B, R>(config: SchemaFormConfig<T, F, B, R>): UseSchemaForm<T, F, R> {
  const { fields, schema, requestOf, send, ...rest } = config;
  const form = useDraftForm<T, R, FormErrors<F>>({
    ...rest,
    validate: (value) => {
      const parsed = schema.safeParse(requestOf(value));
      return parsed.success ? {} : errorsByField(fields, issuesOf(parsed.error.issues));
    },
    errorsOf: (issues) => errorsByField(fields, issues),
    send: (value, key) => send(schema.parse(requestOf(value)), key),
  });
  const { draft, change, ...state } = form;
  const update = useCallback((patch: Partial<T>) => change((v) => ({ ...v, ...patch })), [change]);
  return { ...state, value: draft, update };
}
