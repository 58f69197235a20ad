import { sql, type Db } from '@linkmall/db';
import type { Kysely, Selectable } from 'kysely';
import type { AccountIdentity } from './domain/accounts.ts';
import { ZERO_BALANCE, type Balance } from './domain/balance.ts';
import type { ChainLink } from './domain/chain.ts';
import type { ResolvedTransfer, Transfer } from './domain/transfer.ts';
import type { LedgerTables, LedgerTransferTable } from './ledger-tables.ts';

/** The only file that touches the ledger's tables. */
const t = (db: Db) => db as Kysely<LedgerTables>;

export type TransferRow = Selectable<LedgerTransferTable>;

export function toTransfer(row: TransferRow): Transfer {
  return {
    id: row.id,
    sequence: BigInt(row.sequence),
    kind: row.kind,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    amountFen: BigInt(row.amount_fen),
    pendingId: row.pending_id,
    reversesId: row.reverses_id,
    code: row.code,
    causeType: row.cause_type,
    causeId: row.cause_id,
    memo: row.memo,
    createdAt: row.created_at,
  };
}

export interface BalanceDelta extends Balance {
  readonly accountId: string;
  readonly stripe: number;
}

/** An entry to write; it takes its transfer's sequence in the statement that inserts both. */
export interface EntryRow {
  readonly transferId: string;
  readonly side: 'debit' | 'credit';
  readonly accountId: string;
  readonly stripe: number;
  readonly pendingDeltaFen: bigint;
  readonly postedDeltaFen: bigint;
}

const balanceOf = (row: { debits_pending: bigint; credits_pending: bigint; debits_posted: bigint; credits_posted: bigint }): Balance => ({
  debitsPending: BigInt(row.debits_pending),
  creditsPending: BigInt(row.credits_pending),
  debitsPosted: BigInt(row.debits_posted),
  creditsPosted: BigInt(row.credits_posted),
});

export const ledgerStore = {
  async existingAccountIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await t(db).selectFrom('ledger_accounts').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((row) => row.id));
  },

  /** Creates accounts and their balance rows; a concurrent creator of the same account is harmless. */
  async createAccounts(db: Db, accounts: readonly AccountIdentity[], now: Date): Promise<void> {
    if (accounts.length === 0) return;
    await t(db)
      .insertInto('ledger_accounts')
      .values(
        accounts.map((account) => ({
          id: account.id,
          owner_id: account.ownerId,
          kind: account.kind,
          normal_side: account.policy.normalSide,
          debits_must_not_exceed_credits: account.policy.debitsMustNotExceedCredits,
          credits_must_not_exceed_debits: account.policy.creditsMustNotExceedDebits,
          stripes: account.policy.stripes,
          created_at: now,
        })),
      )
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
    await t(db)
      .insertInto('ledger_balances')
      .values(
        accounts.flatMap((account) =>
          Array.from({ length: account.policy.stripes }, (_, stripe) => ({
            account_id: account.id,
            stripe,
            debits_must_not_exceed_credits: account.policy.debitsMustNotExceedCredits,
            credits_must_not_exceed_debits: account.policy.creditsMustNotExceedDebits,
          })),
        ),
      )
      .onConflict((conflict) => conflict.columns(['account_id', 'stripe']).doNothing())
      .execute();
  },

  /** Locks single-row balances in id order (one order for everyone, so two batches cannot deadlock). */
  async lockBalances(db: Db, accountIds: readonly string[]): Promise<Map<string, Balance>> {
    const balances = new Map<string, Balance>();
    if (accountIds.length === 0) return balances;
    const rows = await t(db)
      .selectFrom('ledger_balances')
      .selectAll()
      .where('account_id', 'in', [...accountIds].sort())
      .where('stripe', '=', 0)
      .orderBy('account_id')
      .forUpdate()
      .execute();
    for (const row of rows) balances.set(row.account_id, balanceOf(row));
    return balances;
  },

  /**
   * Takes one stripe of a striped account for this transaction: the first one no other transaction
   * holds, starting from `hint` so that concurrent transactions spread out. Only when every stripe is
   * busy does it wait, on the hinted one.
   */
  async claimStripe(db: Db, accountId: string, stripes: number, hint: number): Promise<number> {
    const free = await sql<{ stripe: number }>`
      select stripe from ledger_balances where account_id = ${accountId}
      order by (stripe + ${stripes - (hint % stripes)}) % ${stripes}
      limit 1 for update skip locked`.execute(db);
    if (free.rows[0]) return Number(free.rows[0].stripe);
    const stripe = hint % stripes;
    await sql`select 1 from ledger_balances where account_id = ${accountId} and stripe = ${stripe} for update`.execute(db);
    return stripe;
  },

  async transfersByIds(db: Db, ids: readonly string[]): Promise<Map<string, Transfer>> {
    const found = new Map<string, Transfer>();
    if (ids.length === 0) return found;
    const rows = await t(db).selectFrom('ledger_transfers').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    for (const row of rows) found.set(row.id, toTransfer(row));
    return found;
  },

  /** Posts and voids of the given pending transfers, by pending id. */
  async resolutionsOf(db: Db, pendingIds: readonly string[]): Promise<Map<string, Transfer>> {
    const found = new Map<string, Transfer>();
    if (pendingIds.length === 0) return found;
    const rows = await t(db).selectFrom('ledger_transfers').selectAll().where('pending_id', 'in', [...new Set(pendingIds)]).execute();
    for (const row of rows) found.set(row.pending_id!, toTransfer(row));
    return found;
  },

  /**
   * Inserts transfers; returns the sequence of each one inserted. A transfer missing from the answer
   * lost a race: another transaction committed the same id (or resolved the same pending) meanwhile.
   */
  /**
   * Writes a planned batch in ONE statement (data-modifying CTEs): the transfers, their entries
   * (each carrying its transfer's sequence) and the balance deltas (the rows are already locked by
   * this transaction). Returns the sequence of each transfer inserted; a transfer whose id another
   * transaction took in the meantime is missing, and the caller rolls the statement back with its
   * savepoint.
   */
  async writeBatch(db: Db, batch: { transfers: readonly ResolvedTransfer[]; entries: readonly EntryRow[]; deltas: readonly BalanceDelta[]; now: Date }): Promise<Map<string, bigint>> {
    const { transfers, entries, deltas, now } = batch;
    const transferRows = sql.join(
      transfers.map(
        (transfer) =>
          sql`(${transfer.id}, ${transfer.kind}, ${transfer.debitAccountId}, ${transfer.creditAccountId}, ${transfer.amountFen}::bigint, ${transfer.pendingId}::text, ${transfer.reversesId}::text, ${transfer.code}, ${transfer.causeType}::text, ${transfer.causeId}::text, ${transfer.memo === null ? null : JSON.stringify(transfer.memo)}::jsonb, ${now}::timestamptz)`,
      ),
    );
    const entryRows = sql.join(entries.map((entry) => sql`(${entry.transferId}::text, ${entry.side}::text, ${entry.accountId}::text, ${entry.stripe}::smallint, ${entry.pendingDeltaFen}::bigint, ${entry.postedDeltaFen}::bigint)`));
    const deltaRows = sql.join(
      deltas.map(
        (delta) =>
          sql`(${delta.accountId}::text, ${delta.stripe}::smallint, ${delta.debitsPending}::bigint, ${delta.creditsPending}::bigint, ${delta.debitsPosted}::bigint, ${delta.creditsPosted}::bigint)`,
      ),
    );
    const result = await sql<{ id: string | null; sequence: string | bigint | null; balances_updated: number }>`
      with inserted as (
        insert into ledger_transfers (id, kind, debit_account_id, credit_account_id, amount_fen, pending_id, reverses_id, code, cause_type, cause_id, memo, created_at)
        values ${transferRows}
        on conflict do nothing
        returning id, sequence),
      entries as (
        insert into ledger_entries (transfer_id, side, account_id, stripe, pending_delta_fen, posted_delta_fen, sequence)
        select e.transfer_id, e.side, e.account_id, e.stripe, e.pending_delta_fen, e.posted_delta_fen, inserted.sequence
        from (values ${entryRows}) as e (transfer_id, side, account_id, stripe, pending_delta_fen, posted_delta_fen)
        join inserted on inserted.id = e.transfer_id),
      balances as (
        update ledger_balances as balance set
          debits_pending = balance.debits_pending + delta.debits_pending,
          credits_pending = balance.credits_pending + delta.credits_pending,
          debits_posted = balance.debits_posted + delta.debits_posted,
          credits_posted = balance.credits_posted + delta.credits_posted
        from (values ${deltaRows}) as delta (account_id, stripe, debits_pending, credits_pending, debits_posted, credits_posted)
        where balance.account_id = delta.account_id and balance.stripe = delta.stripe
        returning 1)
      select inserted.id, inserted.sequence, (select count(*)::int from balances) as balances_updated
      from (select 1) as one left join inserted on true`.execute(db);
    const updated = result.rows[0]?.balances_updated ?? 0;
    if (updated !== deltas.length) throw new Error(`ledger balances: updated ${updated} rows, expected ${deltas.length}`);
    return new Map(result.rows.flatMap((row) => (row.id === null ? [] : [[row.id, BigInt(row.sequence!)] as const])));
  },

  /** Summed balances (all stripes) of the given accounts; accounts never used read as zero. */
  async balancesOf(db: Db, accountIds: readonly string[]): Promise<Map<string, Balance>> {
    const balances = new Map<string, Balance>(accountIds.map((id) => [id, ZERO_BALANCE]));
    if (accountIds.length === 0) return balances;
    const rows = await t(db)
      .selectFrom('ledger_balances')
      .where('account_id', 'in', accountIds)
      .groupBy('account_id')
      .select((eb) => [
        'account_id',
        eb.fn.sum<bigint>('debits_pending').as('debits_pending'),
        eb.fn.sum<bigint>('credits_pending').as('credits_pending'),
        eb.fn.sum<bigint>('debits_posted').as('debits_posted'),
        eb.fn.sum<bigint>('credits_posted').as('credits_posted'),
      ])
      .execute();
    for (const row of rows) balances.set(row.account_id, balanceOf(row));
    return balances;
  },

  // --- the chain ---

  async chainHead(db: Db): Promise<{ position: bigint; hash: string } | null> {
    const row = await t(db).selectFrom('ledger_chain').select(['position', 'hash']).orderBy('position', 'desc').limit(1).executeTakeFirst();
    return row ? { position: BigInt(row.position), hash: row.hash } : null;
  },

  async chainPoint(db: Db, position: bigint): Promise<{ position: bigint; hash: string } | null> {
    const row = await t(db).selectFrom('ledger_chain').select(['position', 'hash']).where('position', '=', position).executeTakeFirst();
    return row ? { position: BigInt(row.position), hash: row.hash } : null;
  },

  /** The oldest transfers waiting to be sealed, in sequence order. */
  async unsealed(db: Db, limit: number): Promise<Transfer[]> {
    const rows = await t(db)
      .selectFrom('ledger_seal_queue')
      .innerJoin('ledger_transfers', 'ledger_transfers.id', 'ledger_seal_queue.transfer_id')
      .selectAll('ledger_transfers')
      .orderBy('ledger_seal_queue.sequence')
      .limit(limit)
      .execute();
    return rows.map(toTransfer);
  },

  async appendChain(db: Db, links: readonly ChainLink[], now: Date): Promise<void> {
    if (links.length === 0) return;
    await t(db)
      .insertInto('ledger_chain')
      .values(
        links.map((link) => ({
          position: link.position,
          transfer_id: link.transferId,
          digest: link.digest,
          previous_hash: link.previousHash,
          hash: link.hash,
          sealed_at: now,
        })),
      )
      .execute();
    await t(db)
      .deleteFrom('ledger_seal_queue')
      .where(
        'transfer_id',
        'in',
        links.map((link) => link.transferId),
      )
      .execute();
  },
};
