/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by the Taro CLI at build time: 'weapp' | 'h5' | ... */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd';
    TARO_APP_API_BASE_H5?: string;
    TARO_APP_API_BASE_WEAPP?: string;
  }
}
