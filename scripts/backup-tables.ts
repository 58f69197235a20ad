/**
 * What a database holds, table by table: row counts for the manifest and for checking a restore, and
 * (for tests and restore drills on small data) a checksum of every row's content.
 */
import { sql, type Db } from '@linkmall/db';
import { verifyLedger } from '@linkmall/ledger';
import type { BackupManifest } from './backup-files.ts';

/**
 * Every ordinary table outside the system schemas, as `schema.table`. Partitions are listed and their
 * partitioned parents are not, so no row is counted twice.
 */
export const LIST_TABLES_SQL = `
  select n.nspname || '.' || c.relname as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
  order by 1`;

export async function listTables(db: Db): Promise<string[]> {
  const result = await sql<{ name: string }>`${sql.raw(LIST_TABLES_SQL)}`.execute(db);
  return result.rows.map((row) => row.name);
}

/** `schema.table` as a quoted SQL identifier. */
export function quoteTable(table: string): string {
  return table
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

/** Rows per table. */
export async function tableRowCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(db)) {
    const result = await sql<{ rows: string | number | bigint }>`select count(*) as rows from ${sql.raw(quoteTable(table))}`.execute(db);
    counts[table] = Number(result.rows[0]?.rows ?? 0);
  }
  return counts;
}

/** md5 of every row's text, in a fixed order: equal for two databases exactly when their contents are. */
export async function tableChecksums(db: Db): Promise<Record<string, string>> {
  const checksums: Record<string, string> = {};
  for (const table of await listTables(db)) {
    const result = await sql<{ digest: string | null }>`
      select md5(string_agg(t::text, E'\n' order by t::text)) as digest from ${sql.raw(quoteTable(table))} t`.execute(db);
    checksums[table] = result.rows[0]?.digest ?? 'empty';
  }
  return checksums;
}

/** The newest applied migration, from Kysely's migration table (null on an empty database). */
export async function latestMigration(db: Db): Promise<string | null> {
  if (!(await listTables(db)).includes('public.kysely_migration')) return null;
  const result = await sql<{ latest: string | null }>`select max(name) as latest from kysely_migration`.execute(db);
  return result.rows[0]?.latest ?? null;
}

/** Differences between the row counts a manifest recorded and those of a restored database. */
export function compareRowCounts(expected: Readonly<Record<string, number>>, actual: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(expected)) {
    if (!(table in actual)) problems.push(`${table}: missing after the restore`);
    else if (actual[table] !== rows) problems.push(`${table}: ${rows} rows in the backup, ${actual[table]} after the restore`);
  }
  return problems;
}

export interface RestoreReport {
  readonly tables: number;
  readonly rows: number;
  readonly ledgerOk: boolean;
  readonly problems: readonly string[];
}

/** After any restore: row counts against the manifest, and the ledger's invariants and hash chain. */
export async function checkRestored(db: Db, manifest: BackupManifest | null): Promise<RestoreReport> {
  const counts = await tableRowCounts(db);
  const problems = manifest ? compareRowCounts(manifest.tableRows, counts) : [];
  const ledger = await verifyLedger(db);
  for (const check of ledger.checks) if (!check.ok) problems.push(`ledger check failed: ${check.name}`);
  return {
    tables: Object.keys(counts).length,
    rows: Object.values(counts).reduce((sum, rows) => sum + rows, 0),
    ledgerOk: ledger.ok,
    problems,
  };
}

