import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { useSession } from '@/features/account';
import { showToast, stopPullDownRefresh } from '@/services';
import { InboxList } from '../../components/InboxList';
import { InboxSignedOut } from '../../components/InboxSignedOut';
import { useInbox } from '../../hooks/useInbox';

export default function InboxPage() {
  const account = useSession();
  // Keyed by user: another citizen signing in on this device never sees the previous list.
  return account.session.status === 'authenticated' ? <SignedInInbox key={account.session.user.id} /> : <InboxSignedOut account={account} />;
}

function SignedInInbox() {
  const inbox = useInbox();
  const shown = useRef(false);
  // Back from a message's page: re-read, the ticket may have moved on meanwhile.
  useDidShow(() => {
    if (shown.current) void inbox.list.refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await inbox.list.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <InboxList inbox={inbox} />;
}
