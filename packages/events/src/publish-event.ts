import { newId, type RequestContext } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import type { Kysely } from 'kysely';
import type { OutboxTables } from './outbox-tables.ts';

/** A past-tense fact such as `user.created`; the payload is plain JSON (money as integer fen numbers). */
export interface DomainEvent<TType extends string = string, TPayload = unknown> {
  readonly type: TType;
  readonly aggregateId?: string;
  readonly payload: TPayload;
}

/**
 * Appends an event to the outbox. Call it with the transaction that makes the change, so the event
 * exists if and only if the change committed; the worker delivers it afterwards.
 */
export async function publishEvent(tx: Db, ctx: RequestContext, event: DomainEvent): Promise<string> {
  return (await publishEvents(tx, ctx, [event]))[0]!;
}

/**
 * Appends several events in one statement (one round trip), in the order given: their outbox
 * positions follow the array, so every subscriber sees them in that order. Same transaction rule as
 * {@link publishEvent}.
 */
export async function publishEvents(tx: Db, ctx: RequestContext, events: readonly DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const now = ctx.clock.now();
  const rows = events.map((event) => ({
    id: newId('evt', now.getTime()),
    type: event.type,
    aggregate_id: event.aggregateId ?? null,
    payload: JSON.stringify(event.payload),
    occurred_at: now,
    request_id: ctx.requestId,
    dispatched_at: null,
  }));
  await (tx as Kysely<OutboxTables>).insertInto('outbox_events').values(rows).execute();
  return rows.map((row) => row.id);
}
