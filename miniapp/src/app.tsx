import type { PropsWithChildren } from 'react';
import { useUnreadBadge } from '@/features/notifications';
import { restoreSession } from '@/services';
import './app.scss';

// Read stored tokens before the first page renders so pages see the right session state.
restoreSession();

function App({ children }: PropsWithChildren) {
  // Coming back to the app (e.g. from a subscribe message): the unread count may have grown.
  useUnreadBadge();
  return children;
}

export default App;
