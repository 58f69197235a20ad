// `npm run worker`: outbox delivery and scheduled jobs as a process of their own, next to `npm start`.
import pino from 'pino';
import { migrateToLatest, openDatabase } from '@linkmall/db';
import { startWorker } from '@linkmall/worker';
import { backgroundWork } from './background.ts';
import { configFromEnv } from './config.ts';
import { createPlatform } from './platform.ts';
import { openScaleOut } from './scale-wiring.ts';
import { createMetricsRegistry, metricsConfigFromEnv, startMetricsServer } from './metrics-endpoint.ts';

const config = configFromEnv();
const metricsConfig = metricsConfigFromEnv();
const logger = pino({ level: config.logLevel, base: { service: 'worker' } });
if (config.database.driver === 'pglite') {
  logger.warn('No DATABASE_URL: the embedded database allows one process; `npm start` already runs the worker in-process.');
}
// Nightly rebuilds and exports scan whole tables: the worker's statements get minutes, not a request's 30 s.
const workerStatementTimeoutMs = Number(process.env.WORKER_STATEMENT_TIMEOUT_MS ?? 600_000);
if (!Number.isInteger(workerStatementTimeoutMs) || workerStatementTimeoutMs < 0) throw new Error('WORKER_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds (0 for no limit)');
const database = await openDatabase(
  config.database.driver === 'postgres' ? { ...config.database, applicationName: 'linkmall-worker', statementTimeoutMs: workerStatementTimeoutMs } : config.database,
);
await migrateToLatest(database.db);
// Notifications the worker records (CRM automations, digests) reach the streams held by the API processes.
const scaleOut = await openScaleOut(config, database, logger);
const platform = createPlatform(database, { ...config, scaleOut });
const worker = await startWorker({
  database,
  ...backgroundWork(platform, logger),
  clock: platform.clock,
  logger,
  pollIntervalMs: Number(process.env.WORKER_POLL_INTERVAL_MS ?? 1_000),
  concurrency: config.workerConcurrency,
});
logger.info('worker started');
// The worker has no HTTP port of its own: METRICS_PORT gives Prometheus one (process, outbox, queues, pool).
const metricsServer = metricsConfig.port
  ? await startMetricsServer(createMetricsRegistry({ database }), { ...metricsConfig, port: metricsConfig.port })
  : undefined;
if (metricsServer) logger.info({ port: metricsConfig.port, host: metricsConfig.host }, 'metrics listening');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  metricsServer?.close();
  await worker.stop();
  await scaleOut.close();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
