import { createTestDatabase } from '@linkmall/testing';
import { measureThroughput, median, startServer } from './load.ts';

/**
 * Throughput of a trivial JSON route (/healthz) through the platform's whole HTTP stack, against the
 * same answer from bare node:http. Rounds alternate between the two so machine noise hits both alike.
 */
export async function run() {
  const database = await createTestDatabase();
  if (!database.url) throw new Error('http-baseline needs a PostgreSQL server (BENCH_DATABASE_URL or the local server)');
  const baselineServer = await startServer('./servers/bare-node.ts');
  const platformServer = await startServer('./servers/platform-api.ts', { BENCH_TARGET_DATABASE_URL: database.url });
  const baseline: number[] = [];
  const platform: number[] = [];
  try {
    await measureThroughput(`http://127.0.0.1:${platformServer.port}/healthz`, { durationSeconds: 1 }); // warm up the JIT
    await measureThroughput(`http://127.0.0.1:${baselineServer.port}/`, { durationSeconds: 1 });
    for (let round = 0; round < 3; round++) {
      baseline.push(await measureThroughput(`http://127.0.0.1:${baselineServer.port}/`));
      platform.push(await measureThroughput(`http://127.0.0.1:${platformServer.port}/healthz`));
      console.error(`round ${round + 1}: node:http ${Math.round(baseline.at(-1)!)} req/s, platform ${Math.round(platform.at(-1)!)} req/s`);
    }
  } finally {
    await Promise.all([baselineServer.stop(), platformServer.stop()]);
    await database.destroy();
  }
  return { value: Math.round(median(platform)), unit: 'req/s', baseline: Math.round(median(baseline)) };
}
