import type { PiiCipher } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { resolveRetryPolicy, type RetryPolicy, type ScheduledJobDefinition, type Subscriber } from '@linkmall/events';
import { createApiKeyService } from './api-key-service.ts';
import { createExportService } from './export-service.ts';
import type { ExportSources, PartnerFeeds } from './integration-ports.ts';
import { createWebhookSender, DEFAULT_WEBHOOK_RETRY, DEFAULT_WEBHOOK_TIMEOUT_MS, webhookSubscriber } from './webhook-sender.ts';
import { createWebhookService } from './webhook-service.ts';

export interface WebhookOptions {
  /** Loopback and private addresses allowed (development and tests); production refuses them unless configured. */
  readonly allowPrivateNetworks?: boolean;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export interface IntegrationModuleOptions {
  readonly db: Db;
  readonly pii: PiiCipher;
  /** Other modules' data, wired in the API through their public reads. */
  readonly feeds: PartnerFeeds;
  readonly exportSources: ExportSources;
  readonly webhooks?: WebhookOptions;
}

/** How long one sender run keeps taking batches before it leaves the rest to the next minute. */
const SEND_BUDGET_MS = 50_000;

/** Integrations: outbound webhooks, partner API keys for /open/*, and scheduled exports. */
export function createIntegrationModule(options: IntegrationModuleOptions) {
  const { db, pii } = options;
  const deliveryOptions = {
    allowPrivateNetworks: options.webhooks?.allowPrivateNetworks ?? false,
    timeoutMs: options.webhooks?.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    retry: resolveRetryPolicy(DEFAULT_WEBHOOK_RETRY, options.webhooks?.retry),
  };
  const sender = createWebhookSender({ db, pii, options: deliveryOptions });
  const webhooks = createWebhookService({ db, pii, sender, allowPrivateNetworks: deliveryOptions.allowPrivateNetworks });
  const keys = createApiKeyService({ db, pii });
  const exports = createExportService({ db, sources: options.exportSources });

  const sendWebhooks: ScheduledJobDefinition = {
    name: 'integration.send-webhooks',
    cron: '* * * * *',
    // A failed run is simply the next minute's work: pg-boss need not retry it.
    retryLimit: 0,
    handle: async (ctx) => {
      const startedAtMs = Date.now();
      while (Date.now() - startedAtMs < SEND_BUDGET_MS) {
        const report = await sender.sendDue(ctx);
        if (report.sent === 0) return;
      }
    },
  };
  const produceExports: ScheduledJobDefinition = {
    name: 'integration.scheduled-exports',
    cron: '10 * * * *',
    handle: async (ctx) => {
      await exports.runDue(ctx);
    },
  };

  return {
    webhooks,
    sender,
    keys,
    exports,
    feeds: options.feeds,
    deliveryOptions,
    subscribers: [webhookSubscriber()] as Subscriber[],
    jobs: [sendWebhooks, produceExports],
  };
}
export type IntegrationModule = ReturnType<typeof createIntegrationModule>;
