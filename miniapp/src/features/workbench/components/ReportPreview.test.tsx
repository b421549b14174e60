import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { useReportPreview } from '../hooks/useReportPreview';
import { consultationId, consultationReport, staffConsultation } from '../testing/fixtures';
import { ReportPreview } from './ReportPreview';

function Harness() {
  return <ReportPreview preview={useReportPreview(consultationId)} />;
}

const BASE = `/api/v1/staff/consultations/${consultationId}`;
const publishedAt = '2026-12-14T11:00:00.000+08:00';

function server(publish: () => Reply) {
  let published = false;
  return stubNetwork((req) => {
    if (req.url === BASE) return { status: 200, body: staffConsultation(published ? { phase: 'reported', phaseLabel: '已公布采纳情况', reportPublishedAt: publishedAt } : {}) };
    if (req.url === `${BASE}/report`) return { status: 200, body: { report: consultationReport() } };
    if (req.url === `${BASE}/report/publish`) {
      const reply = publish();
      if (reply !== 'network-down' && reply.status === 200) published = true;
      return reply;
    }
    return { status: 404, body: errorBody(ErrorCode.notFound, '没有找到') };
  });
}
const confirm = () => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'moderator'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('意见采纳情况 (report preview and publication)', () => {
  it('when it opens, then the preview shows the working days since the close and each disposition with its share', async () => {
    server(() => ({ status: 500 }));
    render(<Harness />);
    expect(await screen.findByTestId('report-working-days')).toHaveTextContent('已过 2 个工作日');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('意见采纳情况');
    expect(screen.getByTestId('report-status')).toHaveTextContent('预览（未公布）');
    expect(screen.getByTestId('report-disposition-partly_adopted')).toHaveTextContent('2 条，2 / 4（50.0%）');
    expect(screen.getByTestId('report-withheld')).toHaveTextContent('1 条，广告 1 条');
    expect(screen.getByTestId('report-not-ready')).toBeInTheDocument();
  });

  it('when 发布 is refused because comments remain, then the server message naming how many shows', async () => {
    server(() => ({ status: 409, body: errorBody(ErrorCode.conflict, '还有 3 条已公开的意见尚未处置，请全部处置后再公布采纳情况') }));
    const modal = confirm();
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('report-publish'));
    const result = await screen.findByTestId('report-publish-result');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '发布采纳情况', confirmText: '发布' }));
    expect(result).toHaveTextContent('还有 3 条已公开的意见尚未处置');
    expect(result).toHaveAttribute('role', 'alert');
    expect(screen.queryByTestId('report-public-link')).not.toBeInTheDocument();
  });

  it('when 发布 succeeds, then the report shows as published with a link to the public page', async () => {
    const { sent } = server(() => ({ status: 200, body: { report: consultationReport({ publishedAt }) } }));
    confirm();
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('report-publish'));
    expect(await screen.findByTestId('report-publish-result')).toHaveTextContent('意见采纳情况已公布');
    expect(sent.find((r) => r.method === 'POST')?.url).toBe(`${BASE}/report/publish`);
    expect(screen.getByTestId('report-status')).toHaveTextContent('已公布');
    expect(screen.queryByTestId('report-publish')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('report-public-link'));
    await waitFor(() => expect(nav).toHaveBeenCalledWith({ url: `/features/consultations/pages/report/index?id=${consultationId}` }));
  });

  it('when the dialog is cancelled, then nothing is published', async () => {
    const { sent } = server(() => ({ status: 200, body: { report: consultationReport({ publishedAt }) } }));
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('report-publish'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(sent.some((r) => r.method === 'POST')).toBe(false);
  });
});
