import { render, screen } from '@testing-library/react';
import ParticipatePage from './participate/index';

describe('tabs of features not open yet', () => {
  it.each([
    ['participate', ParticipatePage, '政府开放日在线报名与签到'],
  ])('the %s tab explains what is coming', (name, Page, line) => {
    render(<Page />);
    const view = screen.getByTestId(`coming-soon-${name}`);
    expect(view).toHaveTextContent('即将开放');
    expect(view).toHaveTextContent(line);
  });
});
