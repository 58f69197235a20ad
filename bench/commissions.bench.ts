import { inTransaction } from '@linkmall/db';
import type { TestDatabase } from '@linkmall/testing';
import { systemClock, systemContext } from '@linkmall/kernel';
import { verifyLedger } from '@linkmall/ledger';
import { SANDBOX_DEFAULT_MERCHANT_ID, signSandboxNotification } from '@linkmall/provider-sandbox-payment';
import { createPlatform, inProcessPlatformOptions } from '../apps/api/src/platform.ts';
import { CONCURRENCY, postJson, startCommerceFixture, type CommerceFixture } from './commerce-fixture.ts';
import { median } from './load.ts';

/** Package orders timed per phase: the same count with distribution off and on. */
const ORDERS_PER_PHASE = 200;
/**
 * Untimed package orders just before each timed phase, in the same mode: the worker's code paths
 * (the engine's reward rules and ledger postings only run with distribution on) are compiled before
 * the clock starts, so neither phase pays the other's warm-up.
 */
const PHASE_WARM_UP_ORDERS = 20;
/** Root bosses the buyers are bound to (a handful, so the per-referrer serialisation is exercised). */
const REFERRERS = 6;
/** The embedded worker's idle poll: short, so idle gaps between orders do not hide in the rates. */
const WORKER_POLL_MS = 20;
const DRAIN_TIMEOUT_MS = 150_000;
/** Orders timed on each tree size, after WARM_UP_ORDERS untimed ones. */
const SCALING_BATCH = 200;
const WARM_UP_ORDERS = 20;
const address = { recipientName: '林小雨', phone: '13512345678', province: '上海市', city: '上海市', district: '黄浦区', detail: '南京东路 300 号' };

const log = (message: string) => console.error(`commissions: ${message}`);

/**
 * 链动2+1 commissions under load, in two parts.
 *
 * 1. Paid package orders per second over HTTP (checkout, payment, signed sandbox notification) by
 *    distinct buyers bound to a handful of root bosses, with the worker (its own process, as on a
 *    server) delivering `order.paid` to the commission subscribers. Phase A runs with no active
 *    profile (the engine's subscriber runs and finds nothing to pay), phase B with the profile
 *    active; each is preceded by untimed warm-up orders in its mode. Each rate counts an order once
 *    the outbox has drained, and in B only once its reward lines exist. value = B, baseline = A.
 *    Afterwards every B order must have its lines and the ledger must verify.
 * 2. The engine's cost per package order in process (no HTTP) on a tree of 10,000 and of 1,000,000
 *    members, bulk-inserted with generate_series, to show whether the cost depends on the tree size.
 */
export async function run() {
  const fixture = await startCommerceFixture(0, { workerPollMs: WORKER_POLL_MS });
  try {
    const database = fixture.database;
    const pkg = (await sqlRows<{ id: string; product_id: string }>(database, "select id, product_id from skus where sku_code = 'LY-PKG-1'"))[0];
    if (!pkg) throw new Error('the demo seed has no gift package SKU LY-PKG-1');
    await sqlRows(database, 'update skus set stock = 1000000 where id = $1', [pkg.id]);
    const profileId = (await sqlRows<{ id: string }>(database, "select id from distribution_profiles where status = 'active'"))[0]?.id;
    if (!profileId) throw new Error('the demo seed has no active distribution profile');

    // The referrers buy the package with no referrer of their own: root bosses (noReferrerRole).
    const referrerTokens = await signInAll(fixture, Array.from({ length: REFERRERS }, (_, n) => `bench-referrer-${n}`));
    await forEachConcurrently(referrerTokens, REFERRERS, async (token) => void (await buyPackage(fixture, pkg.id, token)));
    await waitForDrain(database);
    const inviteCodes: string[] = [];
    for (const token of referrerTokens) {
      const me = await getJson(`${fixture.baseUrl}/shop/distribution/me`, token);
      if (me.member?.role !== 'BOSS' || !me.inviteCode) throw new Error(`a referrer is not a boss after buying the package: ${JSON.stringify(me.member)}`);
      inviteCodes.push(me.inviteCode as string);
    }
    log(`${REFERRERS} referrers are root bosses`);

    // Distinct buyers for both phases, each bound (锁粉) to one of the referrers before any order.
    const perPhase = PHASE_WARM_UP_ORDERS + ORDERS_PER_PHASE;
    const buyers = await signInAll(fixture, Array.from({ length: 2 * perPhase }, (_, n) => `bench-buyer-${n}`));
    await forEachConcurrently(buyers, CONCURRENCY, async (token, index) => {
      const bound = await postJson(`${fixture.baseUrl}/shop/distribution/bind`, { inviteCode: inviteCodes[index % REFERRERS] }, token);
      if (bound.status !== 200) throw new Error(`binding answered ${bound.status}: ${JSON.stringify(bound.body)}`);
    });
    const setupDrainStarted = performance.now();
    await waitForDrain(database);
    log(`${buyers.length} buyers signed in and bound; their sign-up events drained in ${seconds(performance.now() - setupDrainStarted)} s`);

    // Phase A: distribution off. Retiring the active profile is what an operator switching it off does.
    await sqlRows(database, "update distribution_profiles set status = 'retired', retired_at = now() where id = $1", [profileId]);
    await warmUp(fixture, pkg.id, buyers.slice(0, PHASE_WARM_UP_ORDERS));
    const phaseA = await timedPhase(fixture, pkg.id, buyers.slice(PHASE_WARM_UP_ORDERS, perPhase));
    const linesA = await rewardLinesOf(database, phaseA.orderIds);
    if (linesA.orders !== 0) throw new Error(`${linesA.orders} orders got reward lines with distribution off`);
    log(`phase A (distribution off): ${ORDERS_PER_PHASE} package orders paid and drained in ${seconds(phaseA.elapsedMs)} s = ${round(phaseA.rate)} orders/s`);

    // Phase B: the same orders with the profile active again.
    await sqlRows(database, "update distribution_profiles set status = 'active', retired_at = null where id = $1", [profileId]);
    await warmUp(fixture, pkg.id, buyers.slice(perPhase, perPhase + PHASE_WARM_UP_ORDERS));
    const phaseB = await timedPhase(fixture, pkg.id, buyers.slice(perPhase + PHASE_WARM_UP_ORDERS));
    const linesB = await rewardLinesOf(database, phaseB.orderIds);
    if (linesB.orders !== ORDERS_PER_PHASE) throw new Error(`only ${linesB.orders} of ${ORDERS_PER_PHASE} orders got reward lines`);
    const outcomes = await sqlRows<{ outcome: string; n: number }>(database, "select outcome, count(*)::int as n from distribution_processed_events where order_id = any($1::text[]) group by outcome", [phaseB.orderIds]);
    if (outcomes.length !== 1 || outcomes[0]!.outcome !== 'package' || outcomes[0]!.n !== ORDERS_PER_PHASE) throw new Error(`unexpected engine outcomes: ${JSON.stringify(outcomes)}`);
    log(`phase B (distribution on): ${ORDERS_PER_PHASE} package orders paid, drained and rewarded in ${seconds(phaseB.elapsedMs)} s = ${round(phaseB.rate)} orders/s; ${linesB.lines} reward lines`);
    await fixture.stopServer();
    const ledger = await verifyLedger(database.db);
    const violations = ledger.checks.reduce((sum, check) => sum + check.violations.length, 0);
    if (!ledger.ok) throw new Error(`ledger verification failed: ${JSON.stringify(ledger.checks.filter((check) => !check.ok))}`);
    log(`ledger verified: ${ledger.counts.transfers} transfers, ${violations} violations`);

    const scaling = await measureScaling(fixture, pkg.product_id);

    return {
      value: round(phaseB.rate),
      unit: 'paid package orders/s with rewards',
      baseline: round(phaseA.rate),
      ordersPerPhase: ORDERS_PER_PHASE,
      rewardLines: linesB.lines,
      ledgerViolations: violations,
      costPerOrderMs: scaling,
      costRatio1MTo10k: round(scaling.members1M / scaling.members10k, 100),
    };
  } finally {
    await fixture.stop();
  }
}

interface PhaseResult {
  readonly orderIds: string[];
  readonly elapsedMs: number;
  readonly deliveries: number;
  readonly rate: number;
}

/** Untimed orders in the coming phase's mode, drained before the phase starts. */
async function warmUp(fixture: CommerceFixture, skuId: string, buyers: readonly string[]): Promise<void> {
  await forEachConcurrently(buyers, CONCURRENCY, async (token) => void (await buyPackage(fixture, skuId, token)));
  await waitForDrain(fixture.database);
}

/** Each buyer buys the package once, CONCURRENCY at a time; the clock stops when the outbox has drained. */
async function timedPhase(fixture: CommerceFixture, skuId: string, buyers: readonly string[]): Promise<PhaseResult> {
  const delivered = async () => (await sqlRows<{ n: number }>(fixture.database, "select count(*)::int as n from outbox_deliveries where status = 'delivered'"))[0]!.n;
  const deliveredBefore = await delivered();
  const started = performance.now();
  const orderIds: string[] = [];
  await forEachConcurrently(buyers, CONCURRENCY, async (token) => {
    orderIds.push(await buyPackage(fixture, skuId, token));
  });
  const paidMs = performance.now() - started;
  await waitForDrain(fixture.database);
  const elapsedMs = performance.now() - started;
  const deliveries = (await delivered()) - deliveredBefore;
  log(`  ${buyers.length} orders paid over HTTP in ${seconds(paidMs)} s; outbox drained after ${seconds(elapsedMs)} s (${deliveries} deliveries, ${round(deliveries / (elapsedMs / 1000))}/s)`);
  return { orderIds, elapsedMs, deliveries, rate: buyers.length / (elapsedMs / 1000) };
}

/** Checkout, start of payment and the provider's signed notification, as in orders.bench.ts. */
async function buyPackage(fixture: CommerceFixture, skuId: string, token: string): Promise<string> {
  const order = await postJson(`${fixture.baseUrl}/shop/orders`, { items: [{ skuId, quantity: 1 }], deliveryMethod: 'delivery', shippingAddress: address }, token);
  if (order.status !== 201) throw new Error(`checkout answered ${order.status}: ${JSON.stringify(order.body)}`);
  const payment = await postJson(`${fixture.baseUrl}/shop/orders/${order.body.id}/pay`, {}, token);
  if (payment.status !== 200) throw new Error(`pay answered ${payment.status}: ${JSON.stringify(payment.body)}`);
  const notification = signSandboxNotification({
    secret: fixture.sandboxSecret,
    now: new Date(),
    notification: { kind: 'payment', paymentId: payment.body.paymentId, providerTransactionId: `bench-${payment.body.paymentId}`, amountFen: BigInt(payment.body.amountFen), merchantId: SANDBOX_DEFAULT_MERCHANT_ID, succeeded: true, paidAt: new Date() },
  });
  const notified = await fetch(`${fixture.baseUrl}/open/payments/sandbox/notify`, { method: 'POST', headers: notification.headers, body: notification.body });
  if (!notified.ok) throw new Error(`the payment notification answered ${notified.status}`);
  return order.body.id as string;
}

/** Waits until every outbox event is fanned out and no delivery is pending; a dead delivery is a failure. */
async function waitForDrain(database: TestDatabase): Promise<void> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  let nextReport = performance.now() + 10_000;
  for (;;) {
    const [state] = await sqlRows<{ undispatched: number; pending: number; dead: number }>(
      database,
      `select (select count(*)::int from outbox_events where dispatched_at is null) as undispatched,
              (select count(*)::int from outbox_deliveries where status = 'pending') as pending,
              (select count(*)::int from outbox_deliveries where status = 'dead') as dead`,
    );
    if (state!.dead > 0) {
      const dead = await sqlRows(database, "select subscriber, last_error from outbox_deliveries where status = 'dead' limit 3");
      throw new Error(`outbox deliveries died: ${JSON.stringify(dead)}`);
    }
    if (state!.undispatched === 0 && state!.pending === 0) return;
    if (performance.now() > deadline) {
      const stuck = await sqlRows(database, "select subscriber, attempts, last_error from outbox_deliveries where status = 'pending' limit 3");
      throw new Error(`the outbox did not drain within ${DRAIN_TIMEOUT_MS} ms: ${JSON.stringify({ ...state, stuck })}`);
    }
    if (performance.now() > nextReport) {
      nextReport += 10_000;
      const head = await sqlRows(database, "select d.subscriber, e.type, d.attempts, d.next_attempt_at, d.last_error from outbox_deliveries d join outbox_events e on e.id = d.event_id where d.status = 'pending' order by e.position limit 2");
      log(`  waiting for the outbox: ${JSON.stringify(state)}, next: ${JSON.stringify(head)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function rewardLinesOf(database: TestDatabase, orderIds: readonly string[]): Promise<{ orders: number; lines: number }> {
  const [row] = await sqlRows<{ orders: number; lines: number }>(database, 'select count(distinct order_id)::int as orders, count(*)::int as lines from distribution_reward_lines where order_id = any($1::text[])', [orderIds]);
  return row!;
}

/**
 * The engine in process on two trees, 10,000 and then 1,000,000 members (the second added next to the
 * first): the same batch of package orders, processed one at a time as the worker does, each in its
 * own transaction. Returns the mean cost per order in ms on each.
 */
async function measureScaling(fixture: CommerceFixture, packageProductId: string): Promise<{ members10k: number; members1M: number; median10k: number; median1M: number }> {
  const database = fixture.database;
  const platform = createPlatform(fixture.database, inProcessPlatformOptions(fixture.piiKey));
  const ctx = systemContext(systemClock, 'bench-commissions');
  const measure = async (prefix: string, members: number) => {
    const started = performance.now();
    const buyers = await insertTree(database, prefix, members);
    log(`inserted a tree of ${members.toLocaleString('en')} members in ${seconds(performance.now() - started)} s`);
    const costs: number[] = [];
    for (const [index, buyer] of buyers.entries()) {
      const orderStarted = performance.now();
      const outcome = await inTransaction(database.db, (tx) =>
        platform.distribution.commerce.orderPaid(tx, ctx, { orderId: `${prefix}ord${index}`, buyerUserId: buyer, payableFen: 39_900n, productIds: [packageProductId], paidAt: new Date() }),
      );
      if (outcome !== 'package') throw new Error(`order ${index} on the ${members}-member tree: ${outcome}`);
      if (index >= WARM_UP_ORDERS) costs.push(performance.now() - orderStarted);
    }
    const mean = costs.reduce((sum, cost) => sum + cost, 0) / costs.length;
    log(`${members.toLocaleString('en')} members: ${round(mean, 100)} ms per package order (median ${round(median(costs), 100)} ms) over ${costs.length} orders`);
    return { mean, median: median(costs) };
  };
  const small = await measure('bs', 10_000);
  const large = await measure('bl', 1_000_000);
  return { members10k: round(small.mean, 100), members1M: round(large.mean, 100), median10k: round(small.median, 100), median1M: round(large.median, 100) };
}

/**
 * Inserts a consistent 链动2+1 tree of `members` members under `prefix`: a tenth are bosses in a 4-ary
 * referral tree (each boss's peer upline is the boss who referred it: fan-out), and each boss has
 * three chains of three agents (an agent referred by an agent slid into the same boss's team and
 * holds its one referral as a contribution slot: chains). Then adds the batch's buyers, bound (as
 * 锁粉 leaves them) to the chain-end agents of the deepest bosses: two buyers per agent, so the
 * second order upgrades that agent to boss with a break-away. Returns the buyers in order: the
 * warm-up ones first, on their own agents.
 */
async function insertTree(database: TestDatabase, prefix: string, members: number): Promise<string[]> {
  const bosses = members / 10;
  const code = prefix.toUpperCase().slice(-1);
  await sqlRows(
    database,
    `insert into distribution_members (member_id, role, referrer_id, team_boss_id, peer_upline_id, left_team_boss_id, contribution_slots,
                                       package_order_id, upgrade_order_id, active_referral_count, flags, invite_code, created_at, updated_at)
     select $1::text || 'b' || j, 'BOSS', parent, null, parent, parent,
            case when 4 * (j - 1) + 3 <= $2::int then jsonb_build_array($1::text || 'b' || (4 * (j - 1) + 2), $1::text || 'b' || (4 * (j - 1) + 3)) else '[]'::jsonb end,
            $1::text || 'p' || j, case when j > 1 then $1::text || 'u' || j end,
            3 + greatest(0, least(4, $2::int - 4 * (j - 1) - 1)), '[]', $3::text || 'B' || lpad(j::text, 9, '0'), now(), now()
     from generate_series(1, $2::int) as j
     cross join lateral (select case when j > 1 then $1::text || 'b' || ((j - 2) / 4 + 1) end as parent) p`,
    [prefix, bosses, code],
  );
  await sqlRows(
    database,
    `insert into distribution_members (member_id, role, referrer_id, team_boss_id, peer_upline_id, left_team_boss_id, contribution_slots,
                                       package_order_id, upgrade_order_id, active_referral_count, flags, invite_code, created_at, updated_at)
     select $1::text || 'a' || j || '_' || c || '_' || d, 'AGENT',
            case when d = 1 then $1::text || 'b' || j else $1::text || 'a' || j || '_' || c || '_' || (d - 1) end,
            $1::text || 'b' || j, null, null,
            case when d < 3 then jsonb_build_array($1::text || 'a' || j || '_' || c || '_' || (d + 1)) else '[]'::jsonb end,
            $1::text || 'p' || j || '_' || c || '_' || d, null, case when d < 3 then 1 else 0 end, '[]',
            $3::text || 'A' || lpad(((j - 1) * 9 + (c - 1) * 3 + d)::text, 10, '0'), now(), now()
     from generate_series(1, $2::int) as j, generate_series(1, 3) as c, generate_series(1, 3) as d`,
    [prefix, bosses, code],
  );
  // Warm-up buyers hang under chain 2 of the deepest bosses, timed buyers under chain 1, so every
  // timed order finds its referrer as the timed batch expects (an agent with 0 or 1 slots).
  const timedReferrers = SCALING_BATCH / 2;
  await sqlRows(
    database,
    `insert into distribution_members (member_id, role, referrer_id, contribution_slots, active_referral_count, flags, invite_code, created_at, updated_at)
     select $1::text || 'n' || k, 'MEMBER',
            case when k < $4::int then $1::text || 'a' || ($2::int - k % ($4::int / 2)) || '_2_3'
                 else $1::text || 'a' || ($2::int - (k - $4::int) % $5::int) || '_1_3' end,
            '[]', 0, '[]', $3::text || 'N' || lpad(k::text, 10, '0'), now(), now()
     from generate_series(0, $4::int + $6::int - 1) as k`,
    [prefix, bosses, code, WARM_UP_ORDERS, timedReferrers, SCALING_BATCH],
  );
  await sqlRows(database, 'analyze distribution_members');
  return Array.from({ length: WARM_UP_ORDERS + SCALING_BATCH }, (_, k) => `${prefix}n${k}`);
}

async function signInAll(fixture: CommerceFixture, codes: readonly string[]): Promise<string[]> {
  const tokens: string[] = new Array(codes.length);
  await forEachConcurrently(codes, CONCURRENCY, async (code, index) => {
    const signedIn = await postJson(`${fixture.baseUrl}/shop/auth/wechat`, { code });
    if (signedIn.status !== 200) throw new Error(`WeChat sign-in answered ${signedIn.status}: ${JSON.stringify(signedIn.body)}`);
    tokens[index] = signedIn.body.token as string;
  });
  return tokens;
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

async function getJson(url: string, token: string): Promise<any> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

async function sqlRows<R = unknown>(database: TestDatabase, text: string, parameters: unknown[] = []): Promise<R[]> {
  return (await database.executeSql(text, parameters)).rows as R[];
}

const round = (value: number, scale = 10) => Math.round(value * scale) / scale;
const seconds = (ms: number) => round(ms / 1000, 10);
