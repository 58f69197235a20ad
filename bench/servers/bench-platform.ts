import { randomBytes } from 'node:crypto';
import { openDatabase } from '@linkmall/db';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';

/**
 * The platform a benchmark's server or worker process runs, configured by the fixture's environment:
 * the target PostgreSQL database and pool size, the PII key and the sandbox payment secret.
 */
export async function openBenchPlatform() {
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
  return { database, platform };
}
