import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { InterpretationView } from './InterpretationView';
import { PolicyDetailView } from './PolicyDetailView';
import { QaView } from './QaView';
import { clearSession, applySession } from '@/services/sessionStore';
import { readRecent, clearRecent } from '../lib/recent';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { feedback, interpretationDetail, policyDetail, qaDetail } from '../testing/fixtures';

// Taro's H5 <Image lazyLoad> watches visibility; jsdom has no IntersectionObserver.
(globalThis as { IntersectionObserver?: unknown }).IntersectionObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

let nav: jest.SpyInstance;
beforeEach(() => {
  clearRecent();
  nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
});
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('policy detail', () => {
  it('when the policy was amended, then the banner says so and links to the policy that replaced it', async () => {
    stubNetwork(() => ({ status: 200, body: policyDetail() }));
    render(<PolicyDetailView id='pol-012' />);
    const banner = await screen.findByTestId('validity-banner');
    expect(banner).toHaveAttribute('data-status', 'amended');
    expect(banner).toHaveTextContent('本政策已修改');
    fireEvent.click(within(banner).getByTestId('validity-banner-link'));
    expect(nav).toHaveBeenCalledWith({ url: '/features/policy/pages/policy/index?id=pol-013' });
    expect(screen.getByTestId('policy-detail')).toHaveTextContent('江民规〔2018〕3号');
    expect(screen.getByTestId('policy-detail')).toHaveTextContent('2018年9月1日');
    expect(within(screen.getByTestId('policy-text')).getByText('第二条 本办法适用于本市行政区域。')).toBeInTheDocument();
    expect(readRecent()[0]).toMatchObject({ kind: 'policy', id: 'pol-012' });
  });

  it('when the policy is in force, then there is no banner', async () => {
    stubNetwork(() => ({ status: 200, body: policyDetail({ status: 'in_force', supersededBy: null }) }));
    render(<PolicyDetailView id='pol-012' />);
    await screen.findByTestId('policy-title');
    expect(screen.queryByTestId('validity-banner')).not.toBeInTheDocument();
  });

  it('when it has interpretations and many Q&As, then each is one tap away and the Q&A list expands', async () => {
    stubNetwork(() => ({ status: 200, body: policyDetail() }));
    render(<PolicyDetailView id='pol-012' />);
    fireEvent.click(await screen.findByTestId('policy-interpretation'));
    expect(nav).toHaveBeenLastCalledWith({ url: '/features/policy/pages/interpretation/index?id=int-007' });
    expect(screen.getAllByTestId('policy-qa')).toHaveLength(5);
    fireEvent.click(screen.getByTestId('policy-qas-all'));
    expect(screen.getAllByTestId('policy-qa')).toHaveLength(7);
    fireEvent.click(screen.getAllByTestId('policy-qa')[6]);
    expect(nav).toHaveBeenLastCalledWith({ url: '/features/policy/pages/qa/index?id=qa-106' });
  });

  it('when the content is stale, then it shows with a quiet notice', async () => {
    stubNetwork(() => ({ status: 200, body: policyDetail({}, 'stale') }));
    render(<PolicyDetailView id='pol-012' />);
    expect(await screen.findByTestId('stale-notice')).toBeInTheDocument();
    expect(screen.getByTestId('policy-detail')).toHaveAttribute('data-state', 'stale');
  });

  it('when the policy does not exist, then a Chinese not-found page shows', async () => {
    stubNetwork(() => ({ status: 404, body: errorBody(ErrorCode.notFound, '没有找到这份政策文件，可能已被撤下') }));
    render(<PolicyDetailView id='pol-999' />);
    expect(await screen.findByTestId('policy-detail-not-found')).toHaveTextContent('没有找到这份政策文件');
  });

  it('when the policy does not exist, then a button leads to the 政策 tab', async () => {
    const tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    stubNetwork(() => ({ status: 404, body: errorBody(ErrorCode.notFound, '没有找到这份政策文件') }));
    render(<PolicyDetailView id='pol-999' />);
    fireEvent.click(await screen.findByTestId('policy-detail-not-found-action'));
    expect(tab).toHaveBeenCalledWith({ url: '/pages/policy/index' });
  });

  it('when loading fails, then the error page retries', async () => {
    let n = 0;
    stubNetwork(() => (++n === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '相关系统暂时无法访问，请稍后再试') } : { status: 200, body: policyDetail() }));
    render(<PolicyDetailView id='pol-012' />);
    expect(await screen.findByTestId('policy-detail-error')).toHaveTextContent('相关系统暂时无法访问，请稍后再试');
    fireEvent.click(screen.getByTestId('policy-detail-error-action'));
    expect(await screen.findByTestId('policy-title')).toBeInTheDocument();
  });
});

describe('interpretation detail', () => {
  it('when loaded, then each part has its own section, the glossary lists every term and empty parts are left out', async () => {
    stubNetwork(() => ({ status: 200, body: interpretationDetail() }));
    render(<InterpretationView id='int-004' />);
    await screen.findByTestId('section-background');
    for (const id of ['section-goals', 'section-main-points', 'section-scope', 'section-glossary', 'section-benefits', 'section-notes', 'section-media']) {
      expect(screen.getByTestId(id)).toBeInTheDocument();
    }
    expect(screen.queryByTestId('section-changes')).not.toBeInTheDocument();
    const terms = screen.getAllByTestId('glossary-item');
    expect(terms.map((t) => t.textContent)).toEqual(['五公开决策、执行、管理、服务、结果公开。', '政策解读对政策背景、内容的说明。']);
    expect(screen.getByTestId('media-image')).toHaveTextContent('图解：五公开');
  });

  it('when a 图解 image cannot be loaded, then its caption stays with a plain note instead of an empty frame', async () => {
    stubNetwork(() => ({ status: 200, body: interpretationDetail() }));
    render(<InterpretationView id='int-004' />);
    const block = await screen.findByTestId('media-image');
    const img = block.querySelector('taro-image-core, img');
    expect(img).not.toBeNull();
    fireEvent.error(img!);
    await waitFor(() => expect(screen.getByTestId('media-image')).toHaveAttribute('data-state', 'failed'));
    expect(screen.getByTestId('media-image')).toHaveTextContent('图解暂时无法显示');
    expect(screen.getByTestId('media-image')).toHaveTextContent('图解：五公开');
  });

  it('when its policy is no longer in force, then the banner shows and the policy is one tap away', async () => {
    stubNetwork(() => ({ status: 200, body: interpretationDetail() }));
    render(<InterpretationView id='int-004' />);
    expect(await screen.findByTestId('validity-banner')).toHaveTextContent('本解读依据的《江海市全面推进政务公开工作规则》已修改');
    fireEvent.click(screen.getByTestId('policy-link'));
    expect(nav).toHaveBeenCalledWith({ url: '/features/policy/pages/policy/index?id=pol-004' });
    fireEvent.click(screen.getByTestId('interpretation-qa'));
    expect(nav).toHaveBeenLastCalledWith({ url: '/features/policy/pages/qa/index?id=qa-016' });
  });
});

describe('Q&A detail', () => {
  const route = (qa = qaDetail(), fb = feedback()) => (req: SentRequest) => {
    if (req.url.endsWith('/feedback')) return { status: 200, body: req.method === 'PUT' ? { ...fb, helpful: fb.helpful + 1, mine: 'helpful' } : fb };
    return { status: 200, body: qa };
  };

  it('when its policy was repealed, then the banner names it and links to the replacement; the policy is one tap away', async () => {
    stubNetwork(route());
    render(<QaView id='qa-045' />);
    const banner = await screen.findByTestId('validity-banner');
    expect(banner).toHaveTextContent('本问答依据的《江海市12345市民热线管理暂行办法》已废止');
    fireEvent.click(screen.getByTestId('policy-link'));
    expect(nav).toHaveBeenLastCalledWith({ url: '/features/policy/pages/policy/index?id=pol-010' });
    fireEvent.click(within(banner).getByTestId('validity-banner-link'));
    expect(nav).toHaveBeenLastCalledWith({ url: '/features/policy/pages/policy/index?id=pol-011' });
    expect(screen.getByTestId('qa-answer')).toHaveTextContent('现在执行新的工作规范。');
    expect(readRecent()[0]).toMatchObject({ kind: 'qa', id: 'qa-045', title: '以前的12345市民热线管理暂行办法还在用吗？' });
  });

  it('when not logged in, then the counts show, voting sends nothing and login is offered', async () => {
    const { sent } = stubNetwork(route());
    render(<QaView id='qa-045' />);
    const helpful = await screen.findByText('有帮助 3');
    fireEvent.click(helpful);
    expect(screen.getByTestId('qa-feedback-login')).toHaveTextContent('登录后可以评价');
    expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('when logged in and voting, then the vote is sent once and the new counts and choice show', async () => {
    applySession(session());
    const { sent } = stubNetwork(route());
    render(<QaView id='qa-045' />);
    fireEvent.click(await screen.findByText('有帮助 3'));
    expect(await screen.findByText('有帮助 4')).toBeInTheDocument();
    const puts = sent.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ url: '/api/v1/qas/qa-045/feedback', data: { vote: 'helpful' } });
    expect(puts[0].header.Authorization).toBe('Bearer access-1');
    expect(screen.getByTestId('qa-vote-helpful')).toHaveAttribute('data-selected', 'true');
  });

  it('when shared in H5, then a link to this Q&A is copied', async () => {
    const clip = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never);
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never);
    stubNetwork(route());
    render(<QaView id='qa-045' />);
    fireEvent.click(await screen.findByTestId('qa-share'));
    await screen.findByTestId('qa-share');
    await new Promise((r) => setTimeout(r, 0));
    expect(clip).toHaveBeenCalledWith({ data: expect.stringMatching(/#\/features\/policy\/pages\/qa\/index\?id=qa-045$/) });
  });

  it('when it has an interpretation, then the link to it sits in a titled 政策解读 card', async () => {
    stubNetwork(route());
    render(<QaView id='qa-045' />);
    const card = await screen.findByTestId('qa-interpretation-section');
    expect(card).toHaveTextContent('政策解读');
    const row = within(card).getByTestId('qa-interpretation');
    expect(row).toHaveTextContent('《江海市12345政务服务便民热线工作规范》解读');
    fireEvent.click(row);
    expect(nav).toHaveBeenLastCalledWith({ url: '/features/policy/pages/interpretation/index?id=int-006' });
  });

  it('when its policy’s title names another document in 《》, then the banner and the policy link nest the marks as 〈〉', async () => {
    const policy = {
      id: 'pol-004',
      title: '江海市人民政府办公室关于印发《江海市政务公开工作规则》的通知',
      docNo: null,
      status: 'repealed' as const,
      supersededBy: { id: 'pol-005', title: '关于印发《江海市政务公开工作规则（2024年修订）》的通知' },
    };
    stubNetwork(route(qaDetail({ policy })));
    render(<QaView id='qa-045' />);
    const banner = await screen.findByTestId('validity-banner');
    expect(banner).toHaveTextContent('本问答依据的《江海市人民政府办公室关于印发〈江海市政务公开工作规则〉的通知》已废止');
    expect(within(banner).getByTestId('validity-banner-link')).toHaveTextContent('现行政策：《关于印发〈江海市政务公开工作规则（2024年修订）〉的通知》');
    expect(screen.getByTestId('policy-link')).toHaveTextContent('《江海市人民政府办公室关于印发〈江海市政务公开工作规则〉的通知》');
  });

  it('when the Q&A has no policy, then no banner and no policy link show', async () => {
    stubNetwork(route(qaDetail({ policy: null, interpretation: null })));
    render(<QaView id='qa-045' />);
    await screen.findByTestId('qa-answer');
    expect(screen.queryByTestId('validity-banner')).not.toBeInTheDocument();
    expect(screen.queryByTestId('policy-link')).not.toBeInTheDocument();
  });
});
