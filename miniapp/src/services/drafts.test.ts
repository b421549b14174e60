import Taro from '@tarojs/taro';
import { IDEMPOTENCY_HEADER } from '@zwgk/contracts';
import { createDraftStore } from './drafts';
import { idempotencyHeaders, newIdempotencyKey } from './idempotency';

interface Comment {
  text: string;
  /** Not worth keeping on the device (e.g. a signed link). */
  preview?: string;
}

const KEY_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

function commentStore(version = 2, read = jest.fn((data: unknown) => (typeof (data as Comment)?.text === 'string' ? { text: (data as Comment).text } : null))) {
  const store = createDraftStore<Comment>({
    name: 'consultation',
    version,
    read,
    write: (c) => ({ text: c.text }),
    isEmpty: (c) => !c.text.trim(),
  });
  return { store, read };
}

const stored = (owner: string) => {
  const raw = Taro.getStorageSync(`zwgk.consultation.draft.${owner}`);
  return raw ? JSON.parse(raw) : null;
};

afterEach(() => {
  jest.restoreAllMocks();
  Taro.clearStorageSync();
});

describe('idempotency keys', () => {
  it('when keys are made, then each has the shape the contract accepts and none repeats', () => {
    const keys = Array.from({ length: 500 }, newIdempotencyKey);
    keys.forEach((k) => expect(k).toMatch(KEY_SHAPE));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('when a key is sent, then it goes in the contract’s header', () => {
    expect(idempotencyHeaders('k'.repeat(20))).toEqual({ [IDEMPOTENCY_HEADER]: 'k'.repeat(20) });
  });
});

describe('draft store', () => {
  it('when a draft is saved, then it is kept per feature name and owner, with its version and key, and loads back', () => {
    const { store } = commentStore();
    const draft = store.create({ text: '建议增加夜间公交', preview: '/signed?sig=1' });
    expect(draft.idempotencyKey).toMatch(KEY_SHAPE);
    store.save('u1', draft);

    expect(stored('u1')).toMatchObject({ version: 2, idempotencyKey: draft.idempotencyKey, data: { text: '建议增加夜间公交' } });
    expect(stored('u1').data.preview).toBeUndefined();
    expect(stored('u1').savedAt).toBeGreaterThan(0);
    expect(store.load('u1')).toEqual({ value: { text: '建议增加夜间公交' }, idempotencyKey: draft.idempotencyKey });
    expect(store.load('u2')).toBeNull();
  });

  it('when two drafts are created, then each has its own key', () => {
    const { store } = commentStore();
    expect(store.create({ text: 'a' }).idempotencyKey).not.toBe(store.create({ text: 'a' }).idempotencyKey);
  });

  it('when an emptied draft is saved, then it is removed rather than kept', () => {
    const { store } = commentStore();
    store.save('u1', store.create({ text: '有内容' }));
    store.save('u1', store.create({ text: '   ' }));
    expect(stored('u1')).toBeNull();
  });

  it('when a draft was stored by an older version, then read gets that version to upgrade it; a newer one is dropped', () => {
    const { store, read } = commentStore(2);
    Taro.setStorageSync('zwgk.consultation.draft.u1', JSON.stringify({ version: 1, idempotencyKey: 'k'.repeat(24), savedAt: 1, data: { text: '旧版本' } }));
    expect(store.load('u1')).toEqual({ value: { text: '旧版本' }, idempotencyKey: 'k'.repeat(24) });
    expect(read).toHaveBeenLastCalledWith({ text: '旧版本' }, 1);

    Taro.setStorageSync('zwgk.consultation.draft.u2', JSON.stringify({ version: 3, idempotencyKey: 'k'.repeat(24), savedAt: 1, data: { text: '新版本' } }));
    expect(store.load('u2')).toBeNull();
  });

  it('when a record has no envelope (drafts kept before the store), then it is read as version 0 with its own key', () => {
    const { store, read } = commentStore();
    Taro.setStorageSync('zwgk.consultation.draft.u1', JSON.stringify({ text: '最早的草稿', idempotencyKey: 'legacy-key-0123456789' }));
    expect(store.load('u1')).toEqual({ value: { text: '最早的草稿' }, idempotencyKey: 'legacy-key-0123456789' });
    expect(read).toHaveBeenLastCalledWith(expect.objectContaining({ text: '最早的草稿' }), 0);
  });

  it('when what is stored is unreadable, keyless, refused by read or empty, then there is no draft', () => {
    const { store } = commentStore();
    const put = (value: string) => Taro.setStorageSync('zwgk.consultation.draft.u1', value);
    for (const value of ['{not json', JSON.stringify({ version: 2, data: { text: '没有标识' } }), JSON.stringify({ version: 2, idempotencyKey: 'k'.repeat(24), data: 42 }), JSON.stringify({ version: 2, idempotencyKey: 'k'.repeat(24), data: { text: ' ' } })]) {
      put(value);
      expect(store.load('u1')).toBeNull();
    }
  });

  it('when storage refuses to keep a draft, then saving does not throw', () => {
    const { store } = commentStore();
    jest.spyOn(Taro, 'setStorageSync').mockImplementation(() => {
      throw new Error('storage full');
    });
    expect(() => store.save('u1', store.create({ text: '存不下' }))).not.toThrow();
  });
});

describe('submitting a draft', () => {
  it('when the server acknowledges, then the draft is on the device while in flight, sent with its key, and forgotten after', async () => {
    const { store } = commentStore();
    const draft = store.create({ text: '同意该草案' });
    let keptWhileSending: unknown = null;
    const send = jest.fn(async (key: string) => {
      keptWhileSending = stored('u1');
      return { id: 'c1', key };
    });
    await expect(store.submit('u1', draft, send)).resolves.toEqual({ id: 'c1', key: draft.idempotencyKey });
    expect(keptWhileSending).toMatchObject({ idempotencyKey: draft.idempotencyKey });
    expect(stored('u1')).toBeNull();
  });

  it('when sending fails, then the draft and its key stay, and the retry (even after a restart) sends the same key', async () => {
    const { store } = commentStore();
    const draft = store.create({ text: '同意该草案' });
    const keys: string[] = [];
    await expect(
      store.submit('u1', draft, async (key) => {
        keys.push(key);
        throw new Error('no answer');
      }),
    ).rejects.toThrow('no answer');
    expect(stored('u1')).toMatchObject({ idempotencyKey: draft.idempotencyKey });

    const restored = commentStore().store.load('u1')!;
    await store.submit('u1', restored, async (key) => {
      keys.push(key);
      return 'ok';
    });
    expect(keys).toEqual([draft.idempotencyKey, draft.idempotencyKey]);
    expect(stored('u1')).toBeNull();
  });
});
