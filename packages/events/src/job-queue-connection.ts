import type { Database } from '@linkmall/db';
import type PgBoss from 'pg-boss';

/** Where pg-boss keeps its tables: its own pool from a connection string, or the app's database. */
export type JobQueueConnection =
  | { readonly connectionString: string; readonly maxConnections?: number }
  | { readonly database: Database };

/** pg-boss's constructor options for a connection. */
export function pgBossDatabaseOptions(connection: JobQueueConnection): PgBoss.DatabaseOptions {
  if ('connectionString' in connection) {
    return { connectionString: connection.connectionString, max: connection.maxConnections ?? 4, application_name: 'linkmall-jobs' };
  }
  return { db: executorFor(connection.database) };
}

/**
 * pg-boss runs its statements through `executeSql`: the app's pool on a server. On PGlite,
 * `Database.executeSql` waits for the same lock as Kysely's single connection, so a pg-boss statement
 * never runs inside an open app transaction.
 */
function executorFor(database: Database): PgBoss.Db {
  return { executeSql: (text, values) => database.executeSql(text, values) };
}
