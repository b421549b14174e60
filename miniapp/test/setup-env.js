// Without TARO_PLATFORM=web the Taro H5 runtime renders nothing into jsdom.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.FRAMEWORK = 'react';
// Build-time constants the H5 webpack plugin defines.
globalThis.DEPRECATED_ADAPTER_COMPONENT = false;
