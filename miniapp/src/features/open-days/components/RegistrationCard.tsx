import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { MyOpenDayRegistration, OpenDaySession } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseRegistrationActions } from '../hooks/useRegistrationActions';
import { placesText, sessionTimeText, statusTone } from '../lib/labels';
import { openDayPages, openPage } from '../navigation';
import { Fact } from './Fact';
import './open-days.scss';

interface RegistrationCardProps {
  registration: MyOpenDayRegistration;
  /** The open day's sessions, to move to another one. */
  sessions: readonly OpenDaySession[];
  actions: UseRegistrationActions;
}

/**
 * 我的报名 on an open day's page: status, the session, who comes; the waitlist position, an offer
 * to confirm before its deadline, 取消报名 and 改场次 until the cut-off, 查看签到码 once confirmed.
 */
export function RegistrationCard({ registration: r, sessions, actions }: RegistrationCardProps) {
  const [choosing, setChoosing] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const others = sessions.filter((s) => s.id !== r.sessionId && !s.ended);
  const busy = actions.busy;
  return (
    <View className={`od-card ${r.status === 'offered' ? 'od-card--accent' : ''}`} data-testid='my-registration' data-status={r.status}>
      <View className='od-card__head'>
        <Text className='od-section'>我的报名</Text>
        <Tag tone={statusTone(r.status)}>{r.statusLabel}</Tag>
      </View>
      <Fact label='场次'>{sessionTimeText(r.sessionStartsAt, r.sessionEndsAt)}</Fact>
      <Fact label='报名人'>{r.name}（{r.idNumber}）</Fact>
      {r.companions.map((c, i) => (
        <Fact key={i} label={`同行人${i + 1}`}>{c.name}（{c.idNumber}）</Fact>
      ))}
      <Fact label='联系电话'>{r.phone} · 共 {r.partySize} 人</Fact>
      {r.status === 'waitlisted' && r.position !== null ? (
        <Text className='od-notice od-notice--info' data-testid='waitlist-position'>
          候补第 {r.position} 位。有人取消时按顺序递补，递补后会通知您，请在期限内确认。
        </Text>
      ) : null}
      {r.status === 'offered' ? (
        <View className='od-notice' data-testid='offer'>
          <Text>
            有名额空出，已为您保留至 <Text className='od-accent'>{formatDateTime(r.offerExpiresAt)}</Text>。请在此之前确认，逾期名额将递补给下一位。
          </Text>
        </View>
      ) : null}
      {r.status === 'attended' && r.checkedInAt ? <Text className='od-fact'>{formatDateTime(r.checkedInAt)} 已签到，欢迎参加。</Text> : null}
      {actions.error ? (
        <InlineMessage tone='error' testId='registration-action-error'>
          {actions.error}
        </InlineMessage>
      ) : null}
      <View className='od-actions'>
        {r.status === 'offered' ? (
          <AppButton testId='claim-offer' loading={busy === 'claim'} onClick={() => void actions.claim(r)}>
            确认递补
          </AppButton>
        ) : null}
        {r.status === 'confirmed' ? (
          <AppButton testId='open-pass' onClick={() => openPage(openDayPages.pass(r.id))}>
            查看签到码
          </AppButton>
        ) : null}
        {r.canChangeSession && others.length && !choosing ? (
          <AppButton variant='secondary' testId='change-session' onClick={() => setChoosing(true)}>
            改场次
          </AppButton>
        ) : null}
        {choosing ? (
          <View data-testid='change-session-chooser'>
            <Field name='targetSession' label='改到哪一场'>
              <Chips
                testId='target-session'
                options={others.map((s) => ({ value: s.id, label: `${sessionTimeText(s.startsAt, s.endsAt)} · ${placesText(s)}` }))}
                value={target}
                onChange={setTarget}
              />
            </Field>
            <Text className='od-muted'>新场次有足够余位才会改成功，原场次的名额随即释放；名额不够时保持原场次不变。</Text>
            <View className='od-actions'>
              <AppButton
                testId='change-session-confirm'
                disabled={!target}
                loading={busy === 'change'}
                onClick={() => {
                  if (target) void actions.change(r, target).then((done) => done && setChoosing(false));
                }}
              >
                确认改场次
              </AppButton>
              <AppButton variant='text' onClick={() => setChoosing(false)}>
                不改了
              </AppButton>
            </View>
          </View>
        ) : null}
        {r.canCancel ? (
          <AppButton variant='secondary' testId='cancel-registration' loading={busy === 'cancel'} onClick={() => void actions.cancel(r)}>
            {r.status === 'waitlisted' ? '取消候补' : '取消报名'}
          </AppButton>
        ) : null}
      </View>
      {r.changeDeadline && (r.canCancel || r.canChangeSession) ? <Text className='od-muted'>{formatDateTime(r.changeDeadline)}前可取消或改场次。</Text> : null}
    </View>
  );
}
