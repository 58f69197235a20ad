/**
 * Backup and restore of a PostgreSQL server database with pg_dump / pg_restore (custom format). The
 * dump runs on a snapshot this script exports, and the manifest's row counts are read in that same
 * snapshot, so they describe exactly what the dump holds even while the API keeps writing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, sql } from '@linkmall/db';
import { backupFileName, sealBackup, verifyBackup } from './backup-files.ts';
import { checkRestored, LIST_TABLES_SQL, quoteTable, type RestoreReport } from './backup-tables.ts';
import type { BackupResult } from './backup-pglite.ts';

/** PG_BIN_DIR picks a client other than the one on PATH, e.g. /usr/lib/postgresql/16/bin. */
function toolPath(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv): string {
  return env.PG_BIN_DIR ? join(env.PG_BIN_DIR, tool) : tool;
}

/** The major version of pg_dump or pg_restore, with a clear error when it is missing. */
export function toolMajorVersion(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(toolPath(tool, env), ['--version'], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(`${tool} was not found (${(result.error as NodeJS.ErrnoException).code}); install the PostgreSQL client (Debian: apt-get install postgresql-client) or set PG_BIN_DIR`);
  }
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout);
  if (!match) throw new Error(`Could not read the version of ${tool} from "${result.stdout.trim()}"`);
  return Number(match[1]);
}

/** A tool older than the server cannot read its catalog (pg_dump refuses); say so before trying. */
export function assertToolSupportsServer(tool: 'pg_dump' | 'pg_restore', serverMajor: number, env: NodeJS.ProcessEnv = process.env): number {
  const major = toolMajorVersion(tool, env);
  if (major < serverMajor) {
    throw new Error(`${tool} ${major} is older than the PostgreSQL ${serverMajor} server; install postgresql-client-${serverMajor} or newer, or point PG_BIN_DIR at it`);
  }
  return major;
}

/** The URL without its password (passed in PGPASSWORD instead, so it never shows in `ps`). */
export function connectionForTools(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${errors.trim()}`))));
  });
}

async function serverMajor(client: pg.ClientBase): Promise<{ major: number; version: string }> {
  const result = await client.query<{ server_version_num: string; server_version: string }>('select current_setting(\'server_version_num\') as server_version_num, current_setting(\'server_version\') as server_version');
  const row = result.rows[0]!;
  return { major: Math.floor(Number(row.server_version_num) / 10_000), version: row.server_version };
}

export async function backupPostgres(options: { url: string; outDir: string; now?: Date }): Promise<BackupResult> {
  const database = await openDatabase({ driver: 'postgres', url: options.url, poolSize: 1, applicationName: 'linkmall-backup' });
  const client = await database.pool!.connect();
  try {
    const server = await serverMajor(client);
    assertToolSupportsServer('pg_dump', server.major);
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const at = options.now ?? new Date();
    const file = join(options.outDir, backupFileName('postgres', at));
    const tools = connectionForTools(options.url);
    const partial = `${file}.partial-${process.pid}`;
    mkdirSync(options.outDir, { recursive: true });
    // pg_dump reads the exported snapshot while this transaction counts rows in it.
    const dump = run(toolPath('pg_dump', process.env), ['--format=custom', `--snapshot=${snapshot}`, `--file=${partial}`, '--no-password', `--dbname=${tools.dbname}`], tools.env);
    // Awaited below; until then a failure must not surface as an unhandled rejection.
    dump.catch(() => {});
    const tableRows: Record<string, number> = {};
    for (const { name } of (await client.query<{ name: string }>(LIST_TABLES_SQL)).rows) {
      tableRows[name] = Number((await client.query<{ rows: string }>(`select count(*) as rows from ${quoteTable(name)}`)).rows[0]!.rows);
    }
    const migration = 'public.kysely_migration' in tableRows ? (await client.query<{ latest: string | null }>('select max(name) as latest from kysely_migration')).rows[0]!.latest : null;
    await dump.catch(async (error: unknown) => {
      rmSync(partial, { force: true });
      throw error;
    });
    await client.query('commit');
    renameSync(partial, file);
    const manifest = await sealBackup(file, { engine: 'postgres', createdAt: at.toISOString(), serverVersion: server.version, latestMigration: migration, tableRows });
    return { file, manifest };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
    await database.close();
  }
}

export async function restorePostgres(options: { file: string; url: string; force?: boolean }): Promise<RestoreReport & { readonly movedAside: null }> {
  const manifest = await verifyBackup(options.file);
  if (manifest && manifest.engine !== 'postgres') throw new Error(`${options.file} is an embedded-database backup; restore it with DATABASE_URL unset and DATA_DIR set`);
  const database = await openDatabase({ driver: 'postgres', url: options.url, poolSize: 1, applicationName: 'linkmall-restore' });
  try {
    const client = await database.pool!.connect();
    let tables: number;
    try {
      assertToolSupportsServer('pg_restore', (await serverMajor(client)).major);
      tables = (await client.query(LIST_TABLES_SQL)).rowCount ?? 0;
    } finally {
      client.release();
    }
    if (tables > 0 && !options.force) {
      throw new Error(`The target database already has ${tables} tables; restore into a new empty database, or pass --force to drop and replace what the backup contains`);
    }
    const tools = connectionForTools(options.url);
    // One transaction: a restore that fails halfway leaves the target as it was.
    const args = ['--no-owner', '--no-acl', '--single-transaction', '--exit-on-error', '--no-password', `--dbname=${tools.dbname}`];
    if (tables > 0) args.push('--clean', '--if-exists');
    await run(toolPath('pg_restore', process.env), [...args, options.file], tools.env);
    await sql`analyze`.execute(database.db);
    return { ...(await checkRestored(database.db, manifest)), movedAside: null };
  } finally {
    await database.close();
  }
}
