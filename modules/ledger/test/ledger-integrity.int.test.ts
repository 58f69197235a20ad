import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
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
  platformAccountId,
  platformBalances,
  sealAll,
  settleCommission,
  spendableFen,
  verifyLedger,
  voidCommission,
} from '@linkmall/ledger';

let database: TestDatabase;
const clock = fixedClock(new Date('2026-11-22T10:00:00+08:00'));
const ctx = systemContext(clock);
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 20 });
});
afterAll(async () => {
  await database?.destroy();
});

/** A small deterministic generator, so a failure replays the same history. */
function random(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

async function runVerifyCommand(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/ledger-verify.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: database.url! },
    });
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '' };
  }
}

describe('concurrency', () => {
  it('50 concurrent credit transactions to different members and the platform all land, on many stripes', async () => {
    const members = Array.from({ length: 50 }, (_, i) => `conc-${i}`);
    const results = await Promise.all(
      members.map((memberId, i) =>
        inTransaction(database.db, (tx) =>
          applyTransfers(tx, ctx, [
            { kind: 'posted', id: `conc:${i}:credit`, debitAccountId: platformAccountId('commission_expense'), creditAccountId: memberAccountId(memberId, 'available'), amountFen: BigInt(100 + i), code: 'commission.direct', causeType: 'order', causeId: `ord_conc_${i}` },
            { kind: 'posted', id: `conc:${i}:fee`, debitAccountId: memberAccountId(memberId, 'available'), creditAccountId: platformAccountId('fees'), amountFen: 7n, code: 'withdrawal.fee', causeType: 'order', causeId: `ord_conc_${i}` },
          ]),
        ),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    for (const [i, memberId] of members.entries()) {
      const balances = await memberBalances(database.db, memberId);
      expect(balances.ok && balances.value.availableFen).toBe(BigInt(100 + i - 7));
    }
    const platform = await platformBalances(database.db);
    const total = members.reduce((sum, _, i) => sum + BigInt(100 + i), 0n);
    expect(platform.commission_expense.postedFen).toBe(total);
    expect(platform.fees.postedFen).toBe(7n * 50n);
    // The hot platform account was spread over stripes rather than one row everyone waits for.
    const { rows } = await sql<{ stripes: bigint }>`select count(distinct stripe) as stripes from ledger_entries where account_id = ${platformAccountId('commission_expense')}`.execute(database.db);
    expect(Number(rows[0]!.stripes)).toBeGreaterThan(1);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });
});

describe('verification', () => {
  it('passes after a randomized run, concurrent batches included', async () => {
    const next = random(20261122);
    const members = ['rand-a', 'rand-b', 'rand-c', 'rand-d'];
    // Only lines committed in earlier rounds are settled, voided or corrected; a round runs concurrently.
    const open: Array<{ id: string; memberId: string; amountFen: bigint }> = [];
    const committed: string[] = [];
    for (let round = 0; round < 12; round++) {
      const work: Array<Promise<unknown>> = [];
      const accrued: typeof open = [];
      for (let step = 0; step < 6; step++) {
        const memberId = members[next(members.length)]!;
        const id = `ord_rand_${round}_${step}:line-1:direct`;
        const choice = next(10);
        if (choice < 5 || open.length === 0) {
          const amountFen = BigInt(1 + next(50_000));
          accrued.push({ id, memberId, amountFen });
          work.push(applyTransfers(database.db, ctx, [accrueCommission({ id, memberId, amountFen, code: 'commission.direct', causeType: 'order', causeId: `ord_rand_${round}_${step}` })]));
        } else if (choice < 8) {
          const line = open.splice(next(open.length), 1)[0]!;
          work.push(applyTransfers(database.db, ctx, settleCommission({ pendingId: line.id, memberId: line.memberId, amountFen: line.amountFen })));
        } else if (choice < 9) {
          work.push(applyTransfers(database.db, ctx, [voidCommission(open.splice(next(open.length), 1)[0]!.id)]));
        } else {
          const reversesId = committed[next(committed.length)]!;
          work.push(clawBack(database.db, ctx, { id: `refund_${round}_${step}`, memberId, amountFen: BigInt(1 + next(60_000)), reversesId, causeType: 'refund', causeId: `refund_${round}_${step}` }));
        }
      }
      const results = (await Promise.all(work)) as Array<{ ok: boolean; code?: string }>;
      expect(results.filter((result) => !result.ok)).toEqual([]);
      open.push(...accrued);
      committed.push(...accrued.map((line) => line.id));
      if (round % 4 === 3) await sealAll(database.db);
    }
    for (const memberId of members) {
      const balances = await memberBalances(database.db, memberId);
      if (!balances.ok) throw new Error(balances.code);
      // Nobody both owes a clawback and has money to spend: credits pay the debt first.
      expect(balances.value.clawbackReceivableFen === 0n || spendableFen(balances.value.accounts.available) === 0n).toBe(true);
    }
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.counts.unsealed).toBeGreaterThanOrEqual(0);
    await sealAll(database.db);
    const command = await runVerifyCommand();
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('The ledger is consistent.');
  });

  it('fails after a sealed row is rewritten behind the guards, and says where', async () => {
    const tamperer = new pg.Client({ connectionString: database.url! });
    await tamperer.connect();
    try {
      const { rows } = await tamperer.query<{ id: string }>(
        `select t.id from ledger_transfers t join ledger_chain c on c.transfer_id = t.id where t.kind = 'posted' order by c.position limit 1`,
      );
      const victim = rows[0]!.id;
      // As a superuser who switched off every trigger, as an insider with database access could.
      await tamperer.query('set session_replication_role = replica');
      await tamperer.query(`update ledger_transfers set amount_fen = amount_fen + 100 where id = $1`, [victim]);
      await tamperer.query('set session_replication_role = origin');

      const report = await verifyLedger(database.db);
      expect(report.ok).toBe(false);
      const failed = Object.fromEntries(report.checks.filter((check) => !check.ok).map((check) => [check.name, check.violations]));
      expect(failed.hash_chain_recomputes).toEqual([expect.stringContaining(`transfer ${victim} was rewritten after sealing`)]);
      expect(failed.transfers_balance).toEqual([`transfer ${victim}: entries do not match the transfer`]);

      // Rewriting the entries and balances too, consistently, still leaves the chain to tell.
      await tamperer.query('alter table ledger_entries disable trigger ledger_entries_append_only');
      await tamperer.query(`update ledger_entries set posted_delta_fen = posted_delta_fen + 100 where transfer_id = $1`, [victim]);
      const again = await verifyLedger(database.db);
      const names = again.checks.filter((check) => !check.ok).map((check) => check.name);
      expect(names).toEqual(expect.arrayContaining(['hash_chain_recomputes', 'balances_equal_entries', 'append_only_guards']));
      await tamperer.query('alter table ledger_entries enable trigger ledger_entries_append_only');

      const command = await runVerifyCommand();
      expect(command.code).toBe(1);
      expect(command.stdout).toContain('FAIL  hash_chain_recomputes');
    } finally {
      await tamperer.end();
    }
  });
});
