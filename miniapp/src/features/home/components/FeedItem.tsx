import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

interface FeedItemProps {
  testId: string;
  title: string;
  summary?: string;
  meta: ReactNode;
  onTap?: () => void;
}

/** One row of a home panel: title, optional summary, a line of tags and facts. */
export function FeedItem({ testId, title, summary, meta, onTap }: FeedItemProps) {
  return (
    <View className='feed-item' data-testid={testId} onClick={onTap}>
      <Text className='feed-item__title'>{title}</Text>
      {summary ? <Text className='feed-item__summary'>{summary}</Text> : null}
      <View className='feed-item__meta'>{meta}</View>
    </View>
  );
}

export function MetaText({ children }: { children: ReactNode }) {
  return <Text className='feed-item__meta-text'>{children}</Text>;
}
