import type { Db } from '@linkmall/db';
import type { Logger, ScheduledJobDefinition } from '@linkmall/events';
import { createReplenishmentModule, type ReplenishmentModule } from '@linkmall/replenishment';

/** Supplier replenishment reads the catalog and orders through its own read-only views (ADR 0004), so it needs only the database. */
export function wireReplenishment(db: Db): ReplenishmentModule {
  return createReplenishmentModule({ db });
}

/**
 * Refits the forecasts whose history ended before yesterday. Hourly rather than daily: after the
 * first run of a Beijing day every SKU is fresh and a run costs one query, and a worker that was down
 * at one run catches up at the next.
 */
export function replenishmentRefreshJob(replenishment: ReplenishmentModule, logger: Logger): ScheduledJobDefinition {
  return {
    name: 'replenishment.refresh-forecasts',
    cron: '41 * * * *',
    handle: async (ctx) => {
      const refreshed = await replenishment.refresh(ctx);
      if (refreshed > 0) logger.info({ refreshed }, 'replenishment: refitted SKU demand forecasts');
    },
  };
}
