import { openDatabase, type Database, type DatabaseConfig } from './database.ts';

/**
 * DATABASE_REPLICA_URL: a streaming replica (or any read-only copy) for read-heavy queries. Only with a
 * server primary: the embedded database has no replicas. Its pool is as large as the primary's.
 */
export function replicaConfigFromEnv(env: NodeJS.ProcessEnv, primary: DatabaseConfig): DatabaseConfig | null {
  const url = env.DATABASE_REPLICA_URL?.trim();
  if (!url) return null;
  if (primary.driver !== 'postgres') throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL (the embedded database has no replicas)');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_REPLICA_URL must be a postgres:// URL');
  const { poolSize, statementTimeoutMs, idleInTransactionTimeoutMs } = primary;
  return {
    driver: 'postgres',
    url,
    ...(poolSize ? { poolSize } : {}),
    ...(statementTimeoutMs !== undefined ? { statementTimeoutMs } : {}),
    ...(idleInTransactionTimeoutMs !== undefined ? { idleInTransactionTimeoutMs } : {}),
    applicationName: 'linkmall-replica',
  };
}

/**
 * The two handles a process reads and writes through. `reads` is the replica when one is configured,
 * else the primary itself; only queries that tolerate replication lag (dashboards, exports, shop
 * listings and search, recommendation reads) use it. Writes and read-your-write paths stay on `primary`.
 */
export interface DatabaseHandles {
  readonly primary: Database;
  readonly reads: Database;
}

export async function openReadReplica(config: DatabaseConfig | null, primary: Database): Promise<DatabaseHandles> {
  if (!config) return { primary, reads: primary };
  return { primary, reads: await openDatabase(config) };
}
