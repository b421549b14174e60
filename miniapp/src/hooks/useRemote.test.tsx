import { act, renderHook, waitFor } from '@testing-library/react';
import { ApiError } from '@/services';
import { useRemote } from './useRemote';

/** A promise the test settles by hand, to order answers as it likes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const notFound = () => new ApiError({ code: 'not_found', status: 404, message: '没有找到' });
const offline = () => new ApiError({ code: 'network_error', status: 0, message: '网络连接失败，请检查网络后重试' });

describe('useRemote', () => {
  it('when the load answers, then the state goes from loading to ok with the data and when it arrived', async () => {
    const answer = deferred<string>();
    const { result } = renderHook(() => useRemote(() => answer.promise, []));
    expect(result.current.state).toEqual({ status: 'loading' });

    await act(async () => answer.resolve('数据'));
    expect(result.current.state).toMatchObject({ status: 'ok', data: '数据', refreshing: false });
    if (result.current.state.status === 'ok') expect(result.current.state.receivedAt).toBeGreaterThan(0);
  });

  it('when the load fails, then the state is error with the Chinese message and the HTTP status; 重试 loads again', async () => {
    const load = jest.fn().mockRejectedValueOnce(notFound()).mockResolvedValueOnce('第二次');
    const { result } = renderHook(() => useRemote(load, []));
    await waitFor(() => expect(result.current.state.status).toBe('error'));
    expect(result.current.state).toEqual({ status: 'error', message: '没有找到', httpStatus: 404 });

    act(() => result.current.reload());
    expect(result.current.state).toEqual({ status: 'loading' });
    await waitFor(() => expect(result.current.state).toMatchObject({ status: 'ok', data: '第二次' }));
  });

  it('when something other than an ApiError is thrown, then the message is the generic one and the status 0', async () => {
    const { result } = renderHook(() => useRemote(() => Promise.reject(new Error('boom')), []));
    await waitFor(() => expect(result.current.state.status).toBe('error'));
    expect(result.current.state).toEqual({ status: 'error', message: '操作失败，请稍后再试', httpStatus: 0 });
  });

  it('when a refresh fails, then the data stays on screen and refresh resolves to the message', async () => {
    const load = jest.fn().mockResolvedValueOnce('旧数据');
    const { result } = renderHook(() => useRemote(load, []));
    await waitFor(() => expect(result.current.state.status).toBe('ok'));

    const second = deferred<string>();
    load.mockReturnValueOnce(second.promise);
    let outcome: Promise<string | null> = Promise.resolve(null);
    act(() => {
      outcome = result.current.refresh();
    });
    expect(result.current.state).toMatchObject({ status: 'ok', data: '旧数据', refreshing: true });

    await act(async () => second.reject(offline()));
    await expect(outcome).resolves.toBe('网络连接失败，请检查网络后重试');
    expect(result.current.state).toMatchObject({ status: 'ok', data: '旧数据', refreshing: false });
  });

  it('when a refresh succeeds, then it resolves to null with the new data', async () => {
    const load = jest.fn().mockResolvedValueOnce('旧').mockResolvedValueOnce('新');
    const { result } = renderHook(() => useRemote(load, []));
    await waitFor(() => expect(result.current.state.status).toBe('ok'));
    let outcome: string | null = 'unset';
    await act(async () => {
      outcome = await result.current.refresh();
    });
    expect(outcome).toBeNull();
    expect(result.current.state).toMatchObject({ status: 'ok', data: '新', refreshing: false });
  });

  it('when the deps change while an answer is on its way, then the late answer of the old deps is dropped', async () => {
    const answers: Record<string, ReturnType<typeof deferred<string>>> = { a: deferred(), b: deferred() };
    const { result, rerender } = renderHook(({ id }) => useRemote(() => answers[id].promise, [id]), { initialProps: { id: 'a' } });
    rerender({ id: 'b' });
    await act(async () => answers.b.resolve('乙'));
    await act(async () => answers.a.resolve('甲'));
    expect(result.current.state).toMatchObject({ status: 'ok', data: '乙' });
  });

  it('when an older refresh fails after a newer one answered, then the failure is dropped', async () => {
    const load = jest.fn().mockResolvedValueOnce('初始');
    const { result } = renderHook(() => useRemote(load, []));
    await waitFor(() => expect(result.current.state.status).toBe('ok'));
    const older = deferred<string>();
    const newer = deferred<string>();
    load.mockReturnValueOnce(older.promise).mockReturnValueOnce(newer.promise);
    act(() => {
      void result.current.refresh();
      void result.current.refresh();
    });
    await act(async () => newer.resolve('最新'));
    await act(async () => older.reject(offline()));
    expect(result.current.state).toMatchObject({ status: 'ok', data: '最新', refreshing: false });
  });

  it('when the data is replaced (what a write answered), then a load still in flight cannot overwrite it', async () => {
    const first = deferred<string>();
    const { result } = renderHook(() => useRemote(() => first.promise, []));
    act(() => result.current.replace('写入后的数据'));
    await act(async () => first.resolve('读到的旧数据'));
    expect(result.current.state).toMatchObject({ status: 'ok', data: '写入后的数据' });
  });

  it('when the screen is gone before the answer, then nothing is set after unmount', async () => {
    const answer = deferred<string>();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { result, unmount } = renderHook(() => useRemote(() => answer.promise, []));
    unmount();
    await act(async () => answer.resolve('太晚了'));
    expect(result.current.state).toEqual({ status: 'loading' });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
