import { Text, View } from '@tarojs/components';
import { StatusView } from '../StatusView';
import './index.scss';

interface ComingSoonProps {
  testId: string;
  glyph: string;
  title: string;
  description: string;
  /** What the feature will offer, one line each. */
  upcoming: string[];
  actionText?: string;
  onAction?: () => void;
}

/** The designed placeholder of a tab whose feature is not open yet. */
export function ComingSoon({ testId, glyph, title, description, upcoming, actionText, onAction }: ComingSoonProps) {
  return (
    <View className='page'>
      <StatusView testId={testId} glyph={glyph} title={title} description={description} actionText={actionText} onAction={onAction}>
        <View className='coming-soon__badge'>
          <Text>即将开放</Text>
        </View>
        <View className='coming-soon__list'>
          {upcoming.map((line) => (
            <View key={line} className='coming-soon__item'>
              <View className='coming-soon__dot' />
              <Text>{line}</Text>
            </View>
          ))}
        </View>
      </StatusView>
    </View>
  );
}
