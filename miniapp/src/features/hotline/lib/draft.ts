import Taro from '@tarojs/taro';
import { newIdempotencyKey } from './idempotency';
import type { TicketTypeValue } from './labels';

/**
 * A photo of a draft, uploaded to the BFF already. Only its id is stored on the device: the
 * preview URL is signed for an hour, so a draft restored later asks for fresh links
 * (`restorePhotoLinks`) instead of showing broken images.
 */
export interface DraftPhoto {
  id: string;
  /** What to show: the server's signed preview URL; '' until a restored draft has fresh links. */
  previewUrl: string;
}

/** Everything the citizen has typed into the submit form, kept on the device. */
export interface TicketDraft {
  type: TicketTypeValue | null;
  title: string;
  description: string;
  address: string;
  /** Chosen on the map (WeChat only). */
  point: { latitude: number; longitude: number; name: string } | null;
  photos: DraftPhoto[];
  /** false: contact on the bound phone; true: on `phone`. */
  useOtherPhone: boolean;
  phone: string;
  contactAllowed: boolean;
  /** 不公开个人信息: the handling department does not see who submitted. */
  hideIdentity: boolean;
  /** Made once per draft and reused for every attempt to submit it. */
  idempotencyKey: string;
  /** epoch ms of the last change */
  savedAt: number;
}

const KEY_PREFIX = 'zwgk.hotline.draft.';

/** An empty draft with its own idempotency key. */
export function newDraft(): TicketDraft {
  return {
    type: null,
    title: '',
    description: '',
    address: '',
    point: null,
    photos: [],
    useOtherPhone: false,
    phone: '',
    contactAllowed: true,
    hideIdentity: false,
    idempotencyKey: newIdempotencyKey(),
    savedAt: 0,
  };
}

/** True when the citizen has not typed or chosen anything worth keeping. */
export function isDraftEmpty(d: TicketDraft): boolean {
  return !d.type && !d.title.trim() && !d.description.trim() && !d.address.trim() && !d.point && d.photos.length === 0 && !d.phone.trim();
}

// Drafts are per user so a shared device never shows one citizen's words to another.
const keyOf = (userId: string) => KEY_PREFIX + userId;

/** The draft kept on this device for this user, or null (none, unreadable, or empty). */
export function loadDraft(userId: string): TicketDraft | null {
  try {
    const raw = Taro.getStorageSync(keyOf(userId));
    if (!raw) return null;
    const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<TicketDraft>;
    if (!value || typeof value !== 'object' || typeof value.idempotencyKey !== 'string') return null;
    const photos = (Array.isArray(value.photos) ? value.photos : [])
      .filter((p): p is DraftPhoto => !!p && typeof (p as DraftPhoto).id === 'string')
      .map((p) => ({ id: p.id, previewUrl: '' }));
    const draft = { ...newDraft(), ...value, photos } as TicketDraft;
    return isDraftEmpty(draft) ? null : draft;
  } catch {
    return null;
  }
}

/** Keeps the draft on the device; storage failures are swallowed (the form keeps working). */
export function saveDraft(userId: string, draft: TicketDraft): void {
  try {
    // Ids only: a stored signed link would be dead by the time the draft is restored.
    Taro.setStorageSync(keyOf(userId), JSON.stringify({ ...draft, photos: draft.photos.map((p) => ({ id: p.id })) }));
  } catch {
    // Full or unavailable storage: the citizen can still submit what is on screen.
  }
}

export function removeDraft(userId: string): void {
  try {
    Taro.removeStorageSync(keyOf(userId));
  } catch {
    // Nothing to remove.
  }
}
