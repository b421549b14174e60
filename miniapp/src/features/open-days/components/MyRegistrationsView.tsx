import { Text, View } from '@tarojs/components';
import type { MyOpenDayRegistration, MyOpenDayRegistrationList } from '@zwgk/contracts';
import { PageHeader } from '@/components/PageHeader';
import { RemoteGate } from '@/components/RemoteGate';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import { sessionTimeText, statusTone } from '../lib/labels';
import { openDayPages, openOpenDayList, openPage } from '../navigation';
import './open-days.scss';

/** 我的报名: the citizen's registrations, newest first, with their status and the way to each. */
export function MyRegistrationsView({ remote }: { remote: UseRemote<MyOpenDayRegistrationList> }) {
  return (
    <RemoteGate
      testId='my-registrations'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='我的报名加载失败'
      notFound={{ title: '没有找到报名记录', description: '请稍后再试。' }}
      login={{ title: '登录后查看我的报名', description: '您的开放日报名只对您本人显示。登录完成会回到本页。' }}
    >
      {({ items }) => (
        <View className='page od-page' data-testid='my-registrations' data-state={items.length ? 'ok' : 'empty'}>
          <PageHeader title='我的报名' subtitle={items.length ? `共 ${items.length} 条` : undefined} />
          {items.length ? (
            items.map((r) => <Row key={r.id} registration={r} />)
          ) : (
            <StatusView testId='my-registrations-empty' glyph='报' title='还没有报名过开放日' description='政府开放日可在线报名，凭签到码入场。' actionText='去看看' onAction={openOpenDayList} />
          )}
        </View>
      )}
    </RemoteGate>
  );
}

function Row({ registration: r }: { registration: MyOpenDayRegistration }) {
  return (
    <View className='od-card' data-testid='my-registration-row' data-id={r.id} data-status={r.status}>
      <View className='od-card__head'>
        <Tag tone={statusTone(r.status)}>{r.statusLabel}</Tag>
        <Text className='od-muted'>{formatDateTime(r.createdAt)}报名</Text>
      </View>
      <Text className='od-card__title od-link' onClick={() => openPage(openDayPages.detail(r.openDayId))}>
        {r.openDayTitle}
      </Text>
      <Text className='od-fact'>{sessionTimeText(r.sessionStartsAt, r.sessionEndsAt)} · 共 {r.partySize} 人</Text>
      <Text className='od-fact'>{r.location}</Text>
      {r.status === 'waitlisted' && r.position !== null ? <Text className='od-notice od-notice--info'>候补第 {r.position} 位</Text> : null}
      {r.status === 'offered' ? (
        <Text className='od-notice' data-testid='my-registration-offer'>
          有名额空出，请在 {formatDateTime(r.offerExpiresAt)} 前到开放日页面确认递补。
        </Text>
      ) : null}
      <View className='od-meta'>
        {r.status === 'confirmed' ? (
          <Text className='od-link' data-testid='my-registration-pass' onClick={() => openPage(openDayPages.pass(r.id))}>
            查看签到码 ›
          </Text>
        ) : null}
        <Text className='od-link' onClick={() => openPage(openDayPages.detail(r.openDayId))}>
          {r.status === 'offered' ? '去确认 ›' : '查看开放日 ›'}
        </Text>
      </View>
    </View>
  );
}
