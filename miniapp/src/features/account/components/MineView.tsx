import { Text, View } from '@tarojs/components';
import { hasStaffRole, STAFF_ROLE_LABELS, StaffRole, type User } from '@zwgk/contracts';
import { openInbox } from '@/features/notifications';
import { openWorkbench } from '@/features/workbench';
import type { UseSession } from '../hooks/useSession';
import { LoginCard } from './LoginCard';
import { UserCard } from './UserCard';
import './MineView.scss';

export interface MineViewProps extends UseSession {
  /** Unread messages of 我的消息 (useUnreadCount). */
  unread: number;
}

/**
 * 我的: login card when signed out; signed in, the user card and the entries to 我的消息 (with
 * the unread count) and, for staff roles, 工作台. Errors from the server above both.
 */
export function MineView({ session, mode, defaultName, busy, error, login, logout, bindPhone, showError, unread }: MineViewProps) {
  return (
    <View className='page mine' data-testid='mine' data-state={session.status}>
      {error ? (
        <View className='mine__error' data-testid='mine-error'>
          <Text>{error}</Text>
        </View>
      ) : null}
      {session.status === 'authenticated' ? (
        <>
          <UserCard
            user={session.user}
            mode={mode}
            busy={busy}
            onBindPhone={(code) => bindPhone(code, mode === 'simulated' ? defaultName : undefined)}
            onPhoneDenied={() => showError('未授权获取手机号，可稍后再绑定')}
            onLogout={logout}
          />
          <MineMenu user={session.user} unread={unread} />
        </>
      ) : (
        <LoginCard mode={mode} defaultName={defaultName} busy={busy === 'login'} onLogin={login} />
      )}
      <Text className='mine__footnote'>阳光政务仅在您授权后使用手机号，用于诉求办理进度通知；号码加密保存，页面只显示部分数字。</Text>
    </View>
  );
}

function MineMenu({ user, unread }: { user: User; unread: number }) {
  const staffRoles = StaffRole.options.filter((r) => user.roles.includes(r));
  return (
    <View className='mine-menu' role='list'>
      <View className='mine-menu__item' role='listitem' data-testid='open-inbox' onClick={openInbox}>
        <Text className='mine-menu__label'>我的消息</Text>
        {unread > 0 ? (
          <Text className='mine-menu__count' data-testid='mine-unread'>
            {unread > 99 ? '99+' : unread} 条未读
          </Text>
        ) : (
          <Text className='mine-menu__hint'>暂无未读</Text>
        )}
        <Text className='mine-menu__chevron' aria-hidden>
          ›
        </Text>
      </View>
      {hasStaffRole(user.roles) ? (
        <View className='mine-menu__item' role='listitem' data-testid='open-workbench' onClick={openWorkbench}>
          <Text className='mine-menu__label'>工作台</Text>
          <Text className='mine-menu__hint'>{staffRoles.map((r) => STAFF_ROLE_LABELS[r]).join('、')}</Text>
          <Text className='mine-menu__chevron' aria-hidden>
            ›
          </Text>
        </View>
      ) : null}
    </View>
  );
}
