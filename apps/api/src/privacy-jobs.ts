import type { Logger, ScheduledJobDefinition } from '@linkmall/events';
import { trackingAppliedThrough } from '@linkmall/analytics';
import { cardBehaviourWatermark } from '@linkmall/recommendation';
import { createRadarRetention } from '@linkmall/flows';
import type { Platform } from './platform.ts';

/**
 * The PIPL jobs: execute deletion requests whose cooling-off period ended, and purge raw visitor
 * tracking older than RADAR_RETENTION_DAYS. The purge stays below what the analytics roll-ups and
 * the recommendations have already read from radar_events, so neither loses rows it has not counted.
 */
export function privacyJobs(platform: Platform, logger: Logger): ScheduledJobDefinition[] {
  const retention = radarRetention(platform);
  return [
    {
      name: 'privacy.execute-deletions',
      cron: '41 * * * *',
      handle: async (ctx) => {
        const outcome = await platform.personalData.runDue(ctx);
        if (outcome.completed + outcome.refused > 0) logger.info(outcome, 'privacy: executed due deletion requests');
      },
    },
    {
      name: 'privacy.purge-tracking',
      cron: '33 3 * * *',
      handle: async (ctx) => {
        const outcome = await retention.purge(ctx.clock.now());
        if (outcome.purged > 0) logger.info(outcome, 'privacy: purged raw tracking rows past retention');
      },
    },
  ];
}

export function radarRetention(platform: Platform, batchSize?: number) {
  return createRadarRetention({
    db: platform.db,
    retentionDays: platform.radarRetentionDays,
    readerWatermarks: async () => [await trackingAppliedThrough(platform.db), await cardBehaviourWatermark(platform.db)],
    ...(batchSize ? { batchSize } : {}),
  });
}
