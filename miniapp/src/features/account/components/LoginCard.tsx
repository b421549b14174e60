import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { AppButton } from '@/components/AppButton';
import { isValidSimName, type AuthMode } from '@/services';

interface LoginCardProps {
  mode: AuthMode;
  /** Defaults to 我的's wording; a page that needs a login says why. */
  title?: string;
  description?: string;
  defaultName: string;
  busy: boolean;
  onLogin: (simName?: string) => void;
}

/** Signed-out state of 我的 (and of pages that need a login): WeChat one-tap login, or the simulated login of the H5 build. */
export function LoginCard({ mode, title = '登录阳光政务', description = '登录后可参与征求意见、报名政府开放日、提交和查询12345热线诉求。', defaultName, busy, onLogin }: LoginCardProps) {
  const [name, setName] = useState(defaultName);
  const nameOk = isValidSimName(name);

  return (
    <View className='account-card' data-testid='login-card'>
      <View className='account-card__avatar account-card__avatar--empty'>
        <Text>登</Text>
      </View>
      <Text className='account-card__title'>{title}</Text>
      <Text className='account-card__desc'>{description}</Text>
      {mode === 'wechat' ? (
        <AppButton className='account-card__action' loading={busy} onClick={() => onLogin()} testId='login-submit'>
          微信一键登录
        </AppButton>
      ) : (
        <View className='account-card__form'>
          <Text className='account-card__label'>模拟微信用户名</Text>
          <Input
            className={`account-card__input ${nameOk ? '' : 'account-card__input--invalid'}`}
            value={name}
            maxlength={40}
            placeholder='英文字母、数字、下划线或短横线'
            onInput={(e) => setName(e.detail.value.trim())}
            data-testid='login-name'
          />
          <Text className={`account-card__hint ${nameOk ? '' : 'account-card__hint--error'}`}>
            {nameOk ? '网页版用此名称模拟微信身份，同一名称对应同一账号' : '名称只能包含英文字母、数字、下划线和短横线'}
          </Text>
          <AppButton className='account-card__action' loading={busy} disabled={!nameOk} onClick={() => onLogin(name)} testId='login-submit'>
            模拟微信登录
          </AppButton>
        </View>
      )}
    </View>
  );
}
