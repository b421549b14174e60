import { View } from '@tarojs/components';
import { InlineMessage } from '@/components/InlineMessage';
import { PageHeader } from '@/components/PageHeader';
import { LoginCard, type UseSession } from '@/features/account';
import './inbox.scss';

/** 我的消息 signed out: the login of 我的, in place, so the citizen lands back on their messages. */
export function InboxSignedOut({ account }: { account: UseSession }) {
  return (
    <View className='page inbox' data-testid='inbox' data-state='signed-out' role='main'>
      <PageHeader title='我的消息' />
      {account.error ? (
        <InlineMessage tone='error' testId='inbox-login-error'>
          {account.error}
        </InlineMessage>
      ) : null}
      <LoginCard
        mode={account.mode}
        defaultName={account.defaultName}
        busy={account.busy === 'login'}
        onLogin={account.login}
        title='登录后查看我的消息'
        description='诉求受理、办结等办理进度会以消息通知您，登录后即可查看。'
      />
    </View>
  );
}
