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
