import { Text, View } from '@tarojs/components';
import { ACTIVE_REGISTRATION_STATUSES, type OpenDayDetail, type OpenDayDetailResponse } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { InlineMessage } from '@/components/InlineMessage';
import { LoginPrompt } from '@/components/LoginPrompt';
import { PageHeader } from '@/components/PageHeader';
import { panelTexts } from '@/components/Panel';
import { RemoteGate } from '@/components/RemoteGate';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import type { SessionState } from '@/services';
import { formatDateTime } from '@/utils/format';
import type { UseRegistrationActions } from '../hooks/useRegistrationActions';
import { phaseTone, placesText, sessionTimeText } from '../lib/labels';
import { openDayPages, openPage } from '../navigation';
import { RegistrationCard } from './RegistrationCard';
import { Fact } from './Fact';
import './open-days.scss';

interface OpenDayDetailViewProps {
  remote: UseRemote<OpenDayDetailResponse>;
  session: SessionState;
  actions: UseRegistrationActions;
}

/** 开放日详情: what it is, where and when, each session's places (live), and the citizen's own registration or the way to sign up. */
export function OpenDayDetailView({ remote, session, actions }: OpenDayDetailViewProps) {
  return (
    <RemoteGate
      testId='open-day'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='开放日加载失败'
      notFound={{ title: '没有找到这个开放日', description: '它可能已被撤下，或链接有误。' }}
    >
      {(data) => (
        <View className='page od-page' data-testid='open-day' data-state='ok'>
          <PageHeader title={data.item.title} subtitle={data.item.host} />
          {data.status === 'stale' ? (
            <Text className='od-notice' data-testid='open-day-stale'>
              {panelTexts.stale}
            </Text>
          ) : null}
          <About item={data.item} />
          <Sessions item={data.item} />
          <Mine item={data.item} session={session} actions={actions} />
        </View>
      )}
    </RemoteGate>
  );
}

function About({ item }: { item: OpenDayDetail }) {
  return (
    <View className='od-card' data-testid='open-day-about'>
      <View className='od-card__head'>
        <Tag tone={phaseTone(item.phase)}>{item.phaseLabel}</Tag>
      </View>
      <Fact label='主办单位'>{item.host}</Fact>
      <Fact label='地点'>{item.location}</Fact>
      <Fact label='报名时间'>
        {formatDateTime(item.registrationOpensAt)} 至 {formatDateTime(item.registrationClosesAt)}
      </Fact>
      <Text className='od-text'>{item.description}</Text>
    </View>
  );
}

function Sessions({ item }: { item: OpenDayDetail }) {
  return (
    <View className='od-card' data-testid='open-day-sessions'>
      <View className='od-section' role='heading' aria-level={2}>
        场次与余位
      </View>
      {item.sessions.length ? (
        item.sessions.map((s) => {
          const full = !s.ended && s.placesLeft <= 0;
          return (
            <View key={s.id} className='od-session' data-testid='session' data-id={s.id} data-full={String(full)}>
              <Text className='od-session__time'>{sessionTimeText(s.startsAt, s.endsAt)}</Text>
              <Text className={`od-session__places ${full ? 'od-session__places--full' : ''} ${s.ended ? 'od-session__places--ended' : ''}`} data-testid='session-places'>
                {placesText(s)}
                {full && s.waitlistLength > 0 ? `（${s.waitlistLength} 组候补中）` : ''}
              </Text>
            </View>
          );
        })
      ) : (
        <Text className='od-muted'>场次尚未公布。</Text>
      )}
      <Text className='od-muted'>余位实时更新。每人可带 {item.maxCompanions} 位同行人；场次开始前 {item.cancelCutoffHours} 小时内不能取消或改场次。</Text>
    </View>
  );
}

function Mine({ item, session, actions }: { item: OpenDayDetail; session: SessionState; actions: UseRegistrationActions }) {
  if (session.status !== 'authenticated' || !item.me) {
    if (!item.canRegister) return <Closed item={item} />;
    return <LoginPrompt testId='open-day-login' title='登录后报名' description='报名需要实名，登录后填写报名信息；登录完成会回到本页。' />;
  }
  const { registration, restriction } = item.me;
  if (registration && ACTIVE_REGISTRATION_STATUSES.includes(registration.status)) {
    return <RegistrationCard registration={registration} sessions={item.sessions} actions={actions} />;
  }
  return (
    <View data-testid='open-day-signup'>
      {/* An action refused on a registration that is no longer active (an offer that lapsed meanwhile): the card is gone, its reason stays. */}
      {actions.error ? (
        <InlineMessage tone='error' testId='registration-action-error'>
          {actions.error}
        </InlineMessage>
      ) : null}
      {registration ? (
        <Text className='od-notice od-notice--info' data-testid='previous-registration'>
          您此前的报名：{registration.statusLabel}（{sessionTimeText(registration.sessionStartsAt, registration.sessionEndsAt)}）
        </Text>
      ) : null}
      {restriction && item.canRegister ? (
        <Text className='od-notice' data-testid='restriction'>
          {restriction.message}
        </Text>
      ) : null}
      {item.canRegister ? (
        <AppButton testId='open-register' onClick={() => openPage(openDayPages.register(item.id))}>
          {restriction ? '我要候补' : '我要报名'}
        </AppButton>
      ) : (
        <Closed item={item} />
      )}
    </View>
  );
}

function Closed({ item }: { item: OpenDayDetail }) {
  const text =
    item.phase === 'upcoming'
      ? `${formatDateTime(item.registrationOpensAt)}开始报名，届时可在本页报名。`
      : item.phase === 'ended'
        ? '本次开放日已结束，感谢关注。'
        : '报名已截止，感谢关注。';
  return (
    <Text className='od-notice od-notice--info' data-testid='open-day-closed'>
      {text}
    </Text>
  );
}
