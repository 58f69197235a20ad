import { migrateToLatest, openDatabase, type Database } from '@linkmall/db';
import { publishEvent, silentLogger, type Subscriber } from '@linkmall/events';
import { systemClock, systemContext } from '@linkmall/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.ts';

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(database.db);
});
afterAll(() => database?.close());

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startWorker in embedded mode (in-process, PGlite)', () => {
  it('delivers events, runs scheduled jobs, and on stop lets the delivery in progress commit', async () => {
    const handled: string[] = [];
    let releaseSlowHandler!: () => void;
    const slowHandlerReleased = new Promise<void>((resolve) => (releaseSlowHandler = resolve));
    let slowHandlerStarted = false;
    const subscriber: Subscriber = {
      name: 'test',
      eventTypes: '*',
      handle: async (_tx, event) => {
        if (event.type === 'test.slow') {
          slowHandlerStarted = true;
          await slowHandlerReleased;
        }
        handled.push(event.type);
      },
    };
    const jobRuns: string[] = [];
    const worker = await startWorker({
      database,
      subscribers: [subscriber],
      jobs: [{ name: 'test.every-minute', cron: '* * * * *', handle: async (_ctx, job) => void jobRuns.push(job.name) }],
      clock: systemClock,
      logger: silentLogger,
      // Long enough that only wake() can explain a prompt delivery.
      pollIntervalMs: 60_000,
      jobSchedulerTuning: { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 },
    });

    await database.db.transaction().execute((tx) => publishEvent(tx, systemContext(systemClock), { type: 'test.fast', payload: {} }));
    worker.wake();
    await waitFor(() => handled.includes('test.fast'), 5_000);
    await waitFor(() => jobRuns.length > 0, 10_000);

    const slowEventId = await database.db
      .transaction()
      .execute((tx) => publishEvent(tx, systemContext(systemClock), { type: 'test.slow', payload: {} }));
    worker.wake();
    await waitFor(() => slowHandlerStarted, 5_000);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    releaseSlowHandler();
    await stopping;
    expect(handled).toEqual(['test.fast', 'test.slow']);
    const delivery = await database.executeSql('select status from outbox_deliveries where event_id = $1', [slowEventId]);
    expect(delivery.rows).toEqual([{ status: 'delivered' }]);
    await worker.stop(); // a second stop is harmless
  });
});
