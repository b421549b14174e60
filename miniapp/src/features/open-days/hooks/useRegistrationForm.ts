import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorCode, OPEN_DAY_MAX_COMPANIONS, OpenDayRegisterRequest, type OpenDayRegisterResponse, type User } from '@zwgk/contracts';
import { ApiError, askSubscribe, messageOf, preloadSubscriptions, type Draft } from '@/services';
import { registerForSession } from '../api';
import { emptyRegistrationDraft, registrationDraftOwner, registrationDrafts, type RegistrationDraft } from '../lib/draft';

/** Errors by field path as the contract names them: `name`, `phone`, `companions.1.idNumber`, … */
export type RegistrationErrors = Record<string, string>;
export type RegistrationFormPhase = 'editing' | 'submitting' | 'submitted';

export interface UseRegistrationForm {
  draft: RegistrationDraft;
  /** A draft from an earlier visit was put back. */
  restored: boolean;
  errors: RegistrationErrors;
  phase: RegistrationFormPhase;
  /** Why the last submission failed when it is not about one field (409: the server's words). */
  submitError: string | null;
  /** Counts refused submissions (the view brings the first error into sight on each). */
  refusals: number;
  result: OpenDayRegisterResponse | null;
  update: (patch: Partial<Omit<RegistrationDraft, 'companions'>>) => void;
  updateCompanion: (index: number, patch: Partial<RegistrationDraft['companions'][number]>) => void;
  addCompanion: () => void;
  removeCompanion: (index: number) => void;
  clearDraft: () => void;
  dismissRestored: () => void;
  submit: () => Promise<void>;
}

/** The request the draft stands for: an empty phone is left out (the BFF uses the bound one). */
export function registrationRequestOf(draft: RegistrationDraft): Record<string, unknown> {
  return {
    sessionId: draft.sessionId || undefined,
    name: draft.name,
    idNumber: draft.idNumber,
    ...(draft.phone.trim() ? { phone: draft.phone } : {}),
    companions: draft.companions,
  };
}

function errorsOf(issues: ReadonlyArray<{ field: string; message: string }>): RegistrationErrors {
  const errors: RegistrationErrors = {};
  for (const { field, message } of issues) errors[field || 'form'] ??= message;
  return errors;
}

/** The contract's own checks (the ID check digit among them), and a phone when none is bound. */
export function validateRegistration(draft: RegistrationDraft, hasBoundPhone: boolean): RegistrationErrors {
  const parsed = OpenDayRegisterRequest.safeParse(registrationRequestOf(draft));
  const errors = parsed.success ? {} : errorsOf(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  if (!hasBoundPhone && !draft.phone.trim()) errors.phone ??= '请填写手机号（您的账号尚未绑定手机号）';
  return errors;
}

function serverIssues(error: unknown): Array<{ field: string; message: string }> {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.validation || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is { field: string; message: string } => typeof d?.field === 'string' && typeof d?.message === 'string');
}

/**
 * The sign-up form of one open day: the draft is kept on the device as the citizen types (per
 * citizen and open day) with its idempotency key, so a retry after a lost answer is the same
 * sign-up; the contract's checks first (the same schemas the BFF uses), then the server's (400
 * per field, 409 outside the window or already signed up).
 */
export function useRegistrationForm(user: User, openDayId: string, preselectedSession: string, hasBoundPhone: boolean): UseRegistrationForm {
  const owner = registrationDraftOwner(user.id, openDayId);
  const [entry, setEntry] = useState<Draft<RegistrationDraft>>(() => {
    const stored = registrationDrafts.load(owner);
    if (!stored) return registrationDrafts.create(emptyRegistrationDraft(preselectedSession));
    return preselectedSession ? { ...stored, value: { ...stored.value, sessionId: preselectedSession } } : stored;
  });
  const [restored, setRestored] = useState(() => registrationDrafts.load(owner) !== null);
  const [errors, setErrors] = useState<RegistrationErrors>({});
  const [phase, setPhase] = useState<RegistrationFormPhase>('editing');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [result, setResult] = useState<OpenDayRegisterResponse | null>(null);
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

  // The offer and reminder templates must be at hand when 提交报名 is tapped (see submit).
  useEffect(() => {
    void preloadSubscriptions();
  }, [user.id]);

  useEffect(() => {
    if (dirty.current) registrationDrafts.save(owner, entry);
  }, [entry, owner]);

  const change = useCallback(
    (next: (d: RegistrationDraft) => RegistrationDraft) => {
      dirty.current = true;
      setEntry((prev) => {
        const value = next(prev.value);
        if (attempted.current) setErrors(validateRegistration(value, hasBoundPhone));
        return { ...prev, value };
      });
    },
    [hasBoundPhone],
  );

  const update = useCallback((patch: Partial<Omit<RegistrationDraft, 'companions'>>) => change((d) => ({ ...d, ...patch })), [change]);
  const updateCompanion = useCallback(
    (index: number, patch: Partial<RegistrationDraft['companions'][number]>) => change((d) => ({ ...d, companions: d.companions.map((c, i) => (i === index ? { ...c, ...patch } : c)) })),
    [change],
  );
  const addCompanion = useCallback(
    () => change((d) => (d.companions.length >= OPEN_DAY_MAX_COMPANIONS ? d : { ...d, companions: [...d.companions, { name: '', idNumber: '' }] })),
    [change],
  );
  const removeCompanion = useCallback((index: number) => change((d) => ({ ...d, companions: d.companions.filter((_, i) => i !== index) })), [change]);

  const clearDraft = useCallback(() => {
    registrationDrafts.remove(owner);
    dirty.current = false;
    attempted.current = false;
    setEntry(registrationDrafts.create(emptyRegistrationDraft(preselectedSession)));
    setErrors({});
    setSubmitError(null);
    setRestored(false);
  }, [owner, preselectedSession]);

  const submit = useCallback(async () => {
    const current = entryRef.current;
    attempted.current = true;
    setSubmitError(null);
    const found = validateRegistration(current.value, hasBoundPhone);
    if (Object.keys(found).length) {
      setErrors(found);
      setSubmitError('请按提示修改后再提交');
      setRefusals((n) => n + 1);
      return;
    }
    setErrors({});
    // Inside the tap, before anything is awaited: WeChat shows its consent dialog only from a
    // tap. Offers from the waitlist and reminders need it; the sign-up never waits for it.
    void askSubscribe('open_day');
    setPhase('submitting');
    try {
      const body = OpenDayRegisterRequest.parse(registrationRequestOf(current.value));
      const answer = await registrationDrafts.submit(owner, current, (key) => registerForSession(openDayId, body, key));
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
        setSubmitError('网络连接失败，报名信息已保存在本机，请稍后点“提交报名”重试（不会重复报名）');
      } else {
        setSubmitError(messageOf(error));
      }
    }
  }, [hasBoundPhone, openDayId, owner]);

  return {
    draft: entry.value,
    restored,
    errors,
    phase,
    submitError,
    refusals,
    result,
    update,
    updateCompanion,
    addCompanion,
    removeCompanion,
    clearDraft,
    dismissRestored: () => setRestored(false),
    submit,
  };
}
