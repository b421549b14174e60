import { useCallback, useMemo, useState } from 'react';
import type { RejectReason, StaffComment, StaffCommentPage, StaffConsultationList } from '@zwgk/contracts';
import { useRemote, type UsePagedList, type UseRemote } from '@/hooks';
import { ApiError, messageOf } from '@/services';
import { approveComment, listStaffComments, listStaffConsultations, rejectComment } from '../api';
import { busy, done, failed, idle, type ActionState } from '../lib/actions';
import { useCursorList, type CursorPaged } from './useCursorList';

export const QUEUE_PAGE_SIZE = 20;

export type ModerationView = 'queue' | 'consultations';

export interface UseModerationDesk {
  view: ModerationView;
  setView: (view: ModerationView) => void;
  /** Pending comments across consultations, oldest first. */
  queue: UsePagedList<StaffComment, CursorPaged<StaffComment, StaffCommentPage>>;
  /** Every consultation that has opened (titles for the queue, and the way to 意见处理). */
  consultations: UseRemote<StaffConsultationList>;
  titleOf: (consultationId: string) => string;
  selected: StaffComment | null;
  select: (commentId: string | null) => void;
  rejectReason: RejectReason | null;
  setRejectReason: (reason: RejectReason) => void;
  rejectNote: string;
  setRejectNote: (note: string) => void;
  /** The message under the reason choice (none chosen when 不予公开 was tapped). */
  rejectError: string | null;
  approve: () => Promise<void>;
  reject: () => Promise<void>;
  /** The last approval or rejection: progress, then its outcome (kept after the comment leaves the queue). */
  actionState: ActionState;
}

/**
 * 意见审核: the queue of pending comments with their pre-screen flags; the selected one is
 * approved or withheld with a reason from the fixed list and an optional note. A 409 (someone
 * else moderated it first) says so and reads the queue again.
 */
export function useModerationDesk(pageSize = QUEUE_PAGE_SIZE): UseModerationDesk {
  const [view, setView] = useState<ModerationView>('queue');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [rejectReason, setReason] = useState<RejectReason | null>(null);
  const [rejectNote, setRejectNote] = useState('');
  const [rejectError, setRejectError] = useState<string | null>(null);
  const [actionState, setActionState] = useState<ActionState>(idle);

  const queue = useCursorList((cursor) => listStaffComments({ state: 'pending' }, cursor, pageSize), (c: StaffComment) => c.id, [pageSize], pageSize);
  const consultations = useRemote(listStaffConsultations, []);

  const titles = useMemo(() => {
    const map = new Map<string, string>();
    if (consultations.state.status === 'ok') for (const c of consultations.state.data.items) map.set(c.id, c.title);
    return map;
  }, [consultations.state]);
  const titleOf = useCallback((id: string) => titles.get(id) ?? `征集 ${id}`, [titles]);

  const selected = queue.state.status === 'ok' ? (queue.state.items.find((c) => c.id === selectedId) ?? null) : null;

  const select = useCallback((commentId: string | null) => {
    setSelectedId(commentId);
    setReason(null);
    setRejectNote('');
    setRejectError(null);
  }, []);

  const { updateItems, refresh } = queue;
  const refreshConsultations = consultations.refresh;
  /** Runs one moderation action on the selected comment; on success it leaves the queue. */
  const moderate = useCallback(
    async (action: (id: string) => Promise<StaffComment>, success: string) => {
      if (!selected) return;
      const id = selected.id;
      setActionState(busy);
      try {
        await action(id);
        updateItems((items) => items.filter((c) => c.id !== id));
        select(null);
        setActionState(done(success));
        void refresh();
        void refreshConsultations();
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          select(null);
          setActionState(failed(`${error.message.replace(/[。.]$/, '')}。这条意见可能已由其他审核人员处理，队列已刷新。`));
          void refresh();
          return;
        }
        setActionState(failed(messageOf(error)));
      }
    },
    [selected, updateItems, refresh, refreshConsultations, select],
  );

  const approve = useCallback(() => moderate(approveComment, '已审核通过，意见已公开'), [moderate]);
  const reject = useCallback(async () => {
    if (!rejectReason) {
      setRejectError('请选择不予公开的理由');
      return;
    }
    const note = rejectNote.trim() || undefined;
    await moderate((id) => rejectComment(id, { reason: rejectReason, note }), '已不予公开，系统将告知提交人理由');
  }, [moderate, rejectReason, rejectNote]);

  const setRejectReason = useCallback((reason: RejectReason) => {
    setReason(reason);
    setRejectError(null);
  }, []);

  return { view, setView, queue, consultations, titleOf, selected, select, rejectReason, setRejectReason, rejectNote, setRejectNote, rejectError, approve, reject, actionState };
}
