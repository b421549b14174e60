import type { StaffMeetingList } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { listStaffMeetings } from '../api';

/** 列席会议 for staff: every meeting with its 待审核, 待抽签 and 待答复 counts. */
export function useMeetingDesk(): UseRemote<StaffMeetingList> {
  return useRemote(listStaffMeetings, []);
}
