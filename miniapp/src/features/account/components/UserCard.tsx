import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { STAFF_ROLE_LABELS, type Role, type User } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Tag } from '@/components/Tag';
import type { AuthMode } from '@/services';
import type { SessionAction } from '../hooks/useSession';
import { avatarInitial } from '../lib/profile';
import { NicknameEditor } from './NicknameEditor';

const roleNames: Record<Role, string> = { citizen: '市民', ...STAFF_ROLE_LABELS };

interface UserCardProps {
  user: User;
  mode: AuthMode;
  busy: SessionAction | null;
  onBindPhone: (code?: string) => void;
  onPhoneDenied: () => void;
  onSaveNickname: (nickname: string) => Promise<boolean>;
  onLogout: () => void;
}

/**
 * Signed-in state of 我的: who is signed in (nickname and its initial as the avatar, roles, the
 * masked phone), setting the nickname, phone binding and sign-out. Never an internal id.
 */
export function UserCard({ user, mode, busy, onBindPhone, onPhoneDenied, onSaveNickname, onLogout }: UserCardProps) {
  // A citizen without a nickname is asked for one straight away.
  const [editing, setEditing] = useState(!user.nickname);
  return (
    <View className='account-card account-card--user' data-testid='user-card'>
      <View className='account-card__row'>
        <View className={`account-card__avatar ${user.nickname ? '' : 'account-card__avatar--none'}`} aria-hidden data-testid='user-avatar'>
          <Text>{avatarInitial(user.nickname)}</Text>
        </View>
        <View className='account-card__who'>
          <Text className='account-card__name' data-testid='user-name'>
            {user.nickname ?? '未设置昵称'}
          </Text>
          <View className='account-card__roles'>
            {user.roles.map((role) => (
              <Tag key={role} tone={role === 'citizen' ? 'accent' : 'info'}>
                {roleNames[role]}
              </Tag>
            ))}
          </View>
        </View>
        {!editing ? (
          <AppButton variant='text' className='account-card__edit' onClick={() => setEditing(true)} testId='edit-nickname'>
            {user.nickname ? '修改昵称' : '设置昵称'}
          </AppButton>
        ) : null}
      </View>

      {editing ? (
        <NicknameEditor
          initial={user.nickname ?? ''}
          busy={busy === 'nickname'}
          onCancel={() => setEditing(false)}
          onSave={async (nickname) => {
            if (await onSaveNickname(nickname)) setEditing(false);
          }}
        />
      ) : null}

      <View className='account-card__line'>
        <Text className='account-card__line-label'>手机号</Text>
        <Text className='account-card__line-value' data-testid='user-phone'>
          {user.phoneMasked ?? '未绑定手机号'}
        </Text>
      </View>

      {user.phoneMasked ? null : mode === 'wechat' ? (
        <AppButton
          variant='secondary'
          className='account-card__action'
          openType='getPhoneNumber'
          loading={busy === 'phone'}
          onGetPhoneNumber={(e) => (e.detail.code ? onBindPhone(e.detail.code) : onPhoneDenied())}
          testId='bind-phone'
        >
          绑定手机号
        </AppButton>
      ) : (
        <AppButton variant='secondary' className='account-card__action' loading={busy === 'phone'} onClick={() => onBindPhone()} testId='bind-phone'>
          模拟绑定手机号
        </AppButton>
      )}

      <AppButton variant='text' className='account-card__logout' loading={busy === 'logout'} onClick={onLogout} testId='logout'>
        退出登录
      </AppButton>
    </View>
  );
}
