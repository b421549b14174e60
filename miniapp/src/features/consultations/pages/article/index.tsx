import { usePageRefresh } from '@/services';
import { ArticleView } from '../../components/ArticleView';
import { useConsultation } from '../../hooks/useConsultations';
import { usePublishedComments } from '../../hooks/usePublishedComments';
import { useConsultationParams } from '../../navigation';

export default function ArticlePage() {
  const { id, articleNo } = useConsultationParams();
  const remote = useConsultation(id);
  const comments = usePublishedComments(id, articleNo);
  usePageRefresh(async () => {
    const [a, b] = await Promise.all([remote.refresh(), comments.refresh()]);
    return a ?? b;
  });
  return <ArticleView remote={remote} articleNo={articleNo} comments={comments} />;
}
