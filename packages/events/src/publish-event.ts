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
  const id = newId('evt', ctx.clock.now().getTime());
  await (tx as Kysely<OutboxTables>)
    .insertInto('outbox_events')
    .values({
      id,
      type: event.type,
      aggregate_id: event.aggregateId ?? null,
      payload: JSON.stringify(event.payload),
      occurred_at: ctx.clock.now(),
      request_id: ctx.requestId,
      dispatched_at: null,
    })
    .execute();
  return id;
}
