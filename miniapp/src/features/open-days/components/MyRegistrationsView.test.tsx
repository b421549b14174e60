import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useMyRegistrations } from '../hooks/useOpenDays';
import { myRegistration, myRegistrations, registrationId } from '../testing/fixtures';
import { MyRegistrationsView } from './MyRegistrationsView';

function Harness() {
  return <MyRegistrationsView remote={useMyRegistrations()} />;
}

afterEach(() => jest.restoreAllMocks());

describe('我的报名', () => {
  it('when registrations load, then each shows its status, session and the way to the pass or the offer', async () => {
    const items = [
      myRegistration({ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', status: 'offered', statusLabel: '候补递补，待确认', offerExpiresAt: '2026-12-05T06:00:00.000Z' }),
      myRegistration(),
    ];
    const { sent } = stubNetwork(() => ({ status: 200, body: myRegistrations(items) }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    const [offered, confirmed] = await screen.findAllByTestId('my-registration-row');
    expect(sent[0].url).toBe('/api/v1/me/open-day-registrations');
    expect(offered).toHaveTextContent('候补递补，待确认');
    expect(within(offered).getByTestId('my-registration-offer')).toHaveTextContent('请在 12月5日 14:00 前');
    expect(confirmed).toHaveTextContent('已报名');
    fireEvent.click(within(confirmed).getByTestId('my-registration-pass'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: `/features/open-days/pages/pass/index?rid=${registrationId}` }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('我的报名');
  });

  it('when there are none, then the empty state leads to the open days', async () => {
    stubNetwork(() => ({ status: 200, body: myRegistrations([]) }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('my-registrations-empty-action'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: '/features/open-days/pages/list/index' }));
  });

  it('when signed out, then 去登录 shows', async () => {
    stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    render(<Harness />);
    expect(await screen.findByTestId('my-registrations-login')).toHaveTextContent('登录后查看我的报名');
  });

  it('when loading fails, then 重试 shows', async () => {
    stubNetwork(() => ({ status: 500, body: errorBody(ErrorCode.internal, '服务暂时不可用') }));
    render(<Harness />);
    expect(await screen.findByTestId('my-registrations-error-action')).toHaveTextContent('重试');
  });
});
