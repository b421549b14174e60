import { Text, View } from '@tarojs/components';
import { REGISTRATION_STATUS_LABELS, RegistrationStatus, type StaffOpenDay, type StaffRegistration } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { ListFooter } from '@/components/ListFooter';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime, formatTimeRange } from '@/utils/format';
import type { UseOpenDayDesk } from '../hooks/useOpenDayDesk';
import { openPage, workbenchPages } from '../navigation';
import { StaffPage } from './StaffPage';
import './open-day-desk.scss';

type StaffSession = StaffOpenDay['sessions'][number];

const statusOptions = [{ value: 'all', label: '全部' }, ...RegistrationStatus.options.map((s) => ({ value: s, label: REGISTRATION_STATUS_LABELS[s] }))];

/** 开放日报名 (role events): each open day's sessions with their counts; one session's list with a status filter and CSV. */
export function OpenDayDesk({ desk }: { desk: UseOpenDayDesk }) {
  const { state } = desk.days;
  return (
    <StaffPage
      testId='od-desk'
      className='od-desk'
      state={state.status}
      error={state.status === 'error' ? state : null}
      title='开放日报名'
      subtitle='各场次报名、候补、签到情况与名单'
      actions={
        <AppButton variant='secondary' className='od-desk__btn' testId='od-desk-check-in' onClick={() => openPage(workbenchPages.checkIn())}>
          现场签到
        </AppButton>
      }
    >
      {state.status === 'loading' ? <Skeleton rows={3} /> : null}
      {state.status === 'error' ? <StatusView testId='od-desk-error' glyph='!' tone='warn' title='开放日加载失败' description={state.message} actionText='重试' onAction={desk.days.reload} /> : null}
      {state.status === 'ok' ? (
        <>
          {state.data.status !== 'ok' ? (
            <Text className='od-desk__note' data-testid='od-desk-stale'>
              {state.data.status === 'stale' ? '门户网站暂时无法访问，开放日信息可能不是最新的；报名人数是实时的。' : '门户网站暂时无法访问，开放日列表暂时无法获取。'}
            </Text>
          ) : null}
          {state.data.items.length ? (
            <View role='list'>
              {state.data.items.map((day) => (
                <DayCard key={day.id} day={day} desk={desk} />
              ))}
            </View>
          ) : state.data.status === 'ok' ? (
            <StatusView testId='od-desk-empty' glyph='开' title='暂无开放日' description='门户网站发布开放日后会出现在这里。' />
          ) : null}
        </>
      ) : null}
    </StaffPage>
  );
}

function DayCard({ day, desk }: { day: StaffOpenDay; desk: UseOpenDayDesk }) {
  return (
    <View className='desk-row od-desk-day' role='listitem' data-testid='od-desk-day' data-id={day.id}>
      <View className='desk-row__tags'>
        <Tag tone={day.phase === 'open' ? 'accent' : 'plain'}>{day.phaseLabel}</Tag>
      </View>
      <View className='desk-row__title' role='heading' aria-level={2}>
        {day.title}
      </View>
      <Text className='od-desk__host'>{day.host}</Text>
      {day.sessions.map((s) => {
        const on = desk.selected?.id === day.id && desk.selected.sessionId === s.id;
        return (
          <View key={s.id} className={`od-desk-session ${on ? 'od-desk-session--on' : ''}`} data-testid='od-desk-session' data-id={s.id}>
            <View className='od-desk-session__head'>
              <Text className='od-desk-session__time'>{formatTimeRange(s.startsAt, s.endsAt)}</Text>
              <Text className='od-desk-session__places'>{s.ended ? '已结束' : `余位 ${s.placesLeft}/${s.capacity}`}</Text>
            </View>
            <Counts session={s} />
            <View className='od-desk-session__actions'>
              <AppButton variant='secondary' className='od-desk__btn' testId='od-desk-list' onClick={() => desk.select(on ? null : { id: day.id, sessionId: s.id })}>
                {on ? '收起名单' : '查看名单'}
              </AppButton>
              {!s.ended ? (
                <AppButton variant='secondary' className='od-desk__btn' testId='od-desk-session-check-in' onClick={() => openPage(workbenchPages.checkIn(day.id, s.id))}>
                  签到
                </AppButton>
              ) : null}
            </View>
            {on ? <Registrations desk={desk} /> : null}
          </View>
        );
      })}
    </View>
  );
}

function Counts({ session: s }: { session: StaffSession }) {
  const counts = [
    ['已报名', s.confirmed],
    ['待确认递补', s.offered],
    ['已签到', s.attended],
    ['未到场', s.noShows],
    ['候补', s.waitlistLength],
  ] as const;
  return (
    <View className='od-desk-counts' data-testid='od-desk-counts'>
      {counts.map(([label, n]) => (
        <View key={label} className='od-desk-counts__item'>
          <Text className='od-desk-counts__value'>{n}</Text>
          <Text className='od-desk-counts__label'>{label}</Text>
        </View>
      ))}
    </View>
  );
}

function Registrations({ desk }: { desk: UseOpenDayDesk }) {
  const list = desk.registrations;
  const { state } = list;
  return (
    <View className='od-desk-list' data-testid='od-desk-registrations' data-state={state.status}>
      <Field name='statusFilter' label='按状态筛选'>
        <Chips testId='od-desk-status' options={statusOptions} value={desk.status ?? 'all'} onChange={(v) => desk.setStatus(v === 'all' ? undefined : (v as RegistrationStatus))} />
      </Field>
      <AppButton variant='secondary' className='od-desk__btn' loading={desk.exportState.busy} testId='od-desk-export' onClick={() => void desk.exportCsv()}>
        导出 CSV
      </AppButton>
      {desk.exportState.message ? (
        <InlineMessage tone={desk.exportState.tone} testId='od-desk-export-result'>
          {desk.exportState.message}
        </InlineMessage>
      ) : null}
      {state.status === 'loading' ? <Skeleton rows={3} /> : null}
      {state.status === 'error' ? <StatusView testId='od-desk-registrations-error' glyph='!' tone='warn' title='名单加载失败' description={state.message} actionText='重试' onAction={list.reload} /> : null}
      {state.status === 'ok' ? (
        state.items.length ? (
          <>
            <Text className='desk-list__count'>共 {state.total} 组</Text>
            {state.items.map((r) => (
              <RegistrationRow key={r.id} registration={r} />
            ))}
            <ListFooter testId='od-desk-registrations' list={list} />
          </>
        ) : (
          <Text className='od-desk__note' data-testid='od-desk-registrations-empty'>
            {desk.status ? `没有“${REGISTRATION_STATUS_LABELS[desk.status]}”的报名` : '这一场还没有人报名'}
          </Text>
        )
      ) : null}
    </View>
  );
}

function RegistrationRow({ registration: r }: { registration: StaffRegistration }) {
  return (
    <View className='od-desk-reg' data-testid='od-desk-registration' data-status={r.status}>
      <View className='desk-row__tags'>
        <Tag tone={r.status === 'offered' ? 'accent' : 'plain'}>{r.statusLabel}</Tag>
        {r.position !== null ? <Tag tone='info'>{`候补第 ${r.position} 位`}</Tag> : null}
      </View>
      <Text className='od-desk-reg__who'>
        {r.name} · {r.idNumber} · {r.phone} · 共 {r.partySize} 人
      </Text>
      {r.companions.map((c, i) => (
        <Text key={i} className='od-desk-reg__meta'>
          同行人 {c.name} · {c.idNumber}
        </Text>
      ))}
      <Text className='od-desk-reg__meta'>
        {formatDateTime(r.createdAt)}报名
        {r.offerExpiresAt ? ` · 递补保留至 ${formatDateTime(r.offerExpiresAt)}` : ''}
        {r.checkedInAt ? ` · ${formatDateTime(r.checkedInAt)}签到` : ''}
      </Text>
    </View>
  );
}
