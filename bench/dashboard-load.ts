import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS_FOLDER, migrateToLatest, openDatabase } from '@linkmall/db';
import { orderSteps, referenceSteps, setupSteps } from './dashboard-data.ts';
import { trackingStatements } from './dashboard-events.ts';
import type { DashboardDataShape, LoadStep } from './dashboard-shape.ts';

/** The benchmark's own database on the server (BENCH_DASHBOARD_DATABASE picks another, e.g. to keep two scales). */
const databaseName = () => {
  const name = process.env.BENCH_DASHBOARD_DATABASE ?? 'linkmall_bench_dashboard';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error('BENCH_DASHBOARD_DATABASE must be a plain lower-case identifier');
  return name;
};

const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Every step of the load, in order, for one connection. */
export function dashboardLoadSteps(shape: DashboardDataShape): LoadStep[] {
  return [...setupSteps(shape), ...referenceSteps(shape), ...orderSteps(shape), ...trackingStatements(shape)];
}

/** What the database's comment records about the data in it, so a kept database can be reused. */
interface LoadedMarker {
  readonly scale: number;
  readonly referenceTime: string;
  readonly migrations: string;
}

/** A hash of the migrations that existed when the data was loaded (later ones are applied on reuse). */
function migrationsFingerprint(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, file)));
  return hash.digest('hex').slice(0, 12);
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The loaded database from an earlier run kept with BENCH_DASHBOARD_KEEP=1, if it holds the same
 * scale and was loaded on migrations that are all still unchanged; newer migrations are applied.
 */
async function reusable(adminUrl: string, name: string, scale: number): Promise<LoadedMarker | null> {
  const comment = await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query(`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`, [name]);
    return (rows[0]?.comment as string | null | undefined) ?? null;
  });
  if (!comment) return null;
  const marker = JSON.parse(comment) as LoadedMarker & { files: string[] };
  const current = readdirSync(MIGRATIONS_FOLDER).sort();
  if (marker.scale !== scale || !marker.files.every((file) => current.includes(file)) || migrationsFingerprint(marker.files) !== marker.migrations) return null;
  return marker;
}

/** The tables the load fills in bulk: their indexes are built once at the end instead of row by row. */
const BULK_TABLES = ['radar_events', 'radar_daily_counts', 'radar_visitors', 'radar_consents', 'orders', 'sub_orders', 'order_lines', 'order_status_history', 'payments', 'users', 'distribution_members', 'card_shares'];

const indexDefinitions = async (client: pg.Client) =>
  (await client.query<{ definition: string }>(`select pg_get_indexdef(indexrelid) as definition from pg_index i join pg_class c on c.oid = i.indrelid
                                               where c.relnamespace = 'public'::regnamespace order by 1`)).rows.map((row) => row.definition);

/**
 * Drops the bulk tables' indexes (and the key constraints no foreign key depends on) and returns the
 * statements that rebuild exactly them: one sorted build per index is many times cheaper than
 * inserting ten million rows into live B-trees. The rebuilt schema is compared with the original.
 */
async function suspendIndexes(client: pg.Client): Promise<() => Promise<void>> {
  const before = await indexDefinitions(client);
  const { rows: constraints } = await client.query<{ table_name: string; name: string; definition: string }>(
    `select c.conrelid::regclass::text as table_name, c.conname as name, pg_get_constraintdef(c.oid) as definition from pg_constraint c
     where c.contype in ('p', 'u') and c.conrelid::regclass::text = any($1)
       and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)`,
    [BULK_TABLES],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition from pg_index i
     where i.indrelid::regclass::text = any($1) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [BULK_TABLES],
  );
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  for (const constraint of constraints) await client.query(`alter table ${constraint.table_name} drop constraint ${constraint.name}`);
  return async () => {
    for (const constraint of constraints) await client.query(`alter table ${constraint.table_name} add constraint ${constraint.name} ${constraint.definition}`);
    for (const index of indexes) await client.query(index.definition);
    const after = await indexDefinitions(client);
    if (after.join('\n') !== before.join('\n')) throw new Error('the rebuilt indexes differ from the schema\'s');
  };
}

/** Counts rows whose foreign key points nowhere, for every foreign key of the schema (the load skips the triggers). */
async function danglingReferences(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string; child_columns: string[]; parent_columns: string[] }>(
    `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
            array(select attname from unnest(c.conkey) with ordinality k (n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as child_columns,
            array(select attname from unnest(c.confkey) with ordinality k (n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as parent_columns
     from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
  );
  const problems: string[] = [];
  for (const key of rows) {
    const matches = key.child_columns.map((column, index) => `p.${key.parent_columns[index]} = c.${column}`).join(' and ');
    const present = key.child_columns.map((column) => `c.${column} is not null`).join(' and ');
    const { rows: counted } = await client.query(`select count(*)::int as n from ${key.child} c where ${present} and not exists (select 1 from ${key.parent} p where ${matches})`);
    if (counted[0].n > 0) problems.push(`${counted[0].n} rows of ${key.child} (${key.child_columns.join(', ')}) point to no ${key.parent}`);
  }
  return problems;
}

export interface LoadedDatabase {
  readonly url: string;
  readonly referenceTime: Date;
  /** Wall time of the data load, its checks and VACUUM ANALYZE; null when a kept database was reused. */
  readonly loadMs: number | null;
  readonly rowCounts: Record<string, number>;
  readonly drop: () => Promise<void>;
}

/**
 * A database of its own on the server, built with the real migrations and loaded with the benchmark
 * data (or reused from a kept earlier run with BENCH_DASHBOARD_REUSE=1), then vacuumed and analysed.
 */
export async function prepareDashboardDatabase(adminUrl: string, shape: DashboardDataShape, log: (message: string) => void): Promise<LoadedDatabase> {
  const name = databaseName();
  const url = withDatabase(adminUrl, name);
  const drop = () => withClient(adminUrl, async (admin) => void (await admin.query(`drop database if exists ${name} with (force)`)));
  const marker = process.env.BENCH_DASHBOARD_REUSE === '1' ? await reusable(adminUrl, name, shape.scale) : null;
  let referenceTime = shape.referenceTime;
  let loadMs: number | null = null;
  if (marker) {
    referenceTime = new Date(marker.referenceTime);
    const database = await openDatabase({ driver: 'postgres', url, poolSize: 1 });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
    log(`reusing ${name} loaded for ${marker.referenceTime} (migrations brought up to date)`);
  } else {
    await drop();
    await withClient(adminUrl, async (admin) => void (await admin.query(`create database ${name}`)));
    const migrations = readdirSync(MIGRATIONS_FOLDER).sort();
    const database = await openDatabase({ driver: 'postgres', url, poolSize: 1 });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
    const startedAt = performance.now();
    await withClient(url, async (client) => {
      const rebuildIndexes = await suspendIndexes(client);
      for (const step of dashboardLoadSteps({ ...shape, referenceTime })) {
        const stepStartedAt = performance.now();
        await client.query(step.sql, step.values);
        log(`  ${step.label}: ${seconds(performance.now() - stepStartedAt)} s`);
      }
      const indexStartedAt = performance.now();
      await rebuildIndexes();
      log(`  indexes rebuilt: ${seconds(performance.now() - indexStartedAt)} s`);
      const checkStartedAt = performance.now();
      const problems = await danglingReferences(client);
      if (problems.length > 0) throw new Error(`the generated data breaks foreign keys:\n${problems.join('\n')}`);
      log(`  foreign keys checked: ${seconds(performance.now() - checkStartedAt)} s`);
      const vacuumStartedAt = performance.now();
      await client.query('vacuum (analyze)');
      log(`  vacuum analyze: ${seconds(performance.now() - vacuumStartedAt)} s`);
    });
    loadMs = performance.now() - startedAt;
    const loaded: LoadedMarker & { files: string[] } = { scale: shape.scale, referenceTime: referenceTime.toISOString(), migrations: migrationsFingerprint(migrations), files: migrations };
    await withClient(adminUrl, async (admin) => void (await admin.query(`comment on database ${name} is ${pg.escapeLiteral(JSON.stringify(loaded))}`)));
  }
  const rowCounts = await withClient(url, async (client) => {
    const tables = ['orders', 'sub_orders', 'order_lines', 'payments', 'radar_events', 'radar_visitors', 'radar_daily_counts', 'users', 'distribution_members', 'cards'];
    const { rows } = await client.query(`select ${tables.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(', ')}`);
    return rows[0] as Record<string, number>;
  });
  return { url, referenceTime, loadMs, rowCounts, drop };
}
