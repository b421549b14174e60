import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode, IDEMPOTENCY_HEADER } from '@zwgk/contracts';
import HotlinePage from '@/pages/hotline/index';
import { applySession, clearSession } from '@/services/sessionStore';
import { resetSubscribeCache } from '@/services/subscribe';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { stats, submitAnswer, ticketDetail, trackingNo } from '../testing/fixtures';

const user = { ...citizen, phoneMasked: '138****5678' };
const draftKey = `zwgk.hotline.draft.${user.id}`;

function typeInto(testId: string, value: string) {
  act(() => {
    screen.getByTestId(testId).dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

/** A network where stats and ticket reads answer, and `submit` decides what POST /tickets gets. */
function hotlineNetwork(submit: (req: SentRequest) => Reply | Promise<Reply>) {
  return stubNetwork((req) => {
    if (req.url.endsWith('/hotline/stats')) return { status: 200, body: stats() };
    if (req.method === 'POST' && req.url.endsWith('/hotline/tickets')) return submit(req);
    if (req.url.includes('/hotline/tickets/')) return { status: 200, body: ticketDetail({ status: 'submitted', statusLabel: '已提交，正在转交', deadline: null, caseTicketNo: null }) };
    return { status: 404, body: errorBody(ErrorCode.notFound, '未找到') };
  });
}

function fillValidForm() {
  fireEvent.click(screen.getByTestId('type-complaint'));
  typeInto('input-title', '小区夜间施工噪音扰民');
  typeInto('input-description', '每天晚上十一点以后仍有打桩施工，严重影响休息。');
  typeInto('input-address', '滨江区江南大道 88 号');
}

/** jsdom does not lay out or scroll: records which elements are asked to come into view (until the test ends). */
function recordScrolls(): Element[] {
  const scrolled: Element[] = [];
  Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
    scrolled.push(this);
  };
  return scrolled;
}
afterEach(() => {
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

const submits = (sent: SentRequest[]) => sent.filter((r) => r.method === 'POST' && r.url.endsWith('/hotline/tickets'));

beforeEach(() => {
  clearSession();
  Taro.removeStorageSync(draftKey);
});
afterEach(() => jest.restoreAllMocks());

describe('热线 tab when signed out', () => {
  it('when nobody is signed in, then it asks to log in at 我的 and still shows the published figures', async () => {
    const { sent } = hotlineNetwork(() => ({ status: 500 }));
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<HotlinePage />);
    expect(screen.queryByTestId('ticket-form')).not.toBeInTheDocument();
    const prompt = screen.getByTestId('hotline-login');
    expect(prompt).toHaveTextContent('登录后提交诉求');
    const summary = await screen.findByTestId('stats-summary');
    expect(summary).toHaveTextContent('2026年11月');
    expect(summary).toHaveTextContent('1,000/1,200件');
    fireEvent.click(screen.getByTestId('hotline-login-action'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
    expect(sent.every((r) => !r.header.Authorization)).toBe(true);
  });
});

describe('热线 form', () => {
  beforeEach(() => applySession(session({ user })));

  it('when required fields are missing, then each says what to fix in Chinese and nothing is sent', async () => {
    const { sent } = hotlineNetwork(() => ({ status: 201, body: submitAnswer() }));
    render(<HotlinePage />);
    typeInto('input-title', '噪音');
    fireEvent.click(screen.getByTestId('submit-ticket'));
    expect(await screen.findByTestId('error-type')).toHaveTextContent('请选择诉求类型');
    expect(screen.getByTestId('error-title')).toHaveTextContent('标题至少 4 个字');
    expect(screen.getByTestId('error-description')).toHaveTextContent('请至少用 10 个字描述您的诉求');
    expect(screen.getByTestId('submit-error')).toHaveTextContent('请按提示修改后再提交');
    expect(submits(sent)).toHaveLength(0);

    // After a try, messages follow the input.
    fireEvent.click(screen.getByTestId('type-help'));
    expect(screen.queryByTestId('error-type')).not.toBeInTheDocument();
  });

  it('when 提交诉求 is refused with errors, then the first invalid field (in page order) is scrolled into view and its control focused', async () => {
    hotlineNetwork(() => ({ status: 201, body: submitAnswer() }));
    const scrolled = recordScrolls();
    // jsdom later reports <body> as active once Taro's elements re-render; the browser test checks
    // document.activeElement itself. Here: which elements received the focus.
    const focused: Element[] = [];
    document.addEventListener('focusin', (e) => focused.push(e.target as Element));
    render(<HotlinePage />);
    typeInto('input-description', '只写了描述，没有选类型也没有标题。');
    fireEvent.click(screen.getByTestId('submit-ticket'));
    await screen.findByTestId('error-type');
    await waitFor(() => expect(scrolled).toEqual([screen.getByTestId('field-type')]));
    expect(focused.at(-1)).toBe(screen.getByTestId('type-consult'));

    // Fixed the type: the next refusal brings the title, now the first error, into view.
    fireEvent.click(screen.getByTestId('type-help'));
    fireEvent.click(screen.getByTestId('submit-ticket'));
    await waitFor(() => expect(scrolled).toHaveLength(2));
    expect(scrolled[1]).toBe(screen.getByTestId('field-title'));
    expect(focused.at(-1)).toBe(screen.getByTestId('input-title').querySelector('input'));
  });

  it('when the server refuses the submission with field details, then the first of those fields is brought into view', async () => {
    hotlineNetwork(() => ({
      status: 400,
      body: errorBody(ErrorCode.validation, '请填写事发地址（至少 2 个字）', [{ field: 'location.address', message: '请填写事发地址（至少 2 个字）' }]),
    }));
    const scrolled = recordScrolls();
    const focused: Element[] = [];
    document.addEventListener('focusin', (e) => focused.push(e.target as Element));
    render(<HotlinePage />);
    fillValidForm();
    fireEvent.click(screen.getByTestId('submit-ticket'));
    await screen.findByTestId('error-address');
    await waitFor(() => expect(scrolled).toEqual([screen.getByTestId('field-address')]));
    expect(focused.at(-1)).toBe(screen.getByTestId('input-address').querySelector('input'));
  });

  it('when the citizen wants another number, then an invalid one is refused before sending', async () => {
    const { sent } = hotlineNetwork(() => ({ status: 201, body: submitAnswer() }));
    render(<HotlinePage />);
    expect(screen.getByTestId('bound-phone')).toHaveTextContent('138****5678');
    fillValidForm();
    fireEvent.click(screen.getByTestId('use-other-phone'));
    typeInto('input-phone', '12345');
    fireEvent.click(screen.getByTestId('submit-ticket'));
    expect(await screen.findByTestId('error-phone')).toHaveTextContent('请填写正确的 11 位手机号');
    expect(submits(sent)).toHaveLength(0);
  });

  it('when the server answers 400 with details, then each message shows at its field', async () => {
    hotlineNetwork(() => ({
      status: 400,
      body: errorBody(ErrorCode.validation, '请填写事发地址（至少 2 个字）', [
        { field: 'location.address', message: '请填写事发地址（至少 2 个字）' },
        { field: 'photoIds.0', message: '图片不存在或已过期，请重新上传' },
      ]),
    }));
    render(<HotlinePage />);
    fillValidForm();
    fireEvent.click(screen.getByTestId('submit-ticket'));
    expect(await screen.findByTestId('error-address')).toHaveTextContent('请填写事发地址（至少 2 个字）');
    expect(screen.getByTestId('error-photos')).toHaveTextContent('图片不存在或已过期，请重新上传');
    expect(screen.getByTestId('ticket-form')).toBeInTheDocument();
  });

  it('when the citizen chooses 不公开个人信息, then the form says plainly what the department still receives', async () => {
    hotlineNetwork(() => ({ status: 201, body: submitAnswer() }));
    render(<HotlinePage />);
    expect(screen.getByTestId('ticket-form')).not.toHaveTextContent('事发地点、诉求内容和图片仍会转交承办部门');
    fireEvent.click(screen.getByTestId('toggle-anonymous'));
    expect(screen.getByTestId('ticket-form')).toHaveTextContent('事发地点、诉求内容和图片仍会转交承办部门，请不要在其中写姓名、电话等个人信息。');
  });

  it('when the citizen types, then the draft is kept on the device and restored with a notice; 清空草稿 forgets it', async () => {
    hotlineNetwork(() => ({ status: 201, body: submitAnswer() }));
    const first = render(<HotlinePage />);
    fillValidForm();
    fireEvent.click(screen.getByTestId('toggle-anonymous'));
    const stored = JSON.parse(Taro.getStorageSync(draftKey));
    expect(stored).toMatchObject({ version: 1, idempotencyKey: expect.any(String) });
    expect(stored.data).toMatchObject({ type: 'complaint', title: '小区夜间施工噪音扰民', address: '滨江区江南大道 88 号', hideIdentity: true });
    first.unmount();

    render(<HotlinePage />);
    expect(screen.getByTestId('draft-restored')).toHaveTextContent('已为您恢复上次未提交的内容');
    expect(screen.getByTestId('input-title')).toHaveAttribute('value', '小区夜间施工噪音扰民');
    expect(screen.getByTestId('type-complaint')).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByTestId('toggle-anonymous')).toHaveAttribute('aria-checked', 'true');

    fireEvent.click(screen.getByTestId('draft-clear'));
    expect(screen.queryByTestId('draft-restored')).not.toBeInTheDocument();
    expect(screen.getByTestId('type-complaint')).toHaveAttribute('aria-checked', 'false');
    expect(Taro.getStorageSync(draftKey)).toBeFalsy();
  });

  it('when the first attempt gets no answer, then the retry sends the same Idempotency-Key, and the next draft gets a new one', async () => {
    let attempts = 0;
    const { sent } = hotlineNetwork(() => {
      attempts += 1;
      return attempts === 1 ? 'network-down' : { status: 201, body: submitAnswer() };
    });
    render(<HotlinePage />);
    fillValidForm();
    fireEvent.click(screen.getByTestId('submit-ticket'));
    expect(await screen.findByTestId('submit-error')).toHaveTextContent('网络连接失败，诉求已保存在本机');
    // The draft survives the failure, key included.
    const key = JSON.parse(Taro.getStorageSync(draftKey)).idempotencyKey;
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,128}$/);

    fireEvent.click(screen.getByTestId('submit-ticket'));
    const done = await screen.findByTestId('submitted');
    expect(within(done).getByTestId('tracking-no')).toHaveTextContent(trackingNo);
    expect(within(done).getByTestId('submitted-status')).toHaveTextContent('已提交，正在转交');

    const posts = submits(sent);
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => p.header[IDEMPOTENCY_HEADER])).toEqual([key, key]);
    expect(posts[1].data).toMatchObject({ type: 'complaint', title: '小区夜间施工噪音扰民', location: { address: '滨江区江南大道 88 号' }, contactAllowed: true, anonymous: false });
    // The bound phone is used: no contactPhone is sent.
    expect((posts[1].data as Record<string, unknown>).contactPhone).toBeUndefined();
    expect(Taro.getStorageSync(draftKey)).toBeFalsy();

    fireEvent.click(screen.getByTestId('submit-another'));
    fillValidForm();
    fireEvent.click(screen.getByTestId('submit-ticket'));
    await screen.findByTestId('submitted');
    const third = submits(sent)[2];
    expect(third.header[IDEMPOTENCY_HEADER]).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
    expect(third.header[IDEMPOTENCY_HEADER]).not.toBe(key);
  });

  it('when 提交诉求 is tapped, then consent to progress messages is asked in the tap (H5: granted without UI) and recorded beside the submission', async () => {
    resetSubscribeCache();
    const subscriptions = { flows: { hotline: ['tmpl-progress'], consultation: [] }, templates: [{ templateId: 'tmpl-progress', title: '诉求办理进度', credits: 0 }] };
    const { sent } = stubNetwork((req) => {
      if (req.url === '/api/v1/me/subscriptions' && req.method === 'GET') return { status: 200, body: subscriptions };
      // Recording the consent fails: the submission must not notice.
      if (req.url === '/api/v1/me/subscriptions') return { status: 400, body: errorBody(ErrorCode.validation, '订阅结果须包含 1–5 个模板') };
      if (req.method === 'POST' && req.url.endsWith('/hotline/tickets')) return { status: 201, body: submitAnswer() };
      if (req.url.endsWith('/hotline/stats')) return { status: 200, body: stats() };
      return { status: 200, body: ticketDetail({ status: 'submitted', statusLabel: '已提交，正在转交', deadline: null, caseTicketNo: null }) };
    });
    render(<HotlinePage />);
    await waitFor(() => expect(sent.some((r) => r.url === '/api/v1/me/subscriptions')).toBe(true));
    fillValidForm();
    fireEvent.click(screen.getByTestId('submit-ticket'));
    expect(await screen.findByTestId('submitted')).toBeInTheDocument();
    const consent = sent.find((r) => r.url === '/api/v1/me/subscriptions' && r.method === 'POST')!;
    expect(consent.data).toEqual({ results: { 'tmpl-progress': 'accept' } });
    expect(consent.header[IDEMPOTENCY_HEADER]).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
    expect(submits(sent)).toHaveLength(1);
  });

  it('when 提交诉求 is tapped in WeChat, then its consent dialog is requested within the tap itself', async () => {
    resetSubscribeCache();
    const subscriptions = { flows: { hotline: ['tmpl-progress'], consultation: [] }, templates: [] };
    stubNetwork((req) => {
      if (req.url === '/api/v1/me/subscriptions') return { status: 200, body: subscriptions };
      if (req.method === 'POST' && req.url.endsWith('/hotline/tickets')) return { status: 201, body: submitAnswer() };
      if (req.url.endsWith('/hotline/stats')) return { status: 200, body: stats() };
      return { status: 200, body: ticketDetail({ status: 'submitted', statusLabel: '已提交，正在转交', deadline: null, caseTicketNo: null }) };
    });
    render(<HotlinePage />);
    fillValidForm();
    await act(async () => undefined);
    jest.spyOn(Taro, 'getEnv').mockReturnValue(Taro.ENV_TYPE.WEAPP);
    const request = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-progress': 'accept' } as never);
    fireEvent.click(screen.getByTestId('submit-ticket'));
    // Synchronously: nothing awaited between the tap and the dialog.
    expect(request).toHaveBeenCalledWith({ tmplIds: ['tmpl-progress'] });
    expect(await screen.findByTestId('submitted')).toBeInTheDocument();
  });

  it('when the draft is restored after the app was closed mid-submit, then it is resubmitted with its original key', async () => {
    const { sent } = hotlineNetwork(() => 'network-down');
    const first = render(<HotlinePage />);
    fillValidForm();
    fireEvent.click(screen.getByTestId('submit-ticket'));
    await screen.findByTestId('submit-error');
    const key = submits(sent)[0].header[IDEMPOTENCY_HEADER];
    first.unmount();
    jest.restoreAllMocks();

    const again = hotlineNetwork(() => ({ status: 200, body: submitAnswer({ replayed: true }) }));
    render(<HotlinePage />);
    fireEvent.click(screen.getByTestId('submit-ticket'));
    expect(await screen.findByText('该诉求此前已提交成功')).toBeInTheDocument();
    expect(submits(again.sent)[0].header[IDEMPOTENCY_HEADER]).toBe(key);
  });

  it('when the case system accepts while the confirmation is open, then it moves from 正在转交 to 已转交', async () => {
    let accepted = false;
    stubNetwork((req) => {
      if (req.url.endsWith('/hotline/stats')) return { status: 200, body: stats() };
      if (req.method === 'POST') return { status: 201, body: submitAnswer() };
      return {
        status: 200,
        body: accepted ? ticketDetail({ status: 'accepted', statusLabel: '受理' }) : ticketDetail({ status: 'submitted', statusLabel: '已提交，正在转交', deadline: null, caseTicketNo: null }),
      };
    });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      render(<HotlinePage />);
      fillValidForm();
      fireEvent.click(screen.getByTestId('submit-ticket'));
      await waitFor(() => expect(screen.getByTestId('submitted-status')).toHaveTextContent('已提交，正在转交'));
      accepted = true;
      await act(async () => {
        jest.advanceTimersByTime(3100);
      });
      await waitFor(() => expect(screen.getByTestId('submitted-status')).toHaveTextContent('已转交 12345，受理'));
      expect(screen.getByTestId('submitted')).toHaveTextContent('12345-20261125-000001');
    } finally {
      jest.useRealTimers();
    }
  });

  it('when photos are chosen, then they are uploaded and their ids sent; the server’s type error shows at 现场图片', async () => {
    const { sent } = hotlineNetwork(() => ({ status: 201, body: submitAnswer() }));
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:a', 'blob:b'],
      tempFiles: [
        { path: 'blob:a', size: 2048, type: 'image/png' },
        { path: 'blob:b', size: 4096, type: 'image/png' },
      ],
      errMsg: 'chooseImage:ok',
    } as never);
    const uploads: string[] = [];
    jest.spyOn(Taro, 'uploadFile').mockImplementation(((opts: Taro.uploadFile.Option) => {
      uploads.push(`${opts.url} ${opts.name} ${opts.filePath} ${(opts.header as Record<string, string>).Authorization}`);
      if (opts.filePath === 'blob:b') {
        return Promise.resolve({ statusCode: 400, data: JSON.stringify(errorBody(ErrorCode.validation, '只能上传 JPG、PNG 或 WebP 格式的图片')), errMsg: 'ok' });
      }
      return Promise.resolve({ statusCode: 201, data: JSON.stringify({ id: 'a'.repeat(24), mime: 'image/png', size: 2048, url: '/api/v1/hotline/photos/aaa?sig=x' }), errMsg: 'ok' });
    }) as never);

    render(<HotlinePage />);
    fillValidForm();
    fireEvent.click(screen.getByTestId('add-photo'));
    await waitFor(() => expect(screen.getAllByTestId('photo')).toHaveLength(1));
    expect(await screen.findByTestId('error-photos')).toHaveTextContent('只能上传 JPG、PNG 或 WebP 格式的图片');
    expect(uploads[0]).toBe('/api/v1/hotline/photos file blob:a Bearer access-1');
    // The device keeps the photo's id, not its hour-long signed link.
    expect(JSON.parse(Taro.getStorageSync(draftKey)).data.photos).toEqual([{ id: 'a'.repeat(24) }]);

    fireEvent.click(screen.getByTestId('submit-ticket'));
    await screen.findByTestId('submitted');
    expect(submits(sent)[0].data).toMatchObject({ photoIds: ['a'.repeat(24)] });
  });

  it('when the browser drops a chosen file it cannot read as an image (a PDF, random bytes named .jpg), then 现场图片 says which and why', async () => {
    hotlineNetwork(() => ({ status: 201, body: submitAnswer() }));
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], 'scene.png', { type: 'image/png' });
    const pdf = new File(['%PDF-1.4 1 0 obj'], 'notice.pdf', { type: 'application/pdf' });
    const renamed = new File([new Uint8Array([0x13, 0x37, 0x42, 0x99, 0x01, 0x02])], 'IMG_2041.jpg', { type: 'image/jpeg' });
    // As Taro's H5 chooseImage does: the files arrive on its input, the ones it cannot load as
    // an image are left out of the answer with a console message only.
    jest.spyOn(Taro, 'chooseImage').mockImplementation((() => {
      const input = document.getElementById('taroChooseImage') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [pdf, png, renamed], configurable: true });
      input.dispatchEvent(new Event('change'));
      return Promise.resolve({ tempFilePaths: ['blob:png'], tempFiles: [{ path: 'blob:png', size: png.size, type: 'image/png', originalFileObj: png }], errMsg: 'chooseImage:ok' });
    }) as never);
    jest.spyOn(Taro, 'uploadFile').mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 'b'.repeat(24), mime: 'image/png', size: 12, url: '/api/v1/hotline/photos/bbb?sig=x' }), errMsg: 'ok' } as never);

    render(<HotlinePage />);
    fireEvent.click(screen.getByTestId('add-photo'));
    const message = await screen.findByTestId('error-photos');
    expect(message).toHaveTextContent('“notice.pdf”不是图片，只能上传 JPG、PNG 或 WebP 格式的图片');
    expect(message).toHaveTextContent('“IMG_2041.jpg”不是图片');
    await waitFor(() => expect(screen.getAllByTestId('photo')).toHaveLength(1));
  });

  it('when a draft with photos is restored later, then fresh links are fetched for its ids and expired photos are dropped with a note', async () => {
    const live = 'a'.repeat(24);
    const expired = 'b'.repeat(24);
    // As an older version stored it: with a signed link that has long expired.
    Taro.setStorageSync(
      draftKey,
      JSON.stringify({ title: '小区夜间施工噪音扰民', idempotencyKey: 'k'.repeat(24), photos: [{ id: live, previewUrl: '/api/v1/hotline/photos/aaa?exp=1&sig=old' }, { id: expired, previewUrl: '' }] }),
    );
    const { sent } = stubNetwork((req) => {
      if (req.url.endsWith('/hotline/stats')) return { status: 200, body: stats() };
      if (req.method === 'POST' && req.url.endsWith('/hotline/photos/links')) {
        return { status: 200, body: { photos: [{ id: live, mime: 'image/jpeg', url: `/api/v1/hotline/photos/${live}?exp=9999999999&sig=fresh` }] } };
      }
      return { status: 404, body: errorBody(ErrorCode.notFound, '未找到') };
    });
    render(<HotlinePage />);
    expect(screen.getByTestId('draft-restored')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('photo')).toHaveLength(1));
    expect(sent.find((r) => r.url.endsWith('/hotline/photos/links'))!.data).toEqual({ ids: [live, expired] });
    const img = screen.getByTestId('photo').querySelector('img, taro-image-core, [src]');
    expect(img?.getAttribute('src')).toContain('sig=fresh');
    expect(screen.getByTestId('photo').outerHTML).not.toContain('sig=old');
    expect(screen.getByTestId('error-photos')).toHaveTextContent('有 1 张图片已过期，请重新上传');
    await waitFor(() => expect(JSON.parse(Taro.getStorageSync(draftKey)).data.photos).toEqual([{ id: live }]));
  });
});