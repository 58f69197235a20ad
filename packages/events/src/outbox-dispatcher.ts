import type { Db } from '@linkmall/db';
import type { Clock } from '@linkmall/kernel';
import { warningsToConsoleLogger, type Logger } from './logger.ts';
import { deliverDueRun, deliverNextDue, redeliverDeadDelivery, type DeliveryKey, type DeliveryOutcome } from './outbox-delivery.ts';
import { fanOutNextBatch } from './outbox-fan-out.ts';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.ts';
import { SubscriberRegistry, type Subscriber } from './subscriber.ts';

export interface OutboxDispatcherOptions {
  readonly subscribers: readonly Subscriber[];
  readonly clock: Clock;
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** Events turned into deliveries per fan-out transaction. */
  readonly fanOutBatchSize?: number;
  /** Deliveries attempted per pass before the pass returns. */
  readonly deliveriesPerPass?: number;
  /**
   * Consecutive due deliveries of one subscriber run in one transaction (default 16, within 50 ms),
   * so a busy subscriber pays one claim and one commit per run; 1 gives each its own transaction.
   */
  readonly deliveriesPerTransaction?: number;
  readonly logger?: Logger;
}

export interface DispatchPassReport {
  readonly eventsFannedOut: number;
  readonly delivered: number;
  readonly failed: number;
  /** True when a limit cut the pass short, so the caller should run another pass without waiting. */
  readonly hasMoreWork: boolean;
}

/**
 * Moves events from the outbox to subscribers. It keeps no state between calls: any number of
 * dispatchers, in one process or many, can run against the same database, and the database's row
 * locks decide who does what.
 */
export class OutboxDispatcher {
  readonly #db: Db;
  readonly #registry: SubscriberRegistry;
  readonly #clock: Clock;
  readonly #retryPolicy: RetryPolicy;
  readonly #fanOutBatchSize: number;
  readonly #deliveriesPerPass: number;
  readonly #deliveriesPerTransaction: number;
  readonly #logger: Logger;

  constructor(db: Db, options: OutboxDispatcherOptions) {
    this.#db = db;
    this.#registry = new SubscriberRegistry(options.subscribers);
    this.#clock = options.clock;
    this.#retryPolicy = resolveRetryPolicy(options.retryPolicy);
    this.#fanOutBatchSize = positiveInteger(options.fanOutBatchSize ?? 200, 'fanOutBatchSize');
    this.#deliveriesPerPass = positiveInteger(options.deliveriesPerPass ?? 100, 'deliveriesPerPass');
    this.#deliveriesPerTransaction = positiveInteger(options.deliveriesPerTransaction ?? 16, 'deliveriesPerTransaction');
    this.#logger = options.logger ?? warningsToConsoleLogger;
  }

  get subscriberNames(): string[] {
    return this.#registry.names;
  }

  /** Fans out one batch of undispatched events; returns how many events it dispatched. */
  fanOut(): Promise<number> {
    return fanOutNextBatch(this.#db, this.#registry, this.#clock.now(), this.#fanOutBatchSize);
  }

  /** Delivers the next due delivery, or returns null when none is due. */
  deliverNext(): Promise<DeliveryOutcome | null> {
    return deliverNextDue(this.#db, this.#deliveryOptions());
  }

  /** Delivers the next due delivery and, in its transaction, the same subscriber's next due ones (see deliverDueRun). */
  deliverNextRun(): Promise<DeliveryOutcome[]> {
    return deliverDueRun(this.#db, { ...this.#deliveryOptions(), maxRun: this.#deliveriesPerTransaction });
  }

  #deliveryOptions() {
    return { registry: this.#registry, clock: this.#clock, retryPolicy: this.#retryPolicy, logger: this.#logger };
  }

  /**
   * One bounded pass: a fan-out batch, then deliveries until none is due or the pass limit is hit.
   * When `signal` aborts, the transaction in progress finishes and nothing new is claimed.
   */
  async runPass(signal?: AbortSignal): Promise<DispatchPassReport> {
    const eventsFannedOut = await this.fanOut();
    let delivered = 0;
    let failed = 0;
    let limitReached = true;
    while (delivered + failed < this.#deliveriesPerPass) {
      if (signal?.aborted) break;
      const outcomes = await this.deliverNextRun();
      if (outcomes.length === 0) {
        limitReached = false;
        break;
      }
      for (const outcome of outcomes) {
        if (outcome.status === 'delivered') delivered++;
        else failed++;
      }
    }
    const hasMoreWork = eventsFannedOut === this.#fanOutBatchSize || (limitReached && !signal?.aborted);
    return { eventsFannedOut, delivered, failed, hasMoreWork };
  }

  /**
   * Runs passes until nothing is left to fan out and nothing is due (deliveries waiting out a backoff
   * are left alone). Meant for tests and scripts that want "everything published so far, delivered".
   */
  async drain(maxPasses = 1_000): Promise<DispatchPassReport> {
    const total = { eventsFannedOut: 0, delivered: 0, failed: 0 };
    for (let pass = 0; pass < maxPasses; pass++) {
      const report = await this.runPass();
      total.eventsFannedOut += report.eventsFannedOut;
      total.delivered += report.delivered;
      total.failed += report.failed;
      // A pass that did anything may have made more work due (the next event in a subscriber's
      // order, events a handler published), so only a pass that did nothing ends the drain.
      if (report.eventsFannedOut === 0 && report.delivered === 0 && report.failed === 0) {
        return { ...total, hasMoreWork: false };
      }
    }
    return { ...total, hasMoreWork: true };
  }

  /** See {@link redeliverDeadDelivery}. */
  redeliver(key: DeliveryKey): Promise<boolean> {
    return redeliverDeadDelivery(this.#db, key, this.#clock);
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}
