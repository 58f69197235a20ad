import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServerUrl } from '@linkmall/testing';
import { prepareDeployment, startApiProcess, startWorkerProcess, type ManagedProcess, type SharedDeployment } from './process-harness.ts';
import { signPartnerRequest } from '../../apps/api/src/open-routes.ts';
import { call, checkout, finishedJobs, login, openSse, pay, sent, sleep, trackView } from './scale-out-client.ts';
import { rewardViolations, waitForOutboxDrained } from './faults-invariants.ts';
import { redisAnswers } from '@linkmall/events';

/**
 * Scale-out on one PostgreSQL server (docs/scaling.md): two API processes and two workers. A card view
 * sent to API A reaches the owner's stream on API B (LISTEN/NOTIFY, and Redis pub/sub when Redis
 * answers); a mixed load over both APIs keeps every invariant; two workers never run a scheduled job
 * or an outbox delivery twice. No timing is asserted: every wait is bounded and only fails on a hang.
 */

const serverUrl = await testServerUrl();
const REDIS_URL = process.env.SCALE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMITED_STOCK = 6;
const CONSUMERS = ['13500000001', '13500000002', '13500000003', '13500000004'];
const GUIDE = '13600000001';
const PARTNER_ID = 'erp-scale';
const PARTNER_SECRET = 'scale-out-partner-secret-0001';

/** `npm run ledger:verify` against the deployment's database, as an operator would run it. */
function ledgerVerify(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ledger-verify.ts'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!serverUrl)('scale-out: two APIs and two workers on one PostgreSQL', () => {
  let deployment: SharedDeployment;
  let apiA: ManagedProcess;
  let apiB: ManagedProcess;
  let workers: ManagedProcess[] = [];
  const extra: ManagedProcess[] = [];
  let query: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
  let guideToken: string;
  let cardId: string;
  const summary: Record<string, number | string> = {};

  beforeAll(async () => {
    deployment = await prepareDeployment();
    query = async (text, values) => (await deployment.database.executeSql(text, values)).rows as Record<string, unknown>[];
    // Both workers start at once on a fresh deployment: they race to create pg-boss's queues (retried, concurrent-setup.ts).
    [apiA, apiB, ...workers] = await Promise.all([
      startApiProcess(deployment, { name: 'api-A', env: { OPEN_API_PARTNERS: `${PARTNER_ID}:${PARTNER_SECRET}` } }),
      startApiProcess(deployment, { name: 'api-B', env: { OPEN_API_PARTNERS: `${PARTNER_ID}:${PARTNER_SECRET}` } }),
      startWorkerProcess(deployment, { name: 'worker-1' }),
      startWorkerProcess(deployment, { name: 'worker-2' }),
    ]);
    guideToken = await login(apiB.baseUrl, 'shop', GUIDE);
    const guide = await call(apiB.baseUrl, 'GET', '/shop/me', { token: guideToken });
    const [card] = await query("select id from cards where status = 'active' and owner_user_id = $1 order by id limit 1", [guide.body.id ?? guide.body.user?.id]);
    cardId = String(card!.id);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([apiA, apiB, ...workers, ...extra].filter(Boolean).map((managed) => managed.stop()));
    await deployment?.destroy();
  });

  async function liveAcross(viewOn: ManagedProcess, streamOn: ManagedProcess, label: string): Promise<number> {
    const stream = await openSse(`${streamOn.baseUrl}/shop/radar/stream`, guideToken);
    try {
      expect(await stream.next((message) => message.event === 'ready')).not.toBeNull();
      // The stream's process announces its interest over the broadcast; views sent before the
      // announcement arrives are (by design) not carried, so keep viewing until one comes through.
      const visitorId = `scale_${label}_visitor_0001`;
      const deadline = Date.now() + 20_000;
      let views = 0;
      while (Date.now() < deadline) {
        expect(await trackView(viewOn.baseUrl, cardId, visitorId)).toBe(202);
        views++;
        const heard = await stream.next((message) => message.event === 'activity' && message.data.cardId === cardId, 500);
        if (heard) {
          expect(heard.data).toMatchObject({ kind: 'view', cardId });
          return views;
        }
      }
      throw new Error(`${streamOn.name} never heard a view sent to ${viewOn.name}:\n${viewOn.output()}\n${streamOn.output()}`);
    } finally {
      stream.close();
    }
  }

  it('(a) an owner streaming from API B hears a card view sent to API A (PostgreSQL LISTEN/NOTIFY)', async () => {
    summary.liveViewsPg = await liveAcross(apiA, apiB, 'pg');
  }, 60_000);

  it('(b) a mixed load over both APIs keeps stock, payments, rewards, outbox and ledger invariants', async () => {
    const apis = [apiA, apiB];
    const tokens = await Promise.all(CONSUMERS.map((phone, index) => login(apis[index % 2]!.baseUrl, 'shop', phone)));
    const skus = await query("select s.id, s.sku_code from skus s join products p on p.id = s.product_id where p.status = 'on_sale' and s.sku_code like 'LY-%' order by s.sku_code");
    const packageSku = String(skus.find((sku) => String(sku.sku_code).startsWith('LY-PKG'))!.id);
    const goods = skus.filter((sku) => !String(sku.sku_code).startsWith('LY-PKG')).map((sku) => String(sku.id));
    const limitedSku = goods[0]!;
    await query("update skus set stock = 100000 where sku_code like 'LY-%'");
    await query('update skus set stock = $1 where id = $2', [LIMITED_STOCK, limitedSku]);
    const secret = deployment.env.SANDBOX_PAYMENT_SECRET!;
    const paid: string[] = [];
    const payAcross = async (buyer: number, orderId: string, turn: number) => {
      const [first, second] = turn % 2 === 0 ? [apiA, apiB] : [apiB, apiA];
      const outcome = await pay(first.baseUrl, second.baseUrl, first.baseUrl, tokens[buyer]!, orderId, secret);
      expect(outcome.acknowledged).toBe(true);
      paid.push(outcome.paymentId);
    };

    // A small 链动2+1 network first, so paid orders carry reward lines: consumer 0 becomes an agent
    // (gift package), the others bind to its invite code.
    const agentOrder = await checkout(apiA.baseUrl, tokens[0]!, packageSku, 'agent');
    expect(agentOrder.status).toBe(201);
    await payAcross(0, agentOrder.body.id, 0);
    let inviteCode: string | null = null;
    for (const deadline = Date.now() + 30_000; !inviteCode && Date.now() < deadline; await sleep(200)) {
      inviteCode = (await call(apiB.baseUrl, 'GET', '/shop/distribution/me', { token: tokens[0] })).body?.inviteCode ?? null;
    }
    expect(inviteCode).not.toBeNull();
    for (let buyer = 1; buyer < tokens.length; buyer++) {
      expect((await call(apis[buyer % 2]!.baseUrl, 'POST', '/shop/distribution/bind', { token: tokens[buyer], body: { inviteCode } })).status).toBe(200);
    }

    // Concurrent checkouts of the limited SKU, spread over both APIs, with packages, goods and card views mixed in.
    const attempts = 16;
    const limited = await Promise.all(Array.from({ length: attempts }, (_, index) => checkout(apis[index % 2]!.baseUrl, tokens[index % tokens.length]!, limitedSku, `limited-${index}`)));
    const others = await Promise.all(Array.from({ length: 8 }, (_, index) => checkout(apis[(index + 1) % 2]!.baseUrl, tokens[1 + (index % 3)]!, index % 2 === 0 ? packageSku : goods[1 + (index % (goods.length - 1))]!, `mixed-${index}`)));
    const views = await Promise.all(Array.from({ length: 12 }, (_, index) => trackView(apis[index % 2]!.baseUrl, cardId, `scale_load_visitor_${String(index).padStart(4, '0')}`)));
    expect(views.every((status) => status === 202)).toBe(true);
    const sold = limited.filter((answer) => answer.status === 201);
    expect(sold.length).toBe(LIMITED_STOCK);
    expect(limited.every((answer) => answer.status === 201 || (answer.status >= 400 && answer.status < 500))).toBe(true);
    const placed = [
      ...limited.flatMap((answer, index) => (answer.status === 201 ? [{ orderId: String(answer.body.id), buyer: index % tokens.length }] : [])),
      ...others.flatMap((answer, index) => (answer.status === 201 ? [{ orderId: String(answer.body.id), buyer: 1 + (index % 3) }] : [])),
    ];
    expect(placed.length).toBe(LIMITED_STOCK + others.length);
    await Promise.all(placed.map((order, index) => payAcross(order.buyer, order.orderId, index)));

    expect(await waitForOutboxDrained(query, 60_000)).toBe(true);
    const [stock] = await query('select stock from skus where id = $1', [limitedSku]);
    expect(Number(stock!.stock)).toBe(0);
    const [reserved] = await query('select coalesce(sum(quantity), 0)::int as n from order_lines where sku_id = $1', [limitedSku]);
    expect(reserved!.n).toBe(LIMITED_STOCK);
    const payments = await query(
      `select p.id, p.status, o.payment_status,
              (select count(*)::int from payment_notifications n where n.payment_id = p.id and n.outcome = 'applied') as applied,
              (select count(*)::int from payment_notifications n where n.payment_id = p.id and n.outcome = 'duplicate') as duplicates
         from payments p join orders o on o.id = p.order_id where p.id = any($1)`,
      [paid],
    );
    expect(payments.length).toBe(paid.length);
    expect(payments.filter((row) => row.status !== 'succeeded' || row.payment_status !== 'paid' || row.applied !== 1 || row.duplicates !== 1)).toEqual([]);
    const rewards = await rewardProblems(query);
    expect(rewards.problems).toEqual([]);
    expect(rewards.lines).toBeGreaterThan(0);
    const outbox = await outboxProblems(query);
    expect(outbox.problems).toEqual([]);
    const verified = await ledgerVerify(deployment.databaseUrl);
    expect(verified.code, verified.output).toBe(0);
    Object.assign(summary, { orders: placed.length + 1, limitedAttempts: attempts, limitedSold: sold.length, payments: paid.length, rewardLines: rewards.lines, ordersThroughEngine: rewards.processedOrders, deliveries: outbox.deliveries, invariants: 6 });
  }, 150_000);

  it('(b2) a partner request replayed to the other API and a password guessed across both are refused', async () => {
    const timestamp = Date.now();
    const nonce = `scale-nonce-${timestamp}`;
    const path = '/open/v1/ping';
    const headers = { 'x-partner-id': PARTNER_ID, 'x-timestamp': String(timestamp), 'x-nonce': nonce, 'x-signature': signPartnerRequest(PARTNER_SECRET, { method: 'GET', path, timestamp, nonce, body: '' }) };
    expect((await call(apiA.baseUrl, 'GET', path, { headers })).status).toBe(200);
    const replayed = await call(apiB.baseUrl, 'GET', path, { headers });
    expect(replayed.status).toBe(401);
    // Five wrong passwords spread over both APIs lock the phone on both (login_attempts in PostgreSQL).
    const phone = '13800000004';
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await call([apiA, apiB][attempt % 2]!.baseUrl, 'POST', '/admin/auth/login', { body: { phone, password: `wrong-${attempt}` } })).status).toBe(401);
    }
    for (const api of [apiA, apiB]) {
      expect((await call(api.baseUrl, 'POST', '/admin/auth/login', { body: { phone, password: 'demo1234' } })).body.error.code).toBe('login_locked');
    }
    summary.replayRefused = replayed.body.error.code;
  }, 30_000);

  it('(c) two workers: no scheduled job and no outbox delivery ran twice', async () => {
    // Scheduled jobs run at most every minute: wait (bounded) until the workers have run some.
    const ran = () => workers.flatMap((worker) => finishedJobs(worker.output()).map((run) => ({ ...run, worker: worker.name })));
    const redisUp = await redisAnswers(REDIS_URL);
    // Meanwhile, the same live check over Redis pub/sub with two more API processes.
    const redisCase = (async () => {
      if (!redisUp) {
        console.log(`scale-out: Redis case skipped: nothing answers at ${REDIS_URL}`);
        return;
      }
      const redisEnv = { env: { REDIS_URL } };
      const [c, d] = await Promise.all([startApiProcess(deployment, { name: 'api-C-redis', ...redisEnv }), startApiProcess(deployment, { name: 'api-D-redis', ...redisEnv })]);
      extra.push(c, d);
      summary.liveViewsRedis = await liveAcross(c, d, 'redis');
    })();
    for (const deadline = Date.now() + 90_000; ran().length === 0 && Date.now() < deadline; ) await sleep(1_000);
    await redisCase;
    const runs = ran();
    expect(runs.length).toBeGreaterThan(0);
    const byJobId = new Map<string, number>();
    for (const run of runs) byJobId.set(run.jobId, (byJobId.get(run.jobId) ?? 0) + 1);
    expect([...byJobId].filter(([, count]) => count > 1)).toEqual([]);
    // A cron tick is one pg-boss job: the same job name never finishes twice within one minute.
    const byMinute = new Map<string, number>();
    for (const run of runs) byMinute.set(`${run.job}@${Math.floor(run.timeMs / 60_000)}`, (byMinute.get(`${run.job}@${Math.floor(run.timeMs / 60_000)}`) ?? 0) + 1);
    expect([...byMinute].filter(([, count]) => count > 1)).toEqual([]);
    // The Redis processes' card views were published moments ago: let the workers fan them out first.
    expect(await waitForOutboxDrained(query, 60_000)).toBe(true);
    const outbox = await outboxProblems(query);
    expect(outbox.problems).toEqual([]);
    summary.jobRuns = runs.length;
    summary.jobRunsPerWorker = workers.map((worker) => runs.filter((run) => run.worker === worker.name).length).join('/');
    summary.requestsA = sent.get(apiA.baseUrl) ?? 0;
    summary.requestsB = sent.get(apiB.baseUrl) ?? 0;
    console.log(`scale-out: ${Object.entries(summary).map(([key, value]) => `${key}=${value}`).join(' ')}`);
  }, 150_000);
});

/** Reward lines neither lost nor doubled (the fault suite's check), and how many there were. */
async function rewardProblems(query: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>) {
  const [counts] = await query(
    `select (select count(*)::int from distribution_processed_events where event_type = 'order.paid') as processed,
            (select count(*)::int from distribution_reward_lines) as lines`,
  );
  return { lines: Number(counts!.lines), processedOrders: Number(counts!.processed), problems: await rewardViolations(query) };
}

/** Every event fanned out, every delivery delivered, one row per (event, subscriber), each claimed once. */
async function outboxProblems(query: (text: string, values?: unknown[]) => Promise<Record<string, unknown>[]>) {
  const [state] = await query(
    `select (select count(*)::int from outbox_events where dispatched_at is null) as undispatched,
            (select count(*)::int from outbox_deliveries where status <> 'delivered') as undelivered,
            (select count(*)::int from outbox_deliveries where attempts <> 1) as retried,
            (select count(*)::int from outbox_deliveries) as deliveries,
            (select count(*)::int from (select event_id, subscriber from outbox_deliveries group by 1, 2 having count(*) > 1) d) as doubled`,
  );
  const problems = [];
  if (state!.undispatched !== 0) problems.push(`${state!.undispatched} events not fanned out`);
  if (state!.undelivered !== 0) problems.push(`${state!.undelivered} deliveries not delivered`);
  if (state!.doubled !== 0) problems.push(`${state!.doubled} (event, subscriber) pairs delivered twice`);
  // A delivery claimed by both workers would show a second attempt: claims are FOR UPDATE SKIP LOCKED.
  if (state!.retried !== 0) problems.push(`${state!.retried} deliveries took more than one attempt: ${JSON.stringify(await query("select subscriber, attempts, last_error from outbox_deliveries where attempts <> 1 limit 3"))}`);
  return { deliveries: Number(state!.deliveries), problems };
}
