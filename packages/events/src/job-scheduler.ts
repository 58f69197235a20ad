import { systemContext, systemClock, type Clock, type RequestContext } from '@linkmall/kernel';
import PgBoss from 'pg-boss';
import { pgBossDatabaseOptions, type JobQueueConnection } from './job-queue-connection.ts';
import { describeError, warningsToConsoleLogger, type Logger } from './logger.ts';
import { retryConcurrentSetup } from './concurrent-setup.ts';

export interface JobRun {
  readonly id: string;
  readonly name: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Runs one job. Throwing fails the job, and pg-boss retries it up to the queue's `retryLimit`. */
export type JobHandler = (ctx: RequestContext, job: JobRun) => Promise<void>;

export interface JobOptions {
  /** Time zone the cron expression is read in; the product's users are in China. */
  readonly tz?: string;
  /** Retries after a failure (pg-boss's default is 2). */
  readonly retryLimit?: number;
}

/** A recurring job as a module hands it to the composition root, e.g. identity's session purge. */
export interface ScheduledJobDefinition extends JobOptions {
  /** Queue name, `<module>.<verb-phrase>` such as `sessions.purge-expired`. */
  readonly name: string;
  /** Five-field cron, minute resolution: `0 * * * *` is hourly on the hour. */
  readonly cron: string;
  readonly handle: JobHandler;
}

export interface JobSchedulerOptions {
  readonly connection: JobQueueConnection;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** How often each job queue is polled; pg-boss refuses less than 0.5. */
  readonly pollingIntervalSeconds?: number;
  /** How often cron schedules are checked (1–45); a scheduled job starts up to this late. */
  readonly cronMonitorIntervalSeconds?: number;
  /** How often the queue that turns due schedules into jobs is polled (1–45). */
  readonly cronWorkerIntervalSeconds?: number;
  /** PostgreSQL schema of pg-boss's tables. */
  readonly schema?: string;
  /** How long stop() waits for running jobs before giving up on them. */
  readonly stopTimeoutMs?: number;
}

interface JobRegistration extends JobOptions {
  readonly name: string;
  readonly cron?: string;
  readonly handle: JobHandler;
}

export const DEFAULT_JOB_TIME_ZONE = 'Asia/Shanghai';

/**
 * Cron and on-demand jobs on pg-boss 10, on a PostgreSQL server or on embedded PGlite. Jobs are
 * registered by name (before or after start); every process that registers a job also works its
 * queue, and pg-boss's row locks make sure each job runs in one of them.
 */
export class JobScheduler {
  readonly #boss: PgBoss;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #pollingIntervalSeconds: number;
  readonly #stopTimeoutMs: number;
  readonly #registrations = new Map<string, JobRegistration>();
  #state: 'idle' | 'started' | 'stopped' = 'idle';

  constructor(options: JobSchedulerOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? warningsToConsoleLogger;
    this.#pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.#stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
    this.#boss = new PgBoss({
      ...pgBossDatabaseOptions(options.connection),
      schema: options.schema ?? 'pgboss',
      cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 30,
      cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds ?? 5,
    });
    // An EventEmitter 'error' with no listener throws and would take the process down.
    this.#boss.on('error', (error) => this.#logger.error({ error: describeError(error) }, 'job queue error'));
  }

  /** Runs `handle` on the cron schedule (minute resolution), in `options.tz` (default Asia/Shanghai). */
  async schedule(name: string, cron: string, handle: JobHandler, options: JobOptions = {}): Promise<void> {
    await this.#register({ ...options, name, cron, handle });
  }

  /** Runs `handle` for jobs sent with {@link send}, with no schedule. */
  async handle(name: string, handle: JobHandler, options: JobOptions = {}): Promise<void> {
    await this.#register({ ...options, name, handle });
  }

  /**
   * Enqueues a one-off job; returns its id (null if a singleton key dropped it). The queue must exist,
   * that is, some process must have registered the job, though not necessarily this one.
   */
  async send(name: string, data: Record<string, unknown> = {}, options: { startAfterSeconds?: number; singletonKey?: string } = {}): Promise<string | null> {
    if (this.#state !== 'started') throw new Error('Start the job scheduler before sending jobs');
    return this.#boss.send(name, data, {
      ...(options.startAfterSeconds !== undefined ? { startAfter: options.startAfterSeconds } : {}),
      ...(options.singletonKey !== undefined ? { singletonKey: options.singletonKey } : {}),
    });
  }

  /**
   * Installs or upgrades pg-boss's tables, starts working every registered queue, and drops cron
   * schedules no longer registered: the code is the source of truth, so a job removed from the
   * composition root stops firing rather than piling up jobs nobody works.
   */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new Error(`The job scheduler cannot start when ${this.#state}`);
    await this.#boss.start();
    this.#state = 'started';
    for (const registration of this.#registrations.values()) await this.#apply(registration);
    for (const stale of await this.#boss.getSchedules()) {
      if (this.#registrations.get(stale.name)?.cron === undefined) {
        await this.#boss.unschedule(stale.name);
        this.#logger.info({ job: stale.name }, 'removed the schedule of a job no longer registered');
      }
    }
  }

  /** Stops fetching jobs and waits (up to stopTimeoutMs) for the ones running to finish. */
  async stop(): Promise<void> {
    if (this.#state !== 'started') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopped';
    await this.#boss.stop({ graceful: true, wait: true, timeout: this.#stopTimeoutMs });
  }

  async #register(registration: JobRegistration): Promise<void> {
    if (this.#state === 'stopped') throw new Error('The job scheduler is stopped');
    if (this.#registrations.has(registration.name)) throw new Error(`A job named ${registration.name} is already registered`);
    this.#registrations.set(registration.name, registration);
    if (this.#state === 'started') await this.#apply(registration);
  }

  async #apply(registration: JobRegistration): Promise<void> {
    const { name } = registration;
    // createQueue is a no-op for an existing queue; updateQueue then applies a changed retry limit.
    const queueOptions = registration.retryLimit !== undefined ? { name, retryLimit: registration.retryLimit } : { name };
    // Workers starting together race to create the same queues; the loser retries (concurrent-setup.ts).
    await retryConcurrentSetup(() => this.#boss.createQueue(name, queueOptions));
    if (registration.retryLimit !== undefined) await retryConcurrentSetup(() => this.#boss.updateQueue(name, queueOptions));
    if (registration.cron !== undefined) {
      await retryConcurrentSetup(() => this.#boss.schedule(name, registration.cron!, {}, { tz: registration.tz ?? DEFAULT_JOB_TIME_ZONE }));
    }
    await this.#boss.work<Record<string, unknown>>(name, { pollingIntervalSeconds: this.#pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await this.#run(registration, { id: job.id, name: job.name, data: job.data ?? {} });
    });
  }

  async #run(registration: JobRegistration, job: JobRun): Promise<void> {
    const startedAtMs = Date.now();
    try {
      await registration.handle(systemContext(this.#clock, `job_${job.id}`), job);
      this.#logger.info({ job: job.name, jobId: job.id, durationMs: Date.now() - startedAtMs }, 'job finished');
    } catch (error) {
      this.#logger.error({ job: job.name, jobId: job.id, error: describeError(error) }, 'job failed');
      throw error;
    }
  }
}
