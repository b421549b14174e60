import { prescreen } from './prescreen';

describe('prescreen', () => {
  test('when a comment is plain, then nothing is flagged (a 20 平方米 or 2027 年 figure is not a number to flag)', () => {
    expect(prescreen('建议每百户配建标准由20平方米提高到30平方米，2027年3月1日施行太晚。')).toEqual([]);
  });
  test('when a comment carries a mobile or landline number, then it is flagged phone', () => {
    expect(prescreen('有问题打我电话 138 1234 5678')).toEqual(['phone']);
    expect(prescreen('联系 0571-87654321')).toEqual(['phone']);
    expect(prescreen('+8613812345678')).toEqual(['phone']);
  });
  test('when a comment carries an 18-digit ID number, then it is flagged id_number and not phone', () => {
    expect(prescreen('我的身份证 11010519491231002X')).toEqual(['id_number']);
  });
  test('when a comment carries a link, then it is flagged url', () => {
    expect(prescreen('详见 https://example.com/a')).toEqual(['url']);
    expect(prescreen('看 shop.example.top')).toEqual(['url']);
  });
  test('when a comment uses listed abuse or advertising words, then both are flagged, whatever the spacing and case', () => {
    expect(prescreen('这个方案是 脑 残 设计，加 VX 领优惠')).toEqual(['abuse', 'advertising']);
  });
});
