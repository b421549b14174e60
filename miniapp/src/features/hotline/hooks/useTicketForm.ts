import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ErrorCode,
  HOTLINE_MAX_PHOTOS,
  HOTLINE_PHOTO_MAX_BYTES,
  HOTLINE_PHOTO_MIME,
  HotlineSubmitRequest,
  type HotlineSubmitResponse,
  type User,
} from '@zwgk/contracts';
import { ApiError, askSubscribe, canPickMapPoint, messageOf, pickImages, pickMapPoint, preloadSubscriptions, type Draft } from '@/services';
import { linkPhotos, submitTicket, uploadPhoto } from '../api';
import { emptyTicketDraft, ticketDrafts, type TicketDraft } from '../lib/draft';
import { fieldErrorsOf, issuesOf, type FieldErrors } from '../lib/fields';

export type FormPhase = 'editing' | 'submitting' | 'submitted';

export interface UseTicketForm {
  draft: TicketDraft;
  /** A draft from an earlier visit was put back (shown as a notice with 清空草稿). */
  restored: boolean;
  errors: FieldErrors;
  phase: FormPhase;
  /** Why the last submission failed, when it is not about one field. */
  submitError: string | null;
  /** Counts submissions refused with field errors (the view brings the first one into sight on each). */
  refusals: number;
  result: HotlineSubmitResponse | null;
  /** Photos being uploaded right now. */
  uploading: number;
  /** The bound phone, masked; null when none is bound. */
  boundPhone: string | null;
  canPickPoint: boolean;
  update: (patch: Partial<TicketDraft>) => void;
  addPhotos: () => Promise<void>;
  removePhoto: (id: string) => void;
  pickPoint: () => Promise<void>;
  clearPoint: () => void;
  clearDraft: () => void;
  dismissRestored: () => void;
  submit: () => Promise<void>;
  /** After a submission: an empty form (a new draft, so a new idempotency key). */
  startNew: () => void;
}

const newEntry = () => ticketDrafts.create(emptyTicketDraft());

const contactPhoneMissing = '您同意接听回访电话，请填写联系电话（或先在“我的”绑定手机号）';

/** The request the draft stands for (what the contract's schema is checked against). */
export function requestOf(draft: TicketDraft, boundPhone: string | null): Record<string, unknown> {
  const address = draft.address.trim();
  const ownPhone = draft.useOtherPhone || !boundPhone;
  return {
    type: draft.type ?? undefined,
    title: draft.title,
    description: draft.description,
    location:
      address || draft.point
        ? { address, ...(draft.point ? { lat: draft.point.latitude, lng: draft.point.longitude } : {}) }
        : undefined,
    photoIds: draft.photos.map((p) => p.id),
    contactPhone: ownPhone && draft.phone.trim() ? draft.phone.trim() : undefined,
    contactAllowed: draft.contactAllowed,
    anonymous: draft.hideIdentity,
  };
}

/** Client-side check with the contract's schema plus the one rule it cannot know (a phone to call back on). */
export function validateDraft(draft: TicketDraft, boundPhone: string | null): FieldErrors {
  const parsed = HotlineSubmitRequest.safeParse(requestOf(draft, boundPhone));
  const errors = parsed.success ? {} : fieldErrorsOf(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  const needsPhone = draft.contactAllowed && (draft.useOtherPhone || !boundPhone) && !draft.phone.trim();
  if (needsPhone) errors.phone ??= contactPhoneMissing;
  return errors;
}

/**
 * The 诉求 form of the 热线 tab: a draft kept on the device as the citizen types (per user),
 * photo uploads, field-level Chinese messages (contract schema first, then the server's 400
 * details) and a submission that is safe to retry: the draft's idempotency key is made once
 * and sent with every attempt until the server acknowledges one (services/drafts.ts), so a
 * retry after a lost answer never opens a second ticket.
 */
export function useTicketForm(user: User): UseTicketForm {
  const userId = user.id;
  const boundPhone = user.phoneMasked;
  const [entry, setEntry] = useState<Draft<TicketDraft>>(() => ticketDrafts.load(userId) ?? newEntry());
  const [restored, setRestored] = useState(() => ticketDrafts.load(userId) !== null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [phase, setPhase] = useState<FormPhase>('editing');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const [result, setResult] = useState<HotlineSubmitResponse | null>(null);
  const [uploading, setUploading] = useState(0);
  const attempted = useRef(false);
  const dirty = useRef(false);
  const mounted = useRef(true);
  const entryRef = useRef(entry);
  entryRef.current = entry;
  const draft = entry.value;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The subscribe-message templates must be at hand when 提交诉求 is tapped (see submit).
  useEffect(() => {
    void preloadSubscriptions();
  }, [userId]);

  // A restored draft holds photo ids only: fetch fresh preview links once, and drop the photos
  // the server no longer has (unattached photos are deleted after a day) with a note.
  const linksAsked = useRef(false);
  useEffect(() => {
    const ids = entryRef.current.value.photos.filter((p) => !p.previewUrl).map((p) => p.id);
    if (linksAsked.current || !ids.length) return;
    linksAsked.current = true;
    linkPhotos(ids).then(
      ({ photos }) => {
        if (!mounted.current) return;
        const urlOf = new Map(photos.map((p) => [p.id, p.url]));
        const lost = ids.filter((id) => !urlOf.has(id)).length;
        setEntry((prev) => ({
          ...prev,
          value: {
            ...prev.value,
            photos: prev.value.photos.filter((p) => p.previewUrl || urlOf.has(p.id)).map((p) => (p.previewUrl ? p : { ...p, previewUrl: urlOf.get(p.id)! })),
          },
        }));
        if (lost) {
          dirty.current = true;
          setErrors((e) => ({ ...e, photos: `有 ${lost} 张图片已过期，请重新上传` }));
        }
      },
      () => {
        // Offline: the ids stay (a submission still checks them) and show as placeholders.
      },
    );
  }, []);

  // Saved on every change so that nothing typed is lost when the signal or the app goes
  // (an emptied form removes the draft).
  useEffect(() => {
    if (dirty.current) ticketDrafts.save(userId, entry);
  }, [entry, userId]);

  const change = useCallback(
    (fn: (prev: TicketDraft) => TicketDraft) => {
      dirty.current = true;
      setEntry((prev) => {
        const next = fn(prev.value);
        // Once a submission was tried, messages follow the input instead of waiting for the next try.
        if (attempted.current) setErrors((old) => ({ ...validateDraft(next, boundPhone), photos: old.photos }));
        return { ...prev, value: next };
      });
    },
    [boundPhone],
  );

  const update = useCallback((patch: Partial<TicketDraft>) => change((prev) => ({ ...prev, ...patch })), [change]);

  const addPhotos = useCallback(async () => {
    const room = HOTLINE_MAX_PHOTOS - entryRef.current.value.photos.length - uploading;
    if (room <= 0) {
      setErrors((e) => ({ ...e, photos: `最多上传 ${HOTLINE_MAX_PHOTOS} 张图片` }));
      return;
    }
    const { images: picked, refused } = await pickImages(room);
    if (!picked.length && !refused.length) return;
    setErrors((e) => ({ ...e, photos: undefined }));
    const problems: string[] = [...refused];
    for (const image of picked) {
      if (image.type && !(HOTLINE_PHOTO_MIME as readonly string[]).includes(image.type)) {
        problems.push('只能上传 JPG、PNG 或 WebP 格式的图片');
        continue;
      }
      if (image.size > HOTLINE_PHOTO_MAX_BYTES) {
        problems.push(`单张图片不能超过 ${HOTLINE_PHOTO_MAX_BYTES / 1024 / 1024} MB`);
        continue;
      }
      setUploading((n) => n + 1);
      try {
        const photo = await uploadPhoto(image.path);
        change((prev) =>
          prev.photos.length >= HOTLINE_MAX_PHOTOS ? prev : { ...prev, photos: [...prev.photos, { id: photo.id, previewUrl: photo.url }] },
        );
      } catch (error) {
        problems.push(messageOf(error));
      } finally {
        if (mounted.current) setUploading((n) => n - 1);
      }
    }
    if (problems.length && mounted.current) setErrors((e) => ({ ...e, photos: [...new Set(problems)].join('；') }));
  }, [change, uploading]);

  const removePhoto = useCallback((id: string) => change((prev) => ({ ...prev, photos: prev.photos.filter((p) => p.id !== id) })), [change]);

  const pickPoint = useCallback(async () => {
    const point = await pickMapPoint();
    if (!point) return;
    change((prev) => ({
      ...prev,
      point: { latitude: point.latitude, longitude: point.longitude, name: point.name },
      // The map's address fills an empty field; what the citizen typed is kept.
      address: prev.address.trim() ? prev.address : [point.address, point.name].filter(Boolean).join(' '),
    }));
  }, [change]);

  const clearPoint = useCallback(() => change((prev) => ({ ...prev, point: null })), [change]);

  const clearDraft = useCallback(() => {
    ticketDrafts.remove(userId);
    dirty.current = false;
    attempted.current = false;
    setEntry(newEntry());
    setErrors({});
    setSubmitError(null);
    setRestored(false);
  }, [userId]);

  const submit = useCallback(async () => {
    const current = entryRef.current;
    attempted.current = true;
    setSubmitError(null);
    const found = validateDraft(current.value, boundPhone);
    if (Object.keys(found).length) {
      setErrors(found);
      setSubmitError('请按提示修改后再提交');
      setRefusals((n) => n + 1);
      return;
    }
    if (uploading > 0) {
      setSubmitError('图片还在上传，请稍候');
      return;
    }
    setErrors({});
    // Still inside the tap, before anything is awaited: WeChat shows its consent dialog for
    // progress messages only from a tap. It runs beside the submission and never holds it up.
    void askSubscribe('hotline');
    setPhase('submitting');
    try {
      const body = HotlineSubmitRequest.parse(requestOf(current.value, boundPhone));
      // Forgets the draft (and its key) once the server has acknowledged it.
      const answer = await ticketDrafts.submit(userId, current, (key) => submitTicket(body, key));
      dirty.current = false;
      if (!mounted.current) return;
      setResult(answer);
      setPhase('submitted');
      setRestored(false);
    } catch (error) {
      if (!mounted.current) return;
      setPhase('editing');
      const issues = error instanceof ApiError && error.code === ErrorCode.validation ? issuesOf(error.details) : [];
      if (issues.length) {
        setErrors(fieldErrorsOf(issues));
        setSubmitError(error instanceof ApiError ? error.message : '请按提示修改后再提交');
        setRefusals((n) => n + 1);
      } else if (error instanceof ApiError && error.status === 0) {
        // Nothing came back: it may or may not have arrived. The key stays, so 重新提交 is safe.
        setSubmitError('网络连接失败，诉求已保存在本机，请稍后点“提交诉求”重试（不会重复提交）');
      } else {
        setSubmitError(messageOf(error));
      }
    }
  }, [boundPhone, uploading, userId]);

  const startNew = useCallback(() => {
    attempted.current = false;
    dirty.current = false;
    setEntry(newEntry());
    setErrors({});
    setResult(null);
    setSubmitError(null);
    setPhase('editing');
  }, []);

  return {
    draft,
    restored,
    errors,
    phase,
    submitError,
    refusals,
    result,
    uploading,
    boundPhone,
    canPickPoint: canPickMapPoint(),
    update,
    addPhotos,
    removePhoto,
    pickPoint,
    clearPoint,
    clearDraft,
    dismissRestored: () => setRestored(false),
    submit,
    startNew,
  };
}
