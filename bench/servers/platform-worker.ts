import { warningsToConsoleLogger } from '@linkmall/events';
import { startWorker } from '@linkmall/worker';
import { backgroundWork } from '../../apps/api/src/background.ts';
import { openBenchPlatform } from './bench-platform.ts';

// The worker (outbox subscribers and scheduled jobs) in its own process, as `npm run worker` runs
// next to the API on a PostgreSQL server: WORKER_CONCURRENCY delivery loops, 4 by default.
// BENCH_WORKER_POLL_MS keeps the idle poll short, so a gap between orders does not hide in a rate.
const { database, platform } = await openBenchPlatform();
const logger = warningsToConsoleLogger;
const worker = await startWorker({
  database,
  ...backgroundWork(platform, logger),
  clock: platform.clock,
  logger,
  pollIntervalMs: Number(process.env.BENCH_WORKER_POLL_MS ?? 1_000),
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
});
process.send?.({ port: 0 });
process.on('SIGTERM', () => {
  void (async () => {
    await worker.stop();
    await database.close();
    process.exit(0);
  })();
});
