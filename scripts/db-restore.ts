/**
 * `npm run db:restore -- FILE [--force]`: restores a backup made by `npm run db:backup` into the
 * database the API would use (DATABASE_URL, else DATA_DIR), after checking the file against its
 * .sha256. The target must be empty unless --force is given: then an embedded data folder is moved
 * aside (kept), and a server database has the backup's objects dropped and recreated in one
 * transaction. Afterwards every table's row count is compared with the manifest and the commission
 * ledger is verified; any difference exits 1. Stop the API and the workers first.
 */
import { resolve } from 'node:path';
import { databaseConfigFromEnv } from '@linkmall/db';
import { engineOfBackup, parseArguments } from './backup-files.ts';
import { restorePglite } from './backup-pglite.ts';
import { restorePostgres } from './backup-postgres.ts';

const { flags, positional } = parseArguments(process.argv.slice(2));
const base = process.env.INIT_CWD ?? process.cwd();

try {
  if (positional.length !== 1) throw new Error('usage: npm run db:restore -- <backup file> [--force]');
  const file = resolve(base, positional[0]!);
  const engine = engineOfBackup(file);
  const config = databaseConfigFromEnv();
  if (engine !== config.driver) {
    throw new Error(
      engine === 'pglite'
        ? 'This is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR to restore it'
        : 'This is a backup of a PostgreSQL server: set DATABASE_URL to the (empty) database to restore it into',
    );
  }
  const force = flags.get('force') === true;
  const report =
    config.driver === 'postgres' ? await restorePostgres({ file, url: config.url, force }) : await restorePglite({ file, dataDir: config.dataDir, force });
  console.log(`Restored ${file}`);
  if (report.movedAside) console.log(`  the previous data folder was moved to ${report.movedAside}`);
  console.log(`  ${report.tables} tables, ${report.rows} rows; ledger ${report.ledgerOk ? 'verified' : 'FAILED verification'}`);
  for (const problem of report.problems) console.log(`  PROBLEM: ${problem}`);
  if (report.problems.length > 0 || !report.ledgerOk) process.exit(1);
  console.log('  Row counts match the backup manifest. Start the API and check /readyz.');
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
