import { useCallback } from 'react';
import { OPEN_DAY_MAX_COMPANIONS, OpenDayRegisterRequest, type OpenDayRegisterResponse, type User } from '@zwgk/contracts';
import { issuesOf, useDraftForm, type FieldIssue, type UseDraftForm } from '@/hooks';
import { registerForSession } from '../api';
import { emptyRegistrationDraft, registrationDraftOwner, registrationDrafts, type CompanionDraft, type RegistrationDraft } from '../lib/draft';

/** Errors by field path as the contract names them: `name`, `phone`, `companions.1.idNumber`, … */
export type RegistrationErrors = Record<string, string>;

export interface UseRegistrationForm extends UseDraftForm<RegistrationDraft, OpenDayRegisterResponse, RegistrationErrors> {
  update: (patch: Partial<Omit<RegistrationDraft, 'companions'>>) => void;
  updateCompanion: (index: number, patch: Partial<CompanionDraft>) => void;
  addCompanion: () => void;
  removeCompanion: (index: number) => void;
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

function errorsOf(issues: FieldIssue[]): RegistrationErrors {
  const errors: RegistrationErrors = {};
  for (const { field, message } of issues) errors[field || 'form'] ??= message;
  return errors;
}

/** The contract's own checks (the ID check digit among them), and a phone when none is bound. */
export function validateRegistration(draft: RegistrationDraft, hasBoundPhone: boolean): RegistrationErrors {
  const parsed = OpenDayRegisterRequest.safeParse(registrationRequestOf(draft));
  const errors = parsed.success ? {} : errorsOf(issuesOf(parsed.error.issues));
  if (!hasBoundPhone && !draft.phone.trim()) errors.phone ??= '请填写手机号（您的账号尚未绑定手机号）';
  return errors;
}

/**
 * The sign-up form of one open day (shared/hooks useDraftForm): the draft kept per citizen and
 * open day with its idempotency key, the contract's checks first (the same schemas the BFF
 * uses), then the server's (400 per field, 409 outside the window or already signed up).
 */
export function useRegistrationForm(user: User, openDayId: string, preselectedSession: string, hasBoundPhone: boolean): UseRegistrationForm {
  const form = useDraftForm({
    store: registrationDrafts,
    owner: registrationDraftOwner(user.id, openDayId),
    empty: () => emptyRegistrationDraft(preselectedSession),
    restore: (value) => (preselectedSession ? { ...value, sessionId: preselectedSession } : value),
    validate: (value) => validateRegistration(value, hasBoundPhone),
    errorsOf,
    // Offers from the waitlist and the day-before reminder.
    flow: 'open_day',
    send: (value, key) => registerForSession(openDayId, OpenDayRegisterRequest.parse(registrationRequestOf(value)), key),
    offlineMessage: '网络连接失败，报名信息已保存在本机，请稍后点“提交报名”重试（不会重复报名）',
  });
  const { change } = form;
  const update = useCallback((patch: Partial<Omit<RegistrationDraft, 'companions'>>) => change((d) => ({ ...d, ...patch })), [change]);
  const updateCompanion = useCallback(
    (index: number, patch: Partial<CompanionDraft>) => change((d) => ({ ...d, companions: d.companions.map((c, i) => (i === index ? { ...c, ...patch } : c)) })),
    [change],
  );
  const addCompanion = useCallback(
    () => change((d) => (d.companions.length >= OPEN_DAY_MAX_COMPANIONS ? d : { ...d, companions: [...d.companions, { name: '', idNumber: '' }] })),
    [change],
  );
  const removeCompanion = useCallback((index: number) => change((d) => ({ ...d, companions: d.companions.filter((_, i) => i !== index) })), [change]);
  return { ...form, update, updateCompanion, addCompanion, removeCompanion };
}
