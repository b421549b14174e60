import { SimStartError, spawnSim, type RunningSim } from '../index';
import { openidFor, phoneFor } from './identity';

describe('WeChat API simulator', () => {
  let sim: RunningSim;
  const get = async (p: string) => (await fetch(`${sim.url}${p}`)).json() as Promise<any>;
  const login = (code: string, appid = 'wx-test-app', secret = 'test-secret') =>
    get(`/sns/jscode2session?appid=${appid}&secret=${secret}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`);
  const token = (appid = 'wx-test-app', secret = 'test-secret') =>
    get(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
  const phone = async (accessToken: string | null, body: unknown) => {
    const q = accessToken === null ? '' : `?access_token=${encodeURIComponent(accessToken)}`;
    const res = await fetch(`${sim.url}/wxa/business/getuserphonenumber${q}`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as any;
  };

  beforeAll(async () => {
    sim = await spawnSim('wechat', { WECHAT_SIM_APPID: 'wx-test-app', WECHAT_SIM_SECRET: 'test-secret' });
  });
  afterAll(() => sim?.stop());

  it('when a sim-<name> code is exchanged, then a stable openid comes back and the code can be reused', async () => {
    const first = await login('sim-alice');
    expect(first).toEqual({ openid: openidFor('alice'), session_key: expect.any(String), unionid: expect.any(String) });
    expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(await login('sim-alice')).toEqual(first);
    expect((await login('sim-bob')).openid).not.toBe(first.openid);
  });

  it('when the code is not a simulator code, then errcode 40029 with HTTP 200', async () => {
    const res = await fetch(`${sim.url}/sns/jscode2session?appid=wx-test-app&secret=test-secret&js_code=081abc&grant_type=authorization_code`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ errcode: 40029, errmsg: 'invalid code' });
    expect(await login(`sim-${'x'.repeat(65)}`)).toMatchObject({ errcode: 40029 });
  });

  it('when appid, secret or code are wrong or missing, then WeChat-style errcodes', async () => {
    expect(await login('sim-alice', 'wx-other')).toEqual({ errcode: 40013, errmsg: 'invalid appid' });
    expect(await login('sim-alice', 'wx-test-app', 'nope')).toEqual({ errcode: 40125, errmsg: 'invalid appsecret' });
    expect(await get('/sns/jscode2session?secret=s&js_code=sim-a')).toMatchObject({ errcode: 41002 });
    expect(await get('/sns/jscode2session?appid=wx-test-app&js_code=sim-a')).toMatchObject({ errcode: 41004 });
    expect(await get('/sns/jscode2session?appid=wx-test-app&secret=test-secret')).toMatchObject({ errcode: 41008 });
    expect(await token('wx-other')).toMatchObject({ errcode: 40013 });
  });

  it('when a phone code is exchanged with a valid token, then the stable phone number is returned', async () => {
    const t = await token();
    expect(t).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    const res = await phone(t.access_token, { code: 'sim-alice' });
    expect(res).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: phoneFor('alice'),
        purePhoneNumber: phoneFor('alice'),
        countryCode: '86',
        watermark: { timestamp: expect.any(Number), appid: 'wx-test-app' },
      },
    });
    expect(res.phone_info.phoneNumber).toMatch(/^13\d{9}$/);
    expect((await phone(t.access_token, { code: 'sim-alice' })).phone_info.phoneNumber).toBe(res.phone_info.phoneNumber);
  });

  it('when the token is unknown, missing or expired, or the code is invalid, then the matching errcode', async () => {
    expect(await phone('made-up', { code: 'sim-alice' })).toMatchObject({ errcode: 40001 });
    expect(await phone(null, { code: 'sim-alice' })).toMatchObject({ errcode: 41001 });
    const t = await token();
    expect(await phone(t.access_token, { code: 'real-code' })).toEqual({ errcode: 40029, errmsg: 'invalid code' });
    await fetch(`${sim.url}/__sim/expire-tokens`, { method: 'POST' });
    expect(await phone(t.access_token, { code: 'sim-alice' })).toMatchObject({ errcode: 42001 });
  });

  it('when asking for state, then issued tokens and seen openids are listed', async () => {
    const state = await sim.state();
    expect(state.tokens.length).toBeGreaterThanOrEqual(2);
    expect(state.openids).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'alice', openid: openidFor('alice') })]));
  });
});

/** `{thing1: 'x'}` → WeChat's `{thing1: {value: 'x'}}`. */
const wxData = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }]));

describe('WeChat subscribe messages', () => {
  let sim: RunningSim;
  const alice = openidFor('alice');
  const bob = openidFor('bob');
  const CASE = 'sim-tmpl-case-progress';
  const caseData = (over: Record<string, string> = {}) =>
    wxData({
      character_string1: '12345-20261125-000001',
      thing2: '小区夜间施工噪音扰民',
      phrase3: '办理中',
      time4: '2026-12-01 15:01',
      thing5: '已派单至市生态环境局',
      ...over,
    });
  const post = async (p: string, body: unknown, method = 'POST') => {
    const res = await fetch(`${sim.url}${p}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };
  const del = async (p: string) => (await fetch(`${sim.url}${p}`, { method: 'DELETE' })).json() as Promise<any>;
  const newToken = async () =>
    ((await (await fetch(`${sim.url}/cgi-bin/token?grant_type=client_credential&appid=a&secret=b`)).json()) as any).access_token as string;
  let accessToken: string;
  /** Posts a raw body to the send endpoint; asserts HTTP 200 as WeChat always answers. */
  const sendRaw = async (body: string, token: string | null = accessToken) => {
    const q = token === null ? '' : `?access_token=${encodeURIComponent(token)}`;
    const res = await fetch(`${sim.url}/cgi-bin/message/subscribe/send${q}`, { method: 'POST', body });
    expect(res.status).toBe(200);
    return (await res.json()) as any;
  };
  const send = (body: Record<string, unknown>, token?: string | null) =>
    sendRaw(JSON.stringify({ touser: alice, template_id: CASE, data: caseData(), ...body }), token);
  const grant = (openid: string, templateId: string, count: number) => post('/__sim/subscriptions', { openid, templateId, count });
  const setAutoCredit = (autoCredit: boolean) => post('/__sim/subscriptions/mode', { autoCredit }, 'PUT');

  beforeAll(async () => {
    sim = await spawnSim('wechat');
    accessToken = await newToken();
  });
  afterAll(() => sim?.stop());
  afterEach(async () => {
    await setAutoCredit(true);
    await del('/__sim/subscriptions');
    await del('/__sim/messages');
    await sim.setFaults({ mode: 'ok' });
  });

  it('when a valid message is sent, then ok with a numeric msgid and the message is listed in the state', async () => {
    const res = await send({ page: 'pages/hotline/detail?no=1', miniprogram_state: 'trial', lang: 'zh_CN' });
    expect(res).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect(Number.isSafeInteger(res.msgid)).toBe(true);
    const second = await send({ touser: bob });
    expect(second.msgid).toBeGreaterThan(res.msgid);

    const state = await sim.state();
    expect(state.messages).toEqual([
      {
        msgid: res.msgid,
        touser: alice,
        template_id: CASE,
        page: 'pages/hotline/detail?no=1',
        data: caseData(),
        miniprogram_state: 'trial',
        lang: 'zh_CN',
        at: expect.any(String),
      },
      // WeChat's defaults are filled in when the sender leaves them out.
      expect.objectContaining({ msgid: second.msgid, touser: bob, page: null, miniprogram_state: 'formal', lang: 'zh_CN' }),
    ]);
    expect(state.sent).toBe(2);
    expect(state.templates.map((t: any) => t.id)).toEqual(
      expect.arrayContaining(['sim-tmpl-case-progress', 'sim-tmpl-comment-outcome', 'sim-tmpl-event-registration']),
    );
    const filtered = (await (await fetch(`${sim.url}/__sim/messages?touser=${bob}`)).json()) as any;
    expect(filtered.messages.map((m: any) => m.msgid)).toEqual([second.msgid]);
  });

  it('when the access token is missing, unknown or expired, then 41001, 40001 or 42001 and nothing is sent', async () => {
    expect(await send({}, null)).toMatchObject({ errcode: 41001 });
    expect(await send({}, 'sim_at_made-up')).toEqual({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    const t = await newToken();
    expect(await send({}, t)).toMatchObject({ errcode: 0 });
    expect((await post('/__sim/expire-tokens', {})).json.expired).toBeGreaterThanOrEqual(2);
    expect(await send({}, t)).toEqual({ errcode: 42001, errmsg: 'access_token expired' });
    accessToken = await newToken();
    expect(await send({})).toMatchObject({ errcode: 0 });
    expect((await sim.state()).messages).toHaveLength(2);
  });

  it('when the template id is unknown or missing, then 40037', async () => {
    expect(await send({ template_id: 'no-such-template' })).toEqual({ errcode: 40037, errmsg: 'invalid template_id' });
    expect(await send({ template_id: undefined })).toMatchObject({ errcode: 40037 });
  });

  it('when the openid is not one the simulator could have issued, then 40003', async () => {
    for (const touser of ['not-an-openid', `${alice}x`, '', 42, undefined]) {
      expect(await send({ touser })).toEqual({ errcode: 40003, errmsg: 'invalid openid' });
    }
    // Any openid of the simulator's shape is accepted, logged in before or not.
    expect(await send({ touser: openidFor('never-logged-in') })).toMatchObject({ errcode: 0 });
  });

  it('when the body is not a JSON object, then 47001', async () => {
    expect(await sendRaw('{not json')).toEqual({ errcode: 47001, errmsg: 'data format error' });
    expect(await sendRaw('[1]')).toMatchObject({ errcode: 47001 });
    expect(await sendRaw('')).toMatchObject({ errcode: 47001 });
  });

  it('when keys are missing, unknown or not {value: string}, then 47003 naming the key', async () => {
    const { thing5: _omit, ...withoutThing5 } = caseData();
    const cases: Array<[unknown, RegExp]> = [
      [withoutThing5, /data\.thing5 is missing/],
      [{ ...caseData(), thing9: { value: 'x' } }, /data\.thing9 is not a field/],
      [{ ...caseData(), thing2: 'bare string' }, /data\.thing2\.value must be a string/],
      [{ ...caseData(), thing2: { value: 12 } }, /data\.thing2\.value must be a string/],
      [undefined, /data is empty/],
      [[], /data is empty/],
    ];
    for (const [data, msg] of cases) {
      const res = await send({ data });
      expect(res.errcode).toBe(47003);
      expect(res.errmsg).toMatch(msg);
    }
    expect(await send({ miniprogram_state: 'production' })).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining('miniprogram_state') });
    expect(await send({ lang: 'fr_FR' })).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining('lang') });
    expect(await send({ page: 7 })).toMatchObject({ errcode: 47003 });
  });

  it('when values follow or break the per-type limits, then ok or 47003', async () => {
    // Every field type, through templates declared for the purpose (see the env test below for the mechanism).
    const good: Record<string, string[]> = {
      character_string1: ['12345-20261125-000001', 'A'.repeat(32), 'No.1#(a)'],
      thing2: ['一'.repeat(20), 'Room 302, 3号楼', 'a'],
      phrase3: ['已办结', '受理', '五个汉字啊'],
      time4: ['2026-12-01 15:01', '2026年12月01日 15:01', '2026年2月1日 9:05', '15:01', '2026-12-01 15:01:59', '2026-12-01 15:01~2026-12-01 17:00'],
    };
    const bad: Record<string, string[]> = {
      character_string1: ['A'.repeat(33), '含中文', 'with space', ''],
      thing2: ['一'.repeat(21), '   '],
      phrase3: ['六个汉字啊啊', 'done', '已办结!', '已 办'],
      time4: ['2026-12-01', '2026-13-01 15:01', '2026-02-30 15:01', '2026-12-01 24:00', '2026/12/01 15:01', '明天下午', '15:60'],
    };
    for (const [key, values] of Object.entries(good)) {
      for (const value of values) {
        const res = await send({ data: caseData({ [key]: value }) });
        expect([key, value, res.errcode]).toEqual([key, value, 0]);
      }
    }
    for (const [key, values] of Object.entries(bad)) {
      for (const value of values) {
        const res = await send({ data: caseData({ [key]: value }) });
        expect([key, value, res.errcode]).toEqual([key, value, 47003]);
        expect(res.errmsg).toContain(`data.${key}.value invalid`);
      }
    }
  });

  it('when autoCredit is off, then sends spend the ledger one credit at a time and 43101 once none is left', async () => {
    await setAutoCredit(false);
    expect(await send({})).toEqual({ errcode: 43101, errmsg: 'user refuse to accept the msg' });

    expect((await grant(alice, CASE, 2)).json).toEqual({ openid: alice, templateId: CASE, credits: 2, granted: 2, spent: 0 });
    expect(await send({})).toMatchObject({ errcode: 0 });
    // Credits are per (openid, template).
    expect(await send({ touser: bob })).toMatchObject({ errcode: 43101 });
    const outcome = wxData({ thing1: '意见', phrase2: '采纳', thing3: '谢谢', time4: '10:00' });
    expect(await send({ template_id: 'sim-tmpl-comment-outcome', data: outcome })).toMatchObject({ errcode: 43101 });
    expect(await send({})).toMatchObject({ errcode: 0 });
    expect(await send({})).toMatchObject({ errcode: 43101 });

    // A refused message (bad data) does not spend a credit.
    await grant(alice, CASE, 1);
    expect(await send({ data: caseData({ phrase3: 'bad' }) })).toMatchObject({ errcode: 47003 });
    expect((await sim.state()).credits).toEqual([{ openid: alice, templateId: CASE, credits: 1, granted: 3, spent: 2 }]);
    // count 0 takes the remaining credit away.
    expect((await grant(alice, CASE, 0)).json).toMatchObject({ credits: 0, granted: 3 });
    expect(await send({})).toMatchObject({ errcode: 43101 });

    const state = await sim.state();
    expect(state.autoCredit).toBe(false);
    expect(state.messages).toHaveLength(2);
    expect(state.refused).toEqual({ 43101: 5, 47003: 1 });
    expect(state.recentRefusals.at(-1)).toMatchObject({ errcode: 43101, touser: alice, template_id: CASE });
  });

  it('when autoCredit is switched on at run time, then the ledger is bypassed and left untouched', async () => {
    expect((await sim.state()).autoCredit).toBe(true);
    await setAutoCredit(false);
    await grant(alice, CASE, 1);
    expect((await setAutoCredit(true)).json).toEqual({ autoCredit: true });
    for (let i = 0; i < 3; i++) expect(await send({})).toMatchObject({ errcode: 0 });
    expect((await sim.state()).credits).toEqual([expect.objectContaining({ credits: 1, spent: 0 })]);
    await setAutoCredit(false);
    expect(await send({})).toMatchObject({ errcode: 0 });
    expect(await send({})).toMatchObject({ errcode: 43101 });
  });

  it('when the subscription controls get a bad body, then 400', async () => {
    for (const body of [
      { openid: 'x', templateId: CASE, count: 1 },
      { openid: alice, templateId: 'nope', count: 1 },
      { openid: alice, templateId: CASE, count: -1 },
      { openid: alice, templateId: CASE },
    ]) {
      expect((await grant(body.openid, body.templateId, body.count as number)).status).toBe(400);
    }
    expect((await post('/__sim/subscriptions/mode', { autoCredit: 'no' }, 'PUT')).status).toBe(400);
    expect((await post('/__sim/send-errcode', { errcode: 0 }, 'PUT')).status).toBe(400);
  });

  it('when the state is cleared, then messages and refusal counts start over', async () => {
    await send({});
    await send({ touser: 'bad' });
    expect((await sim.state()).refused).toEqual({ 40003: 1 });
    expect(await del('/__sim/messages')).toEqual({ cleared: 1 });
    const state = await sim.state();
    expect(state).toMatchObject({ messages: [], sent: 0, refused: {}, recentRefusals: [] });
  });

  it('when fault switches are set, then the send endpoint is faulted like the others', async () => {
    await sim.setFaults({ mode: 'error', times: 1 });
    const res = await fetch(`${sim.url}/cgi-bin/message/subscribe/send?access_token=${accessToken}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(503);
    await sim.setFaults({ mode: 'down' });
    await expect(send({})).rejects.toThrow();
    await sim.setFaults({ mode: 'ok' });
    expect(await send({})).toMatchObject({ errcode: 0 });
    expect((await sim.state()).messages).toHaveLength(1);
  });

  it('when an errcode is forced, then the next sends answer it without delivering', async () => {
    expect((await post('/__sim/send-errcode', { errcode: -1, errmsg: 'system error', times: 2 }, 'PUT')).status).toBe(200);
    expect(await send({})).toEqual({ errcode: -1, errmsg: 'system error' });
    expect(await send({})).toEqual({ errcode: -1, errmsg: 'system error' });
    expect(await send({})).toMatchObject({ errcode: 0 });
    await post('/__sim/send-errcode', { errcode: 45009 }, 'PUT');
    expect(await send({})).toMatchObject({ errcode: 45009 });
    expect(await send({})).toMatchObject({ errcode: 45009 });
    await post('/__sim/send-errcode', { errcode: null }, 'PUT');
    expect(await send({})).toMatchObject({ errcode: 0 });
    expect((await sim.state()).refused).toEqual({ '-1': 2, 45009: 2 });
  });
});

describe('WeChat subscribe messages: configuration', () => {
  const tokenAndSend = async (url: string, body: unknown, waitMs = 0) => {
    const t = ((await (await fetch(`${url}/cgi-bin/token?grant_type=client_credential&appid=a&secret=b`)).json()) as any).access_token;
    if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
    const res = await fetch(`${url}/cgi-bin/message/subscribe/send?access_token=${t}`, { method: 'POST', body: JSON.stringify(body) });
    return (await res.json()) as any;
  };

  it('when tokens outlive WECHAT_SIM_TOKEN_TTL_S, then sends answer 42001', async () => {
    const sim = await spawnSim('wechat', { WECHAT_SIM_TOKEN_TTL_S: '1' });
    try {
      const body = {
        touser: openidFor('a'),
        template_id: 'sim-tmpl-event-registration',
        data: wxData({ thing1: '政府开放日', phrase2: '报名成功', time3: '2026年12月01日 09:30', thing4: '请携带身份证' }),
      };
      expect(await tokenAndSend(sim.url, body)).toMatchObject({ errcode: 0 });
      expect(await tokenAndSend(sim.url, body, 1100)).toMatchObject({ errcode: 42001 });
    } finally {
      await sim.stop();
    }
  });

  it('when WECHAT_SIM_TEMPLATES and WECHAT_SIM_AUTO_CREDIT are set, then templates are added or replaced and the ledger is used', async () => {
    const templates = {
      'sim-tmpl-all-types': { title: '全类型', fields: { date1: 'date', number2: 'number', name3: 'name', thing4: 'thing' } },
      'sim-tmpl-case-progress': { title: '只有标题', fields: { thing1: 'thing' } },
    };
    const sim = await spawnSim('wechat', { WECHAT_SIM_TEMPLATES: JSON.stringify(templates), WECHAT_SIM_AUTO_CREDIT: 'false' });
    try {
      const state = await sim.state();
      expect(state.autoCredit).toBe(false);
      expect(state.templates).toEqual(expect.arrayContaining([{ id: 'sim-tmpl-case-progress', title: '只有标题', fields: { thing1: 'thing' } }]));
      const touser = openidFor('typed');
      const grant = { openid: touser, templateId: 'sim-tmpl-all-types', count: 100 };
      await fetch(`${sim.url}/__sim/subscriptions`, { method: 'POST', body: JSON.stringify(grant) });
      const data = (over: Record<string, string>) => wxData({ date1: '2026-12-01', number2: '3.14', name3: '张三', thing4: '备注', ...over });
      const codeFor = async (over: Record<string, string>) =>
        (await tokenAndSend(sim.url, { touser, template_id: 'sim-tmpl-all-types', data: data(over) })).errcode;
      const good: Record<string, string>[] = [
        {},
        { date1: '2026年12月01日' },
        { date1: '2026-12-01 15:01' },
        { number2: '1'.repeat(32) },
        { number2: '0.5' },
        { name3: '买买提·艾力' },
        { name3: 'A'.repeat(20) },
        { name3: 'Li Lei' },
      ];
      for (const ok of good) {
        expect([ok, await codeFor(ok)]).toEqual([ok, 0]);
      }
      const bad: Record<string, string>[] = [
        { date1: '15:01' },
        { date1: '2026-02-29' },
        { number2: '1'.repeat(33) },
        { number2: '-1' },
        { number2: '1.2.3' },
        { number2: '1e5' },
        { name3: '欧阳'.repeat(6) },
        { name3: 'A'.repeat(21) },
        { name3: '张3' },
      ];
      for (const wrong of bad) {
        expect([wrong, await codeFor(wrong)]).toEqual([wrong, 47003]);
      }
      // Without credit for another user the ledger refuses.
      expect((await tokenAndSend(sim.url, { touser: openidFor('other'), template_id: 'sim-tmpl-all-types', data: data({}) })).errcode).toBe(43101);
    } finally {
      await sim.stop();
    }
  });

  it('when WECHAT_SIM_TEMPLATES or WECHAT_SIM_AUTO_CREDIT is invalid, then the simulator exits with code 1 naming the problem', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ WECHAT_SIM_TEMPLATES: '{oops' }, /WECHAT_SIM_TEMPLATES is not valid JSON/],
      [{ WECHAT_SIM_TEMPLATES: JSON.stringify({ t1: { title: 'x', fields: { thing1: 'emoji' } } }) }, /WECHAT_SIM_TEMPLATES\.t1\.fields\.thing1/],
      [
        { WECHAT_SIM_TEMPLATES: JSON.stringify({ t1: { title: 'x', fields: { thing1: 'phrase' } } }) },
        /key "thing1" must be "phrase" followed by a number/,
      ],
      [{ WECHAT_SIM_TEMPLATES: JSON.stringify({ t1: { title: 'x', fields: {} } }) }, /1–5 fields/],
      [{ WECHAT_SIM_AUTO_CREDIT: 'maybe' }, /WECHAT_SIM_AUTO_CREDIT must be true, false, 1 or 0/],
    ];
    for (const [env, message] of cases) {
      const err = (await spawnSim('wechat', env).then(
        (s) => s.stop().then(() => new Error('started')),
        (e) => e,
      )) as SimStartError;
      expect(err).toBeInstanceOf(SimStartError);
      expect(err.exitCode).toBe(1);
      expect(err.stderr).toMatch(message);
    }
  });
});
