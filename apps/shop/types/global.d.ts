/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** Origin of the API, injected by config/index.ts; empty on h5 (same-origin). */
declare const API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn' | 'quickapp'
    TARO_APP_API_BASE?: string
  }
}
