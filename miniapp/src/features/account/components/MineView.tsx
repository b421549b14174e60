import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { hasStaffRole, STAFF_ROLE_LABELS, StaffRole, type User } from '@zwgk/contracts';
import { InlineMessage } from '@/components/InlineMessage';
import { openMyComments } from '@/features/consultations';
import { openMyApplications } from '@/features/meetings';
import { openMyRegistrations } from '@/features/open-days';
import { openInbox } from '@/features/notifications';
import { returnAfterLogin } from '@/services';
import { openWorkbench } from '@/features/workbench';
import type { UseSession } from '../hooks/useSession';
import { DeleteAccount } from './DeleteAccount';
import { LoginCard } from './LoginCard';
import { UserCard } from './UserCard';
import './MineView.scss';

export interface MineViewProps extends UseSession {
  /** Unread messages of 我的消息 (useUnreadCount). */
  unread: number;
}

/**
 * 我的: login card when signed out; signed in, the user card, the entries to 我的消息 (with
 * the unread count), 我的意见, 我的报名 and, for staff roles, 工作台, and 注销账号. Errors from the server above all.
 */
export function MineView({ session, mode, defaultName, busy, error, login, logout, bindPhone, saveNickname, deleteAccount, showError, unread }: MineViewProps) {
  const [deleted, setDeleted] = useState(false);
  return (
    <View className='page mine' data-testid='mine' data-state={session.status}>
      {error ? (
        <View className='mine__error' data-testid='mine-error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      {deleted && session.status === 'anonymous' ? (
        <InlineMessage tone='ok' testId='mine-deleted'>
          您的账号已注销，个人信息已删除。
        </InlineMessage>
      ) : null}
      {session.status === 'authenticated' ? (
        <>
          <UserCard
            user={session.user}
            mode={mode}
            busy={busy}
            onBindPhone={(code) => bindPhone(code, mode === 'simulated' ? defaultName : undefined)}
            onPhoneDenied={() => showError('未授权获取手机号，可稍后再绑定')}
            onSaveNickname={saveNickname}
            onLogout={logout}
          />
          <MineMenu user={session.user} unread={unread} />
          <DeleteAccount busy={busy === 'delete'} onDelete={async () => setDeleted(await deleteAccount())} />
        </>
      ) : (
        // Keyed by the offered name: after a logout the card shows the name last signed in with.
        <LoginCard
          key={defaultName}
          mode={mode}
          defaultName={defaultName}
          busy={busy === 'login'}
          onLogin={async (name) => {
            // A page that asked for the login (LoginPrompt) gets the citizen back.
            if (await login(name)) await returnAfterLogin();
          }}
        />
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
      <View className='mine-menu__item' role='listitem' data-testid='open-my-comments' onClick={openMyComments}>
        <Text className='mine-menu__label'>我的意见</Text>
        <Text className='mine-menu__hint'>征求意见的审核与采纳情况</Text>
        <Text className='mine-menu__chevron' aria-hidden>
          ›
        </Text>
      </View>
      <View className='mine-menu__item' role='listitem' data-testid='open-my-registrations' onClick={openMyRegistrations}>
        <Text className='mine-menu__label'>我的报名</Text>
        <Text className='mine-menu__hint'>政府开放日的报名、候补与签到码</Text>
        <Text className='mine-menu__chevron' aria-hidden>
          ›
        </Text>
      </View>
      <View className='mine-menu__item' role='listitem' data-testid='open-my-meeting-applications' onClick={openMyApplications}>
        <Text className='mine-menu__label'>我的列席申请</Text>
        <Text className='mine-menu__hint'>抽签号与选定结果</Text>
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
