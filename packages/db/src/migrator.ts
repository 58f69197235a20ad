import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url));
const STATEMENT_BREAK = /^--> statement-breakpoint\s*$/m;

/**
 * The one migration set: plain SQL files in `migrations/`, applied in file-name order, each in its own
 * transaction, on PGlite and on a PostgreSQL server alike. Statements are split on
 * `--> statement-breakpoint` because PGlite's extended protocol runs one statement per call.
 */
export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string = MIGRATIONS_FOLDER) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of readdirSync(this.folder).filter((name) => name.endsWith('.sql')).sort()) {
      const statements = readFileSync(join(this.folder, file), 'utf8')
        .split(STATEMENT_BREAK)
        .map((statement) => statement.trim())
        .filter((statement) => statement.replace(/--.*$/gm, '').trim().length > 0);
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => {
          // A migration may rebuild a large table or index; the pool's request-sized statement limit does not apply.
          await sql`set local statement_timeout = 0`.execute(db);
          for (const statement of statements) await sql.raw(statement).execute(db);
        },
      };
    }
    return migrations;
  }
}

export interface MigrationReport {
  readonly applied: string[];
}

export async function migrateToLatest(db: Kysely<unknown>, folder: string = MIGRATIONS_FOLDER): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider(folder) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}
