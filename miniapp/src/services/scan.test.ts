import Taro from '@tarojs/taro';
import { canScanCode, scanQrCode } from './scan';

afterEach(() => jest.restoreAllMocks());

const asWechat = () => jest.spyOn(Taro, 'getEnv').mockReturnValue(Taro.ENV_TYPE.WEAPP as ReturnType<typeof Taro.getEnv>);

describe('QR scanning', () => {
  it('when in the H5 build, then there is no scanner and nothing is opened', async () => {
    const scan = jest.spyOn(Taro, 'scanCode');
    expect(canScanCode()).toBe(false);
    await expect(scanQrCode()).resolves.toBeNull();
    expect(scan).not.toHaveBeenCalled();
  });

  it('when in WeChat, then the camera scanner is opened for QR codes and its text is answered', async () => {
    asWechat();
    const scan = jest.spyOn(Taro, 'scanCode').mockResolvedValue({ result: 'ZWGK-OD1.x.1.mac', scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'scanCode:ok' });
    expect(canScanCode()).toBe(true);
    await expect(scanQrCode()).resolves.toBe('ZWGK-OD1.x.1.mac');
    expect(scan).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
  });

  it('when the scan is cancelled, then nothing was scanned', async () => {
    asWechat();
    jest.spyOn(Taro, 'scanCode').mockRejectedValue({ errMsg: 'scanCode:fail cancel' });
    await expect(scanQrCode()).resolves.toBeNull();
  });
});
