import { Text, View } from '@tarojs/components';
import { StatusView } from '@/components/StatusView';
import { openSearch } from '@/features/policy';
import type { UseHome } from '../hooks/useHome';
import { ConsultationsPanel } from './ConsultationsPanel';
import { HotlinePanel } from './HotlinePanel';
import { InterpretationsPanel } from './InterpretationsPanel';
import { MeetingsPanel } from './MeetingsPanel';
import { OpenDaysPanel } from './OpenDaysPanel';
import './HomeView.scss';

/** The home page's content for a given feed state. */
export function HomeView({ state, reload }: Pick<UseHome, 'state' | 'reload'>) {
  const data = state.status === 'ok' ? state.data : undefined;
  return (
    <View className='page home' data-testid='home' data-state={state.status}>
      <View className='home__hero'>
        <Text className='home__hero-title'>阳光政务</Text>
        <Text className='home__hero-sub'>政策解读 · 民意征集 · 开放参与 · 12345热线</Text>
        <View className='home__search' data-testid='home-search' onClick={() => openSearch()}>
          <Text className='home__search-icon'>⌕</Text>
          <Text className='home__search-placeholder'>搜索政策问答</Text>
        </View>
      </View>
      {state.status === 'error' ? (
        <StatusView testId='home-error' glyph='!' tone='warn' title='首页内容加载失败' description={state.message} actionText='重试' onAction={reload} />
      ) : (
        <View className='home__panels'>
          <InterpretationsPanel panel={data?.interpretations} />
          <ConsultationsPanel panel={data?.consultations} />
          <OpenDaysPanel panel={data?.openDays} />
          <MeetingsPanel panel={data?.meetings} />
          <HotlinePanel panel={data?.hotlineStats} />
        </View>
      )}
    </View>
  );
}
