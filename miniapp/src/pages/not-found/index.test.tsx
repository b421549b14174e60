import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import NotFoundPage from './index';

afterEach(() => {
  jest.restoreAllMocks();
  window.location.hash = '';
});

describe('the not-found page', () => {
  it('when an unknown address was opened, then it says so under one heading, names the address and leads to 首页 and 政策', () => {
    window.location.hash = '#/pages/not-found/index?from=%2Fpages%2Fnope%2Findex';
    const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    render(<NotFoundPage />);
    const page = screen.getByTestId('not-found');
    expect(page.querySelectorAll('[role="heading"][aria-level="1"]')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('没有找到这个页面');
    expect(screen.getByTestId('not-found-from')).toHaveTextContent('/pages/nope/index');
    fireEvent.click(screen.getByText('返回首页'));
    expect(tab).toHaveBeenLastCalledWith({ url: '/pages/index/index' });
    fireEvent.click(screen.getByText('查看政策文件'));
    expect(tab).toHaveBeenLastCalledWith({ url: '/pages/policy/index' });
  });
});
