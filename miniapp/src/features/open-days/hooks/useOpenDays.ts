import { useDidHide, useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { MyOpenDayRegistrationList, OpenDayDetailResponse, OpenDayListResponse } from '@zwgk/contracts';
import { useInterval, useRemote, type UseRemote } from '@/hooks';
import { getOpenDay, listMyRegistrations, listOpenDays } from '../api';

/** How often a visible open day reads its places again: sign-ups elsewhere change them. */
export const LIVE_REFRESH_MS = 15_000;

/** The open days, 报名中 first (the server's order). `userId` reloads them for the citizen's own status. */
export function useOpenDayList(userId: string | null): UseRemote<OpenDayListResponse> {
  return useRemote(() => listOpenDays(), [userId]);
}

/**
 * Whether the page is in front: false from the moment it is hidden (another page opened over
 * it, the app in the background) until it shows again, so nothing polls a page no one sees.
 */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  return visible;
}

/**
 * One open day, live: read again every 15 s while the page is visible (its places change with
 * every sign-up). `userId` reloads it when the citizen signs in or out (their registration).
 */
export function useOpenDay(id: string, userId: string | null, visible = true): UseRemote<OpenDayDetailResponse> {
  const remote = useRemote(() => getOpenDay(id), [id, userId]);
  useInterval(() => void remote.refresh(), LIVE_REFRESH_MS, visible && remote.state.status === 'ok');
  return remote;
}

/** 我的报名: the citizen's registrations, newest first. */
export function useMyRegistrations(): UseRemote<MyOpenDayRegistrationList> {
  return useRemote(() => listMyRegistrations(), []);
}
