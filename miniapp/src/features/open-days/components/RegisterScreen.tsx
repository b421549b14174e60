import { Text, View } from '@tarojs/components';
import { ACTIVE_REGISTRATION_STATUSES, type OpenDayDetail, type OpenDayDetailResponse, type User } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { LoginPrompt } from '@/components/LoginPrompt';
import { PageHeader } from '@/components/PageHeader';
import { RemoteGate } from '@/components/RemoteGate';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import type { SessionState } from '@/services';
import { useRegistrationForm } from '../hooks/useRegistrationForm';
import { openDayPages, openPage } from '../navigation';
import { RegisterForm, RegisterResult } from './RegisterForm';
import './open-days.scss';

/** The sign-up page: the form for a signed-in citizen while registration is open, else why not. */
export function RegisterScreen({ session, remote, sessionId }: { session: SessionState; remote: UseRemote<OpenDayDetailResponse>; sessionId: string }) {
  return (
    <RemoteGate
      testId='register-page'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='开放日加载失败'
      notFound={{ title: '没有找到这个开放日', description: '它可能已被撤下，或链接有误。' }}
    >
      {({ item }) => (
        <View className='page od-page' data-testid='register-page' data-state='ok'>
          <PageHeader title='报名' subtitle={item.title} />
          <Body item={item} session={session} sessionId={sessionId} />
        </View>
      )}
    </RemoteGate>
  );
}

function Body({ item, session, sessionId }: { item: OpenDayDetail; session: SessionState; sessionId: string }) {
  if (session.status !== 'authenticated' || !item.me) {
    return <LoginPrompt testId='register-login' title='登录后报名' description='报名需要实名，登录后填写报名信息；登录完成会回到本页。' />;
  }
  // Keyed by citizen: another citizen on this device gets their own draft.
  return <SignedIn key={session.user.id} user={session.user} item={item} me={item.me} sessionId={sessionId} />;
}

function SignedIn({ user, item, me, sessionId }: { user: User; item: OpenDayDetail; me: NonNullable<OpenDayDetail['me']>; sessionId: string }) {
  const form = useRegistrationForm(user, item.id, sessionId, Boolean(me.boundPhone));
  if (form.phase === 'submitted' && form.result) return <RegisterResult result={form.result} />;
  if (me.registration && ACTIVE_REGISTRATION_STATUSES.includes(me.registration.status)) {
    return (
      <StatusView testId='register-already' glyph='报' title={`您已报名：${me.registration.statusLabel}`} description='每位市民每个开放日只能报名一次，可在开放日页面改场次或取消。'>
        <AppButton testId='register-open-detail' onClick={() => openPage(openDayPages.detail(item.id))}>
          查看我的报名
        </AppButton>
      </StatusView>
    );
  }
  if (!item.canRegister) {
    return (
      <StatusView testId='register-closed' glyph='止' title={item.phase === 'upcoming' ? '报名尚未开始' : '报名已截止'} description='可返回开放日页面查看报名时间。'>
        <Text className='od-muted'>{item.phaseLabel}</Text>
      </StatusView>
    );
  }
  return <RegisterForm form={form} sessions={item.sessions} boundPhone={me.boundPhone} restriction={me.restriction?.message ?? null} />;
}
