import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { SearchView } from './SearchView';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { searchResult } from '../testing/fixtures';

function Harness({ initial = '', delayMs = 300 }: { initial?: string; delayMs?: number }) {
  const [q, setQ] = useState(initial);
  return (
    <>
      <SearchView query={q} onQueryChange={setQ} delayMs={delayMs} />
      <button data-testid='type' onClick={(e) => setQ((e.currentTarget as HTMLButtonElement).value)} />
    </>
  );
}

/** Types `text` as if the citizen did (the harness button stands in for the Taro Input's event). */
function typeQuery(text: string) {
  const btn = screen.getByTestId('type') as HTMLButtonElement;
  btn.value = text;
  fireEvent.click(btn);
}

const searches = (sent: SentRequest[]) => sent.filter((r) => r.url.endsWith('/api/v1/qa/search'));

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('instant search', () => {
  it('when the citizen types quickly, then one request is sent 300 ms after the last keystroke', async () => {
    const { sent } = stubNetwork((req) => ({ status: 200, body: searchResult(String((req.data as { q: string }).q)) }));
    render(<Harness />);
    expect(screen.getByTestId('search-idle')).toBeInTheDocument();
    for (const text of ['低', '低保', '低保去', '低保去哪']) {
      typeQuery(text);
      act(() => void jest.advanceTimersByTime(100));
    }
    expect(searches(sent)).toHaveLength(0);
    await act(async () => void jest.advanceTimersByTime(200));
    expect(searches(sent)).toHaveLength(1);
    expect(searches(sent)[0].data).toMatchObject({ q: '低保去哪', limit: 10 });
    expect(await screen.findByTestId('search-hit')).toHaveTextContent('最低生活保障去哪里申请？');
  });

  it('when an older answer arrives after a newer one, then it is ignored', async () => {
    const pending: Record<string, (r: { status: number; body: unknown }) => void> = {};
    stubNetwork((req) => new Promise((resolve) => (pending[String((req.data as { q: string }).q)] = resolve)));
    render(<Harness />);
    typeQuery('低保');
    await act(async () => void jest.advanceTimersByTime(300));
    typeQuery('公租房');
    await act(async () => void jest.advanceTimersByTime(300));
    const newer = searchResult('公租房');
    newer.items[0] = { ...newer.items[0], id: 'qa-057', question: '哪些人可以申请公共租赁住房租赁补贴？', highlights: { question: [], answer: [] } };
    await act(async () => pending['公租房']({ status: 200, body: newer }));
    await act(async () => pending['低保']({ status: 200, body: searchResult('低保') }));
    const hits = screen.getAllByTestId('search-hit');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toHaveAttribute('data-id', 'qa-057');
  });

  it('when hits come with ranges, then exactly the matched words are highlighted', async () => {
    stubNetwork(() => ({ status: 200, body: searchResult('申请') }));
    render(<Harness initial='申请' />);
    await act(async () => void jest.advanceTimersByTime(300));
    const hit = await screen.findByTestId('search-hit');
    expect(within(hit).getAllByTestId('hl').map((el) => el.textContent)).toEqual(['申请', '申请']);
  });

  it('when the answer is not confident, then the 12345 hotline is offered and leads to the 热线 tab', async () => {
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    stubNetwork(() => ({
      status: 200,
      body: searchResult('我家楼下太吵了', { items: [], confident: false, suggestion: { hotline: '12345', message: '知识库里没有合适的答案，建议拨打 12345 热线咨询。' } }),
    }));
    render(<Harness initial='我家楼下太吵了' />);
    await act(async () => void jest.advanceTimersByTime(300));
    expect(await screen.findByTestId('search-empty')).toHaveTextContent('没有找到相关问答');
    expect(screen.getByTestId('search-hotline')).toHaveTextContent('知识库里没有合适的答案，建议拨打 12345 热线咨询。');
    fireEvent.click(screen.getByTestId('search-hotline-link'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/hotline/index' });
  });

  it('when the search service is not there, then a Chinese error with retry and the hotline show', async () => {
    let calls = 0;
    stubNetwork(() => (++calls === 1 ? { status: 404, body: errorBody(ErrorCode.notFound, '请求的接口不存在') } : { status: 200, body: searchResult('低保') }));
    render(<Harness initial='低保' />);
    await act(async () => void jest.advanceTimersByTime(300));
    const error = await screen.findByTestId('search-error');
    expect(error).toHaveTextContent('搜索暂时不可用');
    expect(error).toHaveTextContent('请求的接口不存在');
    expect(within(error).getByTestId('search-hotline')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('search-error-action'));
    await act(async () => void jest.advanceTimersByTime(300));
    expect(await screen.findByTestId('search-hit')).toBeInTheDocument();
  });

  it('when results are stale, then they show with a quiet notice', async () => {
    stubNetwork(() => ({ status: 200, body: searchResult('低保', { status: 'stale' }) }));
    render(<Harness initial='低保' />);
    await act(async () => void jest.advanceTimersByTime(300));
    expect(await screen.findByTestId('stale-notice')).toBeInTheDocument();
    expect(screen.getByTestId('search-hit')).toBeInTheDocument();
  });

  it('when a hit is tapped, then its Q&A page opens', async () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    stubNetwork(() => ({ status: 200, body: searchResult('低保') }));
    render(<Harness initial='低保' />);
    await act(async () => void jest.advanceTimersByTime(300));
    fireEvent.click(await screen.findByTestId('search-hit'));
    expect(nav).toHaveBeenCalledWith({ url: '/features/policy/pages/qa/index?id=qa-047' });
  });
});
