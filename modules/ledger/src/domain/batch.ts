import { err, ok, type Result } from '@linkmall/kernel';
import { memberAccountId, parseAccountId, type AccountPolicy } from './accounts.ts';
import { limitViolation, outstandingDebitFen, spendableFen, ZERO_BALANCE, type Balance } from './balance.ts';
import { applyCredit, applyDebit, entryDelta, type EntryDelta, type ResolvedTransfer } from './transfer.ts';

/** One side of one transfer as it lands on an account. */
export interface PlannedEntry extends EntryDelta {
  readonly transferId: string;
  readonly side: 'debit' | 'credit';
  readonly accountId: string;
}

export interface BatchPlan {
  /** The transfers to insert, in order: the caller's, then any clawback recoveries they triggered. */
  readonly transfers: readonly ResolvedTransfer[];
  readonly entries: readonly PlannedEntry[];
  /** The recoveries the ledger added (a subset of `transfers`). */
  readonly recoveries: readonly ResolvedTransfer[];
}

export interface BatchState {
  /** Current balances of the accounts that have a limit (read under a row lock); others may be absent. */
  readonly balances: ReadonlyMap<string, Balance>;
  readonly policyOf: (accountId: string) => AccountPolicy;
  /** Amounts of the pending transfers that posts and voids in the batch settle. */
  readonly pendingAmounts: ReadonlyMap<string, bigint>;
}

export type BatchFailure = 'exceeds_credits' | 'exceeds_debits';

export const RECOVERY_CODE = 'clawback.recovery';
export const RECOVERY_SUFFIX = ':recovery';

/**
 * Plans a linked batch: applies each transfer in order to the balances, fails the whole batch on the
 * first limit it breaks (TigerBeetle checks limits transfer by transfer, not on the batch's net), and
 * then recovers outstanding clawbacks from the posted credits the batch gave members' `available`.
 *
 * Recovery rule: when a batch credits member M's available account (posted) and M owes a clawback
 * receivable, the ledger appends one transfer available(M) → clawback_receivable(M) of
 * min(credited in this batch, still owed, spendable), id `<first crediting transfer id>:recovery`.
 */
export function planBatch(transfers: readonly ResolvedTransfer[], state: BatchState): Result<BatchPlan, BatchFailure> {
  const balances = new Map(state.balances);
  const entries: PlannedEntry[] = [];
  const creditedAvailable = new Map<string, { amountFen: bigint; first: ResolvedTransfer }>();

  const post = (transfer: ResolvedTransfer): Result<null, BatchFailure> => {
    const delta = entryDelta(transfer, transfer.pendingId ? (state.pendingAmounts.get(transfer.pendingId) ?? null) : null);
    const debitPolicy = state.policyOf(transfer.debitAccountId);
    const creditPolicy = state.policyOf(transfer.creditAccountId);
    const debit = applyDebit(balances.get(transfer.debitAccountId) ?? ZERO_BALANCE, delta);
    const credit = applyCredit(balances.get(transfer.creditAccountId) ?? ZERO_BALANCE, delta);
    const debitProblem = limitViolation(debit, debitPolicy);
    if (debitProblem) return err(debitProblem, { transferId: transfer.id, accountId: transfer.debitAccountId });
    const creditProblem = limitViolation(credit, creditPolicy);
    if (creditProblem) return err(creditProblem, { transferId: transfer.id, accountId: transfer.creditAccountId });
    balances.set(transfer.debitAccountId, debit);
    balances.set(transfer.creditAccountId, credit);
    entries.push({ transferId: transfer.id, side: 'debit', accountId: transfer.debitAccountId, ...delta });
    entries.push({ transferId: transfer.id, side: 'credit', accountId: transfer.creditAccountId, ...delta });
    return ok(null);
  };

  for (const transfer of transfers) {
    const applied = post(transfer);
    if (!applied.ok) return applied;
    const credited = parseAccountId(transfer.creditAccountId);
    const delta = entryDelta(transfer, transfer.pendingId ? (state.pendingAmounts.get(transfer.pendingId) ?? null) : null);
    if (credited?.kind === 'available' && delta.postedDeltaFen > 0n && transfer.code !== RECOVERY_CODE) {
      const seen = creditedAvailable.get(credited.id);
      creditedAvailable.set(credited.id, { amountFen: (seen?.amountFen ?? 0n) + delta.postedDeltaFen, first: seen?.first ?? transfer });
    }
  }

  const recoveries: ResolvedTransfer[] = [];
  for (const [availableId, credit] of creditedAvailable) {
    const memberId = parseAccountId(availableId)!.ownerId!;
    const receivableId = memberAccountId(memberId, 'clawback_receivable');
    const owed = outstandingDebitFen(balances.get(receivableId) ?? ZERO_BALANCE);
    const spendable = spendableFen(balances.get(availableId) ?? ZERO_BALANCE);
    const amountFen = [credit.amountFen, owed, spendable].reduce((a, b) => (a < b ? a : b));
    if (amountFen <= 0n) continue;
    const recovery: ResolvedTransfer = {
      id: `${credit.first.id}${RECOVERY_SUFFIX}`,
      kind: 'posted',
      debitAccountId: availableId,
      creditAccountId: receivableId,
      amountFen,
      pendingId: null,
      reversesId: null,
      code: RECOVERY_CODE,
      causeType: credit.first.causeType,
      causeId: credit.first.causeId,
      memo: { recoveredFrom: credit.first.id },
    };
    const applied = post(recovery);
    // Bounded by what is owed and spendable, so a failure here is a bug in this function.
    if (!applied.ok) throw new Error(`clawback recovery ${recovery.id} broke a limit: ${applied.code}`);
    recoveries.push(recovery);
  }
  return ok({ transfers: [...transfers, ...recoveries], entries, recoveries });
}
