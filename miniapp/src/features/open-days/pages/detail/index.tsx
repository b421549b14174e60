import { useCallback, useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession, usePageRefresh } from '@/services';
import { OpenDayDetailView } from '../../components/OpenDayDetailView';
import { useOpenDay, usePageVisible } from '../../hooks/useOpenDays';
import { useRegistrationActions } from '../../hooks/useRegistrationActions';
import { useOpenDayParams } from '../../navigation';

export default function OpenDayPage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const remote = useOpenDay(useOpenDayParams().id, session.user?.id ?? null, usePageVisible());
  // Back from signing up or from the pass: places and the registration may have changed.
  usePageRefresh(remote.refresh, { onShowAgain: true });
  const { refresh } = remote;
  const actions = useRegistrationActions(useCallback(() => void refresh(), [refresh]));
  return <OpenDayDetailView remote={remote} session={session} actions={actions} />;
}
