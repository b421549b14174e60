import type { MeetingDetailResponse, MeetingDrawResponse, MeetingListResponse, MyMeetingApplicationList } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { getMeeting, getMeetingDraw, listMeetings, listMyApplications } from '../api';

/** 列席会议: every meeting open to observers, with the citizen's own status. */
export function useMeetingList(): UseRemote<MeetingListResponse> {
  return useRemote(() => listMeetings(), []);
}

/** One meeting with its seats, observers, opinions and the citizen's application. */
export function useMeeting(id: string): UseRemote<MeetingDetailResponse> {
  return useRemote(() => getMeeting(id), [id]);
}

/** The published draw of a lottery meeting. */
export function useMeetingDraw(id: string): UseRemote<MeetingDrawResponse> {
  return useRemote(() => getMeetingDraw(id), [id]);
}

/** 我的列席申请 (401 signed out). */
export function useMyApplications(): UseRemote<MyMeetingApplicationList> {
  return useRemote(() => listMyApplications(), []);
}
