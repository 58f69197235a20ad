/**
 * Backup and restore of the embedded database (PGlite). A backup is PGlite's own tarball of its data
 * folder (`dumpDataDir`), taken while this script holds the data folder's lock: the API must be
 * stopped, so the copy is consistent by construction rather than by luck.
 */
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, sql } from '@linkmall/db';
import { backupFileName, backupTimestamp, sealBackup, verifyBackup, writeAtomically, type BackupManifest } from './backup-files.ts';
import { checkRestored, latestMigration, tableRowCounts, type RestoreReport } from './backup-tables.ts';

export interface BackupResult {
  readonly file: string;
  readonly manifest: BackupManifest;
}

export async function backupPglite(options: { dataDir: string; outDir: string; now?: Date }): Promise<BackupResult> {
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) throw new Error(`No embedded database in ${options.dataDir} (set DATA_DIR)`);
  // Opening takes the data folder's lock, and fails while the API (or anything else) has it open.
  const database = await openDatabase({ driver: 'pglite', dataDir: options.dataDir });
  try {
    const pglite = database.pglite!;
    // Flushes the write-ahead log into the data files, so the tarball needs no recovery when loaded.
    await sql`checkpoint`.execute(database.db);
    const tableRows = await tableRowCounts(database.db);
    const migration = await latestMigration(database.db);
    const version = (await sql<{ version: string }>`show server_version`.execute(database.db)).rows[0]?.version ?? 'unknown';
    const tarball = await pglite.dumpDataDir('gzip');
    const at = options.now ?? new Date();
    const file = join(options.outDir, backupFileName('pglite', at));
    writeAtomically(file, new Uint8Array(await tarball.arrayBuffer()));
    const manifest = await sealBackup(file, { engine: 'pglite', createdAt: at.toISOString(), serverVersion: `PGlite ${version}`, latestMigration: migration, tableRows });
    return { file, manifest };
  } finally {
    await database.close();
  }
}


/**
 * Restores into `dataDir`, which must be missing or empty unless `force` is set; with `force` the
 * existing folder is renamed aside (never deleted), so a mistaken restore can be undone by hand.
 */
export async function restorePglite(options: { file: string; dataDir: string; force?: boolean; now?: Date }): Promise<RestoreReport & { readonly movedAside: string | null }> {
  const manifest = await verifyBackup(options.file);
  if (manifest && manifest.engine !== 'pglite') throw new Error(`${options.file} is a ${manifest.engine} backup, not an embedded one`);
  assertNotInUse(options.dataDir);
  let movedAside: string | null = null;
  if (existsSync(options.dataDir) && readdirSync(options.dataDir).length > 0) {
    if (!options.force) {
      throw new Error(`${options.dataDir} already holds a database; restore into an empty DATA_DIR, or pass --force to move the current one aside`);
    }
    movedAside = `${options.dataDir}.before-restore-${backupTimestamp(options.now ?? new Date())}`;
    renameSync(options.dataDir, movedAside);
  }
  const tarball = new Blob([readFileSync(options.file)]);
  const database = await openDatabase({ driver: 'pglite', dataDir: options.dataDir, loadDataDir: tarball });
  try {
    return { ...(await checkRestored(database.db, manifest)), movedAside };
  } finally {
    await database.close();
  }
}

/** The same rule as the database package's lock: a live process holding the data folder blocks a restore. */
function assertNotInUse(dataDir: string): void {
  const lockFile = `${dataDir}.lock`;
  if (!existsSync(lockFile)) return;
  const holder = Number(readFileSync(lockFile, 'utf8'));
  if (!holder || holder === process.pid) return;
  try {
    process.kill(holder, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return;
  }
  throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}; stop the API before restoring`);
}
