import { randomBytes } from 'node:crypto';
import { migrateToLatest, openDatabase, type Database } from '@linkmall/db';

/** The running test server; each test file creates its own database on it and drops it afterwards. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ThrowawayDatabase {
  readonly url: string;
  /** Opens another pool on the same database (as a second worker process would have). */
  open(poolSize?: number): Promise<Database>;
  drop(): Promise<void>;
}

export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  const open = async (poolSize = 10) => {
    const database = await openDatabase({ driver: 'postgres', url: url.href, poolSize });
    opened.push(database);
    return database;
  };
  const migrator = await open(1);
  await migrateToLatest(migrator.db);
  return {
    url: url.href,
    open,
    drop: async () => {
      await Promise.all(opened.map((database) => database.close().catch(() => {})));
      await onServer(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Runs one statement on the server's `test` database (CREATE/DROP DATABASE cannot run in the database itself). */
async function onServer(statement: string): Promise<void> {
  const admin = await openDatabase({ driver: 'postgres', url: TEST_SERVER_URL, poolSize: 1 });
  try {
    await admin.executeSql(statement);
  } finally {
    await admin.close();
  }
}
