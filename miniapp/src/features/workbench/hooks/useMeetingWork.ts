import { useCallback, useState } from 'react';
import {
  DrawSourceRequest,
  OBSERVER_CATEGORY_LABELS,
  OpinionReplyRequest,
  ReviewApplicationRequest,
  RunDrawRequest,
  type ApplicationStatus,
  type MeetingDetailResponse,
  type MeetingDrawResponse,
  type ObserverCategory,
  type StaffApplication,
  type StaffApplicationPage,
  type StaffMeeting,
  type StaffMeetingList,
} from '@zwgk/contracts';
import type { z } from 'zod';
import { usePagedList, useRemote, type UsePagedList, type UseRemote } from '@/hooks';
import { confirmAction, messageOf } from '@/services';
import { getMeeting, getMeetingDraw, listStaffMeetingApplications, listStaffMeetings, replyMeetingOpinion, reviewMeetingApplication, runMeetingDraw, setMeetingDrawSource } from '../api';
import { busy, done, failed, type ActionState } from '../lib/actions';

export const MEETING_APPLICATIONS_PAGE_SIZE = 50;

export interface ApplicationFilters {
  category?: ObserverCategory;
  status?: ApplicationStatus;
}

export interface UseMeetingWork {
  id: string;
  /** The staff list, read for this meeting's seats, source and queues. */
  meetings: UseRemote<StaffMeetingList>;
  meeting: StaffMeeting | null;
  filters: ApplicationFilters;
  setFilters: (f: ApplicationFilters) => void;
  applications: UsePagedList<StaffApplication, StaffApplicationPage>;
  /** The public draw (lottery meetings): what each category's draw published. */
  draw: UseRemote<MeetingDrawResponse>;
  /** The public page: the opinions with their replies. */
  detail: UseRemote<MeetingDetailResponse>;
  /** Per key (`review:<id>`, `source`, `draw:<category>`, `reply:<id>`): the last action's outcome. */
  actions: Record<string, ActionState>;
  review: (app: StaffApplication, decision: 'accept' | 'decline', reason: string) => Promise<boolean>;
  setSource: (source: string) => Promise<boolean>;
  runDraw: (category: ObserverCategory, publicValue: string) => Promise<boolean>;
  reply: (opinionId: string, text: string) => Promise<boolean>;
}

/** The contract's first message for what staff typed, or null when it passes. */
function refusal<T>(schema: z.ZodType<T>, input: unknown): string | null {
  const parsed = schema.safeParse(input);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '请检查填写的内容');
}

/**
 * One meeting's selection work for staff (role `events`): applications by category and status,
 * 选定/不选定 with a reason (review), the draw source before the close and each category's draw
 * after it (lottery), and replies to opinions. Every write refreshes what it changed; the
 * server's words (409: full, closed, already drawn) show next to the control.
 */
export function useMeetingWork(id: string): UseMeetingWork {
  const meetings = useRemote(listStaffMeetings, [id]);
  const meeting = meetings.state.status === 'ok' ? (meetings.state.data.items.find((m) => m.id === id) ?? null) : null;
  const [filters, setFilters] = useState<ApplicationFilters>({});
  const applications = usePagedList(
    (page) => listStaffMeetingApplications(id, filters, page, MEETING_APPLICATIONS_PAGE_SIZE),
    (a: StaffApplication) => a.id,
    [id, filters.category, filters.status],
  );
  const draw = useRemote(() => getMeetingDraw(id), [id]);
  const detail = useRemote(() => getMeeting(id), [id]);
  const [actions, setActions] = useState<Record<string, ActionState>>({});
  const mark = useCallback((key: string, state: ActionState) => setActions((prev) => ({ ...prev, [key]: state })), []);

  /** Checks, runs and reports one write; resolves whether it went through. */
  const attempt = useCallback(
    async (key: string, problem: string | null, send: () => Promise<unknown>, success: string, after: Array<() => unknown>) => {
      if (problem) {
        mark(key, failed(problem));
        return false;
      }
      mark(key, busy);
      try {
        await send();
        mark(key, done(success));
        return true;
      } catch (error) {
        mark(key, failed(messageOf(error)));
        return false;
      } finally {
        for (const f of after) void f();
      }
    },
    [mark],
  );

  const review = useCallback(
    (app: StaffApplication, decision: 'accept' | 'decline', reason: string) => {
      const body = { decision, reason };
      return attempt(
        `review:${app.id}`,
        refusal(ReviewApplicationRequest, body),
        async () => {
          const answer = await reviewMeetingApplication(id, app.id, body);
          applications.updateItems((items) => items.map((a) => (a.id === answer.id ? answer : a)));
        },
        decision === 'accept' ? '已选定' : '已标记为不选定',
        [meetings.refresh],
      );
    },
    [attempt, id, applications, meetings.refresh],
  );

  const setSource = useCallback(
    (source: string) => {
      const send = async () => {
        const answer = await setMeetingDrawSource(id, { source });
        if (meetings.state.status === 'ok') meetings.replace({ ...meetings.state.data, items: meetings.state.data.items.map((m) => (m.id === answer.id ? answer : m)) });
      };
      return attempt('source', refusal(DrawSourceRequest, { source }), send, '已公布抽签所用的随机数来源', [meetings.refresh]);
    },
    [attempt, id, meetings],
  );

  const runDraw = useCallback(
    async (category: ObserverCategory, publicValue: string) => {
      const key = `draw:${category}`;
      const problem = refusal(RunDrawRequest, { category, publicValue });
      if (!problem) {
        const ok = await confirmAction({
          title: `为${OBSERVER_CATEGORY_LABELS[category]}抽签`,
          content: `将用“${publicValue}”抽签。每个类别只能抽一次，结果立即公开、不能更改。请确认与公布的内容逐字一致（包括空格、符号和顺序）。`,
          confirmText: '抽签',
        });
        if (!ok) return false;
      }
      // The answer is the draw as published: shown as it is, since a read right after may come
      // from the BFF's brief cache of the public draw and still show the category undrawn.
      const send = async () => draw.replace(await runMeetingDraw(id, { category, publicValue }));
      return attempt(key, problem, send, '已抽签，结果已公示', [meetings.refresh, applications.refresh]);
    },
    [attempt, id, meetings.refresh, draw.replace, applications.refresh],
  );

  const reply = useCallback(
    (opinionId: string, text: string) => attempt(`reply:${opinionId}`, refusal(OpinionReplyRequest, { text }), () => replyMeetingOpinion(id, opinionId, { text }), '答复已公开', [detail.refresh, meetings.refresh]),
    [attempt, id, detail.refresh, meetings.refresh],
  );

  return { id, meetings, meeting, filters, setFilters, applications, draw, detail, actions, review, setSource, runDraw, reply };
}


