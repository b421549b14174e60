/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** API origin baked in at build time (defineConstants); '' in H5 = same origin. */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_API_BASE?: string;
  }
}
