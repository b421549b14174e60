import { useCallback, useState } from 'react';
import type { MyComment, MyCommentPage } from '@zwgk/contracts';
import { usePagedList, type UsePagedList } from '@/hooks';
import { confirmAction, messageOf, showToast } from '@/services';
import { listMyComments, withdrawComment } from '../api';

export const MY_COMMENTS_PAGE_SIZE = 10;

export interface UseMyComments extends UsePagedList<MyComment, MyCommentPage> {
  /** The comment being withdrawn right now. */
  withdrawing: string | null;
  /** Asks to confirm, then withdraws a pending comment; the row shows what the server answered. */
  withdraw: (comment: MyComment) => Promise<void>;
}

/** 我的意见: the citizen's comments with their states (all, or on one consultation), newest first. */
export function useMyComments(consultationId?: string, pageSize = MY_COMMENTS_PAGE_SIZE): UseMyComments {
  const list = usePagedList((page) => listMyComments(page, pageSize, consultationId), (c: MyComment) => c.id, [consultationId, pageSize]);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const { updateItems, refresh } = list;

  const withdraw = useCallback(
    async (comment: MyComment) => {
      const ok = await confirmAction({
        title: '撤回这条意见？',
        content: '撤回后这条意见不再审核和公开，也不能恢复。征求期内您可以重新提交。',
        confirmText: '撤回',
      });
      if (!ok) return;
      setWithdrawing(comment.id);
      try {
        const answer = await withdrawComment(comment.id);
        updateItems((items) => items.map((c) => (c.id === answer.id ? answer : c)));
        showToast('已撤回');
      } catch (error) {
        showToast(messageOf(error));
        // 409: it was moderated meanwhile; show its state now.
        void refresh();
      } finally {
        setWithdrawing(null);
      }
    },
    [updateItems, refresh],
  );

  return { ...list, withdrawing, withdraw };
}
