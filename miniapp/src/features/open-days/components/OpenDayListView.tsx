import { Text, View } from '@tarojs/components';
import { REGISTRATION_STATUS_LABELS, type OpenDayListItem, type OpenDayListResponse } from '@zwgk/contracts';
import { PageHeader } from '@/components/PageHeader';
import { panelTexts } from '@/components/Panel';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import { phaseTone, statusTone } from '../lib/labels';
import { openMyRegistrations, openOpenDay } from '../navigation';
import './open-days.scss';

/** 开放日列表: each open day with its phase, first session, places left and the citizen's own status. */
export function OpenDayListView({ list, signedIn }: { list: UseRemote<OpenDayListResponse>; signedIn: boolean }) {
  const { state } = list;
  return (
    <View className='page od-page' data-testid='open-days' data-state={state.status === 'ok' && !state.data.items.length ? 'empty' : state.status}>
      <PageHeader
        title='政府开放日'
        subtitle='走进政府机关和公共设施，在线报名、凭码签到'
        actions={
          signedIn ? (
            <Text className='od-link' data-testid='open-my-registrations' onClick={openMyRegistrations}>
              我的报名 ›
            </Text>
          ) : null
        }
      />
      {state.status === 'loading' ? <Skeleton rows={4} /> : null}
      {state.status === 'error' ? (
        <StatusView testId='open-days-error' glyph='!' tone='warn' title='开放日加载失败' description={state.message} actionText='重试' onAction={list.reload} />
      ) : null}
      {state.status === 'ok' ? (
        <>
          {state.data.status === 'stale' ? (
            <Text className='od-notice' data-testid='open-days-stale'>
              {panelTexts.stale}
            </Text>
          ) : null}
          {state.data.items.length ? (
            state.data.items.map((item) => <OpenDayCard key={item.id} item={item} />)
          ) : (
            <StatusView testId='open-days-empty' glyph='开' title='近期暂无政府开放日' description='新的开放日活动发布后会出现在这里。' />
          )}
        </>
      ) : null}
    </View>
  );
}

function OpenDayCard({ item }: { item: OpenDayListItem }) {
  return (
    <View className='od-card' data-testid='open-day-row' data-id={item.id} data-phase={item.phase} onClick={() => openOpenDay(item.id)}>
      <View className='od-card__head'>
        <Tag tone={phaseTone(item.phase)}>{item.phaseLabel}</Tag>
        {item.myStatus ? <Tag tone={statusTone(item.myStatus)}>{`我：${REGISTRATION_STATUS_LABELS[item.myStatus]}`}</Tag> : null}
      </View>
      <Text className='od-card__title'>{item.title}</Text>
      <View className='od-meta'>
        <Text>{item.host}</Text>
        <Text>{item.location}</Text>
      </View>
      <View className='od-meta'>
        <Text>{item.firstSessionAt ? `首场 ${formatDateTime(item.firstSessionAt)}` : '暂无场次'}</Text>
        {item.sessionCount > 1 ? <Text>共 {item.sessionCount} 场</Text> : null}
        <Text data-testid='open-day-places'>{item.placesLeft > 0 ? `余位 ${item.placesLeft}/${item.capacity}` : `已满 ${item.capacity}/${item.capacity}`}</Text>
        {item.phase === 'open' ? <Text>{formatDateTime(item.registrationClosesAt)}报名截止</Text> : null}
        {item.phase === 'upcoming' ? <Text>{formatDateTime(item.registrationOpensAt)}开始报名</Text> : null}
      </View>
    </View>
  );
}
