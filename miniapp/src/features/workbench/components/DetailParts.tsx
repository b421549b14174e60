import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** A titled part of a detail pane (`private`: what only the desk's staff may see). */
export function Section({ title, testId, tone, level = 3, children }: { title: string; testId?: string; tone?: 'private'; level?: 2 | 3; children: ReactNode }) {
  return (
    <View className={`desk-section ${tone ? `desk-section--${tone}` : ''}`} data-testid={testId}>
      <View className='desk-section__title' role='heading' aria-level={level}>
        {title}
      </View>
      {children}
    </View>
  );
}

export function Rows({ children }: { children: ReactNode }) {
  return <View className='desk-rows'>{children}</View>;
}

/** A label and its value; the value can be selected (copied). */
export function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className='desk-rows__row'>
      <Text className='desk-rows__label'>{label}</Text>
      <Text className='desk-rows__value' data-testid={testId} userSelect>
        {value}
      </Text>
    </View>
  );
}
