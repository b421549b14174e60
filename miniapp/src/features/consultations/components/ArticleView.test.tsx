import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { stubNetwork, type SentRequest } from '../../../../test/network';
import { useConsultation } from '../hooks/useConsultations';
import { usePublishedComments } from '../hooks/usePublishedComments';
import { consultationDetail, publicComments } from '../testing/fixtures';
import { ArticleView } from './ArticleView';

function Harness({ articleNo }: { articleNo: number }) {
  return <ArticleView remote={useConsultation('con-001')} articleNo={articleNo} comments={usePublishedComments('con-001', articleNo, 2)} />;
}

const isComments = (req: SentRequest) => req.url.endsWith('/comments');

afterEach(() => jest.restoreAllMocks());

describe('an article and its published comments', () => {
  it('when there are more comments than a page, then 加载更多 follows the cursor the server gave', async () => {
    const { sent } = stubNetwork((req) => {
      if (!isComments(req)) return { status: 200, body: consultationDetail() };
      const cursor = (req.data as { cursor?: string }).cursor;
      return { status: 200, body: cursor === 'next-1' ? publicComments(1, 3, null, 3) : publicComments(2, 3, 'next-1') };
    });
    render(<Harness articleNo={3} />);
    expect(await screen.findByTestId('article-text')).toHaveTextContent('每百户不少于20平方米');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('第三条');
    await waitFor(() => expect(screen.getAllByTestId('published-comment')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('comments-more'));
    await waitFor(() => expect(screen.getAllByTestId('published-comment')).toHaveLength(3));
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    expect(sent.filter(isComments).map((r) => r.data)).toEqual([
      { articleNo: 3, pageSize: 2 },
      { articleNo: 3, pageSize: 2, cursor: 'next-1' },
    ]);
    expect(screen.getByTestId('comment-here')).toHaveTextContent('对第三条提意见');
  });

  it('when nothing is published yet, then it says comments appear after moderation', async () => {
    stubNetwork((req) => (isComments(req) ? { status: 200, body: publicComments(0) } : { status: 200, body: consultationDetail() }));
    render(<Harness articleNo={0} />);
    expect(await screen.findByTestId('comments-empty')).toHaveTextContent('意见经审核后才会公开');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('对草案整体的意见');
  });

  it('when the consultation has closed, then no comment button shows', async () => {
    stubNetwork((req) => (isComments(req) ? { status: 200, body: publicComments(1) } : { status: 200, body: consultationDetail({ phase: 'closed', phaseLabel: '已截止', canComment: false, daysLeft: null }) }));
    render(<Harness articleNo={3} />);
    expect(await screen.findByText('征求期已结束，不再接收新的意见。')).toBeInTheDocument();
    expect(screen.queryByTestId('comment-here')).not.toBeInTheDocument();
  });

  it('when the article is not in the draft, then it says so', async () => {
    stubNetwork((req) => (isComments(req) ? { status: 200, body: publicComments(0) } : { status: 200, body: consultationDetail() }));
    render(<Harness articleNo={9} />);
    expect(await screen.findByTestId('article-page-error')).toHaveTextContent('没有找到这一条');
  });
});
