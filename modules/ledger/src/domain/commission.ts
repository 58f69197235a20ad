import { memberAccountId, platformAccountId } from './accounts.ts';
import type { Memo, TransferInput } from './transfer.ts';

/**
 * The standard money path as transfer builders, so the distribution engine and the payouts flows
 * speak the chart of accounts without spelling account ids (docs/chart-of-accounts.md).
 */

export interface CommissionLine {
  /** The idempotency key: deriveTransferId(orderId, lineId, leg). */
  readonly id: string;
  readonly memberId: string;
  readonly amountFen: bigint;
  /** e.g. `commission.direct`, `commission.team`, `commission.peer`. */
  readonly code: string;
  readonly causeType: string;
  readonly causeId: string;
  readonly memo?: Memo | null;
}

/** At payment: reserve the reward as pending, commission_expense → member pending (待结算). */
export function accrueCommission(line: CommissionLine): TransferInput {
  return {
    kind: 'pending',
    id: line.id,
    debitAccountId: platformAccountId('commission_expense'),
    creditAccountId: memberAccountId(line.memberId, 'pending'),
    amountFen: line.amountFen,
    code: line.code,
    causeType: line.causeType,
    causeId: line.causeId,
    memo: line.memo ?? null,
  };
}

export const SETTLE_POST_SUFFIX = ':post';
export const SETTLE_MOVE_SUFFIX = ':settle';
export const VOID_SUFFIX = ':void';

/**
 * When the after-sales window has closed: post the pending reward, then move it from 待结算 to
 * 可提现 in the same linked batch. `amountFen` is the pending amount (the engine recorded it).
 */
export function settleCommission(input: { pendingId: string; memberId: string; amountFen: bigint }): TransferInput[] {
  return [
    { kind: 'post_pending', id: `${input.pendingId}${SETTLE_POST_SUFFIX}`, pendingId: input.pendingId },
    {
      kind: 'posted',
      id: `${input.pendingId}${SETTLE_MOVE_SUFFIX}`,
      debitAccountId: memberAccountId(input.memberId, 'pending'),
      creditAccountId: memberAccountId(input.memberId, 'available'),
      amountFen: input.amountFen,
      code: 'commission.settle',
      reversesId: null,
      memo: { settles: input.pendingId },
    },
  ];
}

/** A refund before settlement: release the pending reward. */
export function voidCommission(pendingId: string): TransferInput {
  return { kind: 'void_pending', id: `${pendingId}${VOID_SUFFIX}`, pendingId };
}

/** How a clawback of `amountFen` splits, given what the member can spend now. */
export function splitClawback(amountFen: bigint, spendableFen: bigint): { takeFen: bigint; shortfallFen: bigint } {
  const takeFen = spendableFen < amountFen ? (spendableFen > 0n ? spendableFen : 0n) : amountFen;
  return { takeFen, shortfallFen: amountFen - takeFen };
}

export const CLAWBACK_TAKE_SUFFIX = ':take';
export const CLAWBACK_SHORTFALL_SUFFIX = ':shortfall';

export interface ClawbackInput {
  /** Idempotency key of the clawback, e.g. deriveTransferId(orderId, lineId, 'clawback'). */
  readonly id: string;
  readonly memberId: string;
  readonly amountFen: bigint;
  /** The posted transfer being corrected. */
  readonly reversesId: string;
  readonly causeType: string;
  readonly causeId: string;
  /** Where the money returns to; the platform's commission expense unless said otherwise. */
  readonly creditAccountId?: string;
  readonly memo?: Memo | null;
}

/**
 * A refund after settlement: take what the member can spend from 可提现 back, and book the rest as a
 * clawback receivable (the member owes it), which later credits to 可提现 pay off automatically.
 */
export function clawbackTransfers(input: ClawbackInput, split: { takeFen: bigint; shortfallFen: bigint }): TransferInput[] {
  const creditAccountId = input.creditAccountId ?? platformAccountId('commission_expense');
  const common = { reversesId: input.reversesId, causeType: input.causeType, causeId: input.causeId, memo: input.memo ?? null };
  const transfers: TransferInput[] = [];
  if (split.takeFen > 0n) {
    transfers.push({
      ...common,
      kind: 'posted',
      id: `${input.id}${CLAWBACK_TAKE_SUFFIX}`,
      debitAccountId: memberAccountId(input.memberId, 'available'),
      creditAccountId,
      amountFen: split.takeFen,
      code: 'clawback.take',
    });
  }
  if (split.shortfallFen > 0n) {
    transfers.push({
      ...common,
      kind: 'posted',
      id: `${input.id}${CLAWBACK_SHORTFALL_SUFFIX}`,
      debitAccountId: memberAccountId(input.memberId, 'clawback_receivable'),
      creditAccountId,
      amountFen: split.shortfallFen,
      code: 'clawback.shortfall',
    });
  }
  return transfers;
}
