import type { Database } from '@linkmall/db';
import { systemContext } from '@linkmall/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDispatcher, publishEvent, silentLogger, type Subscriber } from '../src/index.ts';
import {
  createHandledTable,
  deliveryRow,
  handledRows,
  newTestClock,
  publishCommitted,
  recordHandled,
  recordingSubscriber,
} from './test-kit.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database.ts';

/** Holds a transaction-scoped advisory lock on a connection of `holder` until the returned function is called. */
async function holdAdvisoryLock(holder: Database, key: string): Promise<() => Promise<void>> {
  const client = await holder.pool!.connect();
  await client.query('begin');
  await client.query('select pg_advisory_xact_lock(hashtext($1))', [key]);
  return async () => {
    await client.query('commit');
    client.release();
  };
}

let server: ThrowawayDatabase;
let database: Database;

beforeAll(async () => {
  server = await createThrowawayDatabase('events_dispatch');
  database = await server.open();
  await createHandledTable(database);
});
afterAll(() => server?.drop());
beforeEach(async () => {
  await sql`truncate handled, outbox_deliveries, outbox_events cascade`.execute(database.db);
});

describe('outbox dispatch on a PostgreSQL server', () => {
  it('never delivers an event published in a transaction that rolled back', async () => {
    const clock = newTestClock();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await publishEvent(tx, systemContext(clock), { type: 'order.paid', payload: { orderId: 'ord_1' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const dispatcher = new OutboxDispatcher(database.db, { subscribers: [recordingSubscriber('audit', '*')], clock, logger: silentLogger });
    const report = await dispatcher.drain();
    expect(report).toMatchObject({ eventsFannedOut: 0, delivered: 0 });
    expect(await handledRows(database)).toEqual([]);
  });

  it('delivers a committed event to every interested subscriber exactly once, with its payload', async () => {
    const clock = newTestClock();
    const received: unknown[] = [];
    const subscribers: Subscriber[] = [
      recordingSubscriber('all', '*'),
      {
        ...recordingSubscriber('orders', ['order.paid', 'order.refunded']),
        handle: async (tx, event, ctx) => {
          received.push({ type: event.type, payload: event.payload, aggregateId: event.aggregateId, requestId: ctx.requestId });
          await recordHandled(tx, 'orders', event);
        },
      },
      recordingSubscriber('cards', ['card.viewed']),
    ];
    const eventId = await publishCommitted(database, clock, { type: 'order.paid', aggregateId: 'ord_1', payload: { amountFen: 1999 } });
    const dispatcher = new OutboxDispatcher(database.db, { subscribers, clock, logger: silentLogger });

    expect(await dispatcher.drain()).toMatchObject({ eventsFannedOut: 1, delivered: 2, failed: 0 });
    expect(await dispatcher.drain()).toMatchObject({ eventsFannedOut: 0, delivered: 0 });

    const rows = await handledRows(database);
    expect(rows.map((row) => [row.subscriber, row.event_id]).sort()).toEqual([
      ['all', eventId],
      ['orders', eventId],
    ]);
    expect(received).toEqual([{ type: 'order.paid', payload: { amountFen: 1999 }, aggregateId: 'ord_1', requestId: 'system' }]);
    expect(await deliveryRow(database, eventId, 'cards')).toBeUndefined();
    expect(await deliveryRow(database, eventId, 'orders')).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('retries a failing subscriber with backoff, holds back its later events, marks it dead, and redelivers it', async () => {
    const clock = newTestClock();
    let flakyMayRecover = false;
    const flaky: Subscriber = {
      name: 'flaky',
      eventTypes: '*',
      handle: async (tx, event) => {
        // Its write must be rolled back with the failure, not left behind.
        await recordHandled(tx, 'flaky', event);
        if (!flakyMayRecover) throw new Error('webhook returned 502');
      },
    };
    const dispatcher = new OutboxDispatcher(database.db, {
      subscribers: [flaky, recordingSubscriber('steady', '*')],
      clock,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 1_500 },
      logger: silentLogger,
    });
    const first = await publishCommitted(database, clock, { type: 'order.paid', payload: {} });
    const second = await publishCommitted(database, clock, { type: 'order.shipped', payload: {} });

    expect(await dispatcher.drain()).toMatchObject({ eventsFannedOut: 2, delivered: 2, failed: 1 });
    expect((await handledRows(database, 'steady')).map((row) => row.event_id)).toEqual([first, second]);
    expect(await handledRows(database, 'flaky')).toEqual([]);
    expect(await deliveryRow(database, first, 'flaky')).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: new Date(clock.now().getTime() + 1_000),
      last_error: expect.stringContaining('webhook returned 502'),
    });
    // The second event waits behind the first for this subscriber: never attempted.
    expect(await deliveryRow(database, second, 'flaky')).toMatchObject({ status: 'pending', attempts: 0 });

    clock.advance(999);
    expect(await dispatcher.drain()).toMatchObject({ delivered: 0, failed: 0 });
    clock.advance(1);
    expect(await dispatcher.deliverNext()).toMatchObject({ eventId: first, status: 'retrying', attempt: 2 });
    // Second backoff is 2 000 ms, capped at 1 500.
    expect(await deliveryRow(database, first, 'flaky')).toMatchObject({ attempts: 2, next_attempt_at: new Date(clock.now().getTime() + 1_500) });

    clock.advance(1_500);
    expect(await dispatcher.deliverNext()).toMatchObject({ eventId: first, status: 'dead', attempt: 3 });
    expect(await deliveryRow(database, first, 'flaky')).toMatchObject({ status: 'dead', attempts: 3 });

    // Dead no longer holds the subscriber back; the second event fails on its own first attempt.
    expect(await dispatcher.deliverNext()).toMatchObject({ eventId: second, status: 'retrying', attempt: 1 });

    flakyMayRecover = true;
    expect(await dispatcher.redeliver({ eventId: first, subscriber: 'flaky' })).toBe(true);
    expect(await dispatcher.redeliver({ eventId: first, subscriber: 'flaky' })).toBe(false);
    expect(await dispatcher.redeliver({ eventId: first, subscriber: 'steady' })).toBe(false);
    expect(await dispatcher.deliverNext()).toMatchObject({ eventId: first, subscriber: 'flaky', status: 'delivered', attempt: 1 });
    clock.advance(1_000);
    expect(await dispatcher.drain()).toMatchObject({ delivered: 1, failed: 0 });
    expect((await handledRows(database, 'flaky')).map((row) => row.event_id)).toEqual([first, second]);
    expect(await handledRows(database, 'steady')).toHaveLength(2);
  });

  it('fans out one batch at a time across processes, so batches cannot overtake each other', async () => {
    const clock = newTestClock();
    const dispatcher = new OutboxDispatcher(database.db, { subscribers: [recordingSubscriber('all', '*')], clock, logger: silentLogger });
    await publishCommitted(database, clock, { type: 'order.paid', payload: {} });
    // Another process in the middle of a fan-out holds this lock.
    const otherProcess = await server.open(1);
    const releaseOtherFanOut = await holdAdvisoryLock(otherProcess, 'linkmall.outbox.fan-out');
    try {
      expect(await dispatcher.fanOut()).toBe(0);
    } finally {
      await releaseOtherFanOut();
    }
    expect(await dispatcher.fanOut()).toBe(1);
  });

  it('rolls back a delivery whose transaction cannot commit and records the failure separately', async () => {
    const clock = newTestClock();
    await sql`create table if not exists deferred_child (parent_id text references outbox_events (id) deferrable initially deferred)`.execute(database.db);
    const breaksAtCommit: Subscriber = {
      name: 'breaks-at-commit',
      eventTypes: '*',
      handle: async (tx, event) => {
        await recordHandled(tx, 'breaks-at-commit', event);
        // A deferred foreign key fails only at COMMIT, after the handler returned and the delivery was marked.
        await sql`insert into deferred_child (parent_id) values ('missing')`.execute(tx);
      },
    };
    const dispatcher = new OutboxDispatcher(database.db, { subscribers: [breaksAtCommit], clock, logger: silentLogger });
    const eventId = await publishCommitted(database, clock, { type: 'order.paid', payload: {} });
    await dispatcher.fanOut();
    expect(await dispatcher.deliverNext()).toMatchObject({ status: 'retrying', attempt: 1 });
    expect(await handledRows(database)).toEqual([]);
    expect(await deliveryRow(database, eventId, 'breaks-at-commit')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('foreign key'),
    });
  });
  it('runs consecutive deliveries of one subscriber in one transaction, in order, stopping at a failure', async () => {
    const clock = newTestClock();
    const failOn = new Set<string>();
    const transactions = new Set<number>();
    const busy: Subscriber = {
      name: 'busy',
      eventTypes: '*',
      handle: async (tx, event) => {
        transactions.add(Number((await sql<{ xid: string }>`select txid_current()::text as xid`.execute(tx)).rows[0]!.xid));
        await recordHandled(tx, 'busy', event);
        if (failOn.has(event.id)) throw new Error('the CRM answered 503');
      },
    };
    const dispatcher = new OutboxDispatcher(database.db, { subscribers: [busy], clock, logger: silentLogger, deliveriesPerTransaction: 3 });
    const ids: string[] = [];
    for (let n = 0; n < 7; n++) ids.push(await publishCommitted(database, clock, { type: 'lead.created', payload: { n } }));
    failOn.add(ids[4]!);
    await dispatcher.fanOut();

    // One run: the head and the next two, in one transaction.
    expect((await dispatcher.deliverNextRun()).map((outcome) => [outcome.eventId, outcome.status])).toEqual([
      [ids[0], 'delivered'],
      [ids[1], 'delivered'],
      [ids[2], 'delivered'],
    ]);
    expect(transactions.size).toBe(1);
    // The next run stops at the failing fifth event: the fourth commits, the fifth is rolled back and
    // waits out its backoff, the sixth and seventh are not attempted.
    expect((await dispatcher.deliverNextRun()).map((outcome) => [outcome.eventId, outcome.status])).toEqual([
      [ids[3], 'delivered'],
      [ids[4], 'retrying'],
    ]);
    expect((await handledRows(database, 'busy')).map((row) => row.event_id)).toEqual(ids.slice(0, 4));
    expect(await deliveryRow(database, ids[4]!, 'busy')).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('503') });
    expect(await deliveryRow(database, ids[5]!, 'busy')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await dispatcher.deliverNextRun()).toEqual([]);

    failOn.clear();
    clock.advance(60_000);
    expect(await dispatcher.drain()).toMatchObject({ delivered: 3, failed: 0 });
    expect((await handledRows(database, 'busy')).map((row) => row.event_id)).toEqual(ids);
  });

  it('retries a run that cannot commit one delivery at a time, so only the delivery at fault counts a failure', async () => {
    const clock = newTestClock();
    await sql`create table if not exists deferred_child (parent_id text references outbox_events (id) deferrable initially deferred)`.execute(database.db);
    let poisoned = '';
    const subscriber: Subscriber = {
      name: 'poisoned-run',
      eventTypes: '*',
      handle: async (tx, event) => {
        await recordHandled(tx, 'poisoned-run', event);
        if (event.id === poisoned) await sql`insert into deferred_child (parent_id) values ('missing')`.execute(tx);
      },
    };
    const dispatcher = new OutboxDispatcher(database.db, { subscribers: [subscriber], clock, logger: silentLogger, deliveriesPerTransaction: 5 });
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push(await publishCommitted(database, clock, { type: 'order.paid', payload: { n } }));
    poisoned = ids[1]!;
    await dispatcher.fanOut();
    // The run of three fails at commit; tried alone, the first is delivered.
    expect(await dispatcher.deliverNextRun()).toMatchObject([{ eventId: ids[0], status: 'delivered' }]);
    expect(await deliveryRow(database, ids[0]!, 'poisoned-run')).toMatchObject({ status: 'delivered', attempts: 1 });
    // Now the poisoned one heads the run: alone at fault, its attempt is counted.
    expect(await dispatcher.deliverNextRun()).toMatchObject([{ eventId: ids[1], status: 'retrying', attempt: 1 }]);
    expect(await deliveryRow(database, ids[2]!, 'poisoned-run')).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await handledRows(database, 'poisoned-run')).map((row) => row.event_id)).toEqual([ids[0]]);
  });
});
