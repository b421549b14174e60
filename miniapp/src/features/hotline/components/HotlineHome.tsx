import { Text, View } from '@tarojs/components';
import type { User } from '@zwgk/contracts';
import { LoginPrompt } from '@/components/LoginPrompt';
import type { SessionState } from '@/services';
import { useTicketForm } from '../hooks/useTicketForm';
import { hotlinePages, openPage } from '../navigation';
import { StatsSummary } from './StatsSummary';
import { SubmittedCard } from './SubmittedCard';
import { TicketForm } from './TicketForm';
import './hotline.scss';

/** The 热线 tab: the 诉求 form when signed in, a login prompt otherwise, and the published figures for everyone. */
export function HotlineHome({ session }: { session: SessionState }) {
  const signedIn = session.status === 'authenticated';
  return (
    <View className='page hl-home' data-testid='hotline' data-state={session.status}>
      <View className='hl-hero'>
        <Text className='hl-hero__title'>12345 政务服务热线</Text>
        <Text className='hl-hero__sub'>咨询、求助、投诉、举报、建议，在线提交，进度可查</Text>
        <View className='hl-hero__links'>
          {signedIn ? (
            <Text className='hl-hero__link' data-testid='open-my-tickets' onClick={() => openPage(hotlinePages.tickets())}>
              我的诉求 ›
            </Text>
          ) : null}
          <Text className='hl-hero__link' data-testid='open-stats' onClick={() => openPage(hotlinePages.stats())}>
            数据公开 ›
          </Text>
        </View>
      </View>
      {session.status === 'authenticated' ? (
        // Keyed by user: a different citizen on this device gets their own draft.
        <SignedIn key={session.user.id} user={session.user} />
      ) : (
        <LoginPrompt testId='hotline-login' title='登录后提交诉求' description='提交诉求、查询办理进度和评价需要先登录，登录完成会回到本页。登录前也可查看下方热线数据。' />
      )}
      <View className='hl-home__stats'>
        <StatsSummary />
      </View>
    </View>
  );
}

function SignedIn({ user }: { user: User }) {
  const form = useTicketForm(user);
  if (form.phase === 'submitted' && form.result) return <SubmittedCard result={form.result} onNew={form.startNew} />;
  return <TicketForm form={form} />;
}
