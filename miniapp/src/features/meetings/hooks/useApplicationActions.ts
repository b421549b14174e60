import { useCallback, useState } from 'react';
import type { MyMeetingApplication } from '@zwgk/contracts';
import { confirmAction, messageOf, showToast } from '@/services';
import { confirmAttendance, withdrawApplication } from '../api';
import { withdrawWarningOf } from '../lib/labels';

export interface UseApplicationActions {
  /** The application being changed right now, and how. */
  busy: { id: string; action: 'withdraw' | 'confirm' } | null;
  /** Asks to confirm, then withdraws (before the close) or gives up a seat (before the meeting). */
  withdraw: (app: MyMeetingApplication) => Promise<void>;
  /** A selected observer confirms attendance. */
  confirm: (app: MyMeetingApplication) => Promise<void>;
}

/**
 * The citizen's actions on their own application. `onChanged` gets what the server answered
 * (the screen shows it and reads the rest again); on a 409 (closed meanwhile) the server's words
 * show as a toast and `onStale` reads the state again.
 */
export function useApplicationActions(onChanged: (app: MyMeetingApplication) => void, onStale: () => void): UseApplicationActions {
  const [busy, setBusy] = useState<UseApplicationActions['busy']>(null);

  const run = useCallback(
    async (app: MyMeetingApplication, action: 'withdraw' | 'confirm', send: () => Promise<MyMeetingApplication>, done: string) => {
      setBusy({ id: app.id, action });
      try {
        onChanged(await send());
        showToast(done);
      } catch (error) {
        showToast(messageOf(error));
        onStale();
      } finally {
        setBusy(null);
      }
    },
    [onChanged, onStale],
  );

  const withdraw = useCallback(
    async (app: MyMeetingApplication) => {
      const warning = withdrawWarningOf(app.status);
      if (!(await confirmAction({ ...warning, confirmText: '确定' }))) return;
      await run(app, 'withdraw', () => withdrawApplication(app.id), app.status === 'submitted' ? '已撤回' : '已放弃');
    },
    [run],
  );

  const confirm = useCallback((app: MyMeetingApplication) => run(app, 'confirm', () => confirmAttendance(app.id), '已确认参加'), [run]);

  return { busy, withdraw, confirm };
}
