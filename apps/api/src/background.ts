import type { Logger, ScheduledJobDefinition } from '@linkmall/events';
import { workerDefinitions, type WorkerDefinitions } from '@linkmall/worker';
import { groupBuyPaymentSubscriber } from '@linkmall/promotion';
import { ledgerSealJob } from '@linkmall/ledger';
import { radarNotifierSubscriber } from '@linkmall/radar';
import { commissionSettleJob, commissionSubscribers } from '@linkmall/flows';
import { crmVisitorSubscribers } from '@linkmall/flows';
import { recommendationJobs, recommendationPurchaseSubscriber } from '@linkmall/recommendation';
import { growthRewardsJob, growthSubscribers } from '@linkmall/growth';
import { replenishmentRefreshJob } from './replenishment-wiring.ts';
import { analyticsBackground } from './analytics-wiring.ts';
import type { Platform } from './platform.ts';
import { privacyJobs } from './privacy-jobs.ts';
import { purgeIdempotencyKeys } from './idempotency.ts';

/**
 * Every outbox subscriber and scheduled job of the platform, built from the same composition root as
 * the API, so the standalone worker and the embedded one run exactly the same work.
 */
export function backgroundWork(platform: Platform, logger: Logger): WorkerDefinitions {
  const base = workerDefinitions({ database: platform.database, logger, clock: platform.clock });
  const purgeSessions: ScheduledJobDefinition = {
    name: 'sessions.purge-expired',
    cron: '17 * * * *',
    handle: async (ctx) => {
      const purged = await platform.identity.auth.purgeExpired(ctx.clock.now());
      logger.info(purged, 'purged expired sessions and old login attempts');
    },
  };
  const purgeKeys: ScheduledJobDefinition = {
    name: 'idempotency.purge-expired',
    cron: '23 * * * *',
    handle: async (ctx) => {
      const purged = await purgeIdempotencyKeys(platform.db, ctx.clock.now());
      if (purged > 0) logger.info({ purged }, 'forgot idempotency keys older than a day');
    },
  };
  const closeUnpaidOrders: ScheduledJobDefinition = {
    name: 'orders.close-expired',
    cron: '* * * * *',
    handle: async (ctx) => {
      // Batches of 100 until none is left, so a backlog after downtime clears in one run.
      let closed = 0;
      for (let batch = await platform.checkout.closeExpired(ctx); batch > 0; batch = await platform.checkout.closeExpired(ctx)) closed += batch;
      if (closed > 0) logger.info({ closed }, 'closed unpaid orders past their deadline and released their stock');
    },
  };
  const autoConfirmReceipt: ScheduledJobDefinition = {
    name: 'orders.auto-confirm-receipt',
    cron: '7 * * * *',
    handle: async (ctx) => {
      for (let batch = await platform.fulfilment.autoConfirmDue(ctx); batch > 0; batch = await platform.fulfilment.autoConfirmDue(ctx));
    },
  };
  const completeAfterSales: ScheduledJobDefinition = {
    name: 'orders.complete-after-sales',
    cron: '*/10 * * * *',
    handle: async (ctx) => {
      for (let batch = await platform.fulfilment.completeDue(ctx); batch > 0; batch = await platform.fulfilment.completeDue(ctx));
    },
  };
  const refreshTracking: ScheduledJobDefinition = {
    name: 'logistics.refresh-tracking',
    cron: '*/15 * * * *',
    handle: async (ctx) => {
      // Parcels in transit whose poll interval passed; each is claimed, so several workers never ask twice.
      let asked = 0;
      for (let batch = await platform.logistics.refreshDue(ctx); batch > 0; batch = await platform.logistics.refreshDue(ctx)) asked += batch;
      if (asked > 0) logger.info({ asked }, 'refreshed tracking of parcels in transit');
    },
  };
  const failExpiredGroups: ScheduledJobDefinition = {
    name: 'promotions.fail-expired-groups',
    cron: '* * * * *',
    handle: async (ctx) => {
      // Fails groups past their deadline and refunds their paid members through the after-sales path.
      const outcome = await platform.groupBuyRefunds.run(ctx);
      if (outcome.failedGroups + outcome.refunded + outcome.retrying > 0) logger.info(outcome, 'group buys: failed expired groups and refunded their members');
    },
  };
  // Appends new ledger transfers to the hash chain in order, off the payment path.
  const sealLedger = ledgerSealJob(platform.db, (sealed) => logger.info({ sealed }, 'sealed ledger transfers into the hash chain'));
  // Asks WeChat Pay about transfers still in flight; a lost call is handed over again under the same id.
  const syncPayouts: ScheduledJobDefinition = {
    name: 'payouts.sync-wechat',
    cron: '*/5 * * * *',
    handle: async (ctx) => {
      const outcome = await platform.payouts.withdrawals.syncWechat(ctx);
      if (outcome.finished > 0) logger.info(outcome, 'payouts: recorded final WeChat transfer outcomes');
    },
  };
  // Team health (团队健康度): runs the anomaly rules over the last day and holds flagged members' withdrawals.
  const detectAnomalies: ScheduledJobDefinition = {
    name: 'payouts.detect-anomalies',
    cron: '23 * * * *',
    handle: async (ctx) => {
      const outcome = await platform.payouts.anomalies.detect(ctx, new Date(ctx.clock.now().getTime() - 24 * 3_600_000));
      if (outcome.detected > 0) logger.info(outcome, 'team health: new findings recorded');
    },
  };
  // Lead automations: inactivity warnings (+ coupon), repurchase reminders, high-intent alerts; each fires once per period.
  const crmAutomations: ScheduledJobDefinition = {
    name: 'crm.automations',
    cron: '*/10 * * * *',
    handle: async (ctx) => {
      const report = await platform.crm.automationRunner.run(ctx);
      if (report.inactive + report.repurchase + report.highIntent > 0) logger.info({ ...report }, 'crm automations fired');
    },
  };
  // PIPL: deletion requests past their cooling-off period are executed; raw tracking past retention is purged.
  const privacy = privacyJobs(platform, logger);
  // Marketing analytics: roll-ups from the outbox, the tracking watermark job, the daily digest.
  const analytics = analyticsBackground(platform.analytics, platform.db, logger);
  return {
    subscribers: [...base.subscribers, groupBuyPaymentSubscriber(platform.promotion), ...commissionSubscribers(platform.distribution), radarNotifierSubscriber(platform.radar), ...crmVisitorSubscribers(platform.crm, platform.radar), ...growthSubscribers(platform.growth), recommendationPurchaseSubscriber(platform.recommendations), ...platform.integration.subscribers, ...analytics.subscribers],
    jobs: [...base.jobs, purgeSessions, purgeKeys, closeUnpaidOrders, autoConfirmReceipt, completeAfterSales, failExpiredGroups, refreshTracking, sealLedger, syncPayouts, detectAnomalies, commissionSettleJob(platform.distribution, (lines) => logger.info({ lines }, 'settled commission lines past their freeze')), crmAutomations, ...recommendationJobs(platform.recommendations, (message, details) => logger.info(details, message)), ...platform.integration.jobs, growthRewardsJob(platform.growth, (report) => logger.info({ ...report }, 'growth campaigns: invites decided, rewards settled and issued')), replenishmentRefreshJob(platform.replenishment, logger), ...analytics.jobs, ...privacy],
  };
}
