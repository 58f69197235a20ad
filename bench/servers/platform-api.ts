import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { openDatabase } from '@linkmall/db';
import { createApp } from '../../apps/api/src/create-app.ts';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';

// The platform's real HTTP stack (request context, security headers, error model) on a PostgreSQL server.
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 4);
const database = await openDatabase({ driver: 'postgres', url: process.env.BENCH_TARGET_DATABASE_URL!, poolSize });
const piiKey = process.env.BENCH_PII_KEY ? Buffer.from(process.env.BENCH_PII_KEY, 'base64') : randomBytes(32);
const sandboxSecret = process.env.BENCH_SANDBOX_SECRET;
const platform = createPlatform(
  database,
  inProcessPlatformOptions(piiKey, sandboxSecret ? { payment: { provider: 'sandbox', sandboxSecret } } : {}),
);
const app = createApp(platform);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }));
process.on('SIGTERM', () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
