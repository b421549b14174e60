import { paramsFromHash } from './navigation';

describe('route parameters from the H5 address', () => {
  const policyPage = '/features/policy/pages/policy/index?id=pol-010&stamp=3';

  it('when the address is of this page, then its query is read, each value decoded once', () => {
    expect(paramsFromHash('#/features/policy/pages/policy/index?id=pol-004', policyPage)).toEqual({ id: 'pol-004' });
    expect(paramsFromHash('#/features/policy/pages/search/index?q=%E4%BD%8E%E4%BF%9D%2520', '/features/policy/pages/search/index')).toEqual({ q: '低保%20' });
    expect(paramsFromHash('#features/policy/pages/policy/index', policyPage)).toEqual({});
  });

  it('when the address is of another page, then nothing is read from it', () => {
    expect(paramsFromHash('#/features/policy/pages/qa/index?id=qa-1', policyPage)).toBeNull();
    expect(paramsFromHash('', policyPage)).toBeNull();
  });

  it('when a value is malformed, then it is kept as written rather than throwing', () => {
    expect(paramsFromHash('#/features/policy/pages/policy/index?id=%E4%ZZ&flag', policyPage)).toEqual({ id: '%E4%ZZ', flag: '' });
  });
});
