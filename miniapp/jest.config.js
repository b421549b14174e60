// Component tests run the H5 flavour of Taro in jsdom (see shared/design/TOOLCHAIN.md).
const esmPackages = [
  '@tarojs',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'whatwg-fetch',
  'abortcontroller-polyfill',
  'jsonp-retry',
  'tslib',
  'classnames',
  'resolve-pathname',
  'history',
  'mobile-detect',
  'intersection-observer',
  'weui',
  'nanoid',
  'style-inject',
  'ics',
].join('|');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/setup-env.js', '<rootDir>/test/setup-taro.js'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': 'babel-jest' },
  // pnpm nests packages (node_modules/.pnpm/<name>@<ver>/node_modules/<name>, and Taro even
  // ships its own nested node_modules): transform any file whose path names one of them.
  transformIgnorePatterns: [`^(?!.*(${esmPackages})).*/node_modules/`],
  moduleNameMapper: {
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '@tarojs/taro-h5',
    '^@/(.*)$': '<rootDir>/src/$1',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/style-stub.js',
    '\\.(png|jpg|jpeg|gif|svg)$': '<rootDir>/test/file-stub.js',
  },
};
