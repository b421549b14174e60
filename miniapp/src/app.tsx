import type { PropsWithChildren } from 'react';
import { restoreSession } from '@/services';
import './app.scss';

// Read stored tokens before the first page renders so pages see the right session state.
restoreSession();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
