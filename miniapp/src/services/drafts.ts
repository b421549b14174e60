import { readStored, removeStored, writeStored } from './deviceStorage';
import { newIdempotencyKey } from './idempotency';

/** Something a citizen is writing, with the key that names its submission. */
export interface Draft<T> {
  value: T;
  /** Made with the draft and sent with every attempt to submit it, until the server acknowledges one. */
  idempotencyKey: string;
}

export interface DraftStoreOptions<T> {
  /** Chosen by the feature: its drafts are kept as `zwgk.<name>.draft.<owner>`. */
  name: string;
  /** Version of the stored shape; raise it when the shape changes, and let `read` upgrade older ones. */
  version: number;
  /**
   * Turns stored data into a value, or null to drop the draft. `version` is the one it was
   * stored with: 0 for records from before this store (the hotline's first drafts).
   */
  read: (data: unknown, version: number) => T | null;
  /** What to keep on the device for a value (default: the value itself). */
  write?: (value: T) => unknown;
  /** True when a value holds nothing worth keeping: it is then removed instead of saved, and never loaded. */
  isEmpty?: (value: T) => boolean;
}

export interface DraftStore<T> {
  /** A new, unsaved draft with its own idempotency key. */
  create: (value: T) => Draft<T>;
  /** The draft kept on this device for `owner`, or null (none, unreadable, dropped by `read`, or empty). */
  load: (owner: string) => Draft<T> | null;
  /** Keeps the draft (an empty one is removed); storage failures are swallowed, the form keeps working. */
  save: (owner: string, draft: Draft<T>) => void;
  remove: (owner: string) => void;
  /**
   * Sends the draft as `send(idempotencyKey)`. The draft is saved first, so that a retry after
   * a lost answer, a crash or a restart sends the same key; it is forgotten only once `send`
   * resolves, that is once the server has acknowledged the submission. Rejects as `send` does,
   * keeping the draft and its key.
   */
  submit: <R>(owner: string, draft: Draft<T>, send: (idempotencyKey: string) => Promise<R>) => Promise<R>;
}

/** What is stored: the feature's data inside an envelope with its version and key. */
interface Envelope {
  version: number;
  idempotencyKey: string;
  /** epoch ms of the save */
  savedAt: number;
  data: unknown;
}

function envelopeOf(stored: unknown): Envelope | null {
  if (!stored || typeof stored !== 'object') return null;
  const record = stored as Record<string, unknown>;
  if (typeof record.idempotencyKey !== 'string' || !record.idempotencyKey) return null;
  if (typeof record.version === 'number' && 'data' in record) return record as unknown as Envelope;
  // Before this store the hotline kept its fields and key side by side, without an envelope.
  return { version: 0, idempotencyKey: record.idempotencyKey, savedAt: Number(record.savedAt) || 0, data: record };
}

/**
 * Drafts kept on the device per owner (the signed-in user, so a shared device never shows one
 * citizen's words to another), each with the idempotency key of its submission.
 */
export function createDraftStore<T>(options: DraftStoreOptions<T>): DraftStore<T> {
  const { name, version, read, write = (value: T) => value, isEmpty = () => false } = options;
  const keyOf = (owner: string) => `zwgk.${name}.draft.${owner}`;

  const store: DraftStore<T> = {
    create: (value) => ({ value, idempotencyKey: newIdempotencyKey() }),
    load(owner) {
      const envelope = envelopeOf(readStored(keyOf(owner)));
      if (!envelope || envelope.version > version) return null;
      let value: T | null;
      try {
        value = read(envelope.data, envelope.version);
      } catch {
        value = null;
      }
      if (value === null || isEmpty(value)) return null;
      return { value, idempotencyKey: envelope.idempotencyKey };
    },
    save(owner, draft) {
      if (isEmpty(draft.value)) {
        store.remove(owner);
        return;
      }
      const envelope: Envelope = { version, idempotencyKey: draft.idempotencyKey, savedAt: Date.now(), data: write(draft.value) };
      writeStored(keyOf(owner), envelope);
    },
    remove: (owner) => removeStored(keyOf(owner)),
    async submit(owner, draft, send) {
      store.save(owner, draft);
      const answer = await send(draft.idempotencyKey);
      store.remove(owner);
      return answer;
    },
  };
  return store;
}
