import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { createPlatform, inProcessPlatformOptions } from '../apps/api/src/platform.ts';
import { seedDemo } from '../apps/api/src/demo-seed.ts';
import { startServer } from './load.ts';

export const POOL_SIZE = 8;
export const CONCURRENCY = 16;

export interface CommerceFixture {
  readonly database: TestDatabase;
  readonly baseUrl: string;
  /** The server process, e.g. to read its CPU time. */
  readonly serverPid: number;
  readonly sandboxSecret: string;
  readonly piiKey: Buffer;
  readonly buyerTokens: string[];
  /** Stops the server and worker processes only (the database stays), e.g. before measuring in process. */
  stopServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface CommerceFixtureOptions {
  /** Also run the outbox worker, in a process of its own as on a server, polling this often. */
  readonly workerPollMs?: number;
}

/**
 * A seeded platform on its own PostgreSQL database, served by a child process with a pool of
 * POOL_SIZE connections (and, if asked, the worker in another with a pool of its own), plus
 * `extraSkus` more SKUs with plenty of stock and signed-in buyers.
 */
export async function startCommerceFixture(extraSkus: number, options: CommerceFixtureOptions = {}): Promise<CommerceFixture> {
  const database = await createTestDatabase({ poolSize: POOL_SIZE });
  if (!database.url) throw new Error('commerce benchmarks need a PostgreSQL server (BENCH_DATABASE_URL or the local server)');
  const piiKey = randomBytes(32);
  const sandboxSecret = randomBytes(32).toString('base64url');
  await seedDemo(createPlatform(database, inProcessPlatformOptions(piiKey)));
  if (extraSkus > 0) {
    // Spread the extra SKUs over the on-sale demo products, each with a valid price band and deep stock.
    await database.executeSql(
      `insert into skus (id, product_id, supplier_id, sku_code, position, specs, supply_price_fen, min_retail_price_fen,
                         suggested_retail_price_fen, max_retail_price_fen, stock, weight_grams, created_at, updated_at)
       select 'sku_bench' || lpad(n::text, 19, '0'), p.id, p.supplier_id, 'BENCH-' || n, 100 + n, ('[{"name":"批次","value":"' || n || '"}]')::jsonb,
              1000, 1500, 1990, 3000, 1000000, 100, now(), now()
       from generate_series(1, $1::int) as n
       join lateral (select id, supplier_id from products where status = 'on_sale' order by id offset (n % 12) limit 1) p on true`,
      [extraSkus],
    );
  }
  const env = { BENCH_TARGET_DATABASE_URL: database.url, BENCH_POOL_SIZE: String(POOL_SIZE), BENCH_PII_KEY: piiKey.toString('base64'), BENCH_SANDBOX_SECRET: sandboxSecret };
  const server = await startServer('./servers/platform-api.ts', env);
  const worker = options.workerPollMs ? await startServer('./servers/platform-worker.ts', { ...env, BENCH_WORKER_POLL_MS: String(options.workerPollMs) }) : undefined;
  let serverStopped: Promise<void> | undefined;
  const stopServer = () => (serverStopped ??= Promise.all([server.stop(), worker?.stop()]).then(() => undefined));
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const buyerTokens: string[] = [];
  for (const phone of ['13500000001', '13500000002', '13500000003', '13500000004']) {
    const response = await fetch(`${baseUrl}/shop/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password: 'demo1234' }) });
    buyerTokens.push(((await response.json()) as { token: string }).token);
  }
  return {
    database,
    baseUrl,
    serverPid: server.pid,
    sandboxSecret,
    piiKey,
    buyerTokens,
    stopServer,
    async stop() {
      await stopServer();
      await database.destroy();
    },
  };
}

/** Runs `work` from `concurrency` loops until `durationMs` has passed; returns how many iterations succeeded. */
export async function runFor(durationMs: number, concurrency: number, work: (worker: number, iteration: number) => Promise<boolean>): Promise<number> {
  const deadline = performance.now() + durationMs;
  let succeeded = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let iteration = 0; performance.now() < deadline; iteration++) if (await work(worker, iteration)) succeeded++;
    }),
  );
  return succeeded;
}

/**
 * The load generator's HTTP client: node:http with keep-alive connections. It is several times
 * cheaper per request than fetch, and the generator shares the machine's cores with the server.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

export async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await post(url, { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, JSON.stringify(body));
  return { status: response.status, body: response.text ? JSON.parse(response.text) : null };
}
