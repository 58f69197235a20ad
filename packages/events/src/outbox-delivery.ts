import type { Db } from '@linkmall/db';
import { systemContext, type Clock } from '@linkmall/kernel';
import { sql, type Kysely } from 'kysely';
import { describeError, type Logger } from './logger.ts';
import type { OutboxTables } from './outbox-tables.ts';
import { resolveRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy.ts';
import type { DeliveredEvent, SubscriberRegistry } from './subscriber.ts';

export interface DeliveryKey {
  readonly eventId: string;
  readonly subscriber: string;
}

export type DeliveryOutcome =
  | (DeliveryKey & { readonly status: 'delivered'; readonly attempt: number })
  | (DeliveryKey & { readonly status: 'retrying'; readonly attempt: number; readonly nextAttemptAt: Date; readonly error: string })
  | (DeliveryKey & { readonly status: 'dead'; readonly attempt: number; readonly error: string });

export interface DeliveryOptions {
  readonly registry: SubscriberRegistry;
  readonly clock: Clock;
  readonly retryPolicy: RetryPolicy;
  readonly logger: Logger;
  /**
   * After the claimed delivery succeeds, the same transaction may go on with the same subscriber's
   * next due deliveries, in order, up to this many in all (default 1: one per transaction).
   */
  readonly maxRun?: number;
  /** …and while the run has taken less than this many milliseconds (default 50), so locks stay short. */
  readonly maxRunMs?: number;
}

interface ClaimedDelivery {
  event_id: string;
  subscriber: string;
  attempts: number;
  type: string;
  aggregate_id: string | null;
  payload: unknown;
  occurred_at: Date;
  request_id: string | null;
  position: bigint | string;
}

/**
 * Claims one due delivery and runs its subscriber; returns null when nothing is due.
 *
 * The claim is `FOR UPDATE SKIP LOCKED`, so concurrent dispatchers (threads of one process or many
 * processes) never hold the same delivery, and the row lock is kept while the handler runs and until
 * the transaction that marks the delivery done commits: a handler's writes and "delivered" commit
 * together or not at all. A delivery is only due when no earlier event (lower position) is still
 * pending for the same subscriber, including one waiting out a retry: each subscriber sees its events
 * in order, and one stuck event holds back that subscriber alone. Dead deliveries do not hold it back.
 *
 * A handler that throws is rolled back to a savepoint and its failure recorded in the same
 * transaction, still under the row lock, so no other dispatcher can retry it before the backoff is
 * written. If the transaction itself fails (lost connection, a deferred constraint at commit), the
 * failure is recorded afterwards in a transaction of its own.
 */
export async function deliverNextDue(db: Db, options: DeliveryOptions): Promise<DeliveryOutcome | null> {
  return (await deliverDueRun(db, { ...options, maxRun: 1 }))[0] ?? null;
}

/**
 * As {@link deliverNextDue}, then, in the same transaction and while each succeeds, the same
 * subscriber's next due deliveries in position order (up to `maxRun`, within `maxRunMs`): one
 * claim, one commit and one WAL flush for a run of a busy subscriber's events instead of one each.
 *
 * Order and exclusivity hold as for one delivery. The run starts at the subscriber's head, which this
 * transaction holds locked; every other dispatcher skips a subscriber whose head is locked, so the
 * deliveries behind it are this transaction's to take, one after another. A failure ends the run: it
 * is rolled back to its savepoint and recorded, and what was delivered before it commits. Returns
 * the outcomes in order; empty when nothing is due.
 */
export async function deliverDueRun(db: Db, options: DeliveryOptions): Promise<DeliveryOutcome[]> {
  const subscriberNames = options.registry.names;
  if (subscriberNames.length === 0) return [];
  const maxRun = Math.max(1, options.maxRun ?? 1);
  const maxRunMs = options.maxRunMs ?? 50;
  let claimed: ClaimedDelivery | undefined;
  const outcomes: DeliveryOutcome[] = [];
  try {
    return await (db as Kysely<OutboxTables>).transaction().execute(async (tx) => {
      const now = options.clock.now();
      // Only each subscriber's oldest pending delivery may run (per-subscriber order), found by one
      // index lookup per subscriber. A head another worker holds is skipped, never the one after it.
      const result = await sql<ClaimedDelivery>`
        with heads as (
          select head.event_id, head.subscriber, head.event_position
          from unnest(array[${sql.join(subscriberNames)}]::text[]) as subscribers(name)
          cross join lateral (
            select pending.event_id, pending.subscriber, pending.event_position, pending.next_attempt_at
            from outbox_deliveries pending
            where pending.subscriber = subscribers.name and pending.status = 'pending'
            order by pending.event_position
            limit 1) head
          where head.next_attempt_at <= ${now})
        select d.event_id, d.subscriber, d.attempts, e.type, e.aggregate_id, e.payload, e.occurred_at,
               e.request_id, e.position
        from heads
        join outbox_deliveries d on d.event_id = heads.event_id and d.subscriber = heads.subscriber
        join outbox_events e on e.id = d.event_id
        where d.status = 'pending'
        order by heads.event_position
        limit 1
        for update of d skip locked`.execute(tx);
      claimed = result.rows[0];
      if (!claimed) return [];
      // Either "delivered" with the handler's writes, or the failure with the handler rolled back:
      // both commit.
      const startedMs = performance.now();
      const mayContinue = () => outcomes.length + 1 < maxRun && performance.now() - startedMs < maxRunMs;
      let current: ClaimedDelivery | undefined = claimed;
      while (current) {
        const step: { outcome: DeliveryOutcome; next?: ClaimedDelivery } = await runHandler(tx, current, options, mayContinue());
        outcomes.push(step.outcome);
        current = step.next;
      }
      return outcomes;
    });
  } catch (error) {
    if (!claimed) throw error;
    // The transaction rolled back: nothing of the run was delivered. A run of several may have failed
    // for any of them (a deferred constraint at commit, say), so it is tried again one at a time,
    // which finds the one to blame; a failed single delivery has its attempt counted.
    if (outcomes.length > 1) return deliverDueRun(db, { ...options, maxRun: 1 });
    return [await recordFailure(db, claimed, error, options)];
  }
}

/**
 * Runs one claimed delivery's handler under a savepoint and marks it delivered. With `continueRun`,
 * the statement that marks it also takes the subscriber's next pending delivery after it, locked, and
 * returns it if it is due. Not SKIP LOCKED: nobody else can hold it (see deliverDueRun), and skipping
 * it would break the order.
 */
async function runHandler(tx: Db, claimed: ClaimedDelivery, options: DeliveryOptions, continueRun = false): Promise<{ outcome: DeliveryOutcome; next?: ClaimedDelivery }> {
  const subscriber = options.registry.get(claimed.subscriber)!;
  const attempt = claimed.attempts + 1;
  const event: DeliveredEvent = {
    id: claimed.event_id,
    type: claimed.type,
    aggregateId: claimed.aggregate_id,
    payload: claimed.payload,
    occurredAt: new Date(claimed.occurred_at),
    requestId: claimed.request_id,
    position: BigInt(claimed.position),
    attempt,
  };
  const ctx = systemContext(options.clock, claimed.request_id ?? claimed.event_id);
  await sql`savepoint subscriber_handler`.execute(tx);
  try {
    await subscriber.handle(tx, event, ctx);
  } catch (error) {
    await sql`rollback to savepoint subscriber_handler`.execute(tx);
    return { outcome: await writeFailure(tx, claimed, error, options) };
  }
  await sql`release savepoint subscriber_handler`.execute(tx);
  const now = options.clock.now();
  const result = await sql<{ marked: number } & Partial<ClaimedDelivery> & { next_attempt_at: Date | null }>`
    with marked as (
      update outbox_deliveries set status = 'delivered', attempts = ${attempt}, delivered_at = ${now}, last_error = null
      where event_id = ${claimed.event_id} and subscriber = ${claimed.subscriber} and status = 'pending' and attempts = ${claimed.attempts}
      returning 1)
    select (select count(*)::int from marked) as marked, next.*
    from (select 1) as one
    left join lateral (
      select d.event_id, d.subscriber, d.attempts, d.next_attempt_at, e.type, e.aggregate_id, e.payload, e.occurred_at, e.request_id, e.position
      from outbox_deliveries d
      join outbox_events e on e.id = d.event_id
      where ${continueRun} and d.subscriber = ${claimed.subscriber} and d.status = 'pending' and d.event_position > ${String(claimed.position)}::bigint
      order by d.event_position
      limit 1
      for update of d) as next on true`.execute(tx);
  const row = result.rows[0]!;
  // Unreachable while the row lock holds; if it ever is reached, throwing rolls the handler back
  // rather than applying its effects a second time.
  if (row.marked !== 1) throw new Error(`Delivery ${claimed.event_id} → ${claimed.subscriber} changed under its lock`);
  options.logger.debug({ eventId: claimed.event_id, subscriber: claimed.subscriber, attempt }, 'event delivered');
  const outcome: DeliveryOutcome = { eventId: claimed.event_id, subscriber: claimed.subscriber, status: 'delivered', attempt };
  const due = row.event_id && row.next_attempt_at && new Date(row.next_attempt_at) <= now;
  return due ? { outcome, next: row as ClaimedDelivery } : { outcome };
}

/** Records a failed attempt (after the transaction that ran the handler could not commit). */
async function recordFailure(db: Db, claimed: ClaimedDelivery, error: unknown, options: DeliveryOptions): Promise<DeliveryOutcome> {
  return (db as Kysely<OutboxTables>).transaction().execute((tx) => writeFailure(tx, claimed, error, options));
}

async function writeFailure(tx: Db, claimed: ClaimedDelivery, error: unknown, options: DeliveryOptions): Promise<DeliveryOutcome> {
  const subscriber = options.registry.get(claimed.subscriber);
  const policy = resolveRetryPolicy(options.retryPolicy, subscriber?.retry);
  const attempt = claimed.attempts + 1;
  const message = describeError(error);
  const isDead = attempt >= policy.maxAttempts;
  const nextAttemptAt = new Date(options.clock.now().getTime() + retryDelayMs(policy, attempt));
  // Guarded on the attempt count read at claim time, so a failure is counted once even if this runs
  // after another dispatcher already took the delivery.
  await (tx as Kysely<OutboxTables>)
    .updateTable('outbox_deliveries')
    .set({ status: isDead ? 'dead' : 'pending', attempts: attempt, last_error: message, next_attempt_at: nextAttemptAt })
    .where('event_id', '=', claimed.event_id)
    .where('subscriber', '=', claimed.subscriber)
    .where('status', '=', 'pending')
    .where('attempts', '=', claimed.attempts)
    .execute();
  const key = { eventId: claimed.event_id, subscriber: claimed.subscriber };
  if (isDead) {
    options.logger.error({ ...key, attempt, error: message }, 'event delivery failed for the last time; marked dead');
    return { ...key, status: 'dead', attempt, error: message };
  }
  options.logger.warn({ ...key, attempt, nextAttemptAt, error: message }, 'event delivery failed; will retry');
  return { ...key, status: 'retrying', attempt, nextAttemptAt, error: message };
}

/**
 * Puts a dead delivery back in the queue with a fresh set of attempts, due now. Returns false when
 * there is no dead delivery with that key (it never existed, or it is pending or delivered).
 */
export async function redeliverDeadDelivery(db: Db, key: DeliveryKey, clock: Clock): Promise<boolean> {
  const result = await (db as Kysely<OutboxTables>)
    .updateTable('outbox_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: clock.now() })
    .where('event_id', '=', key.eventId)
    .where('subscriber', '=', key.subscriber)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
