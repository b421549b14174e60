import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { WorkbenchResponse } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { stubNetwork } from '../../../../../test/network';
import { citizen, session } from '../../../../../test/fixtures';
import WorkbenchPage from './index';

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'events'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('工作台 home page', () => {
  it('when the 开放日报名 tool is tapped, then the page the BFF names for it opens', async () => {
    const body = WorkbenchResponse.parse({
      roles: ['events'],
      tools: [
        {
          id: 'open-days',
          title: '开放日报名与签到',
          description: '各场次报名、候补、签到情况，现场签到',
          role: 'events',
          path: '/features/workbench/pages/open-days/index',
          counts: [{ label: '今日场次', count: 1, attention: false }],
          status: 'ok',
        },
      ],
    });
    stubNetwork(() => ({ status: 200, body }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<WorkbenchPage />);
    fireEvent.click(await screen.findByTestId('workbench-tool'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: '/features/workbench/pages/open-days/index' }));
  });
});
