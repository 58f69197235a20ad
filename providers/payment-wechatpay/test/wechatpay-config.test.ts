import { describe, expect, it } from 'vitest';
import { createWechatPayProvider, toWechatPayTime, wechatPayConfigFromEnv } from '../src/index.ts';
import { newMerchant } from './fake-wechatpay-server.ts';

const merchant = newMerchant();
const oneLine = (pem: string) => pem.trim().replace(/\n/g, '\\n');
const fullEnv = {
  WECHATPAY_APP_ID: merchant.appId,
  WECHATPAY_MERCHANT_ID: merchant.merchantId,
  WECHATPAY_MERCHANT_SERIAL_NO: merchant.merchantSerialNo,
  WECHATPAY_MERCHANT_PRIVATE_KEY: oneLine(merchant.merchantPrivateKeyPem),
  WECHATPAY_API_V3_KEY: merchant.apiV3Key,
  WECHATPAY_PLATFORM_PUBLIC_KEY: oneLine(merchant.platformPublicKeyPem),
  WECHATPAY_PLATFORM_SERIAL_NO: merchant.platformSerialNo,
};

describe('WeChat Pay configuration', () => {
  it('is absent when no WECHATPAY_* variable is set', () => {
    expect(wechatPayConfigFromEnv({ PATH: '/usr/bin' })).toBeUndefined();
  });

  it('refuses a partial configuration and names what is missing', () => {
    const { WECHATPAY_API_V3_KEY: _key, WECHATPAY_PLATFORM_SERIAL_NO: _serial, ...partial } = fullEnv;
    expect(() => wechatPayConfigFromEnv(partial)).toThrow('also set WECHATPAY_API_V3_KEY, WECHATPAY_PLATFORM_SERIAL_NO');
  });

  it('reads one-line PEMs with literal \\n and yields a working provider', () => {
    const config = wechatPayConfigFromEnv({ ...fullEnv, WECHATPAY_BASE_URL: 'https://api2.mch.weixin.qq.com' });
    expect(config?.merchantPrivateKeyPem).toBe(merchant.merchantPrivateKeyPem.trim());
    expect(config?.baseUrl).toBe('https://api2.mch.weixin.qq.com');
    expect(createWechatPayProvider(config!).name).toBe('wechatpay');
  });

  it('writes time_expire as rfc3339 in Beijing time', () => {
    expect(toWechatPayTime(new Date('2025-12-31T16:05:09.999Z'))).toBe('2026-01-01T00:05:09+08:00');
  });
});
