import type { Database } from '@linkmall/db';
import {
  JobScheduler,
  OutboxDispatcher,
  warningsToConsoleLogger,
  type JobSchedulerOptions,
  type Logger,
  type RetryPolicy,
  type ScheduledJobDefinition,
  type Subscriber,
} from '@linkmall/events';
import type { Clock } from '@linkmall/kernel';
import { DispatchLoop } from './dispatch-loop.ts';

export interface WorkerOptions {
  /** The worker does not close it: whoever opened it (main.ts, or the API in embedded mode) does. */
  readonly database: Database;
  readonly subscribers: readonly Subscriber[];
  readonly jobs: readonly ScheduledJobDefinition[];
  readonly clock: Clock;
  readonly logger?: Logger;
  /** How long an idle worker waits before looking at the outbox again. */
  readonly pollIntervalMs: number;
  /**
   * Delivery loops run side by side (default 1). Row locks keep each subscriber's events in order and
   * each delivery to one loop, so with several loops one slow subscriber (the commission engine) no
   * longer holds up the others. Use 1 on embedded PGlite, which has a single connection.
   */
  readonly concurrency?: number;
  readonly retryPolicy?: Partial<RetryPolicy>;
  readonly fanOutBatchSize?: number;
  readonly deliveriesPerPass?: number;
  /** pg-boss timings; tests shorten them, production keeps the defaults. */
  readonly jobSchedulerTuning?: Pick<JobSchedulerOptions, 'pollingIntervalSeconds' | 'cronMonitorIntervalSeconds' | 'cronWorkerIntervalSeconds' | 'stopTimeoutMs'>;
}

export interface RunningWorker {
  readonly dispatcher: OutboxDispatcher;
  readonly scheduler: JobScheduler;
  /** Runs an outbox pass now rather than at the next poll. */
  wake(): void;
  /** Finishes the transaction and the jobs in progress, then stops; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts outbox delivery and scheduled jobs on an open, migrated database. Run it in its own process
 * against a PostgreSQL server (as many copies as you like), or inside the API process on embedded
 * PGlite, which allows only one process per data folder.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
  const logger = options.logger ?? warningsToConsoleLogger;
  const dispatcher = new OutboxDispatcher(options.database.db, {
    subscribers: options.subscribers,
    clock: options.clock,
    logger,
    retryPolicy: options.retryPolicy,
    fanOutBatchSize: options.fanOutBatchSize,
    deliveriesPerPass: options.deliveriesPerPass,
  });
  const scheduler = new JobScheduler({
    ...options.jobSchedulerTuning,
    connection: { database: options.database },
    clock: options.clock,
    logger,
  });
  for (const job of options.jobs) {
    await scheduler.schedule(job.name, job.cron, job.handle, { tz: job.tz, retryLimit: job.retryLimit });
  }
  await scheduler.start();
  const loops = Array.from({ length: concurrency }, () => new DispatchLoop(dispatcher, options.pollIntervalMs, logger));
  for (const loop of loops) loop.start();
  logger.info(
    { driver: options.database.driver, subscribers: dispatcher.subscriberNames, jobs: options.jobs.map((job) => job.name), concurrency },
    'worker started',
  );

  let stopping: Promise<void> | undefined;
  return {
    dispatcher,
    scheduler,
    wake: () => loops.forEach((loop) => loop.wake()),
    stop: () =>
      (stopping ??= Promise.all([...loops.map((loop) => loop.stop()), scheduler.stop()]).then(() => {
        logger.info({}, 'worker stopped');
      })),
  };
}
