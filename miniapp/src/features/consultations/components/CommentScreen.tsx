import { Text, View } from '@tarojs/components';
import type { ConsultationDetail, ConsultationDetailResponse, User } from '@zwgk/contracts';
import { LoginPrompt } from '@/components/LoginPrompt';
import { PageHeader } from '@/components/PageHeader';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import type { SessionState } from '@/services';
import { useCommentForm } from '../hooks/useCommentForm';
import { periodOf, targetOf } from '../lib/labels';
import { CommentForm, CommentSubmitted } from './CommentForm';
import { RemoteGate } from '@/components/RemoteGate';
import './consultations.scss';

/** The comment page: what is commented on, then the form for a signed-in citizen while the consultation is open. */
export function CommentScreen({ session, remote, articleNo }: { session: SessionState; remote: UseRemote<ConsultationDetailResponse>; articleNo: number }) {
  return (
    <RemoteGate
      testId='comment-page'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='征集内容加载失败'
      notFound={{ title: '没有找到这次意见征集', description: '它可能已被撤下，或链接有误。' }}
    >
      {({ item }) => {
        const article = articleNo > 0 ? item.articles.find((a) => a.no === articleNo) : null;
        const target = targetOf(article?.label ?? null);
        return (
          <View className='page cs-page' data-testid='comment-page' data-state='ok'>
            <PageHeader title={article ? `对${article.label}提意见` : '对草案整体提意见'} subtitle={item.title} />
            {article ? (
              <View className='cs-card'>
                <Text className='cs-text cs-text--quote'>
                  <Text className='cs-article__label'>{article.label} </Text>
                  {article.text}
                </Text>
              </View>
            ) : null}
            <Body item={item} session={session} articleNo={article ? articleNo : 0} target={target} unknownArticle={articleNo > 0 && !article} />
          </View>
        );
      }}
    </RemoteGate>
  );
}

function Body({ item, session, articleNo, target, unknownArticle }: { item: ConsultationDetail; session: SessionState; articleNo: number; target: string; unknownArticle: boolean }) {
  if (unknownArticle) return <StatusView testId='comment-article-missing' glyph='?' tone='warn' title='没有找到这一条' description='草案可能已修改，请回到征集页重新选择。' />;
  if (!item.canComment) {
    return (
      <StatusView
        testId='comment-closed'
        glyph='止'
        title={item.phase === 'upcoming' ? '征求意见尚未开始' : '征求意见已结束'}
        description={`征求期：${periodOf(item)}。${item.phase === 'upcoming' ? '开始后即可发表意见。' : '不再接收新的意见，感谢您的关注。'}`}
      />
    );
  }
  if (session.status !== 'authenticated') {
    return <LoginPrompt testId='comment-login' title='登录后发表意见' description='发表意见需要先登录，以便审核结果和采纳情况能告知您本人。登录完成会回到本页。' />;
  }
  // Keyed by citizen: another citizen on this device gets their own draft.
  return <SignedIn key={session.user.id} user={session.user} consultationId={item.id} articleNo={articleNo} target={target} />;
}

function SignedIn({ user, consultationId, articleNo, target }: { user: User; consultationId: string; articleNo: number; target: string }) {
  const form = useCommentForm(user, consultationId, articleNo);
  if (form.phase === 'submitted' && form.result) return <CommentSubmitted result={form.result} consultation={{ id: consultationId }} />;
  return <CommentForm form={form} target={target} boundPhone={user.phoneMasked} />;
}
