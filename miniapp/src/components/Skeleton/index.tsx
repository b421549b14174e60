import { View } from '@tarojs/components';
import './index.scss';

/** Grey placeholder lines shown while content loads. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <View className='skeleton' data-testid='skeleton' aria-busy='true'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='skeleton__item'>
          <View className='skeleton__line skeleton__line--title' />
          <View className='skeleton__line skeleton__line--short' />
        </View>
      ))}
    </View>
  );
}
