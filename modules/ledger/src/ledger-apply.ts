import { err, ok, type RequestContext, type Result } from '@linkmall/kernel';
import { inTransaction, sql, type Db } from '@linkmall/db';
import { isValidMemberId, memberAccountId, parseAccountId, type AccountIdentity } from './domain/accounts.ts';
import { ZERO_BALANCE, spendableFen, type Balance } from './domain/balance.ts';
import { planBatch } from './domain/batch.ts';
import { CLAWBACK_SHORTFALL_SUFFIX, CLAWBACK_TAKE_SUFFIX, clawbackTransfers, splitClawback, type ClawbackInput } from './domain/commission.ts';
import { resolveTransfer, sameTransfer, TRANSFER_ID_PATTERN, type ResolvedTransfer, type Transfer, type TransferInput } from './domain/transfer.ts';
import type { LedgerErrorCode } from './ledger-errors.ts';
import { ledgerStore as store, type BalanceDelta, type EntryRow } from './ledger-store.ts';

export const MAX_BATCH_SIZE = 500;

export interface AppliedTransfer {
  readonly id: string;
  /** `exists`: the same transfer was applied before; re-submitting it changed nothing. */
  readonly status: 'created' | 'exists';
}

export interface ApplyOutcome {
  /** One per submitted transfer, in order. */
  readonly transfers: readonly AppliedTransfer[];
  /** Clawback recoveries the ledger appended because the batch credited a member who owes one. */
  readonly recoveries: readonly string[];
}

/** Thrown inside the savepoint when another transaction committed one of our ids first; the batch is re-read. */
class LostRace extends Error {
  constructor() {
    super('ledger: a transfer id was taken by a concurrent transaction');
  }
}

/**
 * Applies a linked batch of transfers all-or-nothing inside the caller's transaction (or its own).
 * An expected failure returns a value and leaves the caller's transaction as it was, so the caller
 * decides whether to roll back; the batch runs under a savepoint for that.
 */
export interface ApplyOptions {
  /**
   * The caller rolls its whole transaction back on any refusal (it throws on an error result), so
   * the batch needs no savepoint of its own: two round trips fewer. A lost race on a transfer id is
   * then thrown instead of retried in place.
   */
  readonly callerRollsBackOnError?: boolean;
}

export async function applyTransfers(db: Db, ctx: RequestContext, inputs: readonly TransferInput[], options: ApplyOptions = {}): Promise<Result<ApplyOutcome, LedgerErrorCode>> {
  if (inputs.length === 0) return err('batch_empty');
  if (inputs.length > MAX_BATCH_SIZE) return err('batch_too_large', { max: MAX_BATCH_SIZE });
  const seen = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    if (seen.has(input.id)) return err('transfer_id_repeated_in_batch', { transferId: input.id, index });
    seen.add(input.id);
  }
  return inTransaction(db, async (tx) => {
    if (options.callerRollsBackOnError) return applyOnce(tx, ctx.clock.now(), inputs);
    for (let attempt = 1; ; attempt++) {
      try {
        return await withSavepoint(tx, () => applyOnce(tx, ctx.clock.now(), inputs));
      } catch (error) {
        // Losing a race means the other transaction has committed: the next attempt reads its rows.
        if (error instanceof LostRace && attempt < 3) continue;
        throw error;
      }
    }
  });
}

async function withSavepoint<T>(tx: Db, work: () => Promise<Result<T, LedgerErrorCode>>): Promise<Result<T, LedgerErrorCode>> {
  await sql`savepoint ledger_apply`.execute(tx);
  let result: Result<T, LedgerErrorCode>;
  try {
    result = await work();
  } catch (error) {
    await sql`rollback to savepoint ledger_apply`.execute(tx);
    await sql`release savepoint ledger_apply`.execute(tx);
    throw error;
  }
  if (!result.ok) await sql`rollback to savepoint ledger_apply`.execute(tx);
  await sql`release savepoint ledger_apply`.execute(tx);
  return result;
}

async function applyOnce(tx: Db, now: Date, inputs: readonly TransferInput[]): Promise<Result<ApplyOutcome, LedgerErrorCode>> {
  const pendingIds = inputs.flatMap((input) => (input.kind === 'post_pending' || input.kind === 'void_pending' ? [input.pendingId] : []));
  const reversedIds = inputs.flatMap((input) => (input.reversesId ? [input.reversesId] : []));
  const referenced = await store.transfersByIds(tx, [...pendingIds, ...reversedIds].filter((id) => typeof id === 'string' && TRANSFER_ID_PATTERN.test(id)));

  const resolved: ResolvedTransfer[] = [];
  const batchIds = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    const pending = input.kind === 'post_pending' || input.kind === 'void_pending' ? referenced.get(input.pendingId) : undefined;
    const result = resolveTransfer(input, pending);
    if (!result.ok) return err(result.code, { ...result.details, index });
    const transfer = result.value;
    if (transfer.reversesId && !referenced.has(transfer.reversesId) && !batchIds.has(transfer.reversesId)) {
      return err('reversed_transfer_not_found', { transferId: transfer.id, reversesId: transfer.reversesId, index });
    }
    resolved.push(transfer);
    batchIds.add(transfer.id);
  }

  // Every account the batch can touch, including the receivable a credit to 可提现 may pay off.
  const accounts = new Map<string, AccountIdentity>();
  for (const transfer of resolved) {
    for (const id of [transfer.debitAccountId, transfer.creditAccountId]) accounts.set(id, parseAccountId(id)!);
    const credited = accounts.get(transfer.creditAccountId)!;
    if (credited.kind === 'available') {
      const receivableId = memberAccountId(credited.ownerId!, 'clawback_receivable');
      accounts.set(receivableId, parseAccountId(receivableId)!);
    }
  }
  const existingAccounts = await store.existingAccountIds(tx, [...accounts.keys()]);
  await store.createAccounts(tx, [...accounts.values()].filter((account) => !existingAccounts.has(account.id)), now);
  const limited = [...accounts.values()].filter((account) => account.policy.stripes === 1).map((account) => account.id);
  const balances = await store.lockBalances(tx, limited);

  // Read after the locks: a transaction that held them has committed by now, and its transfers are visible.
  const stored = await store.transfersByIds(tx, [...batchIds]);
  const resolutions = await store.resolutionsOf(tx, pendingIds);
  const outcomes: AppliedTransfer[] = [];
  const fresh: ResolvedTransfer[] = [];
  const resolvedInBatch = new Map<string, ResolvedTransfer>();
  for (const [index, transfer] of resolved.entries()) {
    const existing = stored.get(transfer.id);
    if (existing) {
      if (!sameTransfer(transfer, existing)) return err('exists_with_different_fields', { transferId: transfer.id, index });
      outcomes.push({ id: transfer.id, status: 'exists' });
      continue;
    }
    if (transfer.pendingId) {
      const resolution = resolutions.get(transfer.pendingId) ?? resolvedInBatch.get(transfer.pendingId);
      if (resolution) {
        const code = resolution.kind === 'post_pending' ? 'pending_transfer_already_posted' : 'pending_transfer_already_voided';
        return err(code, { transferId: transfer.id, pendingId: transfer.pendingId, resolvedBy: resolution.id, index });
      }
      resolvedInBatch.set(transfer.pendingId, transfer);
    }
    outcomes.push({ id: transfer.id, status: 'created' });
    fresh.push(transfer);
  }
  if (fresh.length === 0) return ok({ transfers: outcomes, recoveries: [] });

  const pendingAmounts = new Map([...referenced.values()].filter((transfer) => transfer.kind === 'pending').map((transfer) => [transfer.id, transfer.amountFen]));
  const plan = planBatch(fresh, { balances, policyOf: (id) => accounts.get(id)!.policy, pendingAmounts });
  if (!plan.ok) return err(plan.code, { ...plan.details, index: resolved.findIndex((transfer) => transfer.id === plan.details?.transferId) });

  const stripes = new Map<string, number>();
  for (const accountId of [...new Set(plan.value.entries.map((entry) => entry.accountId))].sort()) {
    const account = accounts.get(accountId)!;
    stripes.set(accountId, account.policy.stripes === 1 ? 0 : await store.claimStripe(tx, accountId, account.policy.stripes, stripeHint(fresh[0]!.id)));
  }

  const entries = plan.value.entries.map((entry) => ({ ...entry, stripe: stripes.get(entry.accountId)! }));
  const sequences = await store.writeBatch(tx, { transfers: plan.value.transfers, entries, deltas: sumDeltas(entries), now });
  if (sequences.size !== plan.value.transfers.length) throw new LostRace();
  return ok({ transfers: outcomes, recoveries: plan.value.recoveries.map((transfer) => transfer.id) });
}

/** Spreads transactions over stripes by their first transfer id, so a retry lands on the same one. */
function stripeHint(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash;
}

function sumDeltas(entries: readonly EntryRow[]): BalanceDelta[] {
  const byRow = new Map<string, { accountId: string; stripe: number; balance: Balance }>();
  for (const entry of entries) {
    const key = `${entry.accountId}\u0000${entry.stripe}`;
    const row = byRow.get(key) ?? { accountId: entry.accountId, stripe: entry.stripe, balance: ZERO_BALANCE };
    const balance = row.balance;
    row.balance =
      entry.side === 'debit'
        ? { ...balance, debitsPending: balance.debitsPending + entry.pendingDeltaFen, debitsPosted: balance.debitsPosted + entry.postedDeltaFen }
        : { ...balance, creditsPending: balance.creditsPending + entry.pendingDeltaFen, creditsPosted: balance.creditsPosted + entry.postedDeltaFen };
    byRow.set(key, row);
  }
  return [...byRow.values()].map((row) => ({ accountId: row.accountId, stripe: row.stripe, ...row.balance }));
}

export interface ClawbackOutcome {
  /** Taken back from 可提现 now. */
  readonly takenFen: bigint;
  /** Booked as a clawback receivable, recovered from the member's future credits to 可提现. */
  readonly shortfallFen: bigint;
  readonly transferIds: readonly string[];
  /** `exists`: this clawback was applied before; the first result is returned. */
  readonly status: 'created' | 'exists';
}

/**
 * "Claw back X from member M": takes what M can spend from 可提现 and books the rest as a
 * receivable. Idempotent on `input.id`: a repeat returns the split first made, even if M's balance
 * has changed since.
 */
export async function clawBack(db: Db, ctx: RequestContext, input: ClawbackInput): Promise<Result<ClawbackOutcome, LedgerErrorCode>> {
  if (typeof input.memberId !== 'string' || !isValidMemberId(input.memberId)) return err('member_id_invalid');
  if (typeof input.amountFen !== 'bigint' || input.amountFen <= 0n) return err('amount_must_be_positive');
  if (typeof input.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_:.-]{0,149}$/.test(input.id)) return err('transfer_id_invalid', { transferId: input.id });
  const takeId = `${input.id}${CLAWBACK_TAKE_SUFFIX}`;
  const shortfallId = `${input.id}${CLAWBACK_SHORTFALL_SUFFIX}`;
  return inTransaction(db, async (tx) => {
    // Lock 可提现 first so the split cannot race a concurrent credit, debit or the same clawback.
    const availableId = memberAccountId(input.memberId, 'available');
    const existed = await store.existingAccountIds(tx, [availableId]);
    if (!existed.has(availableId)) await store.createAccounts(tx, [parseAccountId(availableId)!], ctx.clock.now());
    const balances = await store.lockBalances(tx, [availableId]);
    const previous = await store.transfersByIds(tx, [takeId, shortfallId]);
    if (previous.size > 0) return ok(outcomeOf(previous, takeId, shortfallId, 'exists'));
    const split = splitClawback(input.amountFen, spendableFen(balances.get(availableId) ?? ZERO_BALANCE));
    const applied = await applyTransfers(tx, ctx, clawbackTransfers(input, split));
    if (!applied.ok) return applied;
    return ok({ takenFen: split.takeFen, shortfallFen: split.shortfallFen, transferIds: applied.value.transfers.map((transfer) => transfer.id), status: 'created' as const });
  });
}

function outcomeOf(previous: Map<string, Transfer>, takeId: string, shortfallId: string, status: 'created' | 'exists'): ClawbackOutcome {
  const take = previous.get(takeId);
  const shortfall = previous.get(shortfallId);
  return {
    takenFen: take?.amountFen ?? 0n,
    shortfallFen: shortfall?.amountFen ?? 0n,
    transferIds: [take?.id, shortfall?.id].filter((id): id is string => id !== undefined),
    status,
  };
}
