import { Text, View } from '@tarojs/components';
import type { MeetingDetail, MeetingDetailResponse } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { PageHeader } from '@/components/PageHeader';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import { useApplicationActions } from '../hooks/useApplicationActions';
import { phaseTone, selectionSentence } from '../lib/labels';
import { meetingPages, openMeetingPage } from '../navigation';
import { ApplicationCard } from './ApplicationCard';
import { MeetingGate, StaleNotice } from './MeetingGate';
import './meetings.scss';

/** 会议详情: what, when and where; seats; how observers are chosen; the citizen's application; observers and opinions. */
export function MeetingDetailView({ remote }: { remote: UseRemote<MeetingDetailResponse> }) {
  return (
    <MeetingGate
      testId='meeting-detail'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='会议信息加载失败'
      notFound={{ title: '没有找到这次会议', description: '它可能已被撤下，或链接有误。' }}
    >
      {(data) => <Detail data={data} remote={remote} />}
    </MeetingGate>
  );
}

function Detail({ data, remote }: { data: MeetingDetailResponse; remote: UseRemote<MeetingDetailResponse> }) {
  const m = data.item;
  const refresh = () => void remote.refresh();
  const actions = useApplicationActions(refresh, refresh);
  const app = m.me?.application ?? null;
  return (
    <View className='page mt-page' data-testid='meeting-detail' data-state='ok' data-phase={m.phase}>
      <PageHeader title={m.title} subtitle={m.organizer} />
      <StaleNotice status={data.status} testId='meeting-stale' />
      <View className='mt-card' data-testid='meeting-facts'>
        <View className='mt-head'>
          <View>
            <Tag tone={phaseTone(m.phase)}>{m.phaseLabel}</Tag>
            <Tag tone='info'>{m.selectionLabel}</Tag>
          </View>
        </View>
        <Text className='mt-fact'>组织单位：{m.organizer}</Text>
        <Text className='mt-fact'>会议时间：{formatDateTime(m.startsAt)}</Text>
        <Text className='mt-fact'>会议地点：{m.location}</Text>
        <Text className='mt-fact mt-fact--strong'>申请截止：{formatDateTime(m.applicationClosesAt)}</Text>
      </View>
      {/* The citizen's own application comes first after the facts: it is what they came back for. */}
      {app ? <ApplicationCard app={app} selection={m.selection} actions={actions} /> : null}
      {/* A withdrawn application may be made again before the close. */}
      {!app || app.status === 'withdrawn' ? <ApplyEntry m={m} again={Boolean(app)} /> : null}
      {m.agenda.length ? (
        <View className='mt-card' data-testid='meeting-agenda'>
          <View className='mt-h2' role='heading' aria-level={2}>
            议题
          </View>
          {m.agenda.map((a, i) => (
            <Text key={a} className='mt-text'>
              {i + 1}. {a}
            </Text>
          ))}
        </View>
      ) : null}
      <Seats m={m} />
      <Selection m={m} />
      <Observers m={m} />
      <Opinions m={m} />
    </View>
  );
}

function Seats({ m }: { m: MeetingDetail }) {
  return (
    <View className='mt-card' data-testid='meeting-seats'>
      <View className='mt-h2' role='heading' aria-level={2}>
        列席名额（共 {m.totalSeats} 个）
      </View>
      <View className='mt-seats'>
        {m.seats
          .filter((s) => s.seats > 0)
          .map((s) => (
            <View key={s.category} className='mt-seat' data-testid='seat' data-category={s.category}>
              <Text className='mt-seat__label'>{s.label}</Text>
              <Text className='mt-muted'>
                名额 {s.seats} · 已申请 {s.applications}
                {m.phase === 'selected' || m.phase === 'held' ? ` · 已选定 ${s.selected}` : ''}
              </Text>
            </View>
          ))}
      </View>
    </View>
  );
}

function Selection({ m }: { m: MeetingDetail }) {
  const lottery = m.selection === 'lottery';
  return (
    <View className='mt-card' data-testid='meeting-selection'>
      <View className='mt-h2' role='heading' aria-level={2}>
        选定方式：{m.selectionLabel}
      </View>
      <Text className='mt-text'>{selectionSentence(m.selection)}</Text>
      {lottery ? (
        <Text className='mt-hint' data-testid='draw-source'>
          {m.drawSource ? `抽签将使用：${m.drawSource}` : '抽签所用的公开随机数来源将在申请截止前公布。'}
        </Text>
      ) : null}
      {lottery && m.phase !== 'open' ? (
        <Text className='mt-link' data-testid='open-draw' onClick={() => openMeetingPage(meetingPages.draw(m.id))}>
          {m.drawPublished ? '查看抽签公示并复核 ›' : '查看冻结名单 ›'}
        </Text>
      ) : null}
    </View>
  );
}

function ApplyEntry({ m, again }: { m: MeetingDetail; again: boolean }) {
  if (!m.canApply) {
    if (again) return null;
    return (
      <View className='mt-card' data-testid='apply-closed'>
        <Text className='mt-muted'>申请已于 {formatDateTime(m.applicationClosesAt)} 截止。</Text>
      </View>
    );
  }
  return (
    <View className='mt-card' data-testid='apply-entry'>
      <Text className='mt-muted'>{m.me ? '每人每次会议可申请一次。' : '登录后即可申请，选定结果会通知您本人。'}</Text>
      <AppButton className='mt-form__submit' testId='open-apply' onClick={() => openMeetingPage(meetingPages.apply(m.id))}>
        {again ? '重新申请' : '申请列席'}
      </AppButton>
    </View>
  );
}

function Observers({ m }: { m: MeetingDetail }) {
  if (!m.observers.length) return null;
  return (
    <View className='mt-card' data-testid='meeting-observers'>
      <View className='mt-h2' role='heading' aria-level={2}>
        列席人员（{m.observers.length}）
      </View>
      <View className='mt-list'>
        {m.observers.map((o) => (
          <View key={o.drawNumber} className='mt-item' data-testid='observer'>
            <Text className='mt-fact mt-fact--strong'>
              {o.name} · {o.categoryLabel}
              {o.confirmed ? ' · 已确认参加' : ''}
            </Text>
            <Text className='mt-muted'>
              抽签号 {o.drawNumber}
              {o.organisation ? ` · ${o.organisation}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Opinions({ m }: { m: MeetingDetail }) {
  if (m.phase !== 'held' && !m.opinions.length) return null;
  return (
    <View className='mt-card' data-testid='meeting-opinions'>
      <View className='mt-h2' role='heading' aria-level={2}>
        列席意见与答复
      </View>
      {m.opinions.length ? (
        <View className='mt-list'>
          {m.opinions.map((o) => (
            <View key={o.id} className='mt-item' data-testid='opinion'>
              <Text className='mt-muted'>
                {o.name} · {o.categoryLabel} · {formatDateTime(o.submittedAt)}
              </Text>
              <Text className='mt-text'>{o.text}</Text>
              {o.reply ? (
                <View className='mt-reply' data-testid='opinion-reply'>
                  <Text className='mt-fact mt-fact--strong'>答复（{formatDateTime(o.reply.repliedAt)}）</Text>
                  <Text className='mt-text'>{o.reply.text}</Text>
                </View>
              ) : (
                <Text className='mt-muted'>待答复</Text>
              )}
            </View>
          ))}
        </View>
      ) : (
        <Text className='mt-muted'>列席人员还没有提交意见。</Text>
      )}
    </View>
  );
}
