import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface PageHeaderProps {
  /** The page's one heading (level 1). */
  title: string;
  /** A line under the title, e.g. a count. */
  subtitle?: ReactNode;
  /** Controls on the right of the title (they wrap under it when the text is large). */
  actions?: ReactNode;
  testId?: string;
}

/** The top of a page: its single level-1 heading, an optional line under it and actions beside it. */
export function PageHeader({ title, subtitle, actions, testId }: PageHeaderProps) {
  return (
    <View className='page-header' data-testid={testId}>
      <View className='page-header__text'>
        <View className='page-header__title' role='heading' aria-level={1}>
          {title}
        </View>
        {subtitle ? <Text className='page-header__subtitle'>{subtitle}</Text> : null}
      </View>
      {actions ? <View className='page-header__actions'>{actions}</View> : null}
    </View>
  );
}
