import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, systemContext } from '@linkmall/kernel';
import { inTransaction, sql } from '@linkmall/db';
import { createTestDatabase, type TestDatabase } from '@linkmall/testing';
import {
  accrueCommission,
  applyTransfers,
  clawBack,
  memberAccountId,
  memberBalances,
  memberStatement,
  platformAccountId,
  platformBalances,
  proofFor,
  sealAll,
  settleCommission,
  transfersByCause,
  verifyLedger,
  verifyProof,
  voidCommission,
  type TransferInput,
} from '@linkmall/ledger';

let database: TestDatabase;
const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
const ctx = systemContext(clock);

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await database?.destroy();
});

const accrual = (orderId: string, memberId: string, amountFen: bigint, leg = 'direct') =>
  accrueCommission({ id: `${orderId}:line-1:${leg}`, memberId, amountFen, code: `commission.${leg}`, causeType: 'order', causeId: orderId, memo: { line: 'line-1', profileVersion: 1 } });

async function balancesOf(memberId: string) {
  const result = await memberBalances(database.db, memberId);
  if (!result.ok) throw new Error(result.code);
  return result.value;
}

describe('idempotent transfers', () => {
  it('returns exists for an identical re-submit and refuses the same id with other fields', async () => {
    const first = await applyTransfers(database.db, ctx, [accrual('ord_idem', 'idem-alice', 1000n)]);
    expect(first).toEqual({ ok: true, value: { transfers: [{ id: 'ord_idem:line-1:direct', status: 'created' }], recoveries: [] } });
    const again = await applyTransfers(database.db, ctx, [accrual('ord_idem', 'idem-alice', 1000n)]);
    expect(again).toEqual({ ok: true, value: { transfers: [{ id: 'ord_idem:line-1:direct', status: 'exists' }], recoveries: [] } });
    const different = await applyTransfers(database.db, ctx, [accrual('ord_idem', 'idem-alice', 1001n)]);
    expect(different).toMatchObject({ ok: false, code: 'exists_with_different_fields', details: { transferId: 'ord_idem:line-1:direct' } });
    expect((await balancesOf('idem-alice')).pendingFen).toBe(1000n);
    expect(await transfersByCause(database.db, 'ord_idem')).toHaveLength(1);
  });

  it('refuses malformed input as values and writes nothing', async () => {
    expect(await applyTransfers(database.db, ctx, [])).toMatchObject({ ok: false, code: 'batch_empty' });
    const bad: TransferInput = { kind: 'posted', id: 'bad-1', debitAccountId: 'acc_nobody', creditAccountId: memberAccountId('x', 'available'), amountFen: 1n, code: 'test' };
    expect(await applyTransfers(database.db, ctx, [bad])).toMatchObject({ ok: false, code: 'account_id_invalid', details: { index: 0 } });
    expect(await applyTransfers(database.db, ctx, [{ ...bad, debitAccountId: platformAccountId('fees'), amountFen: -5n }])).toMatchObject({ ok: false, code: 'amount_must_be_positive' });
    expect(await applyTransfers(database.db, ctx, [accrual('o', 'm', 1n), accrual('o', 'm', 1n)])).toMatchObject({ ok: false, code: 'transfer_id_repeated_in_batch' });
    expect(await applyTransfers(database.db, ctx, [{ kind: 'void_pending', id: 'v-missing', pendingId: 'nope' }])).toMatchObject({ ok: false, code: 'pending_transfer_not_found' });
    expect(await applyTransfers(database.db, ctx, [{ ...accrual('o2', 'm', 1n), reversesId: 'missing' }])).toMatchObject({ ok: false, code: 'reversed_transfer_not_found' });
    expect(await transferCount('bad-1')).toBe(0);
  });
});

async function transferCount(id: string): Promise<number> {
  const { rows } = await sql<{ n: bigint }>`select count(*) as n from ledger_transfers where id = ${id}`.execute(database.db);
  return Number(rows[0]!.n);
}

describe('two-phase transfers', () => {
  it('posts a pending transfer exactly once; a retry of the same post is a no-op', async () => {
    await applyTransfers(database.db, ctx, [accrual('ord_two', 'two-bob', 2500n)]);
    const settle = settleCommission({ pendingId: 'ord_two:line-1:direct', memberId: 'two-bob', amountFen: 2500n });
    const posted = await applyTransfers(database.db, ctx, settle);
    expect(posted.ok && posted.value.transfers.map((t) => t.status)).toEqual(['created', 'created']);
    const retried = await applyTransfers(database.db, ctx, settle);
    expect(retried.ok && retried.value.transfers.map((t) => t.status)).toEqual(['exists', 'exists']);
    const secondPost = await applyTransfers(database.db, ctx, [{ kind: 'post_pending', id: 'another-post', pendingId: 'ord_two:line-1:direct' }]);
    expect(secondPost).toMatchObject({ ok: false, code: 'pending_transfer_already_posted', details: { resolvedBy: 'ord_two:line-1:direct:post' } });
    expect(await applyTransfers(database.db, ctx, [voidCommission('ord_two:line-1:direct')])).toMatchObject({ ok: false, code: 'pending_transfer_already_posted' });
    const bob = await balancesOf('two-bob');
    expect({ pending: bob.pendingFen, available: bob.availableFen }).toEqual({ pending: 0n, available: 2500n });
  });

  it('voids a pending transfer exactly once', async () => {
    await applyTransfers(database.db, ctx, [accrual('ord_void', 'void-carol', 900n)]);
    expect((await applyTransfers(database.db, ctx, [voidCommission('ord_void:line-1:direct')])).ok).toBe(true);
    expect(await applyTransfers(database.db, ctx, [{ kind: 'void_pending', id: 'second-void', pendingId: 'ord_void:line-1:direct' }])).toMatchObject({
      ok: false,
      code: 'pending_transfer_already_voided',
    });
    expect(await applyTransfers(database.db, ctx, settleCommission({ pendingId: 'ord_void:line-1:direct', memberId: 'void-carol', amountFen: 900n }))).toMatchObject({
      ok: false,
      code: 'pending_transfer_already_voided',
    });
    expect((await balancesOf('void-carol')).pendingFen).toBe(0n);
    const causes = await transfersByCause(database.db, 'ord_void');
    expect(causes.map((t) => t.kind)).toEqual(['pending', 'void_pending']);
  });

  it('lets exactly one of many concurrent posts of one pending win', async () => {
    await applyTransfers(database.db, ctx, [accrual('ord_race', 'race-dave', 700n)]);
    const contenders = Array.from({ length: 8 }, (_, i) =>
      inTransaction(database.db, (tx) => applyTransfers(tx, ctx, [{ kind: i % 2 ? 'post_pending' : 'void_pending', id: `race-${i}`, pendingId: 'ord_race:line-1:direct' }])),
    );
    const results = await Promise.all(contenders);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    for (const result of results.filter((result) => !result.ok)) {
      expect(['pending_transfer_already_posted', 'pending_transfer_already_voided']).toContain(!result.ok && result.code);
    }
    // And many concurrent submissions of one id create it once.
    const same = await Promise.all(Array.from({ length: 6 }, () => applyTransfers(database.db, ctx, [accrual('ord_same', 'race-dave', 50n)])));
    expect(same.map((result) => result.ok && result.value.transfers[0]!.status).sort()).toEqual(['created', 'exists', 'exists', 'exists', 'exists', 'exists']);
    expect((await balancesOf('race-dave')).pendingFen + (await balancesOf('race-dave')).availableFen).toBeGreaterThanOrEqual(50n);
  });
});

describe('linked batches', () => {
  it('roll back whole when one leg fails, leaving the caller’s transaction usable', async () => {
    const member = 'batch-erin';
    const outcome = await inTransaction(database.db, async (tx) => {
      const result = await applyTransfers(tx, ctx, [
        { kind: 'posted', id: 'batch:credit', debitAccountId: platformAccountId('commission_expense'), creditAccountId: memberAccountId(member, 'available'), amountFen: 100n, code: 'test' },
        { kind: 'posted', id: 'batch:fee', debitAccountId: memberAccountId(member, 'available'), creditAccountId: platformAccountId('fees'), amountFen: 30n, code: 'test' },
        { kind: 'posted', id: 'batch:too-much', debitAccountId: memberAccountId(member, 'available'), creditAccountId: memberAccountId(member, 'withdrawing'), amountFen: 71n, code: 'test' },
      ]);
      // The caller carries on in the same transaction after the failure.
      const after = await applyTransfers(tx, ctx, [accrual('ord_after', member, 5n)]);
      return { result, after };
    });
    expect(outcome.result).toMatchObject({ ok: false, code: 'exceeds_credits', details: { transferId: 'batch:too-much', index: 2 } });
    expect(outcome.after.ok).toBe(true);
    for (const id of ['batch:credit', 'batch:fee', 'batch:too-much']) expect(await transferCount(id)).toBe(0);
    const erin = await balancesOf(member);
    expect({ available: erin.availableFen, pending: erin.pendingFen }).toEqual({ available: 0n, pending: 5n });
  });
});

describe('a caller that rolls back on any refusal', () => {
  it('applies without a savepoint of the ledger’s own, with the same results and refusals', async () => {
    const member = 'unguarded-fei';
    const applied = await inTransaction(database.db, (tx) => applyTransfers(tx, ctx, [accrual('ord_unguarded', member, 800n)], { callerRollsBackOnError: true }));
    expect(applied).toMatchObject({ ok: true, value: { transfers: [{ id: 'ord_unguarded:line-1:direct', status: 'created' }] } });
    expect((await balancesOf(member)).pendingFen).toBe(800n);
    // A refusal is the same value; this caller then throws, and its transaction takes everything back.
    await expect(
      inTransaction(database.db, async (tx) => {
        const result = await applyTransfers(tx, ctx, [{ kind: 'posted', id: 'unguarded:too-much', debitAccountId: memberAccountId(member, 'available'), creditAccountId: memberAccountId(member, 'withdrawing'), amountFen: 1n, code: 'test' }], { callerRollsBackOnError: true });
        expect(result).toMatchObject({ ok: false, code: 'exceeds_credits' });
        throw new Error(`refused: ${result.ok ? '' : result.code}`);
      }),
    ).rejects.toThrow('refused: exceeds_credits');
    expect(await transferCount('unguarded:too-much')).toBe(0);
    expect((await balancesOf(member)).pendingFen).toBe(800n);
  });
});

describe('clawbacks', () => {
  it('takes what is available, books the shortfall, and recovers it from later credits', async () => {
    const member = 'claw-frank';
    await applyTransfers(database.db, ctx, [accrual('ord_c1', member, 3000n)]);
    await applyTransfers(database.db, ctx, settleCommission({ pendingId: 'ord_c1:line-1:direct', memberId: member, amountFen: 3000n }));
    const clawback = { id: 'ord_c1:line-1:direct:clawback', memberId: member, amountFen: 5000n, reversesId: 'ord_c1:line-1:direct:settle', causeType: 'order', causeId: 'ord_c1' };
    const first = await clawBack(database.db, ctx, clawback);
    expect(first).toMatchObject({ ok: true, value: { takenFen: 3000n, shortfallFen: 2000n, status: 'created' } });
    expect(await clawBack(database.db, ctx, clawback)).toMatchObject({ ok: true, value: { takenFen: 3000n, shortfallFen: 2000n, status: 'exists' } });
    let frank = await balancesOf(member);
    expect({ available: frank.availableFen, owed: frank.clawbackReceivableFen }).toEqual({ available: 0n, owed: 2000n });

    await applyTransfers(database.db, ctx, [accrual('ord_c2', member, 1500n)]);
    const settled = await applyTransfers(database.db, ctx, settleCommission({ pendingId: 'ord_c2:line-1:direct', memberId: member, amountFen: 1500n }));
    expect(settled).toMatchObject({ ok: true, value: { recoveries: ['ord_c2:line-1:direct:settle:recovery'] } });
    frank = await balancesOf(member);
    expect({ available: frank.availableFen, owed: frank.clawbackReceivableFen }).toEqual({ available: 0n, owed: 500n });

    await applyTransfers(database.db, ctx, [accrual('ord_c3', member, 800n)]);
    await applyTransfers(database.db, ctx, settleCommission({ pendingId: 'ord_c3:line-1:direct', memberId: member, amountFen: 800n }));
    frank = await balancesOf(member);
    expect({ available: frank.availableFen, owed: frank.clawbackReceivableFen }).toEqual({ available: 300n, owed: 0n });

    const corrections = await transfersByCause(database.db, 'ord_c1');
    expect(corrections.filter((t) => t.reversesId === 'ord_c1:line-1:direct:settle').map((t) => [t.code, t.amountFen])).toEqual([
      ['clawback.take', 3000n],
      ['clawback.shortfall', 2000n],
    ]);
  });
});

describe('append-only history', () => {
  it('refuses UPDATE and DELETE on transfers, entries, accounts and the chain', async () => {
    await applyTransfers(database.db, ctx, [accrual('ord_ro', 'ro-gina', 10n)]);
    await sealAll(database.db);
    const attempts = [
      sql`update ledger_transfers set amount_fen = 1 where id = 'ord_ro:line-1:direct'`,
      sql`delete from ledger_transfers where id = 'ord_ro:line-1:direct'`,
      sql`update ledger_entries set posted_delta_fen = 5 where transfer_id = 'ord_ro:line-1:direct'`,
      sql`delete from ledger_entries where transfer_id = 'ord_ro:line-1:direct'`,
      sql`update ledger_accounts set debits_must_not_exceed_credits = false where id = ${memberAccountId('ro-gina', 'pending')}`,
      sql`update ledger_chain set hash = previous_hash`,
      sql`delete from ledger_chain`,
      sql`delete from ledger_balances where account_id = ${memberAccountId('ro-gina', 'pending')}`,
      sql`update ledger_balances set debits_must_not_exceed_credits = false where account_id = ${memberAccountId('ro-gina', 'pending')}`,
    ];
    for (const attempt of attempts) await expect(attempt.execute(database.db)).rejects.toMatchObject({ code: '42501' });
    // The balance rows' own limit holds too, whatever code writes them.
    await expect(sql`update ledger_balances set debits_posted = debits_posted + 1 where account_id = ${memberAccountId('ro-gina', 'pending')}`.execute(database.db)).rejects.toMatchObject({
      code: '23514',
    });
  });
});

describe('reads and the member proof', () => {
  it('pages a member statement, sums balances and proves the member’s sealed lines', async () => {
    const member = 'read-hana';
    for (let i = 1; i <= 3; i++) await applyTransfers(database.db, ctx, [accrual(`ord_r${i}`, member, BigInt(i * 100))]);
    await applyTransfers(database.db, ctx, settleCommission({ pendingId: 'ord_r1:line-1:direct', memberId: member, amountFen: 100n }));
    const page1 = await memberStatement(database.db, member, { page: 1, pageSize: 2 });
    const page2 = await memberStatement(database.db, member, { page: 2, pageSize: 2 });
    if (!page1.ok || !page2.ok) throw new Error('statement failed');
    // 3 accruals + post (1 line on 待结算) + move (2 lines: out of 待结算, into 可提现).
    expect(page1.value.total).toBe(6);
    expect(page1.value.items.map((line) => [line.transferId, line.accountKind, line.postedChangeFen])).toEqual([
      ['ord_r1:line-1:direct:settle', 'pending', -100n],
      ['ord_r1:line-1:direct:settle', 'available', 100n],
    ]);
    expect(page2.value.items[0]).toMatchObject({ transferId: 'ord_r1:line-1:direct:post', postedChangeFen: 100n, pendingChangeFen: -100n });
    expect(await memberStatement(database.db, member, { page: 1, pageSize: 10 }, { accountKinds: ['available'] })).toMatchObject({ ok: true, value: { total: 1 } });

    const hana = await balancesOf(member);
    expect({ pending: hana.pendingFen, available: hana.availableFen }).toEqual({ pending: 500n, available: 100n });
    const platform = await platformBalances(database.db);
    expect(platform.commission_expense.postedFen + platform.commission_expense.pendingFen).toBeGreaterThan(0n);

    await sealAll(database.db);
    const proof = await proofFor(database.db, member);
    if (!proof.ok) throw new Error(proof.code);
    expect(verifyProof(proof.value)).toMatchObject({ ok: true, lines: 5 });
    const fromHead = await proofFor(database.db, member, { fromPosition: BigInt(proof.value.head.position) });
    expect(fromHead.ok && fromHead.value.records).toEqual([]);
    expect(await proofFor(database.db, 'platform')).toMatchObject({ ok: false, code: 'member_id_invalid' });
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });
});
