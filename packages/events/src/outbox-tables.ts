import type { Generated } from 'kysely';

/** Past-tense facts written in the same transaction as the change they describe. */
export interface OutboxEventTable {
  id: string;
  /** Insertion order; each subscriber receives events in this order. */
  position: Generated<bigint>;
  type: string;
  aggregate_id: string | null;
  payload: unknown;
  occurred_at: Date;
  request_id: string | null;
  /** Set once the worker has created a delivery row for every subscriber of this type. */
  dispatched_at: Date | null;
}

/** One row per (event, subscriber), retried with backoff until delivered or dead. */
export interface OutboxDeliveryTable {
  event_id: string;
  subscriber: string;
  /** The event's position, copied so each subscriber's oldest pending delivery is one index lookup. */
  event_position: bigint;
  status: 'pending' | 'delivered' | 'dead';
  attempts: Generated<number>;
  next_attempt_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
}

export interface OutboxTables {
  outbox_events: OutboxEventTable;
  outbox_deliveries: OutboxDeliveryTable;
}
