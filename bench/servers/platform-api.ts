import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { openDatabase } from '@linkmall/db';
import { warningsToConsoleLogger } from '@linkmall/events';
import { startWorker, type RunningWorker } from '@linkmall/worker';
import { backgroundWork } from '../../apps/api/src/background.ts';
import { createApp } from '../../apps/api/src/create-app.ts';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';

// The platform's real HTTP stack (request context, security headers, error model) on a PostgreSQL server.
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 4);
const database = await openDatabase({ driver: 'postgres', url: process.env.BENCH_TARGET_DATABASE_URL!, poolSize });
const piiKey = process.env.BENCH_PII_KEY ? Buffer.from(process.env.BENCH_PII_KEY, 'base64') : randomBytes(32);
const sandboxSecret = process.env.BENCH_SANDBOX_SECRET;
const platform = createPlatform(
  database,
  inProcessPlatformOptions(piiKey, {
    ...(sandboxSecret ? { payment: { provider: 'sandbox', sandboxSecret } } : {}),
    // BENCH_TRACKING_UNLIMITED=1: the load generator is one address sending for hundreds of visitors.
    ...(process.env.BENCH_TRACKING_UNLIMITED ? { radar: { limits: { perAddress: { capacity: 1e9, refillPerSecond: 1e9 }, perVisitor: { capacity: 1e9, refillPerSecond: 1e9 } } } } : {}),
  }),
);
const app = createApp(platform);

// BENCH_WORKER_POLL_MS=<ms> also runs the embedded worker (outbox subscribers and scheduled jobs), as
// main.ts does on PGlite, so benchmarks can measure work that happens after `order.paid` commits.
// The short poll keeps an idle gap between orders from hiding in the measurement.
let worker: RunningWorker | undefined;
if (process.env.BENCH_WORKER_POLL_MS) {
  const logger = warningsToConsoleLogger;
  // As `npm run worker` runs on a server: WORKER_CONCURRENCY delivery loops, 4 by default.
  worker = await startWorker({ database, ...backgroundWork(platform, logger), clock: platform.clock, logger, pollIntervalMs: Number(process.env.BENCH_WORKER_POLL_MS), concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4) });
}

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }));
process.on('SIGTERM', () => {
  server.close();
  void (async () => {
    await worker?.stop();
    await database.close();
    process.exit(0);
  })();
});
