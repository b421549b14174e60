import { switchToTab, usePageParams, usePageRefresh } from '@/services';
import { MyCommentsView } from '../../components/MyCommentsView';
import { useMyComments } from '../../hooks/useMyComments';

export default function MyCommentsPage() {
  // `id`: only the comments on one consultation (from its page or a notice).
  const list = useMyComments(usePageParams().id || undefined);
  usePageRefresh(list.refresh, { onShowAgain: true });
  return <MyCommentsView list={list} onBrowse={() => switchToTab('/pages/participate/index')} />;
}
