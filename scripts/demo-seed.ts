import { migrateToLatest, openDatabase, withoutStatementLimit } from '@linkmall/db';
import { configFromEnv } from '../apps/api/src/config.ts';
import { createPlatform } from '../apps/api/src/platform.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../apps/api/src/demo-seed.ts';
import { seedDemoAnalytics } from '../apps/api/src/analytics-demo.ts';

const config = configFromEnv();
const database = await openDatabase(withoutStatementLimit(config.database));
try {
  await migrateToLatest(database.db);
  const platform = createPlatform(database, config);
  const created = await seedDemo(platform);
  // Marketing activity for the analytics dashboard (orders, card visits, spend), through the real endpoints.
  if (created) await seedDemoAnalytics(platform);
  console.log(created ? '演示数据已创建 Demo data created.' : '演示数据已存在，未做改动 Demo data already present; nothing changed.');
  console.log(`\n演示账号 Demo logins (密码 password: ${DEMO_PASSWORD})`);
  for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(15)} ${login.phone}  ${login.name}`);
} finally {
  await database.close();
}
