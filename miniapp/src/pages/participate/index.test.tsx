import { render, screen } from '@testing-library/react';
import { stubNetwork } from '../../../test/network';
import { consultationList } from '@/features/consultations/testing/fixtures';
import ParticipatePage from './index';

afterEach(() => jest.restoreAllMocks());

describe('the 参与 tab', () => {
  it('when it opens, then consultations show instead of a 即将开放 placeholder, open days a clear 即将开放 card and 列席政府会议 a way into the meetings', async () => {
    stubNetwork((req) => (req.url === '/api/v1/consultations' ? { status: 200, body: consultationList() } : { status: 200, body: { unread: 0 } }));
    render(<ParticipatePage />);
    expect(await screen.findAllByTestId('consultation-row')).toHaveLength(4);
    expect(screen.getByTestId('soon-open-days')).toHaveTextContent('即将开放');
    expect(screen.getByTestId('open-meetings')).toHaveTextContent('查看会议');
    expect(screen.queryByTestId('soon-meetings')).not.toBeInTheDocument();
  });
});
