import { useRef } from 'react';
import type { PublicComment } from '@zwgk/contracts';
import { usePagedList, type PageOf, type UsePagedList } from '@/hooks';
import { listPublishedComments } from '../api';

export const COMMENTS_PAGE_SIZE = 20;

export type PublishedCommentPage = PageOf<PublicComment>;
export type UsePublishedComments = UsePagedList<PublicComment, PublishedCommentPage>;

/**
 * The published comments on one article (`articleNo` 0: on the draft as a whole), newest first.
 * The route pages with a cursor; the shared list counts pages, so each page's cursor is kept
 * here by the number of the page it opens.
 */
export function usePublishedComments(id: string, articleNo: number, pageSize = COMMENTS_PAGE_SIZE): UsePublishedComments {
  const cursors = useRef(new Map<number, string>());
  return usePagedList(
    async (page) => {
      if (page === 1) cursors.current.clear();
      const cursor = page === 1 ? undefined : cursors.current.get(page);
      const answer = await listPublishedComments(id, { articleNo, pageSize, cursor });
      if (answer.nextCursor) cursors.current.set(page + 1, answer.nextCursor);
      // Without a cursor there is no next page, whatever the total says (comments withdrawn meanwhile).
      const total = answer.nextCursor ? answer.total : (page - 1) * pageSize + answer.items.length;
      return { items: answer.items, page, pageSize, total };
    },
    (c: PublicComment) => c.id,
    [id, articleNo, pageSize],
  );
}
