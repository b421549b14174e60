import { Text, View } from '@tarojs/components';
import type { MyOpenDayRegistration, OpenDayCheckInPass } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { PageHeader } from '@/components/PageHeader';
import { RemoteGate } from '@/components/RemoteGate';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import type { UseCheckInPass } from '../hooks/useCheckInPass';
import { sessionTimeText } from '../lib/labels';
import { openDayPages, openPage } from '../navigation';
import { QrCode } from './QrCode';
import { Fact } from './Fact';
import './open-days.scss';

/** "K7Q2M1ZA" → "K7Q2 M1ZA": two groups of four, easier to read aloud at the door. */
export function spacedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** 签到码: the QR code (new every 30 s) and the 8-character code, who it admits and to which session. */
export function PassView({ pass: { registration, pass } }: { pass: UseCheckInPass }) {
  return (
    <RemoteGate
      testId='pass'
      state={registration.state}
      onRetry={registration.reload}
      errorTitle='签到码加载失败'
      notFound={{ title: '没有找到这条报名', description: '它可能已被取消，或链接有误。' }}
      login={{ title: '登录后查看签到码', description: '签到码只对报名的本人显示。登录完成会回到本页。' }}
    >
      {(r) => (
        <View className='page od-page' data-testid='pass' data-state={r.status === 'confirmed' ? 'ok' : r.status}>
          <PageHeader title='签到码' subtitle={r.openDayTitle} />
          <Body registration={r} pass={pass} />
          <Who registration={r} />
        </View>
      )}
    </RemoteGate>
  );
}

function Body({ registration: r, pass }: { registration: MyOpenDayRegistration; pass: UseRemote<OpenDayCheckInPass> }) {
  if (r.status === 'attended') {
    return (
      <View className='od-card od-pass' data-testid='pass-attended'>
        <Text className='od-pass__done'>已签到</Text>
        <Text className='od-fact'>{formatDateTime(r.checkedInAt)} 签到，欢迎参加。</Text>
      </View>
    );
  }
  if (r.status !== 'confirmed') {
    return (
      <StatusView testId='pass-unavailable' glyph='码' title={`当前状态：${r.statusLabel}`} description='签到码在报名成功（或确认递补）后提供。'>
        <AppButton testId='pass-open-detail' onClick={() => openPage(openDayPages.detail(r.openDayId))}>
          查看开放日
        </AppButton>
      </StatusView>
    );
  }
  const { state } = pass;
  if (state.status === 'loading') return <Skeleton rows={6} />;
  if (state.status === 'error') {
    return <StatusView testId='pass-error' glyph='!' tone='warn' title='签到码加载失败' description={state.message} actionText='重试' onAction={pass.reload} />;
  }
  const p = state.data;
  return (
    <View className='od-card od-pass' data-testid='pass-code' data-valid-until={p.validUntil}>
      <View className='od-pass__qr'>
        <QrCode text={p.qr} label='签到二维码' testId='pass-qr' />
      </View>
      <Text className='od-pass__label'>手动签到码</Text>
      {/* Two groups of four that never break inside a group, whatever the text size. */}
      <View className='od-pass__code' data-testid='pass-short-code' aria-label={`签到码 ${p.shortCode.split('').join(' ')}`}>
        {spacedCode(p.shortCode)
          .split(' ')
          .map((group) => (
            <Text key={group} className='od-pass__group'>
              {group}
            </Text>
          ))}
      </View>
      <Text className='od-muted'>入场时出示二维码，或把签到码读给工作人员。每 {p.windowSeconds} 秒自动更新，截图无效。</Text>
    </View>
  );
}

function Who({ registration: r }: { registration: MyOpenDayRegistration }) {
  return (
    <View className='od-card' data-testid='pass-who'>
      <Fact label='报名人'>
        <Text className='od-strong'>{r.name}</Text>
      </Fact>
      <Fact label='场次'>{sessionTimeText(r.sessionStartsAt, r.sessionEndsAt)}</Fact>
      <Fact label='地点'>{r.location}</Fact>
      <Fact label='人数' testId='pass-party'>
        <Text className='od-strong'>共 {r.partySize} 人</Text>
        {r.companions.length ? `（含同行人 ${r.companions.map((c) => c.name).join('、')}）` : ''}
      </Fact>
    </View>
  );
}
