import { act, fireEvent, render, screen } from '@testing-library/react';
import { getSessionState, type SessionState } from '@/services';
import { clearSession } from '@/services/sessionStore';
import { stubNetwork, type SentRequest } from '../../../../test/network';
import { typeInto } from '../../../../test/input';
import { signedInForEachTest } from '../../../../test/session';
import { useMeeting } from '../hooks/useMeetings';
import { meetingDetail, myApplication, opinion } from '../testing/fixtures';
import { OpinionScreen } from './OpinionScreen';

function Harness({ state = getSessionState() }: { state?: SessionState }) {
  return <OpinionScreen session={state} remote={useMeeting('mt-001')} />;
}

const observer = meetingDetail({ phase: 'held', phaseLabel: '会议已召开', canApply: false, me: { application: myApplication({ status: 'confirmed', statusLabel: '已确认参加', canWithdraw: false, canSubmitOpinion: true }) } });
const isPost = (r: SentRequest) => r.method === 'POST' && r.url === '/api/v1/meetings/mt-001/opinions';

signedInForEachTest();

describe('列席意见', () => {
  it('when an observer writes an opinion, then too short is refused by the contract, and a good one is sent with an Idempotency-Key', async () => {
    const { sent } = stubNetwork((req) => (isPost(req) ? { status: 201, body: opinion() } : { status: 200, body: observer }));
    render(<Harness />);
    await screen.findByTestId('opinion-form');
    typeInto('input-opinion', '很好');
    fireEvent.click(screen.getByTestId('submit-opinion'));
    expect(await screen.findByTestId('error-text')).toHaveTextContent('请至少用 5 个字写下您的意见');
    expect(sent.filter(isPost)).toHaveLength(0);
    typeInto('input-opinion', '建议议题材料提前三天在网上公开。');
    expect(screen.getByText('16/2000 字')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('submit-opinion'));
    expect(await screen.findByTestId('opinion-done')).toHaveTextContent('意见已提交');
    const post = sent.find(isPost)!;
    expect(post.data).toEqual({ text: '建议议题材料提前三天在网上公开。' });
    expect(post.header['Idempotency-Key']).toMatch(/\S{16,}/);
  });

  it('when the citizen is no observer (or already wrote one), then it says so instead of a form; signed out it asks to log in', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDetail({ phase: 'held', me: { application: myApplication({ canSubmitOpinion: false }) } }) }));
    const { unmount } = render(<Harness />);
    expect(await screen.findByTestId('opinion-not-allowed')).toHaveTextContent('暂不能提交列席意见');
    unmount();
    act(() => clearSession());
    render(<Harness state={{ status: 'anonymous' } as SessionState} />);
    expect(await screen.findByTestId('opinion-login')).toHaveTextContent('登录后提交列席意见');
  });
});
