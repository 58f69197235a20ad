import { migrateToLatest, openDatabase } from '@linkmall/db';
import { databaseSimulationEngine, simulate, type SimulateOptions, type SimulationResult } from '@linkmall/distribution';
import { verifyLedger } from '@linkmall/ledger';
import { commissionLedgerSink } from './commission-ledger.ts';

/**
 * `npm run simulate` (spec §8): replays a scenario through the database-backed distribution service
 * and the real ledger, on a fresh embedded PostgreSQL (PGlite in memory) built from the real
 * migrations, then checks the ledger's invariants. The in-memory engine gives the same output; a
 * test holds the two together.
 */
export async function simulateOnDatabase(input: unknown, options: Omit<SimulateOptions, 'engine'> = {}): Promise<SimulationResult & { ledgerVerified: boolean }> {
  // An invalid profile or a malformed scenario is answered by the pure pass, without a database.
  const checked = await simulate(input, options);
  if (checked.exitCode !== 0) return { ...checked, ledgerVerified: true };
  const database = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db);
    const result = await simulate(input, { ...options, engine: databaseSimulationEngine(database.db, commissionLedgerSink) });
    const verification = await verifyLedger(database.db);
    return { ...result, ledgerVerified: verification.ok };
  } finally {
    await database.close();
  }
}
