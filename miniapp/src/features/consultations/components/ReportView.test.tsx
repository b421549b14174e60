import { render, screen, within } from '@testing-library/react';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useReport } from '../hooks/useConsultations';
import { report } from '../testing/fixtures';
import { ReportView } from './ReportView';

function Harness() {
  return <ReportView remote={useReport('con-005')} />;
}

afterEach(() => jest.restoreAllMocks());

describe('意见采纳情况', () => {
  it('when the report is published, then counts, withheld by reason, shares with numerator and denominator, points and the ≥5 not adopted show', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: report() }));
    render(<Harness />);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('意见采纳情况');
    expect(sent[0].url).toBe('/api/v1/consultations/con-005/report');
    expect(screen.getByTestId('report-published')).toHaveTextContent('公布日期：9月20日');
    expect(screen.getByText(/^征求期：8月3日 09:00 至 9月2日 17:30$/)).toBeInTheDocument();
    const counts = screen.getByTestId('report-counts');
    expect(counts).toHaveTextContent('收到意见12 条');
    expect(counts).toHaveTextContent('审核后公开10 条');
    expect(counts).toHaveTextContent('未予公开2 条');
    expect(counts).toHaveTextContent('其中广告2 条');
    expect(counts).not.toHaveTextContent('人身攻击');
    expect(screen.getByTestId('share-adopted')).toHaveTextContent('3 条 · 3/10（30%）');
    expect(screen.getByTestId('share-not_adopted')).toHaveTextContent('6 条 · 6/10（60%）');
    expect(screen.getByTestId('share-out_of_scope')).toHaveTextContent('0 条 · 0/10（0%）');
    const major = screen.getByTestId('report-major');
    expect(major).toHaveTextContent('5 人及以上提出、未采纳的意见');
    expect(within(major).getByTestId('report-point')).toHaveTextContent('建议取消运营补贴上限未采纳6 人提出，共 6 条意见理由：补贴标准已按财政承受能力测算，暂不调整');
    expect(within(screen.getByTestId('report-points')).getAllByTestId('report-point')).toHaveLength(2);
    expect(screen.getByTestId('report-articles')).toHaveTextContent('第三条：公开意见 6 条未采纳 6');
    expect(screen.getByTestId('download-report')).toHaveTextContent('下载采纳情况（CSV）');
  });

  it('when the report is not published yet (404), then it says when it will be', async () => {
    stubNetwork(() => ({ status: 404, body: errorBody('not_found', '采纳情况尚未公布') }));
    render(<Harness />);
    expect(await screen.findByTestId('report-error')).toHaveTextContent('采纳情况尚未公布');
    expect(screen.queryByTestId('report-error-action')).not.toBeInTheDocument();
  });

  it('when loading fails, then 重试 is offered', async () => {
    stubNetwork(() => 'network-down');
    render(<Harness />);
    expect(await screen.findByTestId('report-error-action')).toHaveTextContent('重试');
  });
});
