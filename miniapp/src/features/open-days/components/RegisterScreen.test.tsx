import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { getSessionState } from '@/services';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { session as signedIn } from '../../../../test/fixtures';
import { useOpenDay } from '../hooks/useOpenDays';
import { ids, myRegistration, openDayDetail, openDayId, registerAnswer } from '../testing/fixtures';
import { RegisterScreen } from './RegisterScreen';

function Harness({ sessionId = 's1' }: { sessionId?: string }) {
  const state = getSessionState();
  return <RegisterScreen session={state} remote={useOpenDay(openDayId, state.user?.id ?? null)} sessionId={sessionId} />;
}

const isPost = (req: SentRequest) => req.method === 'POST' && req.url === `/api/v1/open-days/${openDayId}/registrations`;

function server(post: (req: SentRequest) => Reply = () => ({ status: 201, body: registerAnswer() }), detail = openDayDetail()) {
  return stubNetwork((req) => (isPost(req) ? post(req) : req.url.startsWith('/api/v1/me/subscriptions') ? { status: 200, body: { flows: {}, templates: [] } } : { status: 200, body: detail }));
}

function type(testId: string, value: string) {
  act(() => {
    screen.getByTestId(testId).dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

function fillApplicant() {
  type('input-name', '张三');
  type('input-id-number', ids.applicant);
}

beforeEach(() => {
  localStorage.clear();
  applySession(signedIn());
});
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('报名', () => {
  it('when a citizen signs up with a companion and leaves the phone empty, then the request carries both, no phone, an Idempotency-Key, and 报名成功 shows', async () => {
    const { sent } = server();
    render(<Harness />);
    await screen.findByTestId('register-form');
    expect(screen.getByTestId('privacy-note')).toHaveTextContent('加密保存，仅用于入场核验');
    expect(screen.getByTestId('input-phone').getAttribute('placeholder')).toContain('138****5678');
    fillApplicant();
    fireEvent.click(screen.getByTestId('add-companion'));
    type('input-companion-0-name', '李四');
    type('input-companion-0-id-number', ids.companion);
    fireEvent.click(screen.getByTestId('submit-registration'));
    const result = await screen.findByTestId('register-result');
    expect(result).toHaveTextContent('报名成功');
    expect(result).toHaveTextContent('共 2 人');
    expect(screen.getByTestId('result-open-pass')).toBeInTheDocument();
    const post = sent.find(isPost)!;
    expect(post.data).toEqual({ sessionId: 's1', name: '张三', idNumber: ids.applicant, companions: [{ name: '李四', idNumber: ids.companion }] });
    expect(post.header['Idempotency-Key']).toMatch(/\S{16,}/);
  });

  it('when the session is full, then the result says 已进入候补，第 N 位', async () => {
    server(() => ({ status: 201, body: registerAnswer({ status: 'waitlisted', statusLabel: '候补中', position: 4, sessionId: 's2', partySize: 1, companions: [] }) }));
    render(<Harness sessionId='s2' />);
    await screen.findByTestId('register-form');
    expect(screen.getByTestId('field-sessionId')).toHaveTextContent('该场次已满，提交后进入候补');
    fillApplicant();
    fireEvent.click(screen.getByTestId('submit-registration'));
    const result = await screen.findByTestId('register-result');
    expect(result).toHaveTextContent('已进入候补，第 4 位');
    expect(screen.queryByTestId('result-open-pass')).not.toBeInTheDocument();
  });

  it('when the ID number’s check digit is wrong, then the contract’s message shows under it and nothing is sent', async () => {
    const { sent } = server();
    render(<Harness />);
    await screen.findByTestId('register-form');
    type('input-name', '张三');
    type('input-id-number', ids.badCheckDigit);
    fireEvent.click(screen.getByTestId('submit-registration'));
    expect(await screen.findByTestId('error-idNumber')).toHaveTextContent('身份证号码不正确，请核对（出生日期或末位校验码不符）');
    expect(screen.getByTestId('submit-error')).toHaveTextContent('请按提示修改后再提交');
    expect(sent.some(isPost)).toBe(false);
    // Corrected, the message goes as the citizen types.
    type('input-id-number', ids.applicant);
    await waitFor(() => expect(screen.queryByTestId('error-idNumber')).not.toBeInTheDocument());
  });

  it('when the phone is not a mobile number, then 请填写正确的 11 位手机号 shows', async () => {
    server();
    render(<Harness />);
    await screen.findByTestId('register-form');
    fillApplicant();
    type('input-phone', '1381234');
    fireEvent.click(screen.getByTestId('submit-registration'));
    expect(await screen.findByTestId('error-phone')).toHaveTextContent('请填写正确的 11 位手机号');
  });

  it('when no phone is bound and none is given, then the phone is asked for', async () => {
    server(undefined, openDayDetail({}, { boundPhone: null }));
    render(<Harness />);
    await screen.findByTestId('register-form');
    fillApplicant();
    fireEvent.click(screen.getByTestId('submit-registration'));
    expect(await screen.findByTestId('error-phone')).toHaveTextContent('请填写手机号');
  });

  it('when a companion has no name, or repeats the applicant’s ID number, then each message sits under its field', async () => {
    const { sent } = server();
    render(<Harness />);
    await screen.findByTestId('register-form');
    fillApplicant();
    fireEvent.click(screen.getByTestId('add-companion'));
    type('input-companion-0-id-number', ids.companion);
    fireEvent.click(screen.getByTestId('add-companion'));
    type('input-companion-1-name', '王五');
    type('input-companion-1-id-number', ids.applicant);
    expect(screen.queryByTestId('add-companion')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('submit-registration'));
    expect(await screen.findByTestId('error-companions.0.name')).toHaveTextContent('请填写同行人姓名');
    expect(screen.getByTestId('error-companions.1.idNumber')).toHaveTextContent('同行人的身份证号码与报名人或其他同行人重复');
    expect(sent.some(isPost)).toBe(false);
    fireEvent.click(screen.getByTestId('remove-companion-1'));
    expect(screen.getAllByTestId('companion')).toHaveLength(1);
    expect(screen.getByTestId('add-companion')).toBeInTheDocument();
  });

  it('when the answer is lost, then the form stays and the retry sends the same Idempotency-Key', async () => {
    let posts = 0;
    const { sent } = server(() => (++posts === 1 ? 'network-down' : { status: 200, body: registerAnswer({}, true) }));
    render(<Harness />);
    await screen.findByTestId('register-form');
    fillApplicant();
    fireEvent.click(screen.getByTestId('submit-registration'));
    expect(await screen.findByTestId('submit-error')).toHaveTextContent('不会重复报名');
    fireEvent.click(screen.getByTestId('submit-registration'));
    expect(await screen.findByTestId('register-result')).toHaveTextContent('您已报名成功');
    const keys = sent.filter(isPost).map((r) => r.header['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('when the page is opened again before submitting, then the draft is put back', async () => {
    server();
    const { unmount } = render(<Harness />);
    await screen.findByTestId('register-form');
    fillApplicant();
    unmount();
    render(<Harness />);
    await screen.findByTestId('register-form');
    expect(screen.getByTestId('draft-restored')).toBeInTheDocument();
    expect(screen.getByTestId('input-name')).toHaveValue('张三');
  });

  it('when registration has closed meanwhile, then the server’s 409 message shows', async () => {
    const closed = '报名已于 12月6日 17:00 截止';
    server(() => ({ status: 409, body: errorBody(ErrorCode.conflict, closed) }));
    render(<Harness />);
    await screen.findByTestId('register-form');
    fillApplicant();
    fireEvent.click(screen.getByTestId('submit-registration'));
    expect(await screen.findByTestId('submit-error')).toHaveTextContent(closed);
  });

  it('when the citizen already signed up, then the form is not offered again', async () => {
    server(undefined, openDayDetail({}, { registration: myRegistration() }));
    render(<Harness />);
    expect(await screen.findByTestId('register-already')).toHaveTextContent('您已报名：已报名');
    expect(screen.queryByTestId('register-form')).not.toBeInTheDocument();
  });

  it('when signed out, then 去登录 shows', async () => {
    clearSession();
    server(undefined, openDayDetail({}, null));
    render(<Harness />);
    expect(await screen.findByTestId('register-login')).toHaveTextContent('登录后报名');
  });
});
