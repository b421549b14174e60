import { Text, View } from '@tarojs/components';
import type { MeetingSelection, MyMeetingApplication } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseApplicationActions } from '../hooks/useApplicationActions';
import { nextStepOf, statusTone, withdrawLabelOf } from '../lib/labels';
import { meetingPages, openMeetingPage } from '../navigation';
import './meetings.scss';

interface ApplicationCardProps {
  app: MyMeetingApplication;
  /** null on 我的列席申请, which lists applications without their meetings. */
  selection: MeetingSelection | null;
  actions: UseApplicationActions;
  /** 我的列席申请 names the meeting; the meeting's own page does not need to. */
  showMeeting?: boolean;
}

/** The citizen's own application: status, the public draw number, the rank among reserves, and what they can do now. */
export function ApplicationCard({ app, selection, actions, showMeeting = false }: ApplicationCardProps) {
  const busy = actions.busy?.id === app.id ? actions.busy.action : null;
  return (
    <View className='mt-card' data-testid='my-application' data-status={app.status} data-id={app.id}>
      <View className='mt-head'>
        <View className='mt-h2' role='heading' aria-level={2}>
          {showMeeting ? app.meetingTitle : '我的申请'}
        </View>
        <Tag tone={statusTone(app.status)}>{app.statusLabel}</Tag>
      </View>
      {showMeeting ? <Text className='mt-muted'>{formatDateTime(app.meetingStartsAt)}召开</Text> : null}
      <Text className='mt-fact'>列席类别：{app.categoryLabel}</Text>
      <Text className='mt-fact'>
        抽签号：<Text className='mt-fact--strong' data-testid='draw-number'>{app.drawNumber}</Text>
      </Text>
      {app.status === 'reserve' && app.reserveRank ? (
        <Text className='mt-fact' data-testid='reserve-rank'>
          候补顺位：第 {app.reserveRank} 位
        </Text>
      ) : null}
      {app.organisation ? <Text className='mt-fact'>所在单位：{app.organisation}</Text> : null}
      {app.decisionReason ? (
        <Text className='mt-hint' data-testid='decision-reason'>
          审核理由：{app.decisionReason}
        </Text>
      ) : null}
      <Text className={`mt-hint ${app.status === 'selected' ? 'mt-hint--warn' : ''}`}>{nextStepOf(app, selection)}</Text>
      <View className='mt-actions'>
        {app.canConfirm ? (
          <AppButton testId='confirm-attendance' loading={busy === 'confirm'} disabled={busy !== null} onClick={() => void actions.confirm(app)}>
            确认参加
          </AppButton>
        ) : null}
        {app.canSubmitOpinion ? (
          <AppButton testId='open-opinion' onClick={() => openMeetingPage(meetingPages.opinion(app.meetingId))}>
            提交列席意见
          </AppButton>
        ) : null}
        {app.canWithdraw ? (
          <AppButton variant='secondary' testId='withdraw-application' loading={busy === 'withdraw'} disabled={busy !== null} onClick={() => void actions.withdraw(app)}>
            {withdrawLabelOf(app.status)}
          </AppButton>
        ) : null}
        {showMeeting ? (
          <Text className='mt-link mt-link--blue' onClick={() => openMeetingPage(meetingPages.detail(app.meetingId))}>
            查看会议 ›
          </Text>
        ) : null}
      </View>
    </View>
  );
}
