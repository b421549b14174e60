import { useEffect, type PropsWithChildren } from 'react';
import { usePageNotFound } from '@tarojs/taro';
import { useUnreadBadge } from '@/features/notifications';
import { labelNavigationBar, restoreSession, showPageNotFound } from '@/services';
import './app.scss';

// Read stored tokens before the first page renders so pages see the right session state.
restoreSession();

function App({ children }: PropsWithChildren) {
  // Coming back to the app (e.g. from a subscribe message): the unread count may have grown.
  useUnreadBadge();
  // An address that names no page (a stale link, a typo in H5) opens the not-found page, not a blank one.
  usePageNotFound((res) => showPageNotFound(res.path));
  useEffect(labelNavigationBar, []);
  return children;
}

export default App;
