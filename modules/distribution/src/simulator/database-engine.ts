import { systemContext, type Clock } from '@linkmall/kernel';
import type { Db } from '@linkmall/db';
import { runEngineEvent, type DeltaSink } from '../distribution-engine-service.ts';
import { distributionStore as store } from '../distribution-store.ts';
import type { SimulationEngine } from './simulate.ts';

/**
 * The simulator's engine over the database: every event runs through the same `runEngineEvent` as
 * the server (tables, locks, ledger sink), with the freeze counted from the paid day as §8 says.
 */
export function databaseSimulationEngine(db: Db, writeMoney: DeltaSink, clock: Clock = { now: () => new Date() }): SimulationEngine {
  const ctx = systemContext(clock, 'simulator');
  return {
    handle: (event, profile, version) =>
      runEngineEvent(db, ctx, event, profile, version, { settleBasis: 'paid_day', settleBatch: Number.MAX_SAFE_INTEGER, publishEffects: false, writeMoney }),
    member: async (memberId) => (await store.members(db, [memberId]))[0],
    linesOfPayee: (memberId) => store.linesOfPayee(db, memberId),
  };
}
