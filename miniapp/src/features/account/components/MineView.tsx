import { Text, View } from '@tarojs/components';
import type { UseSession } from '../hooks/useSession';
import { LoginCard } from './LoginCard';
import { UserCard } from './UserCard';
import './MineView.scss';

/** 我的: login card when signed out, the user card when signed in, errors from the server above both. */
export function MineView({ session, mode, defaultName, busy, error, login, logout, bindPhone, showError }: UseSession) {
  return (
    <View className='page mine' data-testid='mine' data-state={session.status}>
      {error ? (
        <View className='mine__error' data-testid='mine-error'>
          <Text>{error}</Text>
        </View>
      ) : null}
      {session.status === 'authenticated' ? (
        <UserCard
          user={session.user}
          mode={mode}
          busy={busy}
          onBindPhone={(code) => bindPhone(code, mode === 'simulated' ? defaultName : undefined)}
          onPhoneDenied={() => showError('未授权获取手机号，可稍后再绑定')}
          onLogout={logout}
        />
      ) : (
        <LoginCard mode={mode} defaultName={defaultName} busy={busy === 'login'} onLogin={login} />
      )}
      <Text className='mine__footnote'>阳光政务仅在您授权后使用手机号，用于诉求办理进度通知；号码加密保存，页面只显示部分数字。</Text>
    </View>
  );
}
