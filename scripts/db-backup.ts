/**
 * `npm run db:backup -- [--out DIR] [--keep N] [--metrics-file FILE]`: backs up the database the API
 * uses (DATABASE_URL, else the embedded one in DATA_DIR) into DIR (BACKUP_DIR, default ./backups) as
 * a timestamped file with a .sha256 checksum and a .manifest.json. The embedded database is locked
 * while it is copied, so stop the API first; a PostgreSQL server is copied live from one snapshot.
 * docs/operations.md has the schedule and the restore drill.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databaseConfigFromEnv } from '@linkmall/db';
import { parseArguments, pruneBackups, writeBackupMetrics } from './backup-files.ts';
import { backupPglite } from './backup-pglite.ts';
import { backupPostgres } from './backup-postgres.ts';

const { flags } = parseArguments(process.argv.slice(2));
const base = process.env.INIT_CWD ?? process.cwd();
const stringFlag = (name: string, fallback: string | undefined) => {
  const value = flags.get(name);
  if (value === true) throw new Error(`--${name} needs a value`);
  return value ?? fallback;
};

try {
  const outDir = resolve(base, stringFlag('out', process.env.BACKUP_DIR) ?? 'backups');
  const keepText = stringFlag('keep', process.env.BACKUP_KEEP);
  const keep = keepText === undefined ? null : Number(keepText);
  if (keep !== null && (!Number.isInteger(keep) || keep < 1)) throw new Error('--keep (BACKUP_KEEP) must be a positive integer');
  const metricsFile = stringFlag('metrics-file', process.env.BACKUP_METRICS_FILE);

  const config = databaseConfigFromEnv();
  const { file, manifest } =
    config.driver === 'postgres' ? await backupPostgres({ url: config.url, outDir }) : await backupPglite({ dataDir: config.dataDir, outDir });
  const rows = Object.values(manifest.tableRows).reduce((sum, count) => sum + count, 0);
  console.log(`Backed up ${config.driver === 'postgres' ? 'the PostgreSQL server' : `the embedded database in ${config.dataDir}`}`);
  console.log(`  ${file}  (${manifest.bytes} bytes, ${Object.keys(manifest.tableRows).length} tables, ${rows} rows, migration ${manifest.latestMigration ?? 'none'})`);
  console.log(`  sha256 ${manifest.sha256}`);
  if (config.driver === 'pglite' && existsSync(join(dirname(config.dataDir), 'pii-dev.key'))) {
    console.log(`  Note: phone numbers are encrypted with ${join(dirname(config.dataDir), 'pii-dev.key')}; the backup does not contain it. Keep a copy of the key apart from the backups.`);
  }
  if (keep !== null) {
    for (const removed of pruneBackups(outDir, manifest.engine, keep)) console.log(`  removed old backup ${removed}`);
  }
  if (metricsFile) writeBackupMetrics(resolve(base, metricsFile), manifest);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
