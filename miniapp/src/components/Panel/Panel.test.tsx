import { render, screen } from '@testing-library/react';
import { Panel } from '.';

describe('Panel', () => {
  it('when the BFF serves stale content (an upstream is down), then the notice says so and does not blame the network', () => {
    render(
      <Panel name='news' title='政策解读' state='stale' emptyText='暂无'>
        <></>
      </Panel>,
    );
    const notice = screen.getByTestId('panel-stale');
    expect(notice).toHaveTextContent('政务服务暂时不可用，已显示最近的内容');
    expect(notice.textContent).not.toMatch(/网络/);
  });

  it('when an upstream is down and nothing is cached, then the panel says it is unavailable, not that the network is bad', () => {
    render(<Panel name='news' title='政策解读' state='unavailable' emptyText='暂无' />);
    expect(screen.getByTestId('panel-unavailable').textContent).not.toMatch(/网络/);
  });
});
