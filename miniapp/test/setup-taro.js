// H5 builds rewrite `Taro.request(...)` into named imports of @tarojs/taro-h5
// (babel-plugin-transform-taroapi). Jest has no such rewrite, so expose the named APIs on
// the default object instead; it also lets tests replace `Taro.request` with jest.spyOn.
const h5 = require('@tarojs/taro-h5');
const taro = h5.default;
for (const [name, value] of Object.entries(h5)) {
  if (name !== 'default' && typeof value === 'function' && !(name in taro)) taro[name] = value;
}
