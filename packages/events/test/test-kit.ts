import type { Database, Db } from '@linkmall/db';
import { fixedClock, systemContext, type Clock } from '@linkmall/kernel';
import { sql } from 'kysely';
import { publishEvent, type DomainEvent } from '../src/index.ts';
import type { Subscriber } from '../src/index.ts';

/** A table the test subscribers write to inside their delivery transaction; no unique key, so a duplicate delivery shows up as a duplicate row. */
export async function createHandledTable(database: Database): Promise<void> {
  await sql`create table handled (
    sequence bigserial primary key,
    subscriber text not null,
    event_id text not null,
    position bigint not null,
    attempt integer not null)`.execute(database.db);
}

export async function recordHandled(tx: Db, subscriber: string, event: { id: string; position: bigint; attempt: number }): Promise<void> {
  await sql`insert into handled (subscriber, event_id, position, attempt)
            values (${subscriber}, ${event.id}, ${event.position}, ${event.attempt})`.execute(tx);
}

/** A subscriber that records each event it handles in `handled`, in its transaction. */
export function recordingSubscriber(name: string, eventTypes: readonly string[] | '*', beforeRecord?: () => void): Subscriber {
  return {
    name,
    eventTypes,
    handle: async (tx, event) => {
      beforeRecord?.();
      await recordHandled(tx, name, event);
    },
  };
}

export async function handledRows(database: Database, subscriber?: string): Promise<{ subscriber: string; event_id: string; position: bigint; attempt: number }[]> {
  const result = await sql<{ subscriber: string; event_id: string; position: bigint; attempt: number }>`
    select subscriber, event_id, position, attempt from handled
    where ${subscriber ?? null}::text is null or subscriber = ${subscriber ?? null}
    order by sequence`.execute(database.db);
  return result.rows;
}

export async function publishCommitted(database: Database, clock: Clock, event: DomainEvent): Promise<string> {
  return database.db.transaction().execute((tx) => publishEvent(tx, systemContext(clock), event));
}

export async function deliveryRow(database: Database, eventId: string, subscriber: string) {
  const result = await sql<{ status: string; attempts: number; next_attempt_at: Date; last_error: string | null; delivered_at: Date | null }>`
    select status, attempts, next_attempt_at, last_error, delivered_at from outbox_deliveries
    where event_id = ${eventId} and subscriber = ${subscriber}`.execute(database.db);
  return result.rows[0];
}

export const testStart = new Date('2030-01-01T00:00:00Z');
export const newTestClock = () => fixedClock(testStart);
