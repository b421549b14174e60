// H5 builds rewrite `Taro.request(...)` into named imports of @tarojs/taro-h5
// (babel-plugin-transform-taroapi). Jest has no such rewrite, so expose the named APIs on
// the default object instead; it also lets tests replace `Taro.request` with jest.spyOn.
const h5 = require('@tarojs/taro-h5');
const taro = h5.default;
for (const [name, value] of Object.entries(h5)) {
  if (name !== 'default' && typeof value === 'function' && !(name in taro)) taro[name] = value;
}

// Page lifecycle hooks (useDidShow, usePullDownRefresh, …) are added to Taro by the React
// framework plugin in real builds, not by @tarojs/taro-h5. No page is ever shown in jsdom, so
// pages rendered whole in tests get hooks that register nothing.
for (const hook of ['useDidShow', 'useDidHide', 'usePullDownRefresh', 'useReachBottom', 'useLoad', 'useReady', 'useUnload']) {
  if (typeof h5[hook] !== 'function') h5[hook] = () => undefined;
  if (typeof taro[hook] !== 'function') taro[hook] = h5[hook];
}

// useRouter comes from the React framework plugin too. In jsdom it answers what the H5 router
// would for a page opened at the current address (`window.location.hash`), so a test opens a
// page by setting the hash first.
if (typeof h5.useRouter !== 'function') {
  h5.useRouter = () => {
    const [path, query = ''] = window.location.hash.replace(/^#/, '').split('?');
    return { path: path || '/', params: Object.fromEntries(new URLSearchParams(query)) };
  };
  taro.useRouter = h5.useRouter;
}
