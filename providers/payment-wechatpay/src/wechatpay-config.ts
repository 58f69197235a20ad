import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { systemClock, type Clock } from '@linkmall/kernel';

/**
 * Everything the WeChat Pay client needs. Secrets arrive as strings from the composition root (which
 * reads the WECHATPAY_* environment variables); nothing here touches the disk.
 */
export interface WechatPayConfig {
  /** The mini-program's appid (WECHATPAY_APP_ID). */
  readonly appId: string;
  /** 商户号 mchid (WECHATPAY_MERCHANT_ID). */
  readonly merchantId: string;
  /** Serial number of the merchant API certificate (WECHATPAY_MERCHANT_SERIAL_NO). */
  readonly merchantSerialNo: string;
  /** apiclient_key.pem, PKCS#8 or PKCS#1 (WECHATPAY_MERCHANT_PRIVATE_KEY). */
  readonly merchantPrivateKeyPem: string;
  /** The 32-byte APIv3 key set on the merchant platform (WECHATPAY_API_V3_KEY). */
  readonly apiV3Key: string;
  /** WeChat Pay public key, or a platform certificate, in PEM (WECHATPAY_PLATFORM_PUBLIC_KEY). */
  readonly platformPublicKeyPem: string;
  /** `PUB_KEY_ID_…` for a WeChat Pay public key, or the platform certificate serial (WECHATPAY_PLATFORM_SERIAL_NO). */
  readonly platformSerialNo: string;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  /** Tests inject a fetch that meddles with requests; production uses the global one. */
  readonly fetch?: typeof fetch;
}

export const WECHATPAY_DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';
export const WECHATPAY_DEFAULT_TIMEOUT_MS = 10_000;

/** The parsed form of the configuration, built once at start-up. */
export interface WechatPayKeys {
  readonly appId: string;
  readonly merchantId: string;
  readonly merchantSerialNo: string;
  readonly merchantPrivateKey: KeyObject;
  readonly apiV3Key: Buffer;
  readonly platformPublicKey: KeyObject;
  readonly platformSerialNo: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly fetch: typeof fetch;
}

/** Unusable keys are a deployment mistake, so this throws at start-up instead of failing each payment. */
export function loadWechatPayKeys(config: WechatPayConfig): WechatPayKeys {
  for (const field of ['appId', 'merchantId', 'merchantSerialNo', 'platformSerialNo'] as const) {
    if (!config[field]?.trim()) throw new Error(`WeChat Pay configuration: ${field} is empty`);
  }
  const apiV3Key = Buffer.from(config.apiV3Key ?? '', 'utf8');
  if (apiV3Key.length !== 32) throw new Error('WeChat Pay configuration: the APIv3 key must be exactly 32 bytes');
  const merchantPrivateKey = createPrivateKey(config.merchantPrivateKeyPem);
  if (merchantPrivateKey.asymmetricKeyType !== 'rsa') throw new Error('WeChat Pay configuration: the merchant key must be an RSA private key');
  const platformPublicKey = config.platformPublicKeyPem.includes('BEGIN CERTIFICATE')
    ? new X509Certificate(config.platformPublicKeyPem).publicKey
    : createPublicKey(config.platformPublicKeyPem);
  if (platformPublicKey.asymmetricKeyType !== 'rsa') throw new Error('WeChat Pay configuration: the platform key must be an RSA public key');
  return {
    appId: config.appId,
    merchantId: config.merchantId,
    merchantSerialNo: config.merchantSerialNo,
    merchantPrivateKey,
    apiV3Key,
    platformPublicKey,
    platformSerialNo: config.platformSerialNo,
    baseUrl: config.baseUrl ?? WECHATPAY_DEFAULT_BASE_URL,
    timeoutMs: config.timeoutMs ?? WECHATPAY_DEFAULT_TIMEOUT_MS,
    clock: config.clock ?? systemClock,
    fetch: config.fetch ?? fetch,
  };
}

const ENV_FIELDS = {
  appId: 'WECHATPAY_APP_ID',
  merchantId: 'WECHATPAY_MERCHANT_ID',
  merchantSerialNo: 'WECHATPAY_MERCHANT_SERIAL_NO',
  merchantPrivateKeyPem: 'WECHATPAY_MERCHANT_PRIVATE_KEY',
  apiV3Key: 'WECHATPAY_API_V3_KEY',
  platformPublicKeyPem: 'WECHATPAY_PLATFORM_PUBLIC_KEY',
  platformSerialNo: 'WECHATPAY_PLATFORM_SERIAL_NO',
} as const;

/**
 * Reads the WECHATPAY_* variables from the environment record the composition root passes in.
 * Undefined when none is set (WeChat Pay not configured); throws when only some are, because a half
 * configuration is a deployment mistake. PEM values may use literal `\n`, as one-line .env files do.
 */
export function wechatPayConfigFromEnv(env: Record<string, string | undefined>): WechatPayConfig | undefined {
  const entries = Object.entries(ENV_FIELDS).map(([field, name]) => [field, env[name]?.trim() ?? ''] as const);
  const missing = entries.filter(([, value]) => value === '').map(([field]) => ENV_FIELDS[field as keyof typeof ENV_FIELDS]);
  if (missing.length === entries.length) return undefined;
  if (missing.length > 0) throw new Error(`WeChat Pay is partly configured; also set ${missing.join(', ')}`);
  const values = Object.fromEntries(entries.map(([field, value]) => [field, field.endsWith('Pem') ? value.replace(/\\n/g, '\n') : value]));
  return { ...(values as Record<keyof typeof ENV_FIELDS, string>), ...(env.WECHATPAY_BASE_URL ? { baseUrl: env.WECHATPAY_BASE_URL } : {}) };
}
