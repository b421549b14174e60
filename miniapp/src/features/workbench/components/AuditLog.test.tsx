import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { useAuditLog } from '../hooks/useAuditLog';
import { auditEntry, trackingNo } from '../testing/fixtures';
import { AuditLog } from './AuditLog';

function Harness() {
  return <AuditLog audit={useAuditLog()} />;
}

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'admin'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('审计日志', () => {
  it('when it loads, then each action shows who, what, on which record and the change', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: { items: [auditEntry(1)], page: 1, pageSize: 20, total: 1 } }));
    render(<Harness />);
    const row = await screen.findByTestId('audit-row');
    expect(row).toHaveTextContent('重新转交诉求');
    expect(row).toHaveTextContent(trackingNo);
    expect(row).toHaveTextContent('forwardState: failed → forwardState: pending');
    expect(row).toHaveTextContent('热线工单');
    expect(sent[0]).toMatchObject({ url: '/api/v1/staff/audit', data: { page: 1, pageSize: 20 } });
  });

  it('when filtered by record, then the log is read again with it', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: { items: [], page: 1, pageSize: 20, total: 0 } }));
    render(<Harness />);
    expect(await screen.findByTestId('audit-empty')).toBeInTheDocument();
    act(() => {
      screen.getByTestId('audit-target').dispatchEvent(new CustomEvent('input', { detail: { value: ` ${trackingNo} ` }, bubbles: true }));
    });
    fireEvent.click(screen.getByTestId('audit-apply'));
    await waitFor(() => expect(sent.at(-1)!.data).toEqual({ targetId: trackingNo, page: 1, pageSize: 20 }));
  });

  it('when the person is not an admin, then the 403 message shows', async () => {
    stubNetwork(() => ({ status: 403, body: errorBody(ErrorCode.roleRequired, '此功能需要“系统管理员”权限，请联系管理员开通') }));
    render(<Harness />);
    expect(await screen.findByTestId('audit-forbidden')).toHaveTextContent('系统管理员');
  });
});
