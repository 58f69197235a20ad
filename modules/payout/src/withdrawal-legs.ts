import type { PayoutLeg } from './payout-ports.ts';

/**
 * The ledger legs of each withdrawal step (docs/chart-of-accounts.md, "Withdrawal"). Ids derive from
 * the withdrawal id and the step, so each step moves money at most once whatever is retried.
 */
interface Money {
  readonly id: string;
  readonly memberId: string;
  readonly amountFen: bigint;
  readonly feeFen: bigint;
}

const member = (memberId: string, kind: 'available' | 'withdrawing' | 'paid_out') => ({ memberId, kind });
const withFee = (legs: PayoutLeg[], fee: PayoutLeg | null) => (fee ? [...legs, fee] : legs);

/** Request: amount and fee leave 可提现 for 提现中. */
export function requestLegs(w: Money): PayoutLeg[] {
  return withFee(
    [{ id: `${w.id}:request`, debit: member(w.memberId, 'available'), credit: member(w.memberId, 'withdrawing'), amountFen: w.amountFen, code: 'withdrawal.request' }],
    w.feeFen > 0n ? { id: `${w.id}:fee`, debit: member(w.memberId, 'available'), credit: member(w.memberId, 'withdrawing'), amountFen: w.feeFen, code: 'withdrawal.fee' } : null,
  );
}

/** Rejection: both come back to 可提现. */
export function rejectLegs(w: Money): PayoutLeg[] {
  return withFee(
    [{ id: `${w.id}:return`, debit: member(w.memberId, 'withdrawing'), credit: member(w.memberId, 'available'), amountFen: w.amountFen, code: 'withdrawal.return' }],
    w.feeFen > 0n ? { id: `${w.id}:fee_return`, debit: member(w.memberId, 'withdrawing'), credit: member(w.memberId, 'available'), amountFen: w.feeFen, code: 'withdrawal.fee_return' } : null,
  );
}

/** Handed to the provider: the amount goes in flight (代付在途), the fee is earned. */
export function submitLegs(w: Money): PayoutLeg[] {
  return withFee(
    [{ id: `${w.id}:submit`, debit: member(w.memberId, 'withdrawing'), credit: { platform: 'payouts' }, amountFen: w.amountFen, code: 'withdrawal.submit' }],
    w.feeFen > 0n ? { id: `${w.id}:fee_charge`, debit: member(w.memberId, 'withdrawing'), credit: { platform: 'fees' }, amountFen: w.feeFen, code: 'withdrawal.fee_charge' } : null,
  );
}

/** Provider confirmed: the money reached the member (已提现). */
export function paidLegs(w: Money): PayoutLeg[] {
  return [{ id: `${w.id}:paid`, debit: { platform: 'payouts' }, credit: member(w.memberId, 'paid_out'), amountFen: w.amountFen, code: 'withdrawal.paid' }];
}

/** Provider failed: the amount comes back, and so does the fee, since nothing was paid. */
export function failedLegs(w: Money): PayoutLeg[] {
  return withFee(
    [{ id: `${w.id}:failed`, debit: { platform: 'payouts' }, credit: member(w.memberId, 'available'), amountFen: w.amountFen, code: 'withdrawal.failed_return' }],
    w.feeFen > 0n ? { id: `${w.id}:fee_refund`, debit: { platform: 'fees' }, credit: member(w.memberId, 'available'), amountFen: w.feeFen, code: 'withdrawal.fee_refund' } : null,
  );
}
