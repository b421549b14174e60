import { useCallback, useState } from 'react';
import type { MyOpenDayRegistration } from '@zwgk/contracts';
import { confirmAction, messageOf, showToast } from '@/services';
import { formatDateTime } from '@/utils/format';
import { cancelRegistration, changeSession, claimOffer } from '../api';

export type RegistrationAction = 'cancel' | 'claim' | 'change';

export interface UseRegistrationActions {
  /** The action under way, if any. */
  busy: RegistrationAction | null;
  /** The server's words when the last action was refused (409: the cut-off passed, the offer expired, the session filled). */
  error: string | null;
  /** Asks to confirm, then cancels; resolves the registration as the server answered it, or null. */
  cancel: (registration: MyOpenDayRegistration) => Promise<MyOpenDayRegistration | null>;
  /** Takes the offered place. */
  claim: (registration: MyOpenDayRegistration) => Promise<MyOpenDayRegistration | null>;
  /** Moves to another session of the same open day. */
  change: (registration: MyOpenDayRegistration, sessionId: string) => Promise<MyOpenDayRegistration | null>;
}

/**
 * What the citizen can do with their registration: cancel it (after a confirm dialog, until the
 * cut-off), confirm an offered place, move to another session. `onChanged` runs after each
 * success and after each refusal (what the server refused on has changed: show it as it is now).
 */
export function useRegistrationActions(onChanged: () => void): UseRegistrationActions {
  const [busy, setBusy] = useState<RegistrationAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (action: RegistrationAction, send: () => Promise<MyOpenDayRegistration>, done: string) => {
      setBusy(action);
      setError(null);
      try {
        const answer = await send();
        showToast(done);
        return answer;
      } catch (e) {
        setError(messageOf(e));
        return null;
      } finally {
        setBusy(null);
        onChanged();
      }
    },
    [onChanged],
  );

  const cancel = useCallback(
    async (r: MyOpenDayRegistration) => {
      const ok = await confirmAction({
        title: r.status === 'waitlisted' ? '取消候补？' : '取消报名？',
        content: `取消后名额会让给候补的市民，不能恢复。${r.changeDeadline ? `${formatDateTime(r.changeDeadline)}前可以重新报名（如仍有名额）。` : ''}`,
        confirmText: '取消报名',
      });
      if (!ok) return null;
      return run('cancel', () => cancelRegistration(r.id), '已取消');
    },
    [run],
  );
  const claim = useCallback((r: MyOpenDayRegistration) => run('claim', () => claimOffer(r.id), '已确认，名额已为您保留'), [run]);
  const change = useCallback((r: MyOpenDayRegistration, sessionId: string) => run('change', () => changeSession(r.id, sessionId), '已改到新场次'), [run]);

  return { busy, error, cancel, claim, change };
}
