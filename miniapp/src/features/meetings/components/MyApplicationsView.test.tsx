import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useMyApplications } from '../hooks/useMeetings';
import { myApplication, myApplications } from '../testing/fixtures';
import { MyApplicationsView } from './MyApplicationsView';

function Harness() {
  return <MyApplicationsView remote={useMyApplications()} />;
}

afterEach(() => jest.restoreAllMocks());

describe('我的列席申请', () => {
  it('when the citizen has applications, then each shows its meeting, status and draw number; a withdrawal confirmed shows the answer', async () => {
    const withdrawn = myApplication({ status: 'withdrawn', statusLabel: '已撤回', canWithdraw: false });
    const { sent } = stubNetwork((req) =>
      req.method === 'POST'
        ? { status: 200, body: withdrawn }
        : { status: 200, body: myApplications([myApplication(), myApplication({ id: 'b00000000000000000000002', meetingTitle: '城市更新专题会议', status: 'declined', statusLabel: '未选定', decisionReason: '本类别名额已满，优先选定片区居民', canWithdraw: false })]) },
    );
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    render(<Harness />);
    const [first, second] = await screen.findAllByTestId('my-application');
    expect(sent[0]).toMatchObject({ url: '/api/v1/me/meeting-applications', method: 'GET' });
    expect(first).toHaveTextContent('江海市人民政府第 42 次常务会议');
    expect(within(first).getByTestId('draw-number')).toHaveTextContent('000003');
    expect(within(second).getByTestId('decision-reason')).toHaveTextContent('审核理由：本类别名额已满');
    fireEvent.click(within(first).getByTestId('withdraw-application'));
    await waitFor(() => expect(screen.getAllByTestId('my-application')[0]).toHaveAttribute('data-status', 'withdrawn'));
  });

  it('when a withdrawal is refused (closed meanwhile), then the server’s words show and the list is read again', async () => {
    let reads = 0;
    stubNetwork((req) => (req.method === 'POST' ? { status: 409, body: errorBody(ErrorCode.conflict, '申请已截止，不能撤回') } : (reads++, { status: 200, body: myApplications() })));
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('withdraw-application'));
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '申请已截止，不能撤回' })));
    await waitFor(() => expect(reads).toBe(2));
  });

  it('when there are none, then it says so and leads to the meetings', async () => {
    stubNetwork(() => ({ status: 200, body: myApplications([]) }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('my-applications-empty-action'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/meetings/pages/list/index' });
  });

  it('when signed out, then it asks to log in; a failure offers 重试', async () => {
    stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    const { unmount } = render(<Harness />);
    expect(await screen.findByTestId('my-applications-login')).toHaveTextContent('登录后查看我的列席申请');
    unmount();
    jest.restoreAllMocks();
    stubNetwork(() => ({ status: 500, body: errorBody(ErrorCode.internal, '服务暂时不可用') }));
    render(<Harness />);
    expect(await screen.findByTestId('my-applications-error-action')).toHaveTextContent('重试');
  });
});
