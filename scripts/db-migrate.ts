import { migrateToLatest, openDatabase, databaseConfigFromEnv } from '@linkmall/db';

const config = databaseConfigFromEnv();
const database = await openDatabase(config);
try {
  const { applied } = await migrateToLatest(database.db);
  const target = config.driver === 'postgres' ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  console.log(applied.length ? `Applied ${applied.join(', ')} to ${target}` : `${target} is up to date`);
} finally {
  await database.close();
}
