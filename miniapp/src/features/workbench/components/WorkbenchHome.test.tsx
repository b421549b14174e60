import { fireEvent, render, screen, within } from '@testing-library/react';
import { ErrorCode, type WorkbenchTool } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { useWorkbench } from '../hooks/useWorkbench';
import { workbench } from '../testing/fixtures';
import { WorkbenchHome } from './WorkbenchHome';

function Harness({ onOpen = () => undefined }: { onOpen?: (tool: WorkbenchTool) => void }) {
  return <WorkbenchHome workbench={useWorkbench()} onOpen={onOpen} />;
}

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'hotline'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('工作台', () => {
  it('when it loads, then the tools of the person’s roles show with their counts, work waiting marked in text', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: workbench() }));
    const onOpen = jest.fn();
    render(<Harness onOpen={onOpen} />);
    const tool = await screen.findByTestId('workbench-tool');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('工作台');
    expect(screen.getByTestId('workbench-roles')).toHaveTextContent('我的权限：热线工单');
    const [failed, overdue, open] = within(tool).getAllByTestId('tool-count');
    expect(failed).toHaveTextContent('3转交未成功待处理');
    expect(failed).toHaveAttribute('data-attention', 'true');
    // Nothing waiting: no mark, however the count is classed.
    expect(overdue).toHaveAttribute('data-attention', 'false');
    expect(within(overdue).queryByText('待处理')).not.toBeInTheDocument();
    expect(open).toHaveTextContent('12办理中');
    fireEvent.click(tool);
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'hotline', path: '/features/workbench/pages/hotline/index' }));
    expect(sent[0]).toMatchObject({ url: '/api/v1/staff/workbench', method: 'GET' });
    expect(sent[0].header.Authorization).toBe('Bearer access-1');
  });

  it('when a tool’s counts cannot be read, then it says so and still opens', async () => {
    const base = workbench();
    stubNetwork(() => ({ status: 200, body: { ...base, tools: [{ ...base.tools[0], counts: [], status: 'unavailable' }] } }));
    const onOpen = jest.fn();
    render(<Harness onOpen={onOpen} />);
    expect(await screen.findByTestId('tool-counts-unavailable')).toHaveTextContent('待办数量暂时无法获取');
    fireEvent.click(screen.getByTestId('workbench-tool'));
    expect(onOpen).toHaveBeenCalled();
  });

  it('when the person holds no staff role, then the 403 role_required message shows, without 重试', async () => {
    stubNetwork(() => ({ status: 403, body: errorBody(ErrorCode.roleRequired, '此功能仅限工作人员使用') }));
    render(<Harness />);
    const denied = await screen.findByTestId('workbench-forbidden');
    expect(denied).toHaveTextContent('没有使用权限');
    expect(denied).toHaveTextContent('此功能仅限工作人员使用');
    expect(screen.queryByTestId('workbench-forbidden-action')).not.toBeInTheDocument();
  });

  it('when signed out, then it asks to sign in at 我的', async () => {
    clearSession();
    stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    render(<Harness />);
    expect(await screen.findByTestId('workbench-forbidden')).toHaveTextContent('请先登录');
    expect(screen.getByTestId('workbench-forbidden-action')).toHaveTextContent('去登录');
  });

  it('when roles allow no tool, then it says so', async () => {
    stubNetwork(() => ({ status: 200, body: workbench({ roles: ['events'], tools: [] }) }));
    render(<Harness />);
    expect(await screen.findByTestId('workbench-empty')).toHaveTextContent('暂无可用工具');
    expect(screen.getByTestId('workbench-roles')).toHaveTextContent('活动管理');
  });

  it('when loading fails, then the error shows and 重试 loads again', async () => {
    let calls = 0;
    stubNetwork(() => (++calls === 1 ? 'network-down' : { status: 200, body: workbench() }));
    render(<Harness />);
    expect(await screen.findByTestId('workbench-error')).toHaveTextContent('网络连接失败');
    fireEvent.click(screen.getByTestId('workbench-error-action'));
    expect(await screen.findByTestId('workbench-tool')).toBeInTheDocument();
  });
});
