import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Skeleton } from '../Skeleton';
import './index.scss';

/** What a panel shows: `stale` keeps the content with a quiet notice, `unavailable` replaces it. */
export type PanelState = 'loading' | 'ok' | 'empty' | 'stale' | 'unavailable';

export const panelTexts = {
  stale: '政务服务暂时不可用，已显示最近的内容',
  unavailable: '暂时无法获取，请稍后再试',
} as const;

interface PanelProps {
  /** Stable name, used for `data-testid="panel-<name>"`. */
  name: string;
  title: string;
  state: PanelState;
  emptyText: string;
  /** Shown when the content has items but the panel is stale. */
  hasContent?: boolean;
  moreText?: string;
  onMore?: () => void;
  skeletonRows?: number;
  children?: ReactNode;
}

/** A home-feed card with a title and one of the five content states. */
export function Panel({ name, title, state, emptyText, hasContent = true, moreText, onMore, skeletonRows = 3, children }: PanelProps) {
  return (
    <View className='panel' data-testid={`panel-${name}`} data-state={state}>
      <View className='panel__head'>
        <Text className='panel__title'>{title}</Text>
        {onMore && state !== 'loading' ? (
          <Text className='panel__more' onClick={onMore}>
            {moreText ?? '更多'} ›
          </Text>
        ) : null}
      </View>
      {state === 'stale' ? (
        <View className='panel__notice' data-testid='panel-stale'>
          <Text>{panelTexts.stale}</Text>
        </View>
      ) : null}
      <PanelBody state={state} emptyText={emptyText} hasContent={hasContent} skeletonRows={skeletonRows}>
        {children}
      </PanelBody>
    </View>
  );
}

function PanelBody({ state, emptyText, hasContent, skeletonRows, children }: Required<Pick<PanelProps, 'state' | 'emptyText' | 'hasContent' | 'skeletonRows'>> & { children?: ReactNode }) {
  if (state === 'loading') return <Skeleton rows={skeletonRows} />;
  if (state === 'unavailable') {
    return (
      <View className='panel__message panel__message--warn' data-testid='panel-unavailable'>
        <Text>{panelTexts.unavailable}</Text>
      </View>
    );
  }
  if (state === 'empty' || (state === 'stale' && !hasContent)) {
    return (
      <View className='panel__message' data-testid='panel-empty'>
        <Text>{emptyText}</Text>
      </View>
    );
  }
  return <View className='panel__body'>{children}</View>;
}

/** Decides a list panel's state from the server's freshness flag and whether it has items. */
export function panelStateOf(status: 'ok' | 'stale' | 'unavailable', hasContent: boolean): PanelState {
  if (status === 'unavailable') return 'unavailable';
  if (status === 'stale') return 'stale';
  return hasContent ? 'ok' : 'empty';
}
