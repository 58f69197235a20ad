import { afterAll, describe, expect, it } from 'vitest';
import { testServerUrl } from '@linkmall/testing';
import { isConnectionError, openDatabase, sql, type Database } from '../src/index.ts';

/**
 * A pooled connection that dies while checked out, between two statements of a transaction, must
 * fail that transaction as a connection error, and must not take the process down (pg emits
 * 'error' on the client itself then, where the pool's idle listener is not attached).
 */
const url = await testServerUrl();
const opened: Database[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

describe.skipIf(!url)('losing a connection', () => {
  it('fails the transaction with a connection error, survives, and reconnects', async () => {
    const database = await openDatabase({ driver: 'postgres', url: url!, poolSize: 2 });
    const admin = await openDatabase({ driver: 'postgres', url: url!, poolSize: 1 });
    opened.push(database, admin);
    const failure = await database.db
      .transaction()
      .execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
        await admin.executeSql('select pg_terminate_backend($1)', [rows[0]!.pid]);
        // Let the server's goodbye arrive while no statement is running on this client.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select 1`.execute(tx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isConnectionError(failure), String(failure)).toBe(true);
    await database.ping();
    expect((await database.executeSql('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
