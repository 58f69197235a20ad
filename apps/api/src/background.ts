import type { Logger, ScheduledJobDefinition } from '@linkmall/events';
import { workerDefinitions, type WorkerDefinitions } from '@linkmall/worker';
import type { Platform } from './platform.ts';

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
  return { subscribers: base.subscribers, jobs: [...base.jobs, purgeSessions, closeUnpaidOrders, autoConfirmReceipt, completeAfterSales] };
}
