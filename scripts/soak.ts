/**
 * `npm run soak`: steady mixed shop traffic for SOAK_SECONDS (default 600) against an API and a worker
 * process on a fresh PostgreSQL database (or against SOAK_BASE_URL), then a report: latency
 * p50/p95/p99 and the RSS of each process in the first and the last window, and the errors.
 * Exits 1 on any 5xx or lost request, or when a process's RSS grew by more than
 * SOAK_MAX_RSS_GROWTH_MB (default 100) between the two windows. Documented in docs/operations-faults.md.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { newCallStats, seedFromEnv, seededRandom, sleep } from '../test/processes/faults-client.ts';
import { newAcknowledged, prepareWorkload, runScenario, type WorkloadContext } from '../test/processes/faults-workload.ts';
import { prepareDeployment, startApiProcess, startWorkerProcess, type ManagedProcess, type SharedDeployment } from '../test/processes/process-harness.ts';

const seconds = positive('SOAK_SECONDS', 600);
const rate = positive('SOAK_RATE', 4);
const maxInFlight = positive('SOAK_MAX_IN_FLIGHT', 32);
const maxRssGrowthMb = positive('SOAK_MAX_RSS_GROWTH_MB', 100);
const seed = seedFromEnv('SOAK_SEED');
// The report compares the first and the last minute; a short run compares its first and last third.
const windowMs = Math.min(60, Math.floor(seconds / 3)) * 1_000;

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

/** Resident memory of a process in MB, from /proc (Linux); null where that is not available. */
function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

interface Target {
  readonly baseUrl: string;
  readonly sandboxSecret: string;
  readonly query: (text: string, values?: unknown[]) => Promise<unknown[]>;
  readonly processes: ManagedProcess[];
  stop(): Promise<void>;
}

/** A fresh seeded database with an API and a worker process, or the running deployment at SOAK_BASE_URL. */
async function startTarget(): Promise<Target> {
  const baseUrl = process.env.SOAK_BASE_URL;
  if (baseUrl) {
    const databaseUrl = process.env.DATABASE_URL;
    const sandboxSecret = process.env.SANDBOX_PAYMENT_SECRET;
    if (!databaseUrl || !sandboxSecret) throw new Error('SOAK_BASE_URL needs that deployment’s DATABASE_URL and SANDBOX_PAYMENT_SECRET (to find SKUs and sign payment notifications)');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    return { baseUrl: baseUrl.replace(/\/$/, ''), sandboxSecret, query: async (text, values) => (await pool.query(text, values)).rows, processes: [], stop: () => pool.end() };
  }
  const deployment: SharedDeployment = await prepareDeployment();
  const api = await startApiProcess(deployment, { name: 'api' });
  const worker = await startWorkerProcess(deployment, { name: 'worker' });
  return {
    baseUrl: api.baseUrl,
    sandboxSecret: deployment.env.SANDBOX_PAYMENT_SECRET!,
    query: async (text, values) => (await deployment.database.executeSql(text, values)).rows,
    processes: [api, worker],
    stop: async () => {
      await Promise.all([api.stop(), worker.stop()]);
      await deployment.destroy();
    },
  };
}

const target = await startTarget();
let failed = false;
try {
  const stats = newCallStats();
  const context: WorkloadContext = { ...(await prepareWorkload(target.baseUrl, target.sandboxSecret, target.query, stats, { strictNetwork: !process.env.SOAK_BASE_URL })), retryForMs: 0 };
  const acknowledged = newAcknowledged();
  const random = seededRandom(seed);
  const rssSamples: { atMs: number; mb: (number | null)[] }[] = [];
  const startedAt = Date.now();
  const endsAt = startedAt + seconds * 1_000;
  console.log(`soak: ${seconds} s at ${rate} shopper visits/s (seed ${seed}) against ${process.env.SOAK_BASE_URL ?? 'a fresh PostgreSQL database, API and worker processes'}`);

  const sampler = setInterval(() => rssSamples.push({ atMs: Date.now(), mb: target.processes.map((managed) => rssMb(managed.pid)) }), 2_000);
  const visitErrors: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let skipped = 0;
  let visits = 0;
  // Open loop: a visit starts every 1/rate s whatever the answers do, so slow answers show as latency.
  for (let next = Date.now(); next < endsAt; next += 1_000 / rate) {
    await sleep(Math.max(0, next - Date.now()));
    if (inFlight.size >= maxInFlight) {
      skipped++;
      continue;
    }
    const visit = visits++;
    const running: Promise<void> = runScenario(context, acknowledged, seededRandom(Math.floor(random() * 4_294_967_296)), visit % context.buyerTokens.length, `soak${seed}-${visit}`)
      .catch((error: unknown) => void visitErrors.push(String(error)))
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.all(inFlight);
  clearInterval(sampler);

  const windows = [
    { name: 'first', from: startedAt, to: startedAt + windowMs },
    { name: 'last', from: endsAt - windowMs, to: endsAt },
  ];
  const names = target.processes.map((managed) => managed.name);
  const rows = windows.map((window) => {
    const latencies = acknowledged.latencies.filter((entry) => entry.atMs >= window.from && entry.atMs < window.to).map((entry) => entry.ms).sort((a, b) => a - b);
    const rss = names.map((_, index) => median(rssSamples.filter((sample) => sample.atMs >= window.from && sample.atMs < window.to).map((sample) => sample.mb[index]).filter((mb): mb is number => mb !== null)));
    return { ...window, requests: latencies.length, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99), rss };
  });
  const fixed = (value: number | null) => (value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(1));
  for (const row of rows) {
    const memory = names.map((name, index) => `${name} RSS ${fixed(row.rss[index] ?? null)} MB`).join(', ');
    console.log(`  ${row.name} ${windowMs / 1_000} s: ${row.requests} requests, latency p50 ${fixed(row.p50)} ms, p95 ${fixed(row.p95)} ms, p99 ${fixed(row.p99)} ms${memory ? `; ${memory}` : ''}`);
  }
  const serverErrors = [...stats.statuses].filter(([status]) => status >= 500 || status === 0).reduce((sum, [, count]) => sum + count, 0);
  const statuses = [...stats.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status === 0 ? 'no answer' : status}: ${count}`).join(', ');
  console.log(`  ${visits} visits (${skipped} skipped at ${maxInFlight} in flight), ${stats.tried} requests (${statuses}); ${acknowledged.orders.size} orders, ${acknowledged.payments.size} payments, ${acknowledged.refunds.size} refunds`);
  console.log(`  errors: ${serverErrors} 5xx or unanswered, ${visitErrors.length} failed visits${visitErrors.length ? ` (e.g. ${visitErrors[0]})` : ''}`);
  // A refusal (4xx) is not a server fault, but in this workload it is unexpected: show the first.
  if (acknowledged.refusals.length > 0) console.log(`  ${acknowledged.refusals.length} refused or failed answers, e.g. ${acknowledged.refusals[0]}`);
  const growth = names.map((name, index) => ({ name, mb: (rows[1]!.rss[index] ?? 0) - (rows[0]!.rss[index] ?? 0) }));
  if (growth.length > 0) console.log(`  RSS growth first → last: ${growth.map((entry) => `${entry.name} ${entry.mb >= 0 ? '+' : ''}${entry.mb.toFixed(1)} MB`).join(', ')} (limit +${maxRssGrowthMb} MB, SOAK_MAX_RSS_GROWTH_MB)`);
  const tooMuchGrowth = growth.filter((entry) => entry.mb > maxRssGrowthMb);
  failed = serverErrors > 0 || visitErrors.length > 0 || tooMuchGrowth.length > 0;
  console.log(failed ? 'SOAK FAILED' : 'soak passed');
} finally {
  await target.stop();
}
process.exit(failed ? 1 : 0);
