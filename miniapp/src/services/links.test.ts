import Taro from '@tarojs/taro';
import { openAppLink } from './links';

afterEach(() => jest.restoreAllMocks());

describe('openAppLink', () => {
  it('when a consultation notice links its report, then that page opens with its parameters', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    await expect(openAppLink('/features/consultations/pages/report/index?id=con-001')).resolves.toBe(true);
    expect(navigate).toHaveBeenCalledWith({ url: '/features/consultations/pages/report/index?id=con-001' });
  });

  it('when a link is not a page path of the app, then nothing opens', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    await expect(openAppLink('https://example.com/x')).resolves.toBe(false);
    expect(navigate).not.toHaveBeenCalled();
  });
});
