import { IdNumber, isValidIdNumber, MobilePhone, RealName } from './identity';

describe('identity fields', () => {
  it('when an ID number has the right check digit and a real birth date, then it is valid; a wrong digit or date is not', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300025')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
  });

  it('when parsed, then spaces go and x becomes X; each failure names what is wrong in Chinese', () => {
    expect(IdNumber().parse(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(IdNumber().safeParse('110105194912310021').error?.issues[0].message).toMatch(/校验码/);
    expect(IdNumber().safeParse('1234').error?.issues[0].message).toBe('身份证号码应为 18 位');
    expect(IdNumber('同行人身份证号码').safeParse('').error?.issues[0].message).toBe('请填写同行人身份证号码');
  });

  it('when a phone or name is checked, then a citizen reads what to fix', () => {
    expect(MobilePhone.parse('138 1234 5678')).toBe('13812345678');
    expect(MobilePhone.safeParse('23812345678').error?.issues[0].message).toBe('请填写正确的 11 位手机号');
    expect(RealName().safeParse('  ').error?.issues[0].message).toBe('请填写姓名');
    expect(RealName().safeParse('张3').error?.issues[0].message).toMatch(/数字/);
    expect(RealName().parse('阿依古丽·买买提')).toBe('阿依古丽·买买提');
  });
});
