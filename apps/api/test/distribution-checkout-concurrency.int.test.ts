import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@linkmall/kernel';
import { InMemoryDistribution } from '@linkmall/distribution';
import { verifyLedger } from '@linkmall/ledger';
import { bind, buyPackage, deliverOutbox, inviteCodeOf, packageSku, signUp, type Shopper } from './distribution-checkout.ts';
import { startTestPlatform, type TestPlatform } from './harness.ts';

/**
 * The 200-concurrent-orders property of distribution-engine.int.test.ts, end to end: package orders
 * placed and paid concurrently through real checkout and signed sandbox notifications, `order.paid`
 * delivered by competing outbox workers to the commission flow, and the result compared with a
 * serial in-memory replay in the order the engine processed the orders.
 */
const CONCURRENT_ORDERS = 200;
const AGENTS = 5;
let t: TestPlatform;
let skuId: string;
let boss: Shopper;
const agents: Shopper[] = [];
const buyers: { shopper: Shopper; agent: Shopper }[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  skuId = await packageSku(t, CONCURRENT_ORDERS + AGENTS + 1);
  boss = await signUp(t, 'concurrency-boss');
  await buyPackage(t, boss, skuId);
  await deliverOutbox(t, systemClock);
  for (let index = 0; index < AGENTS; index++) {
    const agent = await signUp(t, `concurrency-agent-${index}`);
    await bind(t, agent, await inviteCodeOf(t, boss));
    await buyPackage(t, agent, skuId);
    await deliverOutbox(t, systemClock);
    agents.push(agent);
  }
  for (let index = 0; index < CONCURRENT_ORDERS; index++) {
    const agent = agents[index % AGENTS]!;
    const shopper = await signUp(t, `concurrency-buyer-${index}`);
    await bind(t, shopper, await inviteCodeOf(t, agent));
    buyers.push({ shopper, agent });
  }
}, 120_000);
afterAll(() => t?.close());

interface StoredOrder {
  order_id: string;
  buyer_id: string;
  amount_fen: string;
  paid_at_ms: string;
}

describe('concurrent package orders through checkout, payment and the outbox', () => {
  it(`${CONCURRENT_ORDERS} concurrent orders under ${AGENTS} agents give exactly the slots and rewards of the serial replay`, async () => {
    const before = Number(((await t.database.executeSql('select coalesce(max(sequence), 0)::text as s from distribution_reward_lines')).rows[0] as { s: string }).s);
    const orders = await Promise.all(buyers.map((buyer) => buyPackage(t, buyer.shopper, skuId)));
    await deliverOutbox(t, systemClock, 4);

    // Every paid order reached the engine exactly once.
    const processed = await t.database.executeSql(`select outcome, count(*)::int as n from distribution_processed_events where event_type = 'order.paid' group by outcome`);
    expect(processed.rows).toEqual([{ outcome: 'package', n: CONCURRENT_ORDERS + AGENTS + 1 }]);
    const sequence = await t.database.executeSql('select order_id, min(sequence) as s from distribution_reward_lines where sequence > $1 group by order_id order by s', [before]);
    const processingOrder = (sequence.rows as { order_id: string }[]).map((row) => row.order_id);
    expect([...processingOrder].sort()).toEqual(orders.map((order) => order.id).sort());

    // The serial replay: the setup in the order it ran, then the concurrent orders as processed.
    const stored = new Map(((await t.database.executeSql('select order_id, buyer_id, amount_fen::text, paid_at_ms::text from distribution_orders')).rows as StoredOrder[]).map((row) => [row.order_id, row]));
    const orderOf = (buyerId: string) => [...stored.values()].find((row) => row.buyer_id === buyerId)!.order_id;
    const active = (await t.platform.distribution.profiles.active())!;
    const replay = new InMemoryDistribution();
    const replayOrder = (orderId: string, referrerId: string | null) => {
      const row = stored.get(orderId)!;
      const atMs = Number(row.paid_at_ms);
      if (referrerId) replay.handle({ type: 'BIND_REFERRER', userId: row.buyer_id, referrerId, atMs }, active.profile, active.version);
      replay.handle({ type: 'PACKAGE_PAID', orderId, userId: row.buyer_id, referrerId: null, amountFen: BigInt(row.amount_fen), atMs }, active.profile, active.version);
    };
    replayOrder(orderOf(boss.id), null);
    for (const agent of agents) replayOrder(orderOf(agent.id), boss.id);
    const agentOf = new Map(buyers.map((buyer) => [buyer.shopper.id, buyer.agent.id]));
    for (const orderId of processingOrder) replayOrder(orderId, agentOf.get(stored.get(orderId)!.buyer_id)!);

    const lines = await t.database.executeSql(`select id, payee_id, kind, amount_fen::text as amount, status from distribution_reward_lines order by id`);
    const expected = replay
      .allLines()
      .map((line) => ({ id: line.id, payee_id: line.payeeId, kind: line.kind, amount: String(line.amountFen), status: line.status }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(lines.rows).toEqual(expected);
    for (const member of replay.allMembers()) {
      const actual = await t.platform.distribution.members.get(member.id);
      expect(actual, member.id).toMatchObject({ role: member.role, teamBossId: member.teamBossId, peerUplineId: member.peerUplineId, contributionSlots: member.contributionSlots });
    }
    // Each agent's first two referrals became its contribution slots (no order took "slot 2" twice).
    for (const agent of agents) expect((await t.platform.distribution.members.get(agent.id))?.contributionSlots).toHaveLength(2);
    expect((await verifyLedger(t.platform.db)).ok).toBe(true);
  }, 120_000);
});
