import { serve } from '@hono/node-server';
import pino from 'pino';
import { migrateToLatest, openDatabase } from '@linkmall/db';
import { startWorker, type RunningWorker } from '@linkmall/worker';
import { backgroundWork } from './background.ts';
import { configFromEnv } from './config.ts';
import { createApp } from './create-app.ts';
import { createPlatform } from './platform.ts';
import { openScaleOut } from './scale-wiring.ts';
import { metricsConfigFromEnv } from './metrics-endpoint.ts';
import { warmUpSearch } from '@linkmall/catalog';
import { warmUpAssistant } from '@linkmall/assistant';

const config = configFromEnv();
const metricsConfig = metricsConfigFromEnv();
const logger = pino({ level: config.logLevel, base: { service: 'api' } });

const database = await openDatabase(config.database);
const { applied } = await migrateToLatest(database.db);
if (applied.length > 0) logger.info({ applied }, 'database migrated');

// Several API processes behind a load balancer hear each other's live events and share nonces and counters.
const scaleOut = await openScaleOut(config, database, logger);
const platform = createPlatform(database, { ...config, scaleOut });
const app = createApp(platform, { logger, openApiPartners: config.openApiPartners, bodyLimitBytes: config.bodyLimitBytes, webRoot: config.webRoot, trustProxy: config.trustProxy, corsOrigins: config.corsOrigins, metricsToken: metricsConfig.token });

// Embedded PGlite allows one process per data folder, so the worker runs inside the API there.
let worker: RunningWorker | undefined;
if (config.embeddedWorker) {
  worker = await startWorker({ database, ...backgroundWork(platform, logger), clock: platform.clock, logger, pollIntervalMs: 1_000, concurrency: config.workerConcurrency });
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const base = `http://127.0.0.1:${info.port}`;
  logger.info({ port: info.port, database: database.driver, embeddedWorker: Boolean(worker) }, 'listening');
  // The search dictionary takes a moment to load; do it now rather than on the first shopper's search.
  setImmediate(warmUpSearch);
  setImmediate(warmUpAssistant);
  console.log(
    [
      '',
      `  链商云 LinkMall is running (${database.driver === 'pglite' ? 'embedded PGlite' : 'PostgreSQL server'})`,
      `  运营后台 Console:   ${base}/console/`,
      `  商城 H5 Shop:       ${base}/h5/`,
      `  API 文档 Docs:      ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
      '',
    ].join('\n'),
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  server.close();
  await worker?.stop();
  await scaleOut.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
