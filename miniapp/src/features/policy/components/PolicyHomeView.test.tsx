import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { PolicyHomeView, usePolicyHome } from '@/features/policy';
import { clearRecent, rememberViewed } from '../lib/recent';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { policyPage, popularQas, topics } from '../testing/fixtures';

function Harness() {
  const home = usePolicyHome();
  return (
    <>
      <PolicyHomeView home={home} />
      <button data-testid='reach-bottom' onClick={home.list.loadMore} />
    </>
  );
}

type Query = { page?: number; pageSize?: number; topic?: string; status?: string };

/** A BFF with `total` policies; `listReply` may override the list answer. */
function backend(total: number, listReply?: (q: Query, req: SentRequest) => { status: number; body: unknown } | undefined) {
  return stubNetwork((req) => {
    const q = (req.data ?? {}) as Query;
    if (req.url.endsWith('/api/v1/topics')) return { status: 200, body: topics() };
    if (req.url.endsWith('/api/v1/qas')) return { status: 200, body: popularQas() };
    return listReply?.(q, req) ?? { status: 200, body: policyPage(q.page ?? 1, q.pageSize ?? 10, total) };
  });
}
const listCalls = (sent: SentRequest[]) => sent.filter((r) => r.url.endsWith('/api/v1/policies'));

beforeEach(() => clearRecent());
afterEach(() => jest.restoreAllMocks());

describe('政策 tab', () => {
  it('when loaded, then topics, popular questions and the first page of policies show', async () => {
    const { sent } = backend(23);
    render(<Harness />);
    expect(await screen.findAllByTestId('policy-item')).toHaveLength(10);
    expect(screen.getByTestId('policy-count')).toHaveTextContent('共 23 份');
    expect(screen.getAllByTestId('topic-chip').map((c) => c.textContent)).toEqual(['政务公开 36', '社会救助 11']);
    expect(screen.getByTestId('popular-qa')).toHaveTextContent('什么样的家庭可以申请最低生活保障？');
    expect(screen.getByTestId('popular-qa')).toHaveTextContent('4人觉得有帮助');
    // No filter chosen: no filter parameter is sent at all.
    expect(listCalls(sent)[0].data).toStrictEqual({ page: 1, pageSize: 10 });
    expect(sent.find((r) => r.url.endsWith('/api/v1/qas'))!.data).toStrictEqual({ sort: 'popular', pageSize: 5 });
  });

  it('when scrolled to the bottom, then the next pages are appended until all are shown', async () => {
    const { sent } = backend(23);
    render(<Harness />);
    await screen.findAllByTestId('policy-item');
    fireEvent.click(screen.getByTestId('reach-bottom'));
    expect(await screen.findByText('政策文件20')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('reach-bottom'));
    expect(await screen.findByText('已显示全部')).toBeInTheDocument();
    expect(screen.getAllByTestId('policy-item')).toHaveLength(23);
    fireEvent.click(screen.getByTestId('reach-bottom'));
    expect(listCalls(sent).map((r) => (r.data as Query).page)).toEqual([1, 2, 3]);
  });

  it('when a page fails to load, then the list stays and the footer offers a retry', async () => {
    let failNext = false;
    backend(23, (q) => (failNext && q.page === 2 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '相关系统暂时无法访问，请稍后再试') } : undefined));
    render(<Harness />);
    await screen.findAllByTestId('policy-item');
    failNext = true;
    fireEvent.click(screen.getByTestId('reach-bottom'));
    expect(await screen.findByText('相关系统暂时无法访问，请稍后再试，点击重试')).toBeInTheDocument();
    expect(screen.getAllByTestId('policy-item')).toHaveLength(10);
    failNext = false;
    fireEvent.click(screen.getByTestId('load-more'));
    expect(await screen.findByText('政策文件20')).toBeInTheDocument();
  });

  it('when a topic and a status are chosen, then the list starts over filtered by both', async () => {
    const { sent } = backend(23);
    render(<Harness />);
    await screen.findAllByTestId('policy-item');
    fireEvent.click(screen.getAllByTestId('topic-chip')[1]);
    fireEvent.click(screen.getAllByTestId('status-filter').find((el) => el.textContent === '已废止')!);
    await screen.findAllByTestId('policy-item');
    expect(listCalls(sent).at(-1)!.data).toMatchObject({ topic: '社会救助', status: 'repealed', page: 1 });
    expect(sent.filter((r) => r.url.endsWith('/api/v1/qas')).at(-1)!.data).toMatchObject({ sort: 'popular', topic: '社会救助' });
    expect(screen.getAllByTestId('topic-chip')[1]).toHaveAttribute('data-selected', 'true');
  });

  it('when nothing matches, then the empty state offers to clear the filters', async () => {
    const { sent } = backend(5, (q) => (q.status ? { status: 200, body: policyPage(1, 10, 0) } : undefined));
    render(<Harness />);
    await screen.findAllByTestId('policy-item');
    fireEvent.click(screen.getAllByTestId('status-filter').find((el) => el.textContent === '已失效')!);
    expect(await screen.findByTestId('policy-list-empty')).toHaveTextContent('没有符合条件的政策文件');
    fireEvent.click(screen.getByTestId('clear-filters'));
    expect(await screen.findAllByTestId('policy-item')).toHaveLength(5);
    // Absent, not sent as the text "undefined".
    expect(listCalls(sent).at(-1)!.data).not.toHaveProperty('status');
  });

  it('when the portal is down with a cached copy, then the list shows with a quiet notice', async () => {
    backend(3, (q) => ({ status: 200, body: policyPage(q.page ?? 1, 10, 3, 'stale') }));
    render(<Harness />);
    await screen.findAllByTestId('policy-item');
    expect(within(screen.getByTestId('policy-list')).getByTestId('stale-notice')).toBeInTheDocument();
  });

  it('when the list cannot load at all, then the error retries it', async () => {
    let n = 0;
    backend(3, () => (++n === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '相关系统暂时无法访问，请稍后再试') } : undefined));
    render(<Harness />);
    expect(await screen.findByTestId('policy-list-error')).toHaveTextContent('政策列表加载失败');
    fireEvent.click(screen.getByTestId('policy-list-error-action'));
    expect(await screen.findAllByTestId('policy-item')).toHaveLength(3);
  });

  it('when items were viewed on this device, then they are listed newest first and open again', async () => {
    rememberViewed({ kind: 'policy', id: 'pol-004', title: '旧规则' }, 1);
    rememberViewed({ kind: 'qa', id: 'qa-045', title: '暂行办法还在用吗？' }, 2);
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    backend(3);
    render(<Harness />);
    const items = await screen.findAllByTestId('recent-item');
    expect(items.map((i) => i.textContent)).toEqual(['问答暂行办法还在用吗？', '政策旧规则']);
    await act(async () => void fireEvent.click(items[1]));
    expect(nav).toHaveBeenCalledWith({ url: '/features/policy/pages/policy/index?id=pol-004' });
  });
});
