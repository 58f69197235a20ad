import type { Database } from '@linkmall/db';
import type { Logger, ScheduledJobDefinition, Subscriber } from '@linkmall/events';
import type { Clock } from '@linkmall/kernel';
import { logSubscriber } from './log-subscriber.ts';

export interface WorkerDefinitions {
  readonly subscribers: Subscriber[];
  readonly jobs: ScheduledJobDefinition[];
}

/**
 * Every subscriber and scheduled job of the platform, in one list that both `main.ts` (server mode)
 * and the API (embedded mode) pass to `startWorker`, so the two modes cannot drift apart.
 *
 * A module contributes by exporting factories from its index and adding them here, e.g.
 *   jobs: [identity.purgeExpiredSessionsJob]   // { name: 'sessions.purge-expired', cron: '0 * * * *', handle }
 *   subscribers: [...notification.subscribers]
 */
export function workerDefinitions(dependencies: { database: Database; logger: Logger; clock: Clock }): WorkerDefinitions {
  return {
    // The event trace is written at debug level: with debug off it would cost a delivery (a row, a
    // claim, a commit) per event for output nobody keeps, so it subscribes only when debug is on.
    subscribers: dependencies.logger.isLevelEnabled?.('debug') ? [logSubscriber(dependencies.logger)] : [],
    jobs: [],
  };
}
