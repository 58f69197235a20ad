import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, newId, systemContext, type RequestContext } from '@linkmall/kernel';
import { sql } from '@linkmall/db';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import { CLASSIC_PROFILE_INPUT, createDistributionService, InMemoryDistribution, parseProfile, type DistributionService } from '@linkmall/distribution';
import { commissionLedgerSink } from '@linkmall/flows';
import { memberBalances, verifyLedger } from '@linkmall/ledger';

/**
 * The database-backed engine on the PostgreSQL server: concurrent package orders under a handful of
 * agents give exactly the slots and rewards of the serial replay; redeliveries change nothing;
 * refunds before and after settling reverse and claw back; the ledger verifies throughout.
 */
let database: TestDatabase;
let distribution: DistributionService;
const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
const ctx = systemContext(clock);
const asUser = (userId: string): RequestContext => ({ ...ctx, actor: { userId, sessionId: 'ses', displayName: userId, organizationId: null, organizationKind: null, roles: ['consumer'], permissions: new Set(), scope: { kind: 'self', userId } } });
const profile = parseProfile(CLASSIC_PROFILE_INPUT);
if (!profile.ok) throw new Error('profile');
const PACKAGE = 'prd_package000000000000000000';
const PRICE = 39_900n;

let boss: string;
const agents: string[] = [];

const paid = (orderId: string, buyer: string, productId = PACKAGE, payableFen = PRICE) =>
  distribution.commerce.orderPaid(database.db, ctx, { orderId, buyerUserId: buyer, payableFen, productIds: [productId], paidAt: clock.now() });

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['distribution_members', 'distribution_orders', 'distribution_reward_lines', 'distribution_processed_events', 'ledger_transfers']) {
    const rows = await database.executeSql(`select count(*)::int as n from ${table}`);
    result[table] = Number((rows.rows[0] as { n: number }).n);
  }
  return result;
}

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 12 });
  distribution = createDistributionService(database.db, { writeMoney: commissionLedgerSink });
  await database.db.insertInto('distribution_package_products' as never).values({ product_id: PACKAGE, created_by: null, created_at: new Date() } as never).execute();
  const draft = await distribution.profiles.createDraft(ctx, CLASSIC_PROFILE_INPUT);
  if (!draft.ok) throw new Error(draft.code);
  expect((await distribution.profiles.activate(ctx, draft.value.id)).ok).toBe(true);
  boss = newId('usr');
  expect(await paid(newId('ord'), boss)).toBe('package');
  for (let index = 0; index < 5; index++) {
    const agent = newId('usr');
    agents.push(agent);
    const code = await distribution.members.inviteCode(boss);
    expect((await distribution.members.bind(asUser(agent), code!)).ok).toBe(true);
    expect(await paid(newId('ord'), agent)).toBe('package');
  }
}, 120_000);
afterAll(async () => {
  await database?.destroy();
});

describe('concurrent package orders', () => {
  it('200 concurrent orders under 5 agents give the slots and rewards of the serial replay', async () => {
    const buyers: { userId: string; orderId: string; agent: string }[] = [];
    for (let index = 0; index < 200; index++) {
      const agent = agents[index % agents.length]!;
      const userId = newId('usr');
      const code = await distribution.members.inviteCode(agent);
      expect((await distribution.members.bind(asUser(userId), code!)).ok).toBe(true);
      buyers.push({ userId, orderId: newId('ord'), agent });
    }
    const before = await database.executeSql('select max(sequence)::text as s from distribution_reward_lines');
    const fromSequence = BigInt((before.rows[0] as { s: string }).s);
    const outcomes = await Promise.all(buyers.map((buyer) => paid(buyer.orderId, buyer.userId)));
    expect(outcomes.every((outcome) => outcome === 'package')).toBe(true);

    for (const agent of agents) {
      const member = await distribution.members.get(agent);
      expect(member?.role).toBe('BOSS');
      expect(member?.contributionSlots).toHaveLength(2);
      expect(member?.teamBossId).toBeNull();
      expect(member?.peerUplineId).toBe(boss);
    }

    // Serial replay in the order the database processed the orders (their first line's sequence).
    const order = await database.executeSql(`select order_id, min(sequence) as s from distribution_reward_lines where sequence > $1 group by order_id order by s`, [String(fromSequence)]);
    const processed = (order.rows as { order_id: string }[]).map((row) => row.order_id);
    expect(processed).toHaveLength(200);
    const replay = new InMemoryDistribution();
    const version = (await distribution.profiles.active())!.version;
    const history = await database.executeSql(`select order_id, buyer_id from distribution_orders order by created_at, order_id`);
    const setup = (history.rows as { order_id: string; buyer_id: string }[]).filter((row) => !processed.includes(row.order_id));
    // The setup ran serially: the boss first, then each agent after binding.
    const setupOrder = [boss, ...agents].map((userId) => setup.find((row) => row.buyer_id === userId)!);
    for (const row of setupOrder) {
      const member = await distribution.members.get(row.buyer_id);
      if (member?.referrerId) replay.handle({ type: 'BIND_REFERRER', userId: row.buyer_id, referrerId: member.referrerId, atMs: clock.now().getTime() }, profile.value, version);
      replay.handle({ type: 'PACKAGE_PAID', orderId: row.order_id, userId: row.buyer_id, referrerId: null, amountFen: PRICE, atMs: clock.now().getTime() }, profile.value, version);
    }
    const byOrder = new Map(buyers.map((buyer) => [buyer.orderId, buyer]));
    for (const orderId of processed) {
      const buyer = byOrder.get(orderId)!;
      replay.handle({ type: 'BIND_REFERRER', userId: buyer.userId, referrerId: buyer.agent, atMs: clock.now().getTime() }, profile.value, version);
      replay.handle({ type: 'PACKAGE_PAID', orderId, userId: buyer.userId, referrerId: null, amountFen: PRICE, atMs: clock.now().getTime() }, profile.value, version);
    }
    const stored = await database.executeSql(`select id, payee_id, kind, amount_fen::text as amount, status from distribution_reward_lines order by id`);
    const expected = replay
      .allLines()
      .map((line) => ({ id: line.id, payee_id: line.payeeId, kind: line.kind, amount: String(line.amountFen), status: line.status }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(stored.rows).toEqual(expected);
    for (const member of replay.allMembers()) {
      const actual = await distribution.members.get(member.id);
      expect(actual, member.id).toMatchObject({ role: member.role, teamBossId: member.teamBossId, peerUplineId: member.peerUplineId, contributionSlots: member.contributionSlots });
    }
    expect((await verifyLedger(database.db)).ok).toBe(true);
  }, 300_000);
});

describe('idempotency and refunds', () => {
  it('a duplicate order.paid changes nothing', async () => {
    const buyer = newId('usr');
    const orderId = newId('ord');
    expect((await distribution.members.bind(asUser(buyer), (await distribution.members.inviteCode(agents[0]!))!)).ok).toBe(true);
    expect(await paid(orderId, buyer)).toBe('package');
    const before = await counts();
    expect(await paid(orderId, buyer)).toBe('duplicate');
    expect(await counts()).toEqual(before);
  });

  it('a refund before settling voids the pending lines; a redelivery changes nothing', async () => {
    const buyer = newId('usr');
    const orderId = newId('ord');
    await distribution.members.bind(asUser(buyer), (await distribution.members.inviteCode(agents[1]!))!);
    await paid(orderId, buyer);
    const pendingBefore = (await memberBalances(database.db, agents[1]!)).ok ? ((await memberBalances(database.db, agents[1]!)) as { value: { pendingFen: bigint } }).value.pendingFen : 0n;
    const refund = { orderId, refundId: 'afs_refund-before', refundFen: PRICE, at: clock.now() };
    expect(await distribution.commerce.orderRefunded(database.db, ctx, refund)).toBe('applied');
    const lines = await distribution.rewards.lines({ orderId }, { page: 1, pageSize: 50 });
    expect(lines.items.length).toBeGreaterThan(0);
    expect(lines.items.every((line) => line.status === 'REVERSED')).toBe(true);
    const after = await memberBalances(database.db, agents[1]!);
    // The agent is a boss by now: DIRECT 100 + TEAM 200 are released.
    expect(after.ok && after.value.pendingFen).toBe(pendingBefore - 30_000n);
    const before = await counts();
    expect(await distribution.commerce.orderRefunded(database.db, ctx, refund)).toBe('duplicate');
    expect(await counts()).toEqual(before);
    expect((await distribution.members.get(buyer))?.role).toBe('MEMBER');
  });

  it('settles after the after-sales window and freeze, and claws back a refund after settling', async () => {
    const buyer = newId('usr');
    const orderId = newId('ord');
    await distribution.members.bind(asUser(buyer), (await distribution.members.inviteCode(agents[2]!))!);
    await paid(orderId, buyer);
    // Without order.completed nothing is due, however late.
    const later = systemContext(fixedClock(new Date('2026-12-30T10:00:00+08:00')));
    await sql`update distribution_orders set settle_basis_day = null`.execute(database.db);
    expect(await distribution.commerce.settleDue(later)).toBe(0);
    expect(await distribution.commerce.orderCompleted(database.db, ctx, { orderId, subOrderId: 'sub_1', at: clock.now() })).toBe(true);
    expect(await distribution.commerce.orderCompleted(database.db, ctx, { orderId, subOrderId: 'sub_1', at: clock.now() })).toBe(false);
    expect(await distribution.commerce.settleDue(ctx)).toBe(0); // the freeze (7 days) has not passed
    expect(await distribution.commerce.settleDue(later)).toBeGreaterThan(0);
    const settled = await distribution.rewards.lines({ orderId }, { page: 1, pageSize: 50 });
    expect(settled.items.every((line) => line.status === 'SETTLED')).toBe(true);
    const available = await memberBalances(database.db, agents[2]!);
    expect(available.ok && available.value.availableFen).toBeGreaterThanOrEqual(10_000n);

    expect(await distribution.commerce.orderRefunded(database.db, later, { orderId, refundId: 'afs_refund-after', refundFen: PRICE, at: later.clock.now() })).toBe('applied');
    const lines = await distribution.rewards.lines({ orderId }, { page: 1, pageSize: 50 });
    const clawbacks = lines.items.filter((line) => line.kind.startsWith('CLAWBACK_'));
    expect(clawbacks.length).toBe(settled.items.length);
    expect(clawbacks.reduce((sum, line) => sum + line.amountFen, 0n)).toBe(-settled.items.reduce((sum, line) => sum + line.amountFen, 0n));
    const before = await counts();
    expect(await distribution.commerce.orderRefunded(database.db, later, { orderId, refundId: 'afs_refund-after', refundFen: PRICE, at: later.clock.now() })).toBe('duplicate');
    expect(await counts()).toEqual(before);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });
});
