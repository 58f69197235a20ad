/**
 * A member's monthly statement (月度对账单) of 可提现, computed from ledger lines: what was there at the
 * start, what came in (settled rewards, returned withdrawals), what went out (clawbacks, withdrawals,
 * fees) and what was left. Everything is posted money; pending reservations are not balances.
 */
export interface StatementLineFact {
  readonly accountKind: string;
  readonly code: string;
  /** Signed change of the account's posted balance (+ grows what the member sees). */
  readonly postedChangeFen: bigint;
  readonly createdAt: Date;
}

export interface MonthlyStatement {
  readonly month: string;
  readonly openingFen: bigint;
  readonly rewardsFen: bigint;
  readonly clawbacksFen: bigint;
  /** Withdrawal amounts, net of rejected or failed ones returned within the month. */
  readonly withdrawalsFen: bigint;
  /** Fees, net of fees returned. */
  readonly feesFen: bigint;
  /** Anything else that moved 可提现 (e.g. a write-off); zero in normal operation. */
  readonly otherFen: bigint;
  readonly closingFen: bigint;
  /** Money that actually reached the member this month (已提现). */
  readonly paidOutFen: bigint;
}

const WITHDRAWAL_CODES = new Set(['withdrawal.request', 'withdrawal.return', 'withdrawal.failed_return']);
const FEE_CODES = new Set(['withdrawal.fee', 'withdrawal.fee_return', 'withdrawal.fee_refund']);
const CLAWBACK_CODES = new Set(['clawback.take', 'clawback.recovery']);

export function monthlyStatement(month: string, range: { from: Date; to: Date }, lines: readonly StatementLineFact[]): MonthlyStatement {
  let openingFen = 0n;
  let rewardsFen = 0n;
  let clawbacksFen = 0n;
  let withdrawalsFen = 0n;
  let feesFen = 0n;
  let otherFen = 0n;
  let paidOutFen = 0n;
  for (const line of lines) {
    if (line.createdAt >= range.to) continue;
    if (line.accountKind === 'paid_out') {
      if (line.createdAt >= range.from) paidOutFen += line.postedChangeFen;
      continue;
    }
    if (line.accountKind !== 'available' || line.postedChangeFen === 0n) continue;
    if (line.createdAt < range.from) {
      openingFen += line.postedChangeFen;
      continue;
    }
    if (line.code === 'commission.settle') rewardsFen += line.postedChangeFen;
    else if (CLAWBACK_CODES.has(line.code)) clawbacksFen -= line.postedChangeFen;
    else if (WITHDRAWAL_CODES.has(line.code)) withdrawalsFen -= line.postedChangeFen;
    else if (FEE_CODES.has(line.code)) feesFen -= line.postedChangeFen;
    else otherFen += line.postedChangeFen;
  }
  const closingFen = openingFen + rewardsFen - clawbacksFen - withdrawalsFen - feesFen + otherFen;
  return { month, openingFen, rewardsFen, clawbacksFen, withdrawalsFen, feesFen, otherFen, closingFen, paidOutFen };
}
