import { Text, View } from '@tarojs/components';
import type { ConsultationListItem } from '@zwgk/contracts';
import { PageHeader } from '@/components/PageHeader';
import { panelTexts } from '@/components/Panel';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { openMeetingList } from '@/features/meetings';
import { openParticipationStats } from '@/features/participation';
import type { UseRemote } from '@/hooks';
import type { ConsultationListResponse } from '@zwgk/contracts';
import { formatDate, formatDateTime, formatDaysLeft } from '@/utils/format';
import { openOpenDayList } from '@/features/open-days';
import { phaseSections, phaseTone } from '../lib/labels';
import { openConsultation, openMyComments } from '../navigation';
import './consultations.scss';

/**
 * The 参与 tab: consultations first (征求中 with the days left, then 即将开始, 已截止 and
 * 已公布采纳情况), then the other ways to take part (政府开放日, 列席会议) and their published figures.
 */
export function ParticipateView({ list, signedIn }: { list: UseRemote<ConsultationListResponse>; signedIn: boolean }) {
  const { state } = list;
  return (
    <View className='page cs-page' data-testid='participate' data-state={state.status}>
      <PageHeader
        title='公众参与'
        subtitle='对政府草案发表意见，查看意见采纳情况'
        actions={
          signedIn ? (
            <Text className='cs-link' data-testid='open-my-comments' onClick={openMyComments}>
              我的意见 ›
            </Text>
          ) : null
        }
      />
      <View className='cs-section' data-testid='consultations'>
        <View className='cs-section__head' role='heading' aria-level={2}>
          意见征集
        </View>
        {state.status === 'loading' ? <Skeleton rows={3} /> : null}
        {state.status === 'error' ? (
          <StatusView testId='consultations-error' glyph='!' tone='warn' title='意见征集加载失败' description={state.message} actionText='重试' onAction={list.reload} />
        ) : null}
        {state.status === 'ok' ? <Groups data={state.data} /> : null}
      </View>
      <View className='cs-section' data-testid='participate-upcoming'>
        <View className='cs-section__head' role='heading' aria-level={2}>
          更多参与方式
        </View>
        <View className='cs-card cs-row' data-testid='entry-open-days' onClick={openOpenDayList}>
          <View className='cs-row__head'>
            <Text className='cs-card__title'>政府开放日</Text>
            <Text className='cs-link'>查看开放日 ›</Text>
          </View>
          <Text className='cs-muted'>走进政府机关和公共设施，在线报名、凭码签到。</Text>
        </View>
        <View className='cs-card cs-row' data-testid='open-meetings' onClick={openMeetingList}>
          <View className='cs-row__head'>
            <Text className='cs-card__title'>列席政府会议</Text>
            <Text className='cs-link'>查看会议 ›</Text>
          </View>
          <Text className='cs-muted'>申请列席政府常务会议等涉及公众利益的会议，选定过程公开可复核。</Text>
        </View>
        <View className='cs-card cs-row' role='link' data-testid='open-participation-stats' onClick={openParticipationStats}>
          <View className='cs-row__head'>
            <Text className='cs-card__title'>公开参与数据</Text>
            <Text className='cs-link'>查看数据 ›</Text>
          </View>
          <Text className='cs-muted'>每年开放日的场次、报名和到场人数，列席会议的次数和各类别列席人数。</Text>
        </View>
      </View>
    </View>
  );
}

function Groups({ data }: { data: ConsultationListResponse }) {
  return (
    <>
      {data.status === 'stale' ? (
        <View className='cs-notice' data-testid='consultations-stale'>
          <Text>{panelTexts.stale}</Text>
        </View>
      ) : null}
      {phaseSections.map(({ phase, title, empty }) => {
        const items = data.items.filter((c) => c.phase === phase);
        if (!items.length && !empty) return null;
        return (
          <View key={phase} className='cs-group' data-testid={`group-${phase}`}>
            <Text className='cs-group__title'>
              {title}
              {items.length ? `（${items.length}）` : ''}
            </Text>
            {items.length ? items.map((c) => <ConsultationRow key={c.id} item={c} />) : <Text className='cs-muted cs-group__empty'>{empty}</Text>}
          </View>
        );
      })}
    </>
  );
}

function ConsultationRow({ item }: { item: ConsultationListItem }) {
  return (
    <View className='cs-card cs-row' data-testid='consultation-row' data-id={item.id} data-phase={item.phase} onClick={() => openConsultation(item.id)}>
      <View className='cs-row__head'>
        <Tag tone={phaseTone(item.phase)}>{item.phase === 'open' && item.daysLeft !== null ? formatDaysLeft(item.daysLeft) : item.phaseLabel}</Tag>
        <Text className='cs-muted'>{item.issuer}</Text>
      </View>
      <Text className='cs-row__title'>{item.title}</Text>
      <View className='cs-row__meta'>
        {item.phase === 'upcoming' ? <Text>{formatDateTime(item.opensAt)}开始</Text> : null}
        {item.phase === 'open' ? <Text>{formatDateTime(item.closesAt)}截止</Text> : null}
        {item.phase === 'closed' ? <Text>{formatDate(item.closesAt)}截止，采纳情况整理中</Text> : null}
        {item.phase === 'reported' && item.reportPublishedAt ? <Text>{formatDate(item.reportPublishedAt)}公布采纳情况</Text> : null}
        {item.phase !== 'upcoming' ? <Text>已公开意见 {item.commentCount} 条</Text> : null}
      </View>
    </View>
  );
}
