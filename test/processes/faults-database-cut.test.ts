import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { backgroundWork } from '../../apps/api/src/background.ts';
import { createPlatform, inProcessPlatformOptions } from '../../apps/api/src/platform.ts';
import { newCallStats, runScenarioLoops, seedFromEnv, seededRandom, sleep } from './faults-client.ts';
import { checkInvariants, waitForOutboxDrained } from './faults-invariants.ts';
import { startCuttableProxy, type CuttableProxy } from './faults-proxy.ts';
import { newAcknowledged, prepareWorkload, runScenario, type WorkloadContext } from './faults-workload.ts';
import { prepareDeployment, startApiProcess, startWorkerProcess, type ManagedProcess, type SharedDeployment } from './process-harness.ts';

/**
 * The database goes away under a running API and worker (a TCP proxy between them and PostgreSQL is
 * cut for a few seconds) and comes back: meanwhile the API answers 503 `service_unavailable` quickly
 * (not 500, not a hang), /readyz says 503 and /healthz 200; afterwards both processes carry on by
 * themselves, with no restart.
 */
const CUT_MS = 4_000;
const SEED = seedFromEnv();
/** A request during the cut must answer within this; a hang would be the bug (the pool waits 5 s at most). */
const ANSWER_BOUND_MS = 15_000;

let deployment: SharedDeployment;
let proxy: CuttableProxy;
let api: ManagedProcess;
let worker: ManagedProcess;
const query = async (text: string, values?: unknown[]) => (await deployment.database.executeSql(text, values)).rows as Record<string, unknown>[];

beforeAll(async () => {
  deployment = await prepareDeployment();
  proxy = await startCuttableProxy(deployment.databaseUrl);
  const env = { DATABASE_URL: proxy.url };
  [api, worker] = await Promise.all([startApiProcess(deployment, { env }), startWorkerProcess(deployment, { env: { ...env, WORKER_POLL_INTERVAL_MS: '200' } })]);
}, 180_000);

afterAll(async () => {
  await proxy?.restore();
  await Promise.all([api?.stop(), worker?.stop()]);
  await proxy?.close();
  await deployment?.destroy();
});

/** One request without retries, bounded in time: a hang fails the test instead of stalling it. */
async function once(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(ANSWER_BOUND_MS),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('database cut', () => {
  let context: WorkloadContext;

  it('answers 503 service_unavailable while the database is away, and recovers by itself', async () => {
    const stats = newCallStats();
    context = await prepareWorkload(api.baseUrl, deployment.env.SANDBOX_PAYMENT_SECRET!, query, stats).catch((error: Error) => {
      throw new Error(`${error.message}\n${api.output().slice(-3_000)}`);
    });
    const checkoutBody = { items: [{ skuId: context.goodsSkuIds[0], quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: { recipientName: '断库测试', phone: '13500009999', province: '上海市', city: '上海市', district: '黄浦区', detail: '测试路 断库' } };
    expect((await once('GET', '/readyz')).status).toBe(200);

    // Shoppers keep going through the cut (retrying as clients do), so it also lands mid-transaction.
    const loadAcknowledged = newAcknowledged();
    const load = runScenarioLoops(2, CUT_MS + 4_000, seededRandom(SEED), (client, iteration, clientRandom) =>
      runScenario({ ...context, retryForMs: 10_000 }, loadAcknowledged, clientRandom, client + 2, `cut${SEED}-c${client}-${iteration}`),
    );
    await sleep(1_000);
    await proxy.cut();
    try {
      await sleep(300);
      const answers = {
        checkout: await once('POST', '/shop/orders', context.buyerTokens[1], checkoutBody),
        orders: await once('GET', '/shop/orders', context.buyerTokens[1]),
        home: await once('GET', '/shop/home'),
        console: await once('GET', '/admin/after-sales', context.supplierToken),
        readyz: await once('GET', '/readyz'),
      };
      for (const [name, answer] of Object.entries(answers)) {
        expect({ name, status: answer.status, code: answer.body?.error?.code }).toEqual({ name, status: 503, code: 'service_unavailable' });
        expect(answer.body.error.message).toEqual(expect.any(String));
      }
      expect((await once('GET', '/healthz')).status).toBe(200);
      await sleep(CUT_MS);
      expect(api.running(), api.output().slice(-3_000)).toBe(true);
      expect(worker.running(), worker.output().slice(-3_000)).toBe(true);
    } finally {
      await proxy.restore();
    }

    // Recovery with no restart: the pool reconnects on the next request, the worker on its next pass.
    await expect.poll(async () => (await once('GET', '/readyz')).status, { timeout: 20_000, interval: 250 }).toBe(200);
    const acknowledged = newAcknowledged();
    await runScenario(context, acknowledged, () => 0.5, 1, 'database-cut-after');
    expect(acknowledged.orders.size).toBe(1);
    expect(acknowledged.payments.size).toBe(1);
    const [orderId] = [...acknowledged.orders.keys()];
    await load;
    expect(await waitForOutboxDrained(query, 60_000), worker.output().slice(-3_000)).toBe(true);
    const delivered = await query(
      `select count(*)::int as n from outbox_deliveries d join outbox_events e on e.id = d.event_id
        where e.type = 'order.paid' and e.aggregate_id = $1 and d.status = 'delivered'`,
      [orderId],
    );
    expect(delivered[0]!.n).toBeGreaterThan(0);
    for (const [id, order] of loadAcknowledged.orders) acknowledged.orders.set(id, order);
    for (const [id, payment] of loadAcknowledged.payments) acknowledged.payments.set(id, payment);
    for (const [id, refund] of loadAcknowledged.refunds) acknowledged.refunds.set(id, refund);
    const platform = createPlatform(deployment.database, inProcessPlatformOptions(Buffer.from(deployment.env.PII_ENCRYPTION_KEY!, 'base64')));
    const report = await checkInvariants(query, deployment.database.db, acknowledged, backgroundWork(platform, pino({ level: 'warn' })).subscribers);
    console.log(`database cut: seed ${SEED}; ${stats.tried} requests tried, ${stats.acknowledged} acknowledged; ${report.checked.length} invariants checked, ${report.violations.length} violated`);
    expect(report.violations, `seed ${SEED}`).toEqual([]);
    // Requests caught by the cut mid-transaction answered 503 and their retries went through: no 5xx is left.
    expect([...stats.statuses].filter(([status]) => status >= 500), api.output().slice(-3_000)).toEqual([]);
    expect(api.running() && worker.running()).toBe(true);
    expect(`${api.output()}\n${worker.output()}`).not.toMatch(/uncaught|unhandled 'error'|unhandledRejection/i);
  }, 150_000);
});
