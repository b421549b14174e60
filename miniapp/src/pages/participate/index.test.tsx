import { render, screen } from '@testing-library/react';
import { stubNetwork } from '../../../test/network';
import { consultationList } from '@/features/consultations/testing/fixtures';
import ParticipatePage from './index';

afterEach(() => jest.restoreAllMocks());

describe('the 参与 tab', () => {
  it('when it opens, then consultations show instead of a 即将开放 placeholder, 政府开放日 opens for real and meetings are a clear 即将开放 card', async () => {
    stubNetwork((req) => (req.url === '/api/v1/consultations' ? { status: 200, body: consultationList() } : { status: 200, body: { unread: 0 } }));
    render(<ParticipatePage />);
    expect(await screen.findAllByTestId('consultation-row')).toHaveLength(4);
    expect(screen.getByTestId('entry-open-days')).toHaveTextContent('查看开放日');
    expect(screen.getByTestId('soon-meetings')).toHaveTextContent('即将开放');
  });
});
