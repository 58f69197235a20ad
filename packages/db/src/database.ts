import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { Mutex, PGliteDialect } from './pglite-dialect.ts';

/**
 * A handle that is either the whole database or an open transaction. It is deliberately untyped:
 * each module's store narrows it to its own tables (`db as Kysely<IdentityTables>`), so no module
 * can name another module's tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = Transaction<any>;

export type DatabaseConfig =
  | {
      readonly driver: 'postgres';
      readonly url: string;
      readonly poolSize?: number;
      readonly applicationName?: string;
      /** How long a caller waits for a free pooled connection before failing (default 5 s). */
      readonly connectionTimeoutMs?: number;
      /** The server cancels a statement that runs longer (SQLSTATE 57014); absent or 0: no limit. */
      readonly statementTimeoutMs?: number;
      /** The server ends a session left idle inside a transaction this long, freeing its locks; absent or 0: no limit. */
      readonly idleInTransactionTimeoutMs?: number;
    }
  | {
      readonly driver: 'pglite';
      readonly dataDir: string;
      /** A tarball from `pglite.dumpDataDir()` to unpack into an empty data folder (restoring a backup). */
      readonly loadDataDir?: Blob;
    };

export interface Database {
  readonly db: Db;
  readonly driver: 'postgres' | 'pglite';
  /** One parameterised statement outside Kysely, or a multi-statement script when there are no values (pg-boss uses this). */
  readonly executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  readonly ping: () => Promise<void>;
  readonly close: () => Promise<void>;
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
}

/** A request's statement should take milliseconds; one that runs for 30 s is a runaway holding a connection and its locks. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
/** A transaction idle for a minute belongs to a stuck or dead handler; ending it releases its row locks. */
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

function millisecondsFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds (0 for no limit)`);
  return value;
}

/**
 * Reads DATABASE_URL / DATABASE_POOL_SIZE / DATA_DIR: a server when a URL is set, else embedded PGlite.
 * On a server, DATABASE_STATEMENT_TIMEOUT_MS (30 s) and DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS (60 s)
 * bound what one runaway request can hold; 0 turns either off.
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) {
    const poolSize = env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined;
    if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1)) {
      throw new Error('DATABASE_POOL_SIZE must be a positive integer');
    }
    return {
      driver: 'postgres',
      url: env.DATABASE_URL,
      ...(poolSize ? { poolSize } : {}),
      statementTimeoutMs: millisecondsFromEnv(env, 'DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS),
      idleInTransactionTimeoutMs: millisecondsFromEnv(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS),
    };
  }
  return { driver: 'pglite', dataDir: join(resolve(env.DATA_DIR ?? './data'), 'pglite') };
}

/** For command-line tools (ledger verification, evaluations, backtests, seeding): a whole-table scan may rightly take minutes. */
export function withoutStatementLimit(config: DatabaseConfig): DatabaseConfig {
  return config.driver === 'postgres' ? { ...config, statementTimeoutMs: 0 } : config;
}

const INT8_OID = 20;
// Money columns are bigint fen; both drivers hand them to code as BigInt, never as a lossy number.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.driver === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      application_name: config.applicationName ?? 'linkmall',
      types: pgTypes,
      connectionTimeoutMillis: config.connectionTimeoutMs ?? 5_000,
      // Session settings sent at connect: they hold for every statement on the connection.
      ...(config.statementTimeoutMs ? { statement_timeout: config.statementTimeoutMs } : {}),
      ...(config.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs } : {}),
    });
    // An idle client that loses its connection emits 'error'; without a listener the process would exit.
    pool.on('error', () => {});
    // The pool listens only while a client is idle. A checked-out client whose connection drops
    // between two statements (inside a transaction, while the code prepares the next one) emits
    // 'error' on itself, and unheard that kills the process. Nothing is lost by listening: the
    // statement in progress or the next one fails, and the pool discards the client on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    return {
      db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
      driver: 'postgres',
      pool,
      executeSql: async (text, values) => pool.query(text, values as unknown[]),
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  const releaseLock = lockDataDir(config.dataDir);
  try {
    const options = { parsers: { [INT8_OID]: (value: string) => BigInt(value) }, ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}) };
    const pglite =
      config.dataDir === 'memory://' ? await PGlite.create(options) : await PGlite.create(config.dataDir, options);
    return wrapPglite(pglite, releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

export function wrapPglite(pglite: PGlite, onClose: () => void = () => {}): Database {
  // Kysely opens transactions with plain BEGIN statements, so PGlite cannot tell that one is open:
  // raw statements take the same lock as Kysely's connection, or they would run inside its transaction.
  const mutex = new Mutex();
  const db: Db = new Kysely({ dialect: new PGliteDialect(pglite, mutex) });
  return {
    db,
    driver: 'pglite',
    pglite,
    executeSql: async (text, values) => {
      const release = await mutex.lock();
      try {
        return values && values.length > 0
          ? await pglite.query(text, values)
          : { rows: (await pglite.exec(text)).flatMap((result) => result.rows) };
      } finally {
        release();
      }
    },
    ping: async () => {
      await pglite.query('select 1');
    },
    close: async () => {
      await pglite.close();
      onClose();
    },
  };
}

/**
 * PGlite has no guard against two processes opening one data folder, which corrupts it; a lock file
 * holding our pid refuses the second process (and takes over a lock left by a process that died).
 */
function lockDataDir(dataDir: string): () => void {
  if (dataDir === 'memory://') return () => {};
  mkdirSync(dirname(dataDir), { recursive: true });
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${holder}; stop it or set DATA_DIR to another folder`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` in one transaction; the transaction is passed on as the `Db` of everything inside. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((tx) => work(tx));
}
