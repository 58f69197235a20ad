import { err, ok, type Result } from '@linkmall/kernel';
import { beijingMonthRange } from './domain/withdrawal-rules.ts';
import { monthlyStatement } from './domain/statement.ts';
import type { PayoutErrorCode } from './payout-errors.ts';
import type { PayoutLedger } from './payout-ports.ts';

export interface StatementView {
  memberId: string;
  month: string;
  openingFen: number;
  rewardsFen: number;
  clawbacksFen: number;
  withdrawalsFen: number;
  feesFen: number;
  otherFen: number;
  closingFen: number;
  paidOutFen: number;
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function createStatementService(ledger: PayoutLedger) {
  return {
    /** The member's 可提现 over a Beijing calendar month, from the ledger's posted lines. */
    async monthly(memberId: string, month: string): Promise<Result<StatementView, PayoutErrorCode>> {
      if (!MONTH_PATTERN.test(month)) return err('payout_month_invalid');
      const statement = monthlyStatement(month, beijingMonthRange(month), await ledger.lines(memberId));
      const { month: _month, ...amounts } = statement;
      return ok({ memberId, month, ...(Object.fromEntries(Object.entries(amounts).map(([key, value]) => [key, Number(value)])) as Omit<StatementView, 'memberId' | 'month'>) });
    },
  };
}
export type StatementService = ReturnType<typeof createStatementService>;
