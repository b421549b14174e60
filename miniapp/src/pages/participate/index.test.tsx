import { render, screen } from '@testing-library/react';
import { stubNetwork } from '../../../test/network';
import { consultationList } from '@/features/consultations/testing/fixtures';
import ParticipatePage from './index';

afterEach(() => jest.restoreAllMocks());

describe('the 参与 tab', () => {
  it('when it opens, then consultations show, and 政府开放日, 列席政府会议 and the published figures are real entries, none 即将开放', async () => {
    stubNetwork((req) => (req.url === '/api/v1/consultations' ? { status: 200, body: consultationList() } : { status: 200, body: { unread: 0 } }));
    render(<ParticipatePage />);
    expect(await screen.findAllByTestId('consultation-row')).toHaveLength(4);
    expect(screen.getByTestId('entry-open-days')).toHaveTextContent('查看开放日');
    expect(screen.getByTestId('open-meetings')).toHaveTextContent('查看会议');
    expect(screen.getByTestId('open-participation-stats')).toHaveTextContent('公开参与数据');
    expect(screen.queryByText('即将开放')).not.toBeInTheDocument();
  });
});
