import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { LoginPrompt } from '@/components/LoginPrompt';
import { panelTexts } from '@/components/Panel';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import type { RemoteState } from '@/hooks';
import './meetings.scss';

interface MeetingGateProps<T> {
  testId: string;
  state: RemoteState<T>;
  onRetry: () => void;
  /** What failed, e.g. 会议信息加载失败. */
  errorTitle: string;
  /** The 404 state (a meeting the portal no longer lists). */
  notFound?: { title: string; description: string };
  /** A page that needs a login: what to say when the BFF answered 401. */
  login?: { title: string; description: string };
  children: (data: T) => ReactNode;
}

/**
 * Every meetings page before its content: the skeleton, the login prompt (401), 没有找到 (404)
 * or the failure with 重试. The page root carries `data-testid` and `data-state`.
 */
export function MeetingGate<T>({ testId, state, onRetry, errorTitle, notFound, login, children }: MeetingGateProps<T>) {
  if (state.status === 'ok') return <>{children(state.data)}</>;
  let body: ReactNode;
  let shown: string = state.status;
  if (state.status === 'loading') {
    body = <Skeleton rows={4} />;
  } else if (state.httpStatus === 401 && login) {
    shown = 'signed-out';
    body = <LoginPrompt testId={`${testId}-login`} title={login.title} description={login.description} />;
  } else if (state.httpStatus === 404 && notFound) {
    shown = 'not-found';
    body = <StatusView testId={`${testId}-error`} glyph='?' tone='warn' title={notFound.title} description={notFound.description} />;
  } else {
    body = <StatusView testId={`${testId}-error`} glyph='!' tone='warn' title={errorTitle} description={state.message} actionText='重试' onAction={onRetry} />;
  }
  return (
    <View className='page mt-page' data-testid={testId} data-state={shown}>
      {body}
    </View>
  );
}

/** The portal is unreachable and the BFF answered from its cache: say so above the content. */
export function StaleNotice({ status, testId }: { status: 'ok' | 'stale'; testId: string }) {
  if (status !== 'stale') return null;
  return (
    <View className='mt-notice' data-testid={testId}>
      <Text>{panelTexts.stale}</Text>
    </View>
  );
}
