import type { Database } from '@linkmall/db';
import { systemClock, systemContext } from '@linkmall/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxDispatcher, publishEvent, silentLogger, type Subscriber } from '../src/index.ts';
import { createHandledTable, handledRows, recordHandled } from './test-kit.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database.ts';

const EVENT_COUNT = 200;
let server: ThrowawayDatabase;
let publisher: Database;

beforeAll(async () => {
  server = await createThrowawayDatabase('events_concurrency');
  publisher = await server.open();
  await createHandledTable(publisher);
});
afterAll(() => server?.drop());

/** Handler runs that returned normally, per `event id/subscriber`: what an external side effect would see. */
const completedRuns = new Map<string, number>();

/** Fails about one attempt in five, after writing: those writes must vanish with the rollback. */
function unreliable(name: string, eventTypes: readonly string[] | '*'): Subscriber {
  return {
    name,
    eventTypes,
    handle: async (tx, event) => {
      await recordHandled(tx, name, event);
      if (Math.random() < 0.2) throw new Error('flaked');
      const key = `${event.id}/${name}`;
      completedRuns.set(key, (completedRuns.get(key) ?? 0) + 1);
    },
  };
}

describe('two dispatchers on two pools', () => {
  it('deliver each (event, subscriber) exactly once and in order per subscriber', async () => {
    const subscribers: Subscriber[] = [
      unreliable('everything', '*'),
      unreliable('payments', ['order.paid']),
      unreliable('shipping', ['order.shipped']),
    ];
    const dispatchers = await Promise.all(
      [1, 2].map(async () =>
        new OutboxDispatcher((await server.open(5)).db, {
          subscribers,
          clock: systemClock,
          // No wait between retries, so failures stress the locking rather than the clock.
          retryPolicy: { maxAttempts: 1_000, baseDelayMs: 0, maxDelayMs: 0 },
          fanOutBatchSize: 25,
          deliveriesPerPass: 20,
          logger: silentLogger,
        }),
      ),
    );

    const expected = new Map<string, string[]>([['everything', []], ['payments', []], ['shipping', []]]);
    let publishing = true;
    const published = (async () => {
      for (let index = 0; index < EVENT_COUNT; index++) {
        const type = index % 2 === 0 ? 'order.paid' : 'order.shipped';
        const id = await publisher.db.transaction().execute((tx) => publishEvent(tx, systemContext(systemClock), { type, payload: { index } }));
        expected.get('everything')!.push(id);
        expected.get(type === 'order.paid' ? 'payments' : 'shipping')!.push(id);
      }
      publishing = false;
    })();

    const deliveredBy = await Promise.all(
      dispatchers.map(async (dispatcher) => {
        let delivered = 0;
        // Keep going while events are still being published or anything is left to deliver.
        for (;;) {
          const report = await dispatcher.runPass();
          delivered += report.delivered;
          const idle = report.eventsFannedOut === 0 && report.delivered === 0 && report.failed === 0;
          if (!idle) continue;
          if (!publishing && (await outstanding()) === 0) return delivered;
          // What is left is held by the other dispatcher (or not yet published); don't spin.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }),
    );
    await published;

    const rows = await handledRows(publisher);
    expect(rows).toHaveLength(EVENT_COUNT * 2);
    for (const [subscriber, eventIds] of expected) {
      const handled = rows.filter((row) => row.subscriber === subscriber);
      // Same ids, same order: nothing twice, nothing missing, nothing out of order.
      expect(handled.map((row) => row.event_id)).toEqual(eventIds);
    }
    expect(deliveredBy[0]! + deliveredBy[1]!).toBe(EVENT_COUNT * 2);
    // The claim lock keeps a second dispatcher from even running a handler that is in progress elsewhere.
    expect(completedRuns.size).toBe(EVENT_COUNT * 2);
    expect([...completedRuns.values()].every((runs) => runs === 1)).toBe(true);
    // Both dispatchers took part; otherwise this would not test concurrency at all.
    expect(deliveredBy[0]).toBeGreaterThan(0);
    expect(deliveredBy[1]).toBeGreaterThan(0);
    const statuses = await sql<{ status: string; count: string }>`
      select status, count(*)::text as count from outbox_deliveries group by status`.execute(publisher.db);
    expect(statuses.rows).toEqual([{ status: 'delivered', count: String(EVENT_COUNT * 2) }]);
    // Some attempts failed and were retried, so the retry path ran under concurrency too.
    expect(rows.some((row) => row.attempt > 1)).toBe(true);
  });
});

async function outstanding(): Promise<number> {
  const result = await sql<{ count: number }>`
    select (select count(*) from outbox_events where dispatched_at is null)
         + (select count(*) from outbox_deliveries where status = 'pending') as count`.execute(publisher.db);
  return Number(result.rows[0]!.count);
}
