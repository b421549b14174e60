import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { computeDraw, ErrorCode, type MeetingDrawResponse } from '@zwgk/contracts';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useMeetingDraw } from '../hooks/useMeetings';
import { drawnCategory, meetingDraw, publicRoster } from '../testing/fixtures';
import { DrawView } from './DrawView';

function Harness() {
  return <DrawView remote={useMeetingDraw('mt-001')} drawUrl='https://zwgk.example.gov.cn/api/v1/meetings/mt-001/draw' />;
}

const category = (name: string) => screen.getAllByTestId('draw-category').find((c) => c.getAttribute('data-category') === name)!;

async function verify() {
  jest.useFakeTimers();
  fireEvent.click(screen.getByTestId('run-verify'));
  act(() => {
    jest.runAllTimers();
  });
  jest.useRealTimers();
}

afterEach(() => jest.restoreAllMocks());

describe('抽签公示', () => {
  it('when a category was drawn, then its roster and hash, public value and source, seed, shuffle steps, order, chosen and reserves show step by step', async () => {
    const draw = meetingDraw();
    const { sent } = stubNetwork(() => ({ status: 200, body: draw }));
    render(<Harness />);
    await screen.findAllByTestId('draw-category');
    expect(sent[0]).toMatchObject({ url: '/api/v1/meetings/mt-001/draw', method: 'GET' });
    const pub = category('public');
    const c = draw.categories[0];
    expect(pub).toHaveTextContent('冻结名单（8 人）');
    expect(within(pub).getByTestId('roster-hash')).toHaveTextContent(c.rosterHash!);
    expect(within(pub).getByTestId('public-value')).toHaveTextContent('03 09 14 21 27 31 + 08');
    expect(pub).toHaveTextContent('来源：2026年12月5日公布的中国福利彩票双色球开奖号码');
    expect(within(pub).getByTestId('seed')).toHaveTextContent(c.seed!);
    // 7 swaps for 8 numbers: the first 5, then 展开全部.
    expect(within(pub).getAllByTestId('shuffle-step')).toHaveLength(5);
    expect(within(pub).getAllByTestId('shuffle-step')[0]).toHaveTextContent(/^i=7 k=\d+ r=\d+ j=\d 交换 000008 ↔ \d{6}$/);
    fireEvent.click(within(pub).getByTestId('shuffle-toggle'));
    expect(within(pub).getAllByTestId('shuffle-step')).toHaveLength(7);
    expect(within(pub).getByTestId('draw-chosen')).toHaveTextContent(`选定：${c.chosen.join('、')}`);
    expect(within(pub).getByTestId('draw-reserves')).toHaveTextContent(c.order.slice(3).join('、'));
    // Media is frozen but not drawn yet: the roster and hash, no seed.
    const media = category('media');
    expect(media).toHaveTextContent('名单已冻结，待抽签');
    expect(within(media).queryByTestId('seed')).not.toBeInTheDocument();
    expect(screen.getByTestId('verify-command')).toHaveTextContent('node scripts/verify-draw.mjs https://zwgk.example.gov.cn/api/v1/meetings/mt-001/draw');
  });

  it('when 复核 is tapped on a faithful draw, then the phone recomputes it and says ✓ 复核一致', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDraw() }));
    render(<Harness />);
    await screen.findAllByTestId('draw-category');
    await verify();
    expect(await screen.findByTestId('verify-ok')).toHaveTextContent('✓ 复核一致：公众');
    expect(within(category('public')).getByTestId('category-check')).toHaveTextContent('✓ 复核一致');
    expect(screen.queryByTestId('verify-mismatch')).not.toBeInTheDocument();
  });

  it('when the published order was tampered with, then 复核 names each mismatch', async () => {
    const honest = computeDraw(publicRoster, '03 09 14 21 27 31 + 08', 3);
    // Someone swapped the first and the last of the order, and the chosen with it.
    const order = [...honest.order];
    [order[0], order[order.length - 1]] = [order[order.length - 1], order[0]];
    const tampered: MeetingDrawResponse = meetingDraw([drawnCategory('public', publicRoster, 3, '03 09 14 21 27 31 + 08', { order, chosen: order.slice(0, 3) })]);
    stubNetwork(() => ({ status: 200, body: tampered }));
    render(<Harness />);
    await screen.findAllByTestId('draw-category');
    await verify();
    const mismatch = await screen.findByTestId('verify-mismatch');
    expect(mismatch).toHaveTextContent('公众：抽签顺序与计算结果不符；选定名单与计算结果不符');
    expect(screen.queryByTestId('verify-ok')).not.toBeInTheDocument();
  });

  it('when the roster hash does not match the roster, then 复核 says so', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDraw([drawnCategory('public', publicRoster, 3, '42', { rosterHash: 'f'.repeat(64) })]) }));
    render(<Harness />);
    await screen.findAllByTestId('draw-category');
    await verify();
    expect(await screen.findByTestId('verify-mismatch')).toHaveTextContent('名单哈希与名单不符');
  });

  it('when no category has been drawn, then 复核 is not offered yet', async () => {
    const draw = meetingDraw();
    stubNetwork(() => ({ status: 200, body: { ...draw, categories: [draw.categories[1]] } }));
    render(<Harness />);
    await screen.findAllByTestId('draw-category');
    expect(screen.getByTestId('run-verify')).toHaveTextContent('尚未抽签');
  });

  it('when the draw cannot be loaded, then the error offers 重试', async () => {
    stubNetwork(() => ({ status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '政务服务暂时不可用，请稍后再试') }));
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('draw-page')).toHaveAttribute('data-state', 'error'));
    expect(screen.getByTestId('draw-page-error-action')).toHaveTextContent('重试');
  });
});
