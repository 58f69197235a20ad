export { createWechatPayProvider, toWechatPayTime, WECHATPAY_PROVIDER_NAME } from './wechatpay-provider.ts';
export { wechatPayConfigFromEnv, WECHATPAY_DEFAULT_BASE_URL, WECHATPAY_DEFAULT_TIMEOUT_MS, type WechatPayConfig } from './wechatpay-config.ts';
export { WECHATPAY_AUTH_SCHEME, WECHATPAY_MAX_CLOCK_SKEW_SECONDS } from './wechatpay-signature.ts';
export { createWechatPayCall, type WechatPayCall } from './wechatpay-call.ts';
export { loadWechatPayKeys } from './wechatpay-config.ts';
