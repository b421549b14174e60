import type { HotlineTicketDetail } from '@zwgk/contracts';
import { useInterval, useRemote, type UseRemote } from '@/hooks';
import { getTicket } from '../api';

/** How often an open ticket is re-read while its page is shown. */
export const TICKET_REFRESH_MS = 10_000;

/**
 * One of the citizen's tickets, re-read every TICKET_REFRESH_MS while it can still change
 * (not yet 回访, or 办结 awaiting a rating), so the timeline moves on its own.
 */
export function useTicket(trackingNo: string, refreshMs = TICKET_REFRESH_MS): UseRemote<HotlineTicketDetail> {
  const remote = useRemote(() => getTicket(trackingNo), [trackingNo]);
  const open = remote.state.status === 'ok' && remote.state.data.status !== 'visited';
  useInterval(() => void remote.refresh(), refreshMs, open);
  return remote;
}
