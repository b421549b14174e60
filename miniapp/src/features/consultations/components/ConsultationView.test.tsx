import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useConsultation } from '../hooks/useConsultations';
import { consultationDetail } from '../testing/fixtures';
import { ConsultationView } from './ConsultationView';

function Harness({ id = 'con-001' }: { id?: string }) {
  return <ConsultationView remote={useConsultation(id)} />;
}

let navigate: jest.SpyInstance;
beforeEach(() => {
  navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
});
afterEach(() => jest.restoreAllMocks());

describe('a consultation', () => {
  it('when it is open, then title, issuer, period, countdown, basis, published count and each article with its count show', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: consultationDetail() }));
    render(<Harness />);
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent('社区嵌入式养老服务设施建设管理办法');
    expect(sent[0].url).toBe('/api/v1/consultations/con-001');
    expect(screen.getByText('江海市民政局')).toBeInTheDocument();
    expect(screen.getByText(/^征求期：11月10日 09:00 至/)).toBeInTheDocument();
    expect(screen.getByTestId('countdown')).toHaveTextContent(/^距截止还有 8 天 (2|3) 小时$/);
    expect(screen.getByTestId('published-count')).toHaveTextContent('已公开意见 12 条');
    const articles = screen.getAllByTestId('article');
    expect(articles).toHaveLength(3);
    expect(within(articles[2]).getByText('7 条已公开意见 ›')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['第一章 总则', '第二章 建设']);
    expect(screen.getByTestId('article-whole')).toHaveTextContent('3 条已公开意见');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('when an article, the whole draft or a basis document we hold is tapped, then its page opens; one we do not hold is plain text', async () => {
    stubNetwork(() => ({ status: 200, body: consultationDetail() }));
    render(<Harness />);
    const articles = await screen.findAllByTestId('article');
    fireEvent.click(articles[2]);
    expect(navigate).toHaveBeenLastCalledWith({ url: '/features/consultations/pages/article/index?id=con-001&no=3' });
    fireEvent.click(screen.getByTestId('comment-whole'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/features/consultations/pages/comment/index?id=con-001' });
    fireEvent.click(screen.getByTestId('basis-link'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/features/policy/pages/policy/index?id=pol-009' });
    expect(screen.getByTestId('basis-doc')).toHaveTextContent('《中华人民共和国老年人权益保障法》');
  });

  it('when it has closed, then there is no comment button and it says the comments are being handled', async () => {
    stubNetwork(() => ({ status: 200, body: consultationDetail({ phase: 'closed', phaseLabel: '已截止', daysLeft: null, canComment: false }) }));
    render(<Harness />);
    expect(await screen.findByText(/征求期已结束，正在整理和处理意见/)).toBeInTheDocument();
    expect(screen.queryByTestId('comment-whole')).not.toBeInTheDocument();
    expect(screen.queryByTestId('countdown')).not.toBeInTheDocument();
  });

  it('when the report is out, then 查看意见采纳情况 opens it', async () => {
    stubNetwork(() => ({ status: 200, body: consultationDetail({ phase: 'reported', phaseLabel: '已公布采纳情况', daysLeft: null, canComment: false, reportPublishedAt: '2026-12-20T02:00:00.000Z' }) }));
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('open-report'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/features/consultations/pages/report/index?id=con-001' });
  });

  it('when the portal is down and this is the last known copy, then it says so', async () => {
    stubNetwork(() => ({ status: 200, body: consultationDetail({}, 'stale') }));
    render(<Harness />);
    expect(await screen.findByTestId('consultation-stale')).toBeInTheDocument();
  });

  it('when there is no such consultation, then it says 没有找到 without 重试', async () => {
    stubNetwork(() => ({ status: 404, body: errorBody('not_found', '没有找到这次意见征集，可能已被撤下') }));
    render(<Harness id='con-999' />);
    const error = await screen.findByTestId('consultation-error');
    expect(error).toHaveTextContent('没有找到这次意见征集');
    expect(screen.queryByTestId('consultation-error-action')).not.toBeInTheDocument();
  });
});
