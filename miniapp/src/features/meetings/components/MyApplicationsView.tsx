import { View } from '@tarojs/components';
import type { MyMeetingApplication, MyMeetingApplicationList } from '@zwgk/contracts';
import { PageHeader } from '@/components/PageHeader';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import { useApplicationActions } from '../hooks/useApplicationActions';
import { openMeetingList } from '../navigation';
import { ApplicationCard } from './ApplicationCard';
import { MeetingGate } from './MeetingGate';
import './meetings.scss';

/** 我的列席申请: each application with its status, draw number and what can be done now. */
export function MyApplicationsView({ remote }: { remote: UseRemote<MyMeetingApplicationList> }) {
  const { replace, refresh } = remote;
  const data = remote.state.status === 'ok' ? remote.state.data : null;
  const actions = useApplicationActions(
    (changed: MyMeetingApplication) => {
      if (data) replace({ items: data.items.map((a) => (a.id === changed.id ? changed : a)) });
    },
    () => void refresh(),
  );
  return (
    <MeetingGate
      testId='my-applications'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='我的列席申请加载失败'
      login={{ title: '登录后查看我的列席申请', description: '您的申请、抽签号和选定结果只对您本人显示。登录完成会回到本页。' }}
    >
      {({ items }) => (
        <View className='page mt-page' data-testid='my-applications' data-state={items.length ? 'ok' : 'empty'}>
          <PageHeader title='我的列席申请' subtitle={items.length ? `共 ${items.length} 份` : undefined} />
          {items.length ? (
            items.map((a) => <ApplicationCard key={a.id} app={a} selection={null} actions={actions} showMeeting />)
          ) : (
            <StatusView testId='my-applications-empty' glyph='会' title='还没有申请过列席' description='在“参与”页打开列席政府会议，选择会议即可申请。' actionText='去看看' onAction={openMeetingList} />
          )}
        </View>
      )}
    </MeetingGate>
  );
}
