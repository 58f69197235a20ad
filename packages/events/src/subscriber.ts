import type { Db } from '@linkmall/db';
import type { RequestContext } from '@linkmall/kernel';
import type { RetryPolicy } from './retry-policy.ts';

/** An outbox event as a subscriber receives it. */
export interface DeliveredEvent<TPayload = unknown> {
  /** Unique per event: the idempotency key for any side effect outside this database. */
  readonly id: string;
  readonly type: string;
  readonly aggregateId: string | null;
  readonly payload: TPayload;
  readonly occurredAt: Date;
  /** The request that published the event, for tracing. */
  readonly requestId: string | null;
  /** Outbox order; a subscriber receives its events in increasing position. */
  readonly position: bigint;
  /** 1 on the first delivery, 2 on the first retry, and so on. */
  readonly attempt: number;
}

/**
 * Something that reacts to events after they commit. `handle` runs inside the transaction that marks
 * the delivery done, so its writes through `tx` happen exactly once; anything it does outside the
 * database can happen more than once and must be keyed on `event.id`. Throwing rolls its writes back
 * and schedules a retry.
 */
export interface Subscriber {
  /** Stable and unique: deliveries are stored under this name, so renaming one drops its backlog. */
  readonly name: string;
  /** Exact event types, or '*' for every event. */
  readonly eventTypes: readonly string[] | '*';
  /** Overrides the dispatcher's retry policy for this subscriber (a webhook may want longer). */
  readonly retry?: Partial<RetryPolicy>;
  handle(tx: Db, event: DeliveredEvent, ctx: RequestContext): Promise<void>;
}

/** Subscribers by name, checked once: names must be unique and non-empty. */
export class SubscriberRegistry {
  readonly #byName = new Map<string, Subscriber>();

  constructor(subscribers: readonly Subscriber[]) {
    for (const subscriber of subscribers) {
      if (!subscriber.name.trim()) throw new Error('A subscriber needs a name');
      if (this.#byName.has(subscriber.name)) throw new Error(`Two subscribers are named ${subscriber.name}`);
      this.#byName.set(subscriber.name, subscriber);
    }
  }

  get names(): string[] {
    return [...this.#byName.keys()];
  }

  get(name: string): Subscriber | undefined {
    return this.#byName.get(name);
  }

  /** Names of the subscribers that want events of this type. */
  interestedIn(eventType: string): string[] {
    const names: string[] = [];
    for (const subscriber of this.#byName.values()) {
      if (subscriber.eventTypes === '*' || subscriber.eventTypes.includes(eventType)) names.push(subscriber.name);
    }
    return names;
  }
}
