import { spawnSim, type RunningSim } from '../index';
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
