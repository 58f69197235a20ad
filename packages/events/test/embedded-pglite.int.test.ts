import { migrateToLatest, openDatabase, type Database } from '@linkmall/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobScheduler, OutboxDispatcher, publishEvent, silentLogger, type Subscriber } from '../src/index.ts';
import { createHandledTable, deliveryRow, handledRows, newTestClock, publishCommitted, recordHandled, recordingSubscriber } from './test-kit.ts';
import { waitFor } from './wait-for.ts';
import { systemContext } from '@linkmall/kernel';

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
  await migrateToLatest(database.db);
  await createHandledTable(database);
});
afterAll(() => database?.close());

describe('embedded PGlite', () => {
  it('delivers committed events exactly once, skips rolled-back ones, and retries failures', async () => {
    const clock = newTestClock();
    let failuresLeft = 1;
    const failsOnce: Subscriber = {
      name: 'fails-once',
      eventTypes: ['order.paid'],
      handle: async (tx, event) => {
        await recordHandled(tx, 'fails-once', event);
        if (failuresLeft-- > 0) throw new Error('not yet');
      },
    };
    const dispatcher = new OutboxDispatcher(database.db, {
      subscribers: [recordingSubscriber('all', '*'), failsOnce],
      clock,
      retryPolicy: { baseDelayMs: 10_000 },
      logger: silentLogger,
    });
    const committed = await publishCommitted(database, clock, { type: 'order.paid', payload: { amountFen: 100 } });
    await database.db
      .transaction()
      .execute(async (tx) => {
        await publishEvent(tx, systemContext(clock), { type: 'order.paid', payload: {} });
        throw new Error('rolled back');
      })
      .catch(() => {});

    expect(await dispatcher.drain()).toMatchObject({ eventsFannedOut: 1, delivered: 1, failed: 1 });
    expect(await deliveryRow(database, committed, 'fails-once')).toMatchObject({ status: 'pending', attempts: 1 });
    clock.advance(10_000);
    expect(await dispatcher.drain()).toMatchObject({ delivered: 1, failed: 0 });
    expect(await dispatcher.drain()).toMatchObject({ eventsFannedOut: 0, delivered: 0, failed: 0 });
    expect((await handledRows(database)).map((row) => [row.subscriber, row.event_id, row.attempt])).toEqual([
      ['all', committed, 1],
      ['fails-once', committed, 2],
    ]);
  });

  it('runs cron and one-off jobs, and a job sent during an app transaction is not swallowed by its rollback', async () => {
    const ran: string[] = [];
    const scheduler = new JobScheduler({
      connection: { database },
      logger: silentLogger,
      pollingIntervalSeconds: 0.5,
      cronMonitorIntervalSeconds: 1,
      cronWorkerIntervalSeconds: 1,
    });
    await scheduler.schedule('test.every-minute', '* * * * *', async (_ctx, job) => void ran.push(job.name));
    await scheduler.handle('test.one-off', async (_ctx, job) => void ran.push(`${job.name}:${String(job.data.note)}`));
    await scheduler.start();
    try {
      // PGlite is one connection: without the adapter's lock, this send would run inside the open
      // transaction below and disappear when it rolls back.
      let sent: Promise<string | null> | undefined;
      await database.db
        .transaction()
        .execute(async (tx) => {
          await sql`insert into handled (subscriber, event_id, position, attempt) values ('app', 'x', 0, 1)`.execute(tx);
          sent = scheduler.send('test.one-off', { note: 'survives' });
          await new Promise((resolve) => setTimeout(resolve, 100));
          throw new Error('the app transaction fails');
        })
        .catch(() => {});
      expect(await sent).toEqual(expect.any(String));
      await waitFor(() => ran.includes('test.one-off:survives'), 10_000);
      await waitFor(() => ran.includes('test.every-minute'), 10_000);
      expect(await handledRows(database, 'app')).toEqual([]);
    } finally {
      await scheduler.stop();
    }
  });
});
