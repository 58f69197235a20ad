/**
 * `npm run ledger:verify`: recomputes the commission ledger's invariants (balanced transfers, equal
 * debits and credits, balances equal to their entries, pending transfers resolved at most once, the
 * hash chain) on the database the server uses (DATABASE_URL, else the embedded one in DATA_DIR).
 * Read-only. Exits 1 when any check fails, so it can gate a deployment or a cron alert.
 */
import { databaseConfigFromEnv, openDatabase, withoutStatementLimit } from '@linkmall/db';
import { chainHead, verifyLedger } from '@linkmall/ledger';

const config = withoutStatementLimit(databaseConfigFromEnv());
const database = await openDatabase(config);
let failed = false;
try {
  const report = await verifyLedger(database.db);
  const head = await chainHead(database.db);
  const target = config.driver === 'postgres' ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  console.log(`Ledger verification on ${target}`);
  console.log(
    `  ${report.counts.accounts} accounts, ${report.counts.transfers} transfers, ${report.counts.sealed} sealed, ${report.counts.unsealed} waiting to be sealed`,
  );
  console.log(`  chain head: position ${head.position}, hash ${head.hash}`);
  for (const check of report.checks) {
    console.log(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${check.description}`);
    for (const violation of check.violations) console.log(`          - ${violation}`);
  }
  console.log(report.ok ? 'The ledger is consistent.' : 'THE LEDGER FAILED VERIFICATION.');
  failed = !report.ok;
} finally {
  await database.close();
}
process.exit(failed ? 1 : 0);
