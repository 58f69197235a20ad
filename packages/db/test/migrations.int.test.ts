import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../src/index.ts';
import { createTestDatabase, testServerUrl } from '@linkmall/testing';
import pg from 'pg';

async function tablesOf(database: Database): Promise<string[]> {
  const result = await database.executeSql(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
    [],
  );
  return (result.rows as { table_name: string }[]).map((row) => row.table_name);
}

async function columnsOf(database: Database): Promise<string[]> {
  const result = await database.executeSql(
    "select table_name || '.' || column_name || ':' || data_type as c from information_schema.columns where table_schema = 'public' order by 1",
    [],
  );
  return (result.rows as { c: string }[]).map((row) => row.c);
}

async function exerciseMoneyAndLocks(database: Database) {
  // bigint fen survive as exact BigInt on both drivers; row locks and append-only triggers work.
  const now = new Date('2026-11-22T00:00:00Z');
  await database.db.insertInto('organizations').values({ id: 'org_a', kind: 'supplier', name: '供应商', created_at: now, updated_at: now }).execute();
  await database.db
    .insertInto('products')
    .values({ id: 'prd_a', supplier_id: 'org_a', title: '茶', category: '茶叶', supply_price_fen: 9007199254740993n, retail_price_fen: 19800n, created_at: now, updated_at: now })
    .execute();
  const row = await database.db.selectFrom('products').select(['supply_price_fen']).where('id', '=', 'prd_a').forUpdate().executeTakeFirstOrThrow();
  expect(row.supply_price_fen).toBe(9007199254740993n);
}

describe('one migration set on both drivers', () => {
  it('migrates embedded PGlite from scratch, idempotently', async () => {
    const database = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
    try {
      const first = await migrateToLatest(database.db);
      expect(first.applied).toContain('0001_foundation');
      expect((await migrateToLatest(database.db)).applied).toEqual([]);
      expect(await tablesOf(database)).toEqual(expect.arrayContaining(['users', 'sessions', 'audit_log', 'outbox_events', 'stores', 'products']));
      await exerciseMoneyAndLocks(database);
    } finally {
      await database.close();
    }
  });

  it('migrates a PostgreSQL server to the same schema', async (context) => {
    const url = await testServerUrl();
    if (!url) context.skip();
    const admin = new pg.Client({ connectionString: url! });
    await admin.connect();
    const name = `linkmall_mig_${Date.now().toString(36)}`;
    await admin.query(`create database "${name}"`);
    const serverUrl = new URL(url!);
    serverUrl.pathname = `/${name}`;
    const server = await openDatabase({ driver: 'postgres', url: serverUrl.toString(), poolSize: 2 });
    const embedded = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
    try {
      expect((await migrateToLatest(server.db)).applied).toContain('0001_foundation');
      await migrateToLatest(embedded.db);
      expect(await columnsOf(server)).toEqual(await columnsOf(embedded));
      await exerciseMoneyAndLocks(server);
    } finally {
      await server.close();
      await embedded.close();
      await admin.query(`drop database "${name}" with (force)`);
      await admin.end();
    }
  });

  it('lets concurrent processes migrate one after another', async (context) => {
    if (!(await testServerUrl())) context.skip();
    const database = await createTestDatabase();
    try {
      const results = await Promise.all([migrateToLatest(database.db), migrateToLatest(database.db)]);
      expect(results.flatMap((result) => result.applied)).toEqual([]);
    } finally {
      await database.destroy();
    }
  });

  it('refuses a second process on the same embedded data folder', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const folder = mkdtempSync(join(tmpdir(), 'linkmall-lock-'));
    const dataDir = join(folder, 'pglite');
    // Pretend a live process (our parent) holds the lock.
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(openDatabase({ driver: 'pglite', dataDir })).rejects.toThrow(/in use by process/);
    rmSync(folder, { recursive: true, force: true });
  });
});
