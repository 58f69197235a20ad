import type { Db } from '@linkmall/db';
import type { Logger, ScheduledJobDefinition } from '@linkmall/events';
import type { Clock, PiiCipher } from '@linkmall/kernel';
import { analyticsAdminRoutes, analyticsRollupSubscriber, createAnalyticsService, createDailyDigest, createExportService, directoryStore, rollUpTracking, type DigestNotifier } from '@linkmall/analytics';
import type { RadarModule } from '@linkmall/radar';

export interface AnalyticsWiring {
  readonly db: Db;
  /** The read replica when configured: dashboards and exports read there; spend records (writes) stay on the primary. */
  readonly readDb?: Db;
  readonly pii: PiiCipher;
  readonly clock: Clock;
  /** Staff are told through the radar's notifications: in-app (and WeChat when configured). */
  readonly radar: RadarModule;
}

/** Marketing analytics over its ports: the read model's service, exports, and the daily digest's notifier. */
export function wireAnalytics(wiring: AnalyticsWiring) {
  const primary = createAnalyticsService({ db: wiring.db, pii: wiring.pii });
  const service = wiring.readDb && wiring.readDb !== wiring.db ? { ...createAnalyticsService({ db: wiring.readDb, pii: wiring.pii }), spend: primary.spend } : primary;
  const notifier: DigestNotifier = {
    async record(tx, ctx, userId, notification) {
      await wiring.radar.notifications.record(tx, ctx, userId, [notification]);
    },
  };
  return {
    service,
    exportReport: createExportService(service),
    dailyDigest: createDailyDigest({ db: wiring.db, directory: directoryStore(wiring.db), notifier }),
  };
}
export type AnalyticsModule = ReturnType<typeof wireAnalytics>;

export function analyticsRoutes(analytics: AnalyticsModule) {
  return analyticsAdminRoutes(analytics.service, analytics.exportReport);
}

/** The outbox subscriber, the tracking watermark job (every minute) and the daily digest (08:00 Beijing). */
export function analyticsBackground(analytics: AnalyticsModule, db: Db, logger: Logger) {
  const tracking: ScheduledJobDefinition = {
    name: 'analytics.rollup-tracking',
    cron: '* * * * *',
    handle: async (ctx) => {
      const report = await rollUpTracking(db, ctx.clock);
      if (report.throughId !== report.fromId) logger.info({ ...report }, 'analytics: rolled up new tracking rows');
    },
  };
  const digest: ScheduledJobDefinition = {
    name: 'analytics.daily-digest',
    cron: '0 8 * * *',
    handle: async (ctx) => {
      const report = await analytics.dailyDigest(ctx);
      if (report.sent > 0) logger.info(report, 'analytics: daily digest sent');
    },
  };
  return { subscribers: [analyticsRollupSubscriber], jobs: [tracking, digest] };
}
