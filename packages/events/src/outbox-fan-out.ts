import type { Db } from '@linkmall/db';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { OutboxDeliveryTable, OutboxTables } from './outbox-tables.ts';
import type { SubscriberRegistry } from './subscriber.ts';

/** Rows per INSERT, well under PostgreSQL's 65 535 bind parameters (7 per row). */
const DELIVERY_ROWS_PER_INSERT = 1_000;

/**
 * Turns the oldest undispatched events (up to `batchSize`, in `position` order) into one pending
 * delivery per interested subscriber, and marks them dispatched, in one transaction. Returns how many
 * events it dispatched.
 *
 * Fan-out runs one at a time across all processes (a transaction-scoped advisory lock; a process that
 * does not get it returns 0 and leaves the work to the holder). Were two batches fanned out in
 * parallel, the later batch could commit first and its deliveries would reach a subscriber before the
 * earlier batch's existed, breaking per-subscriber order. Fan-out is a few cheap statements, so
 * serialising it costs nothing that matters; delivery, the slow part, runs in parallel.
 */
export async function fanOutNextBatch(db: Db, registry: SubscriberRegistry, now: Date, batchSize: number): Promise<number> {
  return (db as Kysely<OutboxTables>).transaction().execute(async (tx) => {
    const lock = await sql<{ acquired: boolean }>`
      select pg_try_advisory_xact_lock(hashtext('linkmall.outbox.fan-out')) as acquired`.execute(tx);
    if (!lock.rows[0]?.acquired) return 0;

    const events = await tx
      .selectFrom('outbox_events')
      .select(['id', 'type', 'position'])
      .where('dispatched_at', 'is', null)
      .orderBy('position')
      .limit(batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    if (events.length === 0) return 0;

    const deliveries: Insertable<OutboxDeliveryTable>[] = events.flatMap((event) =>
      registry.interestedIn(event.type).map((subscriber) => ({
        event_id: event.id,
        subscriber,
        event_position: BigInt(event.position),
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        delivered_at: null,
      })),
    );
    for (let start = 0; start < deliveries.length; start += DELIVERY_ROWS_PER_INSERT) {
      await tx
        .insertInto('outbox_deliveries')
        .values(deliveries.slice(start, start + DELIVERY_ROWS_PER_INSERT))
        // An operator may reset dispatched_at to fan an event out again to a new subscriber; the
        // deliveries that already exist keep their state.
        .onConflict((conflict) => conflict.columns(['event_id', 'subscriber']).doNothing())
        .execute();
    }
    await tx
      .updateTable('outbox_events')
      .set({ dispatched_at: now })
      .where(
        'id',
        'in',
        events.map((event) => event.id),
      )
      .execute();
    return events.length;
  });
}
