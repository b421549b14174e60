import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useMeetingList } from '../hooks/useMeetings';
import { meetingList } from '../testing/fixtures';
import { MeetingListView } from './MeetingListView';

function Harness({ signedIn = false }: { signedIn?: boolean }) {
  return <MeetingListView remote={useMeetingList()} signedIn={signedIn} />;
}

afterEach(() => jest.restoreAllMocks());

describe('会议列表', () => {
  it('when meetings load, then each row shows title, organizer, time, phase, selection, seats and the citizen’s own status', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: meetingList() }));
    render(<Harness signedIn />);
    const rows = await screen.findAllByTestId('meeting-row');
    expect(sent[0]).toMatchObject({ url: '/api/v1/meetings', method: 'GET' });
    expect(rows).toHaveLength(3);
    const [first, second] = rows;
    expect(first).toHaveTextContent('江海市人民政府第 42 次常务会议');
    expect(first).toHaveTextContent('江海市人民政府办公室');
    expect(first).toHaveTextContent('接受申请');
    expect(first).toHaveTextContent('公开抽签');
    expect(first).toHaveTextContent('6 个列席席位');
    expect(first).toHaveTextContent(/召开/);
    expect(within(first).getByTestId('my-status')).toHaveTextContent('我的申请：已提交');
    expect(second).toHaveTextContent('审核选定');
    expect(within(second).queryByTestId('my-status')).not.toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByTestId('open-my-applications')).toBeInTheDocument();
  });

  it('when a row is tapped, then that meeting’s page opens', async () => {
    stubNetwork(() => ({ status: 200, body: meetingList() }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    const [first] = await screen.findAllByTestId('meeting-row');
    fireEvent.click(first);
    expect(navigate).toHaveBeenCalledWith({ url: '/features/meetings/pages/detail/index?id=mt-001' });
  });

  it('when there are no meetings, then it says so; signed out, 我的申请 is not offered', async () => {
    stubNetwork(() => ({ status: 200, body: meetingList('ok', []) }));
    render(<Harness />);
    expect(await screen.findByTestId('meeting-list-empty')).toHaveTextContent('近期没有可列席的会议');
    expect(screen.queryByTestId('open-my-applications')).not.toBeInTheDocument();
  });

  it('when the portal is down and the BFF answers its last copy, then a stale notice shows above the rows', async () => {
    stubNetwork(() => ({ status: 200, body: meetingList('stale') }));
    render(<Harness />);
    expect(await screen.findByTestId('meeting-list-stale')).toHaveTextContent('已显示最近的内容');
    expect(screen.getAllByTestId('meeting-row')).toHaveLength(3);
  });

  it('when loading fails, then the error shows with 重试, which loads again', async () => {
    let calls = 0;
    stubNetwork(() => (++calls === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '政务服务暂时不可用，请稍后再试') } : { status: 200, body: meetingList() }));
    render(<Harness />);
    expect(screen.getByTestId('meeting-list')).toHaveAttribute('data-state', 'loading');
    expect(await screen.findByTestId('meeting-list-error')).toHaveTextContent('政务服务暂时不可用');
    fireEvent.click(screen.getByTestId('meeting-list-error-action'));
    await waitFor(() => expect(screen.getAllByTestId('meeting-row')).toHaveLength(3));
  });
});
