import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS_FOLDER, migrateToLatest, openDatabase, type Database } from '@linkmall/db';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

let serverUrl: Promise<string | null> | undefined;

/**
 * Which PostgreSQL the tests use: TEST_DATABASE_URL, else the local server when one answers, else
 * none (embedded PGlite). Set TEST_DATABASE_URL=pglite to force the embedded engine.
 */
export function testServerUrl(): Promise<string | null> {
  serverUrl ??= (async () => {
    const configured = process.env.TEST_DATABASE_URL;
    if (configured === 'pglite') return null;
    const url = configured ?? LOCAL_SERVER;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return url;
    } catch (error) {
      if (configured) throw new Error(`TEST_DATABASE_URL=${configured} does not answer: ${(error as Error).message}`);
      return null;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return serverUrl;
}

/** A hash of the migration files, so a changed migration set gets a fresh template database. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, file)));
  return hash.digest('hex').slice(0, 12);
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Builds (once per migration set, guarded by an advisory lock across parallel test workers) a
 * migrated template database, so each test file gets its own copy in ~100 ms instead of migrating.
 */
async function ensureTemplate(admin: pg.Client, url: string): Promise<string> {
  const template = `linkmall_tpl_${migrationsFingerprint()}`;
  await admin.query('select pg_advisory_lock(727275)');
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${template}"`);
      const database = await openDatabase({ driver: 'postgres', url: withDatabase(url, template), poolSize: 1 });
      try {
        await migrateToLatest(database.db);
      } catch (error) {
        await database.close();
        await admin.query(`drop database "${template}"`);
        throw error;
      }
      await database.close();
    }
  } finally {
    await admin.query('select pg_advisory_unlock(727275)');
  }
  return template;
}

export interface TestDatabase extends Database {
  /** The server URL of this copy, or null on PGlite. */
  readonly url: string | null;
  /** Closes the connections and drops the copy. */
  readonly destroy: () => Promise<void>;
}

/** A fresh, migrated database for one test file: a copy of the template on the server, or an in-memory PGlite. */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const url = await testServerUrl();
  if (!url) {
    const database = await openDatabase({ driver: 'pglite', dataDir: 'memory://' });
    await migrateToLatest(database.db);
    return { ...database, url: null, destroy: database.close };
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const template = await ensureTemplate(admin, url);
    const name = `linkmall_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${template}"`);
        break;
      } catch (error) {
        // "source database is being accessed by other users": another worker is still cloning; retry.
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
    const copyUrl = withDatabase(url, name);
    // Tests queue far more concurrent work than the pool holds, on a machine shared with other test
    // files: waiting for a connection is expected there, so only a stuck test should time out.
    const database = await openDatabase({ driver: 'postgres', url: copyUrl, poolSize: options.poolSize ?? 5, connectionTimeoutMs: 60_000 });
    return {
      ...database,
      url: copyUrl,
      destroy: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        try {
          await dropper.query(`drop database if exists "${name}" with (force)`);
        } finally {
          await dropper.end();
        }
      },
    };
  } finally {
    await admin.end();
  }
}
