import type { RequestContext } from '@linkmall/kernel';
import { inTransaction, type Db } from '@linkmall/db';
import { publishEvents, type DomainEvent } from '@linkmall/events';
import { DatabaseLookup } from './database-lookup.ts';
import { handleEvent, serializationKeys, type EventOutcome } from './domain/engine.ts';
import type { DistributionEvent } from './domain/engine-events.ts';
import type { DistributionDelta } from './domain/lookup.ts';
import type { OrderRecord } from './domain/model.ts';
import type { Profile } from './domain/profile.ts';
import { distributionStore as store } from './distribution-store.ts';
import { toOutboxEvent } from './distribution-events.ts';

export interface EngineRunOptions {
  /**
   * Where the freeze of an order's rewards starts: the day it was paid (the simulator, spec §8), or
   * the day its after-sales window closed (production: `order.completed`, see `startFreeze`).
   */
  readonly settleBasis: 'paid_day' | 'after_sales_closed';
  /** Lines one SETTLE run posts at most; the settle job repeats until none is due. */
  readonly settleBatch: number;
  /** Publish the engine's effects to the outbox (off in the simulator, which has no worker). */
  readonly publishEffects: boolean;
  /**
   * The money side of a delta, written in the same transaction (the ledger, wired by flows/ because
   * a module never imports another module). Throwing rolls the whole event back.
   */
  readonly writeMoney: DeltaSink;
}

export type DeltaSink = (tx: Db, ctx: RequestContext, delta: DistributionDelta) => Promise<void>;

/** Guards against a lookup that never converges (a bug: every run loads strictly more rows). */
const MAX_LOAD_ROUNDS = 64;

async function untilLoaded<T>(lookup: DatabaseLookup, run: () => T): Promise<T> {
  for (let round = 0; round < MAX_LOAD_ROUNDS; round++) {
    const result = run();
    if (!lookup.hasMisses()) return result;
    await lookup.loadMisses();
  }
  throw new Error('distribution lookup did not converge');
}

/**
 * Runs one engine event against the database in the caller's transaction: loads the rows it
 * touches, serialises it with every other event touching the same referrer or team boss
 * (transaction-scoped advisory locks on the engine's serialization keys, taken in sorted order, then
 * the rows re-read under the locks), stores the delta and writes the ledger transfers. Everything
 * commits or rolls back together.
 */
export async function runEngineEvent(db: Db, ctx: RequestContext, event: DistributionEvent, profile: Profile, profileVersion: string, options: EngineRunOptions): Promise<EventOutcome> {
  return inTransaction(db, async (tx) => {
    const lookup = new DatabaseLookup(tx, options.settleBatch);
    await lookup.prefetch(event);
    const locked = new Set<string>();
    for (;;) {
      const keys = await untilLoaded(lookup, () => keysOf(lookup, event, profile, profileVersion));
      const extra = keys.filter((key) => !locked.has(key)).sort();
      if (extra.length === 0) break;
      await store.lockKeys(tx, extra);
      for (const key of extra) locked.add(key);
      // What was read before the locks may be stale: read it again as the lock holder.
      lookup.reset();
      await lookup.prefetch(event);
    }
    const outcome = await untilLoaded(lookup, () => handleEvent(lookup, event, profile, profileVersion));
    await writeDelta(tx, ctx, outcome.delta, options, event);
    return outcome;
  });
}

/** SETTLE touches the buyers of the lines it posts (a refund of the same order locks its buyer too). */
function keysOf(lookup: DatabaseLookup, event: DistributionEvent, profile: Profile, profileVersion: string): string[] {
  if (event.type !== 'SETTLE') return serializationKeys(lookup, event);
  handleEvent(lookup, event, profile, profileVersion);
  return [...new Set(lookup.dueLines().map((line) => line.sourceUserId))].sort();
}

async function writeDelta(tx: Db, ctx: RequestContext, delta: DistributionDelta, options: EngineRunOptions, event: DistributionEvent): Promise<void> {
  const now = ctx.clock.now();
  const settleBasisDay = (order: OrderRecord) => (options.settleBasis === 'paid_day' ? order.paidDay : null);
  await store.applyDelta(tx, delta, now, { settleBasisDay });
  await options.writeMoney(tx, ctx, delta);
  if (options.publishEffects) {
    const events: DomainEvent[] = delta.effects.map(toOutboxEvent);
    if (delta.newLines.length > 0 || delta.lineChanges.length > 0) {
      const orderId = 'orderId' in event ? event.orderId : null;
      events.push({
        type: 'distribution.rewards_changed',
        ...(orderId ? { aggregateId: orderId } : {}),
        payload: {
          orderId,
          payees: [...new Set([...delta.newLines.map((line) => line.payeeId), ...delta.lineChanges.map((change) => change.payeeId)])],
          newLines: delta.newLines.length,
          changedLines: delta.lineChanges.length,
        },
      });
    }
    await publishEvents(tx, ctx, events);
  }
}

