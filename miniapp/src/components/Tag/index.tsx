import { Text } from '@tarojs/components';
import './index.scss';

/** A short label; `accent` for things that need attention (deadlines). */
export function Tag({ children, tone = 'plain' }: { children: string; tone?: 'plain' | 'accent' | 'info' }) {
  return <Text className={`tag tag--${tone}`}>{children}</Text>;
}
