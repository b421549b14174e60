import { Text, View } from '@tarojs/components';
import type { ConsultationDetailResponse, PublicComment } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { ListFooter } from '@/components/ListFooter';
import { PageHeader } from '@/components/PageHeader';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import type { UsePublishedComments } from '../hooks/usePublishedComments';
import { consultationPages, openPage } from '../navigation';
import { RemoteGate } from '@/components/RemoteGate';
import './consultations.scss';

/** One article (`articleNo` 0: the draft as a whole) with its published comments and the way to comment on it. */
export function ArticleView({ remote, articleNo, comments }: { remote: UseRemote<ConsultationDetailResponse>; articleNo: number; comments: UsePublishedComments }) {
  return (
    <RemoteGate
      testId='article-page'
      state={remote.state}
      onRetry={remote.reload}
      errorTitle='条款内容加载失败'
      notFound={{ title: '没有找到这次意见征集', description: '它可能已被撤下，或链接有误。' }}
    >
      {({ item }) => {
        const article = articleNo > 0 ? item.articles.find((a) => a.no === articleNo) : null;
        if (articleNo > 0 && !article) {
          return (
            <View className='page' data-testid='article-page' data-state='not-found'>
              <StatusView testId='article-page-error' glyph='?' tone='warn' title='没有找到这一条' description='草案可能已修改，请回到征集页重新选择。' />
            </View>
          );
        }
        const title = article ? `${article.label}` : '对草案整体的意见';
        return (
          <View className='page cs-page' data-testid='article-page' data-state='ok' data-no={articleNo}>
            <PageHeader title={title} subtitle={item.title} />
            {article ? (
              <View className='cs-card'>
                {article.chapter ? <Text className='cs-muted'>{article.chapter}</Text> : null}
                <Text className='cs-text' data-testid='article-text'>
                  {article.text}
                </Text>
              </View>
            ) : null}
            {item.canComment ? (
              <AppButton testId='comment-here' onClick={() => openPage(consultationPages.comment(item.id, articleNo))}>
                {article ? `对${article.label}提意见` : '对草案整体提意见'}
              </AppButton>
            ) : (
              <Text className='cs-hint'>{item.phase === 'upcoming' ? '征求期开始后即可发表意见。' : '征求期已结束，不再接收新的意见。'}</Text>
            )}
            <View className='cs-section__head' role='heading' aria-level={2}>
              已公开的意见
            </View>
            <CommentList comments={comments} />
          </View>
        );
      }}
    </RemoteGate>
  );
}

function CommentList({ comments }: { comments: UsePublishedComments }) {
  const { state } = comments;
  if (state.status === 'loading') return <Skeleton rows={2} />;
  if (state.status === 'error') {
    return <StatusView testId='comments-error' glyph='!' tone='warn' title='意见加载失败' description={state.message} actionText='重试' onAction={comments.reload} />;
  }
  if (!state.items.length) {
    return (
      <Text className='cs-hint' data-testid='comments-empty'>
        还没有公开的意见。意见经审核后才会公开在这里。
      </Text>
    );
  }
  return (
    <View data-testid='comments'>
      <Text className='cs-muted'>共 {state.total} 条，经审核后公开</Text>
      {state.items.map((c) => (
        <CommentCard key={c.id} comment={c} />
      ))}
      <ListFooter testId='comments' list={comments} />
    </View>
  );
}

function CommentCard({ comment }: { comment: PublicComment }) {
  return (
    <View className='cs-card cs-comment' data-testid='published-comment'>
      <Text className='cs-text'>{comment.text}</Text>
      <Text className='cs-muted'>
        {comment.authorName} · {formatDateTime(comment.approvedAt)}公开
      </Text>
    </View>
  );
}
