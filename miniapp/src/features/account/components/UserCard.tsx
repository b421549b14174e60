import { Text, View } from '@tarojs/components';
import { hasStaffRole, STAFF_ROLE_LABELS, type Role, type User } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Tag } from '@/components/Tag';
import type { AuthMode } from '@/services';
import { shortId } from '@/utils/format';
import type { SessionAction } from '../hooks/useSession';

const roleNames: Record<Role, string> = { citizen: '市民', ...STAFF_ROLE_LABELS };

interface UserCardProps {
  user: User;
  mode: AuthMode;
  busy: SessionAction | null;
  onBindPhone: (code?: string) => void;
  onPhoneDenied: () => void;
  onLogout: () => void;
}

/** Signed-in state of 我的: who is signed in, phone binding and sign-out. */
export function UserCard({ user, mode, busy, onBindPhone, onPhoneDenied, onLogout }: UserCardProps) {
  return (
    <View className='account-card account-card--user' data-testid='user-card'>
      <View className='account-card__row'>
        <View className='account-card__avatar'>
          <Text>{hasStaffRole(user.roles) ? '工' : '民'}</Text>
        </View>
        <View className='account-card__who'>
          <Text className='account-card__name' data-testid='user-id'>
            用户 {shortId(user.id)}
          </Text>
          <View className='account-card__roles'>
            {user.roles.map((role) => (
              <Tag key={role} tone={role === 'citizen' ? 'accent' : 'info'}>
                {roleNames[role]}
              </Tag>
            ))}
          </View>
        </View>
      </View>

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
