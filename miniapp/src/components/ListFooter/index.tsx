import { Text } from '@tarojs/components';
import type { PageOf, UsePagedList } from '@/hooks';
import { AppButton } from '../AppButton';
import { InlineMessage } from '../InlineMessage';
import './index.scss';

/**
 * The end of a paged list: why the next page failed, then 加载更多 while there is more, else
 * 没有更多了. `data-testid="<testId>-more"` on the button, `<testId>-more-error` on the message.
 */
export function ListFooter<T, P extends PageOf<T>>({ testId, list }: { testId: string; list: UsePagedList<T, P> }) {
  const { state } = list;
  if (state.status !== 'ok') return null;
  return (
    <>
      {state.moreError ? (
        <InlineMessage tone='error' testId={`${testId}-more-error`}>
          {state.moreError}
        </InlineMessage>
      ) : null}
      {list.hasMore ? (
        <AppButton variant='secondary' className='list-footer__more' loading={state.busy === 'more'} onClick={list.loadMore} testId={`${testId}-more`}>
          加载更多
        </AppButton>
      ) : (
        <Text className='list-footer__end'>没有更多了</Text>
      )}
    </>
  );
}
