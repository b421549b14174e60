import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { QaFeedbackResponse, QaVote } from '@zwgk/contracts';
import { getSessionState, messageOf, subscribeSession } from '@/services';
import { fetchQaFeedback, sendQaVote } from '../api';

export interface UseQaFeedback {
  feedback: QaFeedbackResponse | null;
  loggedIn: boolean;
  busy: boolean;
  error: string | null;
  /** Sends the vote; resolves false (and sends nothing) when the citizen is not logged in. */
  vote: (v: QaVote) => Promise<boolean>;
}

/** "这个回答有帮助吗": the counts, the citizen's own vote (reloaded on login/logout), and voting. */
export function useQaFeedback(qaId: string): UseQaFeedback {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const loggedIn = session.status === 'authenticated';
  const [feedback, setFeedback] = useState<QaFeedbackResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchQaFeedback(qaId).then(
      (f) => live && setFeedback(f),
      // The counts are an extra: the answer stays readable without them.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [qaId, loggedIn]);

  const vote = useCallback(
    async (v: QaVote) => {
      if (!loggedIn) return false;
      setBusy(true);
      setError(null);
      try {
        setFeedback(await sendQaVote(qaId, v));
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setBusy(false);
      }
      return true;
    },
    [qaId, loggedIn],
  );

  return { feedback, loggedIn, busy, error, vote };
}
