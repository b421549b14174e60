import { useRef } from 'react';
import { usePagedList, type PageOf, type UsePagedList } from '@/hooks';

/** What a route paged by a keyset cursor answers (the staff comment lists). */
export interface CursorPage<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export type CursorPaged<T, P extends CursorPage<T>> = P & PageOf<T>;

/**
 * usePagedList over a route paged by cursor: page n is read with the cursor that page n − 1
 * answered. When the last page has been read the total becomes what was read, so 加载更多 stops
 * even if the server's count has moved meanwhile.
 */
export function useCursorList<T, P extends CursorPage<T>>(
  load: (cursor: string | undefined) => Promise<P>,
  keyOf: (item: T) => string,
  deps: readonly unknown[],
  pageSize: number,
): UsePagedList<T, CursorPaged<T, P>> {
  const cursors = useRef(new Map<number, string>());
  const read = useRef(0);
  return usePagedList<T, CursorPaged<T, P>>(
    async (page) => {
      if (page === 1) {
        cursors.current = new Map();
        read.current = 0;
      }
      const cursor = cursors.current.get(page);
      if (page > 1 && !cursor) return { items: [], total: read.current, nextCursor: null, page, pageSize } as unknown as CursorPaged<T, P>;
      const answer = await load(cursor);
      read.current += answer.items.length;
      if (answer.nextCursor) cursors.current.set(page + 1, answer.nextCursor);
      return { ...answer, page, pageSize, total: answer.nextCursor ? answer.total : read.current };
    },
    keyOf,
    deps,
  );
}
