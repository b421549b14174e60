import { createDraftStore } from '@/services';
import type { TicketTypeValue } from './labels';

/**
 * A photo of a draft, uploaded to the BFF already. Only its id is stored on the device: the
 * preview URL is signed for an hour, so a draft restored later asks for fresh links
 * (`linkPhotos`) instead of showing broken images.
 */
export interface DraftPhoto {
  id: string;
  /** What to show: the server's signed preview URL; '' until a restored draft has fresh links. */
  previewUrl: string;
}

/** Everything the citizen has typed into the submit form. */
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
}

/** An empty form. */
export function emptyTicketDraft(): TicketDraft {
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
  };
}

/** True when the citizen has not typed or chosen anything worth keeping. */
export function isDraftEmpty(d: TicketDraft): boolean {
  return !d.type && !d.title.trim() && !d.description.trim() && !d.address.trim() && !d.point && d.photos.length === 0 && !d.phone.trim();
}

/**
 * Stored data (version 1, or the version 0 records of before the shared store, which had the
 * same fields beside the key) as a draft: known fields over an empty form, photos as ids only.
 */
function readTicketDraft(data: unknown): TicketDraft | null {
  if (!data || typeof data !== 'object') return null;
  const stored = data as Record<string, unknown>;
  const empty = emptyTicketDraft();
  const fields = Object.fromEntries(Object.keys(empty).filter((k) => stored[k] !== undefined).map((k) => [k, stored[k]]));
  const photos = (Array.isArray(stored.photos) ? stored.photos : [])
    .filter((p): p is DraftPhoto => !!p && typeof (p as DraftPhoto).id === 'string')
    .map((p) => ({ id: p.id, previewUrl: '' }));
  return { ...empty, ...fields, photos };
}

/** The 诉求 drafts of this device, one per user (a shared device never shows one citizen's words to another). */
export const ticketDrafts = createDraftStore<TicketDraft>({
  name: 'hotline',
  version: 1,
  read: readTicketDraft,
  // Ids only: a stored signed link would be dead by the time the draft is restored.
  write: (draft) => ({ ...draft, photos: draft.photos.map((p) => ({ id: p.id })) }),
  isEmpty: isDraftEmpty,
});
