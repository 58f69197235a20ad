import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl, type TestDatabase } from '@linkmall/testing';
import { databaseConfigFromEnv, isConnectionError, isStatementTimeout, migrateToLatest, openDatabase, sql, type Database } from '../src/index.ts';

/**
 * The server bounds what one runaway request can hold: a statement past `statement_timeout` is
 * cancelled and its transaction rolled back, and a transaction left idle is ended, freeing its locks.
 * Migrations are exempt, since they may rebuild a large index.
 */
const server = await testServerUrl();
const opened: Database[] = [];
let copy: TestDatabase | undefined;
let url: string;
afterAll(async () => {
  for (const database of opened) await database.close();
  await copy?.destroy();
});

describe('statement limits from the environment', () => {
  it('defaults to 30 s and 60 s on a server, takes 0 for none, and refuses nonsense', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/app' })).toMatchObject({ statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 });
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/app', DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000' })).toMatchObject({ statementTimeoutMs: 0, idleInTransactionTimeoutMs: 5_000 });
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'postgres://db/app', DATABASE_STATEMENT_TIMEOUT_MS: '30s' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
    expect(databaseConfigFromEnv({ DATA_DIR: '/srv/linkmall' })).not.toHaveProperty('statementTimeoutMs');
  });
});

describe.skipIf(!server)('statement limits on a server', () => {
  // A database of this file's own: the probes below create and drop tables and the migration table.
  beforeAll(async () => {
    copy = await createTestDatabase({ poolSize: 1 });
    url = copy.url!;
  });

  it('cancels a runaway statement, rolls its transaction back, and keeps the pool usable', async () => {
    const database = await openDatabase({ driver: 'postgres', url, poolSize: 1, statementTimeoutMs: 300 });
    opened.push(database);
    const failure = await database.db
      .transaction()
      .execute(async (tx) => {
        await sql`create table if not exists statement_timeout_probe (n int)`.execute(tx);
        await sql`insert into statement_timeout_probe values (1)`.execute(tx);
        await sql`select pg_sleep(2)`.execute(tx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isStatementTimeout(failure)).toBe(true);
    // Not mistaken for an outage: the database answered, and the next statement runs at once.
    expect(isConnectionError(failure)).toBe(false);
    const { rows } = await database.executeSql("select to_regclass('statement_timeout_probe') as name");
    expect(rows).toEqual([{ name: null }]);
    const { rows: quick } = await database.executeSql('select 1 as one');
    expect(quick).toEqual([{ one: 1 }]);
  });

  it('ends a transaction left idle, releasing its row locks', async () => {
    const idle = await openDatabase({ driver: 'postgres', url, poolSize: 1, idleInTransactionTimeoutMs: 300 });
    const other = await openDatabase({ driver: 'postgres', url, poolSize: 1, statementTimeoutMs: 5_000 });
    opened.push(idle, other);
    await other.executeSql('create table if not exists idle_lock_probe (id int primary key, n int)');
    await other.executeSql('insert into idle_lock_probe values (1, 0) on conflict (id) do update set n = 0');
    const held = idle.db.transaction().execute(async (tx) => {
      await sql`select * from idle_lock_probe where id = 1 for update`.execute(tx);
      // A handler that hangs here (a stalled call to another service) would hold the row for ever.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await sql`select 1`.execute(tx);
    });
    const outcome = held.then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Another session's write waits for the lock, then proceeds once the idle transaction is ended.
    const started = Date.now();
    await other.executeSql('update idle_lock_probe set n = n + 1 where id = 1');
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await outcome).toBeInstanceOf(Error);
    await other.executeSql('drop table idle_lock_probe');
  });

  it('lets a migration run past the limit', async () => {
    const database = await openDatabase({ driver: 'postgres', url, poolSize: 1, statementTimeoutMs: 200 });
    opened.push(database);
    const folder = mkdtempSync(join(tmpdir(), 'slow-migration-'));
    writeFileSync(join(folder, '0001_slow.sql'), 'select pg_sleep(0.6);\n--> statement-breakpoint\ncreate table slow_migration_probe (n int);');
    await database.executeSql('drop table if exists slow_migration_probe; drop table if exists kysely_migration; drop table if exists kysely_migration_lock');
    expect((await migrateToLatest(database.db, folder)).applied).toEqual(['0001_slow']);
  });
});
