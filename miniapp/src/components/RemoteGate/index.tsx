import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { LoginPrompt } from '@/components/LoginPrompt';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import type { RemoteState } from '@/hooks';

interface RemoteGateProps<T> {
  testId: string;
  state: RemoteState<T>;
  onRetry: () => void;
  /** What failed, e.g. 征集内容加载失败. */
  errorTitle: string;
  /** The 404 state: what was not found and why. */
  notFound: { title: string; description: string };
  /** The signed-out state of a page that needs a login (401). */
  login?: { title: string; description: string };
  children: (data: T, refreshing: boolean) => ReactNode;
}

/**
 * The states every page of one remote item has before its content: loading, signed out, not found and
 * a failure worth 重试. `data-testid="<testId>"` with `data-state`.
 */
export function RemoteGate<T>({ testId, state, onRetry, errorTitle, notFound, login, children }: RemoteGateProps<T>) {
  if (state.status === 'loading') {
    return (
      <View className='page' data-testid={testId} data-state='loading'>
        <Skeleton rows={4} />
      </View>
    );
  }
  if (state.status === 'error' && state.httpStatus === 401 && login) {
    return (
      <View className='page' data-testid={testId} data-state='signed-out'>
        <LoginPrompt testId={`${testId}-login`} title={login.title} description={login.description} />
      </View>
    );
  }
  if (state.status === 'error') {
    const missing = state.httpStatus === 404;
    return (
      <View className='page' data-testid={testId} data-state={missing ? 'not-found' : 'error'}>
        <StatusView
          testId={`${testId}-error`}
          glyph={missing ? '?' : '!'}
          tone='warn'
          title={missing ? notFound.title : errorTitle}
          description={missing ? notFound.description : state.message}
          actionText={missing ? undefined : '重试'}
          onAction={missing ? undefined : onRetry}
        />
      </View>
    );
  }
  return <>{children(state.data, state.refreshing)}</>;
}
