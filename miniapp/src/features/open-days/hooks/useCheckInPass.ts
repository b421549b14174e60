import { useEffect, useState } from 'react';
import type { MyOpenDayRegistration, OpenDayCheckInPass } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { getCheckInPass, getMyRegistration } from '../api';

/** Read the next pass this long before the current one stops being valid. */
export const PASS_LEAD_MS = 3_000;

export interface UseCheckInPass {
  registration: UseRemote<MyOpenDayRegistration>;
  pass: UseRemote<OpenDayCheckInPass>;
}

/**
 * The check-in pass of one registration, kept current: a new pass shortly before `validUntil`
 * (every 30 s), and the registration read with it, so the screen shows 已签到 once staff have
 * checked the citizen in. `visible` false (the page hidden) stops the refreshes.
 */
export function useCheckInPass(registrationId: string, visible = true): UseCheckInPass {
  const registration = useRemote(() => getMyRegistration(registrationId), [registrationId]);
  const pass = useRemote(() => getCheckInPass(registrationId), [registrationId]);
  const validUntil = pass.state.status === 'ok' ? pass.state.data.validUntil : null;
  const receivedAt = pass.state.status === 'ok' ? pass.state.receivedAt : 0;
  const { refresh: refreshPass } = pass;
  const { refresh: refreshRegistration } = registration;
  // Bumped when a refresh failed, to try again 5 s later rather than keep an expired pass.
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    if (!visible || !validUntil) return undefined;
    // At least 5 s apart, whatever the clocks say: a device clock far ahead must not loop.
    const delay = Math.max(5_000, Date.parse(validUntil) - Date.now() - PASS_LEAD_MS);
    const timer = setTimeout(() => {
      void refreshRegistration();
      void refreshPass().then((error) => {
        if (error) setRetries((n) => n + 1);
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [visible, validUntil, receivedAt, retries, refreshPass, refreshRegistration]);

  return { registration, pass };
}
