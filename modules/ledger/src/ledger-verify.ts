import { sql, type Db } from '@linkmall/db';
import type { Kysely, RawBuilder } from 'kysely';
import { chainHash, GENESIS_HASH, toTransferRecord, transferDigest } from './domain/chain.ts';
import { toTransfer } from './ledger-store.ts';
import type { LedgerTables } from './ledger-tables.ts';

const t = (db: Db) => db as Kysely<LedgerTables>;

export interface VerificationCheck {
  readonly name: string;
  readonly description: string;
  readonly ok: boolean;
  /** The first problems found (at most MAX_VIOLATIONS per check). */
  readonly violations: readonly string[];
}

export interface LedgerVerification {
  readonly ok: boolean;
  readonly checks: readonly VerificationCheck[];
  readonly counts: { readonly accounts: number; readonly transfers: number; readonly sealed: number; readonly unsealed: number };
}

const MAX_VIOLATIONS = 20;
const CHAIN_BATCH = 2000;

/** The triggers that keep money history append-only; someone disabling one is itself a finding. */
const GUARD_TRIGGERS = [
  'ledger_accounts_append_only',
  'ledger_transfers_append_only',
  'ledger_entries_append_only',
  'ledger_chain_append_only',
  'ledger_balances_no_delete',
  'ledger_transfers_queue_for_sealing',
];

async function rows<R>(db: Db, query: RawBuilder<R>): Promise<R[]> {
  return (await query.execute(db)).rows;
}

/**
 * Recomputes the ledger's invariants from its rows. It trusts no trigger and no constraint, so it
 * also catches history rewritten by someone who switched the guards off.
 */
export async function verifyLedger(db: Db): Promise<LedgerVerification> {
  const checks: VerificationCheck[] = [];
  const check = (name: string, description: string, violations: string[]) =>
    checks.push({ name, description, ok: violations.length === 0, violations: violations.slice(0, MAX_VIOLATIONS) });

  const unbalanced = await rows<{ id: string }>(
    db,
    sql`
      select t.id from ledger_transfers t
      left join ledger_transfers p on p.id = t.pending_id
      left join ledger_entries d on d.transfer_id = t.id and d.side = 'debit'
      left join ledger_entries c on c.transfer_id = t.id and c.side = 'credit'
      where d.transfer_id is null or c.transfer_id is null
         or d.account_id <> t.debit_account_id or c.account_id <> t.credit_account_id
         or d.pending_delta_fen <> c.pending_delta_fen or d.posted_delta_fen <> c.posted_delta_fen
         or d.posted_delta_fen <> case when t.kind in ('posted', 'post_pending') then t.amount_fen else 0 end
         or d.pending_delta_fen is distinct from case t.kind when 'pending' then t.amount_fen when 'posted' then 0 else -p.amount_fen end
      order by t.sequence limit ${MAX_VIOLATIONS}`,
  );
  check(
    'transfers_balance',
    'every transfer has one debit and one credit entry of the same amount, matching its kind',
    unbalanced.map((row) => `transfer ${row.id}: entries do not match the transfer`),
  );

  const [totals] = await rows<{ dp: bigint; cp: bigint; dpo: bigint; cpo: bigint; edp: bigint; ecp: bigint; edpo: bigint; ecpo: bigint }>(
    db,
    sql`
      select
        (select coalesce(sum(debits_pending), 0) from ledger_balances)::bigint as dp,
        (select coalesce(sum(credits_pending), 0) from ledger_balances)::bigint as cp,
        (select coalesce(sum(debits_posted), 0) from ledger_balances)::bigint as dpo,
        (select coalesce(sum(credits_posted), 0) from ledger_balances)::bigint as cpo,
        (select coalesce(sum(pending_delta_fen), 0) from ledger_entries where side = 'debit')::bigint as edp,
        (select coalesce(sum(pending_delta_fen), 0) from ledger_entries where side = 'credit')::bigint as ecp,
        (select coalesce(sum(posted_delta_fen), 0) from ledger_entries where side = 'debit')::bigint as edpo,
        (select coalesce(sum(posted_delta_fen), 0) from ledger_entries where side = 'credit')::bigint as ecpo`,
  );
  const totalProblems: string[] = [];
  if (totals!.dpo !== totals!.cpo) totalProblems.push(`balances: posted debits ${totals!.dpo} ≠ posted credits ${totals!.cpo}`);
  if (totals!.dp !== totals!.cp) totalProblems.push(`balances: pending debits ${totals!.dp} ≠ pending credits ${totals!.cp}`);
  if (totals!.edpo !== totals!.ecpo) totalProblems.push(`entries: posted debits ${totals!.edpo} ≠ posted credits ${totals!.ecpo}`);
  if (totals!.edp !== totals!.ecp) totalProblems.push(`entries: pending debits ${totals!.edp} ≠ pending credits ${totals!.ecp}`);
  check('debits_equal_credits', 'total debits equal total credits, posted and pending, in balances and in entries', totalProblems);

  const drifted = await rows<{ account_id: string; stripe: number }>(
    db,
    sql`
      with sums as (
        select account_id, stripe,
          sum(case when side = 'debit' then pending_delta_fen else 0 end) as debits_pending,
          sum(case when side = 'credit' then pending_delta_fen else 0 end) as credits_pending,
          sum(case when side = 'debit' then posted_delta_fen else 0 end) as debits_posted,
          sum(case when side = 'credit' then posted_delta_fen else 0 end) as credits_posted
        from ledger_entries group by account_id, stripe
      )
      select coalesce(b.account_id, s.account_id) as account_id, coalesce(b.stripe, s.stripe) as stripe
      from ledger_balances b full join sums s on s.account_id = b.account_id and s.stripe = b.stripe
      where b.account_id is null
         or coalesce(s.debits_pending, 0) <> b.debits_pending or coalesce(s.credits_pending, 0) <> b.credits_pending
         or coalesce(s.debits_posted, 0) <> b.debits_posted or coalesce(s.credits_posted, 0) <> b.credits_posted
      order by 1, 2 limit ${MAX_VIOLATIONS}`,
  );
  check(
    'balances_equal_entries',
    'each stored balance equals the sum of its entries',
    drifted.map((row) => `account ${row.account_id} stripe ${row.stripe}: balance differs from its entries`),
  );

  const overdrawn = await rows<{ account_id: string; stripe: number }>(
    db,
    sql`
      select b.account_id, b.stripe from ledger_balances b join ledger_accounts a on a.id = b.account_id
      where b.debits_must_not_exceed_credits <> a.debits_must_not_exceed_credits
         or b.credits_must_not_exceed_debits <> a.credits_must_not_exceed_debits
         or (a.debits_must_not_exceed_credits and b.debits_pending + b.debits_posted > b.credits_posted)
         or (a.credits_must_not_exceed_debits and b.credits_pending + b.credits_posted > b.debits_posted)
         or b.stripe >= a.stripes
      union all
      select account_id, -1 from ledger_balances group by account_id
        having sum(debits_pending) < 0 or sum(credits_pending) < 0 or sum(debits_posted) < 0 or sum(credits_posted) < 0
      order by 1, 2 limit ${MAX_VIOLATIONS}`,
  );
  check(
    'limits_hold',
    'no account that forbids it is below zero, and no account total is negative',
    overdrawn.map((row) => (row.stripe < 0 ? `account ${row.account_id}: a total is below zero` : `account ${row.account_id} stripe ${row.stripe}: breaks its limit`)),
  );

  const resolvedTwice = await rows<{ id: string; problem: string }>(
    db,
    sql`
      select pending_id as id, 'resolved ' || count(*) || ' times' as problem from ledger_transfers
        where pending_id is not null group by pending_id having count(*) > 1
      union all
      select r.id, 'settles a transfer that is not pending, or does not match it' from ledger_transfers r
        left join ledger_transfers p on p.id = r.pending_id
        where r.pending_id is not null and (p.id is null or p.kind <> 'pending'
          or r.debit_account_id <> p.debit_account_id or r.credit_account_id <> p.credit_account_id
          or r.amount_fen > p.amount_fen or (r.kind = 'void_pending' and r.amount_fen <> p.amount_fen))
      limit ${MAX_VIOLATIONS}`,
  );
  check(
    'pending_resolved_at_most_once',
    'each pending transfer is posted or voided at most once, within its amount',
    resolvedTwice.map((row) => `transfer ${row.id}: ${row.problem}`),
  );

  check('hash_chain_recomputes', 'every sealed transfer hashes to its link, and each link follows the previous one', await verifyChain(db));

  const unqueued = await rows<{ id: string; problem: string }>(
    db,
    sql`
      select t.id, 'neither sealed nor waiting to be sealed' as problem from ledger_transfers t
        where not exists (select 1 from ledger_chain c where c.transfer_id = t.id)
          and not exists (select 1 from ledger_seal_queue q where q.transfer_id = t.id)
      union all
      select q.transfer_id, 'waiting to be sealed but already sealed' from ledger_seal_queue q
        where exists (select 1 from ledger_chain c where c.transfer_id = q.transfer_id)
      union all
      select q.transfer_id, 'waiting to be sealed but does not exist' from ledger_seal_queue q
        where not exists (select 1 from ledger_transfers t where t.id = q.transfer_id)
      limit ${MAX_VIOLATIONS}`,
  );
  check('every_transfer_chained', 'every transfer is sealed into the chain or waiting for the sealer', unqueued.map((row) => `transfer ${row.id}: ${row.problem}`));

  const guards = await rows<{ tgname: string; tgenabled: string }>(
    db,
    sql`select tgname, tgenabled from pg_trigger where tgname in (${sql.join(GUARD_TRIGGERS)}) and not tgisinternal`,
  );
  const guardProblems = GUARD_TRIGGERS.flatMap((name) => {
    const found = guards.find((guard) => guard.tgname === name);
    if (!found) return [`trigger ${name} is missing`];
    return found.tgenabled === 'D' ? [`trigger ${name} is disabled`] : [];
  });
  check('append_only_guards', 'the triggers that refuse updates and deletes are present and enabled', guardProblems);

  const [counts] = await rows<{ accounts: bigint; transfers: bigint; sealed: bigint; unsealed: bigint }>(
    db,
    sql`select (select count(*) from ledger_accounts) as accounts, (select count(*) from ledger_transfers) as transfers,
               (select count(*) from ledger_chain) as sealed, (select count(*) from ledger_seal_queue) as unsealed`,
  );
  return {
    ok: checks.every((item) => item.ok),
    checks,
    counts: { accounts: Number(counts!.accounts), transfers: Number(counts!.transfers), sealed: Number(counts!.sealed), unsealed: Number(counts!.unsealed) },
  };
}

/** Walks the chain from the genesis in batches, recomputing every digest and link from the transfer rows. */
async function verifyChain(db: Db): Promise<string[]> {
  const problems: string[] = [];
  let previousHash = GENESIS_HASH;
  let expectedPosition = 1n;
  for (;;) {
    const batch = await t(db)
      .selectFrom('ledger_chain')
      .leftJoin('ledger_transfers', 'ledger_transfers.id', 'ledger_chain.transfer_id')
      .select([
        'ledger_chain.position',
        'ledger_chain.transfer_id as chained_id',
        'ledger_chain.digest',
        'ledger_chain.previous_hash',
        'ledger_chain.hash',
      ])
      .selectAll('ledger_transfers')
      .where('ledger_chain.position', '>=', expectedPosition)
      .orderBy('ledger_chain.position')
      .limit(CHAIN_BATCH)
      .execute();
    for (const row of batch) {
      const position = BigInt(row.position);
      if (position !== expectedPosition) problems.push(`position ${expectedPosition}: missing from the chain`);
      if (row.previous_hash !== previousHash) problems.push(`position ${position}: does not link to the previous hash`);
      if (row.id === null) {
        problems.push(`position ${position}: transfer ${row.chained_id} is missing`);
      } else {
        const digest = transferDigest(toTransferRecord(toTransfer(row as Parameters<typeof toTransfer>[0])));
        if (digest !== row.digest) problems.push(`position ${position}: transfer ${row.id} was rewritten after sealing`);
      }
      if (chainHash(row.previous_hash, position, row.digest) !== row.hash) problems.push(`position ${position}: the link hash does not recompute`);
      previousHash = row.hash;
      expectedPosition = position + 1n;
      if (problems.length >= MAX_VIOLATIONS) return problems;
    }
    if (batch.length < CHAIN_BATCH) return problems;
  }
}
