import { Text, View } from '@tarojs/components';
import './index.scss';

/**
 * A short message next to what it is about: `error` (announced as an alert) or `ok` (announced
 * politely), with a tinted background and dark text of at least 4.5:1.
 */
export function InlineMessage({ tone, testId, children }: { tone: 'ok' | 'error'; testId: string; children: string }) {
  return (
    <View className={`inline-message inline-message--${tone}`} data-testid={testId} role={tone === 'error' ? 'alert' : 'status'}>
      <Text>{children}</Text>
    </View>
  );
}
