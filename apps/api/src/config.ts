import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { piiKeyFromEnv } from '@linkmall/kernel';
import { databaseConfigFromEnv, replicaConfigFromEnv, type DatabaseConfig } from '@linkmall/db';
import { wechatPayConfigFromEnv, type WechatPayConfig } from '@linkmall/provider-wechatpay';
import { kuaidi100ConfigFromEnv, type Kuaidi100Config } from '@linkmall/provider-logistics-kuaidi100';
import { llmConfigFromEnv, type OpenAiCompatibleConfig } from '@linkmall/provider-llm-openai';
import type { WithdrawalPolicy } from '@linkmall/payout';
import { withdrawalPolicyFromEnv } from './withdrawal-config.ts';

export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** DATABASE_REPLICA_URL: a read replica for dashboards, exports, shop listings and recommendations; null reads from the primary. */
  readonly replica: DatabaseConfig | null;
  /** REDIS_URL: live events and shared rate limits/nonces through Redis instead of PostgreSQL. */
  readonly redisUrl: string | null;
  readonly piiKey: Buffer;
  readonly wechat: { readonly appId: string; readonly appSecret: string; readonly baseUrl: string } | null;
  readonly sessionTtlMs: { readonly console: number; readonly shop: number };
  readonly unpaidOrderTimeoutMs: number;
  readonly afterSalesWindowMs: number;
  readonly autoConfirmAfterMs: number;
  /** The payment provider: WeChat Pay when configured, else the sandbox (refused in production unless asked for). */
  readonly payment: { readonly provider: 'wechatpay'; readonly wechatPay: WechatPayConfig } | { readonly provider: 'sandbox'; readonly sandboxSecret: string };
  /**
   * Withdrawals to WeChat (商家转账到零钱): through WeChat Pay when payments are, else the sandbox that
   * completes transfers at once (refused in production unless PAYOUT_PROVIDER=sandbox), or `none`
   * (bank withdrawals only).
   */
  readonly payout: { readonly provider: 'wechatpay' | 'sandbox' | 'none' };
  /** Withdrawal rules (WITHDRAWAL_* variables; see withdrawal-config.ts), defaults where unset. */
  readonly payouts: { readonly policy: WithdrawalPolicy };
  /** Parcel tracking through Kuaidi100 when KUAIDI100_CUSTOMER and KUAIDI100_KEY are set, else offline (our own records). */
  readonly logistics: { readonly provider: 'kuaidi100'; readonly kuaidi100: Kuaidi100Config } | { readonly provider: 'offline' };
  /** The assistant's OpenAI-compatible model (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL), or null: the offline retrieval model answers. */
  readonly llm: OpenAiCompatibleConfig | null;
  /** Visitor radar: the WeChat subscribe-message template (WECHAT_SUBSCRIBE_TEMPLATE_ID) for owner notifications; null keeps them in-app. */
  readonly radar: { readonly subscribeTemplateId: string | null };
  /** Business-card OCR (OCR_ENGINE): PaddleOCR on the CPU with models from npm (default), or none (scans answer 501). */
  readonly ocr: { readonly engine: 'paddle' | 'none' };
  /**
   * Webhooks may target loopback and private addresses only when WEBHOOK_ALLOW_PRIVATE_NETWORKS=true;
   * unset, they may outside production (local receivers in development) and may not in production (SSRF).
   */
  readonly integrations: { readonly allowPrivateNetworks: boolean };
  /** Where providers post notifications and the sandbox page lives, e.g. https://mall.example.com. */
  readonly publicBaseUrl: string;
  readonly logLevel: string;
  /** Run the outbox worker inside the API process; the only option with embedded PGlite (one process per data folder). */
  readonly embeddedWorker: boolean;
  /** Outbox delivery loops per worker process (WORKER_CONCURRENCY): 4 on a server, 1 on embedded PGlite. */
  readonly workerConcurrency: number;
  readonly openApiPartners: ReadonlyMap<string, string>;
  readonly bodyLimitBytes: number;
  /** Behind a reverse proxy that sets X-Forwarded-For (TRUST_PROXY=true), rate limits use the client's address from it. */
  readonly trustProxy: boolean;
  /** Where the built console and h5 shop are served from. */
  readonly webRoot: string;
  /** CORS_ORIGINS: origins (scheme://host[:port]) allowed to call the API from a browser; empty = same origin only. */
  readonly corsOrigins: readonly string[];
  /** PIPL: raw tracking kept RADAR_RETENTION_DAYS (default 180, 0 = keep); deletion waits DELETION_COOLING_OFF_DAYS (default 7). */
  readonly privacy: { readonly radarRetentionDays: number; readonly deletionCoolingOffMs: number };
}

const hours = (value: string | undefined, fallbackHours: number) => {
  const parsed = Number(value ?? fallbackHours);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`expected a positive number of hours, got "${value}"`);
  return parsed * 3_600_000;
};

/**
 * Secrets only come from the environment. The one exception is the zero-setup embedded mode: with no
 * DATABASE_URL and no key set, a random key is generated once into the data folder (mode 0600) so the
 * demo runs on a fresh machine; a server deployment without PII_ENCRYPTION_KEY refuses to start.
 */
function resolvePiiKey(env: NodeJS.ProcessEnv, database: DatabaseConfig, dataDir: string): Buffer {
  const fromEnv = piiKeyFromEnv(env.PII_ENCRYPTION_KEY);
  if (fromEnv) return fromEnv;
  if (database.driver === 'postgres' || env.NODE_ENV === 'production') {
    throw new Error('PII_ENCRYPTION_KEY is required (base64 of 32 random bytes: openssl rand -base64 32)');
  }
  const keyFile = join(dataDir, 'pii-dev.key');
  if (!existsSync(keyFile)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return piiKeyFromEnv(readFileSync(keyFile, 'utf8').trim())!;
}

/** Like the PII key: from the environment, or generated once into the data folder for the embedded demo. */
function devSecret(env: NodeJS.ProcessEnv, database: DatabaseConfig, dataDir: string, name: string, fileName: string): string {
  const fromEnv = env[name];
  if (fromEnv) return fromEnv;
  if (database.driver === 'postgres' || env.NODE_ENV === 'production') throw new Error(`${name} is required`);
  const file = join(dataDir, fileName);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function paymentFromEnv(env: NodeJS.ProcessEnv, database: DatabaseConfig, dataDir: string): PlatformConfig['payment'] {
  const wechatPay = wechatPayConfigFromEnv(env);
  const choice = env.PAYMENT_PROVIDER ?? (wechatPay ? 'wechatpay' : 'sandbox');
  if (choice === 'wechatpay') {
    if (!wechatPay) throw new Error('PAYMENT_PROVIDER=wechatpay needs the WECHATPAY_* variables (see docs/payments.md)');
    return { provider: 'wechatpay', wechatPay };
  }
  if (choice !== 'sandbox') throw new Error('PAYMENT_PROVIDER must be wechatpay or sandbox');
  if (env.NODE_ENV === 'production' && env.PAYMENT_PROVIDER !== 'sandbox') {
    throw new Error('Refusing the sandbox payment provider in production; configure WeChat Pay or set PAYMENT_PROVIDER=sandbox');
  }
  return { provider: 'sandbox', sandboxSecret: devSecret(env, database, dataDir, 'SANDBOX_PAYMENT_SECRET', 'sandbox-payment-dev.secret') };
}

function payoutFromEnv(env: NodeJS.ProcessEnv, payment: PlatformConfig['payment']): PlatformConfig['payout'] {
  const choice = env.PAYOUT_PROVIDER ?? (payment.provider === 'wechatpay' ? 'wechatpay' : 'sandbox');
  if (choice === 'none') return { provider: 'none' };
  if (choice === 'wechatpay') {
    // Transfers are signed with the same merchant keys as payments: there is nothing else to configure.
    if (payment.provider !== 'wechatpay') throw new Error('PAYOUT_PROVIDER=wechatpay needs WeChat Pay configured for payments (the WECHATPAY_* variables)');
    return { provider: 'wechatpay' };
  }
  if (choice !== 'sandbox') throw new Error('PAYOUT_PROVIDER must be wechatpay, sandbox or none');
  if (env.NODE_ENV === 'production' && env.PAYOUT_PROVIDER !== 'sandbox') {
    throw new Error('Refusing the sandbox payout provider in production; configure WeChat Pay, or set PAYOUT_PROVIDER=sandbox or PAYOUT_PROVIDER=none');
  }
  return { provider: 'sandbox' };
}

function logisticsFromEnv(env: NodeJS.ProcessEnv): PlatformConfig['logistics'] {
  const kuaidi100 = kuaidi100ConfigFromEnv(env);
  return kuaidi100 ? { provider: 'kuaidi100', kuaidi100 } : { provider: 'offline' };
}

function parsePartners(value: string | undefined): Map<string, string> {
  const partners = new Map<string, string>();
  for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [id, secret] = entry.split(':');
    if (!id || !secret || secret.length < 16) throw new Error('OPEN_API_PARTNERS must be "partnerId:secret(16+ chars),..."');
    partners.set(id, secret);
  }
  return partners;
}

function ocrFromEnv(env: NodeJS.ProcessEnv): PlatformConfig['ocr'] {
  const engine = env.OCR_ENGINE || 'paddle';
  if (engine !== 'paddle' && engine !== 'none') throw new Error('OCR_ENGINE must be paddle or none');
  return { engine };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const database = databaseConfigFromEnv(env);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be an integer 0-65535');
  const piiKey = resolvePiiKey(env, database, dataDir);
  const payment = paymentFromEnv(env, database, dataDir);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    database,
    replica: replicaConfigFromEnv(env, database),
    redisUrl: env.REDIS_URL?.trim() || null,
    piiKey,
    wechat:
      env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
        ? { appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, baseUrl: env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com' }
        : null,
    sessionTtlMs: { console: hours(env.CONSOLE_SESSION_HOURS, 12), shop: hours(env.SHOP_SESSION_HOURS, 720) },
    unpaidOrderTimeoutMs: hours(env.ORDER_UNPAID_TIMEOUT_MINUTES ? String(Number(env.ORDER_UNPAID_TIMEOUT_MINUTES) / 60) : undefined, 0.5),
    afterSalesWindowMs: hours(env.AFTER_SALES_DAYS ? String(Number(env.AFTER_SALES_DAYS) * 24) : undefined, 7 * 24),
    autoConfirmAfterMs: hours(env.ORDER_AUTO_CONFIRM_DAYS ? String(Number(env.ORDER_AUTO_CONFIRM_DAYS) * 24) : undefined, 10 * 24),
    payment,
    payout: payoutFromEnv(env, payment),
    payouts: { policy: withdrawalPolicyFromEnv(env) },
    logistics: logisticsFromEnv(env),
    llm: llmConfigFromEnv(env),
    radar: { subscribeTemplateId: env.WECHAT_SUBSCRIBE_TEMPLATE_ID || null },
    ocr: ocrFromEnv(env),
    integrations: { allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ? env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true' : env.NODE_ENV !== 'production' },
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
    logLevel: env.LOG_LEVEL ?? 'info',
    embeddedWorker: env.EMBEDDED_WORKER ? env.EMBEDDED_WORKER !== 'false' : database.driver === 'pglite',
    workerConcurrency: workerConcurrencyFromEnv(env, database.driver),
    openApiPartners: parsePartners(env.OPEN_API_PARTNERS),
    bodyLimitBytes: 1024 * 1024,
    trustProxy: env.TRUST_PROXY === 'true',
    webRoot: resolve(env.WEB_ROOT ?? new URL('../../', import.meta.url).pathname),
    corsOrigins: corsOriginsFromEnv(env.CORS_ORIGINS),
    privacy: {
      radarRetentionDays: wholeDays(env.RADAR_RETENTION_DAYS, 'RADAR_RETENTION_DAYS', 180),
      deletionCoolingOffMs: wholeDays(env.DELETION_COOLING_OFF_DAYS, 'DELETION_COOLING_OFF_DAYS', 7) * 24 * 3_600_000,
    },
  };
}

/** A whole number of days ≥ 0; anything else stops start-up with a message naming the variable. */
function wholeDays(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 36_500) throw new Error(`${name} must be a whole number of days from 0 to 36500, got "${value}"`);
  return days;
}

/** Exact origins only: a wildcard would let any site read answers meant for our own console and shop. */
export function corsOriginsFromEnv(value: string | undefined): string[] {
  const origins = (value ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s*]+$/.test(origin)) throw new Error(`CORS_ORIGINS takes exact origins like https://shop.example.com (no path, no wildcard), got "${origin}"`);
  }
  return origins;
}

/** PGlite has one connection, so more loops would only queue; on a server a few loops keep one slow subscriber from holding up the rest. */
function workerConcurrencyFromEnv(env: NodeJS.ProcessEnv, driver: 'pglite' | 'postgres'): number {
  const raw = env.WORKER_CONCURRENCY?.trim();
  if (!raw) return driver === 'pglite' ? 1 : 4;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new Error('WORKER_CONCURRENCY must be an integer from 1 to 64');
  return value;
}
