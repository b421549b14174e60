import { Text, View } from '@tarojs/components';
import type { CheckInResponse, StaffOpenDayList } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Chips, Field, TextInput } from '@/components/Form';
import { InlineMessage } from '@/components/InlineMessage';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { formatDateTime, formatTimeRange } from '@/utils/format';
import type { UseCheckIn } from '../hooks/useCheckIn';
import type { SessionRef } from '../hooks/useOpenDayDesk';
import { StaffPage } from './StaffPage';
import './open-day-desk.scss';

const keyOf = (ref: SessionRef) => `${ref.id}/${ref.sessionId}`;

/** The sessions staff can check in at (not ended), labelled by open day and time. */
function sessionOptions(data: StaffOpenDayList) {
  return data.items.flatMap((day) =>
    day.sessions.filter((s) => !s.ended).map((s) => ({ value: keyOf({ id: day.id, sessionId: s.id }), label: `${day.title} · ${formatTimeRange(s.startsAt, s.endsAt)}`, ref: { id: day.id, sessionId: s.id } })),
  );
}

function sessionLabel(data: StaffOpenDayList | null, ref: SessionRef): string {
  if (!data) return '正在读取场次信息…';
  const day = data?.items.find((d) => d.id === ref.id);
  const s = day?.sessions.find((x) => x.id === ref.sessionId);
  return day && s ? `${day.title} · ${formatTimeRange(s.startsAt, s.endsAt)}` : `开放日 ${ref.id} · 场次 ${ref.sessionId}`;
}

/** 现场签到 (role events): choose the session, then scan (WeChat) or type the 8-character code; each answer large and clear. */
export function CheckInDesk({ desk }: { desk: UseCheckIn }) {
  const { state } = desk.days;
  const data = state.status === 'ok' ? state.data : null;
  return (
    <StaffPage testId='check-in' className='check-in' state={desk.session ? 'session' : state.status} error={state.status === 'error' ? state : null} title='现场签到' subtitle='扫签到二维码，或输入市民读出的 8 位签到码'>
      {desk.session ? (
        <Desk desk={desk} label={sessionLabel(data, desk.session)} />
      ) : state.status === 'loading' ? (
        <Skeleton rows={3} />
      ) : state.status === 'error' ? (
        <StatusView testId='check-in-error' glyph='!' tone='warn' title='场次加载失败' description={state.message} actionText='重试' onAction={desk.days.reload} />
      ) : (
        <Choose data={state.data} desk={desk} />
      )}
    </StaffPage>
  );
}

function Choose({ data, desk }: { data: StaffOpenDayList; desk: UseCheckIn }) {
  const options = sessionOptions(data);
  if (!options.length) return <StatusView testId='check-in-empty' glyph='签' title='暂无可签到的场次' description='开放日场次开始前后可在这里签到。' />;
  return (
    <View className='desk-row' data-testid='check-in-choose'>
      <Field name='checkInSession' label='选择签到场次' required>
        <Chips
          testId='check-in-session'
          options={options}
          value={null}
          onChange={(value) => {
            const found = options.find((o) => o.value === value);
            if (found) desk.chooseSession(found.ref);
          }}
        />
      </Field>
    </View>
  );
}

function Desk({ desk, label }: { desk: UseCheckIn; label: string }) {
  return (
    <View data-testid='check-in-desk'>
      <View className='desk-row'>
        <Text className='od-desk-session__time' data-testid='check-in-session-label'>
          {label}
        </Text>
        <Text className='desk-link' data-testid='check-in-change-session' onClick={() => desk.chooseSession(null)}>
          更换场次
        </Text>
      </View>
      {desk.result ? <Result result={desk.result} /> : null}
      {desk.error ? (
        <InlineMessage tone='error' testId='check-in-refused'>
          {desk.error}
        </InlineMessage>
      ) : null}
      <View className='desk-row'>
        {desk.canScan ? (
          <View className='check-in__actions'>
            <AppButton testId='check-in-scan' loading={desk.busy} onClick={() => void desk.scan()}>
              扫码签到
            </AppButton>
          </View>
        ) : null}
        <Field name='checkInCode' label='手动输入签到码' hint='8 位字母和数字，不区分大小写'>
          <TextInput
            className='check-in__code'
            value={desk.code}
            placeholder='如 K7Q2M1ZA'
            confirmType='done'
            onInput={(e) => desk.setCode(e.detail.value)}
            onConfirm={() => void desk.submitCode()}
            testId='check-in-code'
          />
        </Field>
        <View className='check-in__actions'>
          <AppButton variant={desk.canScan ? 'secondary' : 'primary'} loading={desk.busy} testId='check-in-submit' onClick={() => void desk.submitCode()}>
            签到
          </AppButton>
        </View>
      </View>
      {desk.recent.length ? (
        <View className='desk-row check-in-recent' data-testid='check-in-recent'>
          <Text className='od-desk-session__time'>本机最近签到</Text>
          {desk.recent.map((r, i) => (
            <View key={`${r.registrationId}-${i}`} className='check-in-recent__row'>
              <Text>
                {r.name} · {r.partySize} 人
              </Text>
              <Text>{r.alreadyCheckedIn ? '已签到过' : formatDateTime(r.checkedInAt)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function Result({ result: r }: { result: CheckInResponse }) {
  return (
    <View className={`check-in-result ${r.alreadyCheckedIn ? 'check-in-result--repeat' : ''}`} data-testid='check-in-result' data-repeat={String(r.alreadyCheckedIn)} role='status'>
      <Text className='check-in-result__title'>{r.alreadyCheckedIn ? '已签到过' : '签到成功'}</Text>
      <Text className='check-in-result__who'>
        {r.name} · 共 {r.partySize} 人
      </Text>
      <Text className='check-in-result__meta'>{r.alreadyCheckedIn ? `${formatDateTime(r.checkedInAt)} 已签到，请勿重复入场登记` : `${formatDateTime(r.checkedInAt)} 签到`}</Text>
    </View>
  );
}
