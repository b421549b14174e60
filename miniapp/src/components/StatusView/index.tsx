import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { AppButton } from '../AppButton';
import './index.scss';

interface StatusViewProps {
  testId: string;
  /** A single character drawn in the badge above the title. */
  glyph: string;
  title: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
  tone?: 'neutral' | 'warn';
  children?: ReactNode;
}

/** A full-width message with an optional action: page errors, features not yet open. */
export function StatusView({ testId, glyph, title, description, actionText, onAction, tone = 'neutral', children }: StatusViewProps) {
  return (
    <View className={`status-view status-view--${tone}`} data-testid={testId}>
      <View className='status-view__glyph'>
        <Text>{glyph}</Text>
      </View>
      <Text className='status-view__title'>{title}</Text>
      {description ? <Text className='status-view__desc'>{description}</Text> : null}
      {children}
      {actionText && onAction ? (
        <AppButton className='status-view__action' onClick={onAction} testId={`${testId}-action`}>
          {actionText}
        </AppButton>
      ) : null}
    </View>
  );
}
