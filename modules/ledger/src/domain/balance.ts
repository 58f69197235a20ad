import type { AccountPolicy } from './accounts.ts';

/** The four running totals of an account (or of one stripe of it), in fen, TigerBeetle's layout. */
export interface Balance {
  readonly debitsPending: bigint;
  readonly creditsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPosted: bigint;
}

export const ZERO_BALANCE: Balance = { debitsPending: 0n, creditsPending: 0n, debitsPosted: 0n, creditsPosted: 0n };

export function addBalances(a: Balance, b: Balance): Balance {
  return {
    debitsPending: a.debitsPending + b.debitsPending,
    creditsPending: a.creditsPending + b.creditsPending,
    debitsPosted: a.debitsPosted + b.debitsPosted,
    creditsPosted: a.creditsPosted + b.creditsPosted,
  };
}

export function sumBalances(balances: Iterable<Balance>): Balance {
  let total = ZERO_BALANCE;
  for (const balance of balances) total = addBalances(total, balance);
  return total;
}

/** Which limit a balance breaks, if any. */
export function limitViolation(balance: Balance, policy: Pick<AccountPolicy, 'debitsMustNotExceedCredits' | 'creditsMustNotExceedDebits'>): 'exceeds_credits' | 'exceeds_debits' | null {
  if (policy.debitsMustNotExceedCredits && balance.debitsPending + balance.debitsPosted > balance.creditsPosted) return 'exceeds_credits';
  if (policy.creditsMustNotExceedDebits && balance.creditsPending + balance.creditsPosted > balance.debitsPosted) return 'exceeds_debits';
  return null;
}

/**
 * What may still be debited from a credit-normal account without breaking its limit: posted credits
 * less posted debits less debits already reserved by pending transfers.
 */
export function spendableFen(balance: Balance): bigint {
  const spendable = balance.creditsPosted - balance.debitsPosted - balance.debitsPending;
  return spendable > 0n ? spendable : 0n;
}

/** What may still be credited to a debit-normal account with creditsMustNotExceedDebits (e.g. what a member still owes). */
export function outstandingDebitFen(balance: Balance): bigint {
  const outstanding = balance.debitsPosted - balance.creditsPosted - balance.creditsPending;
  return outstanding > 0n ? outstanding : 0n;
}

/** The posted balance read on the account's normal side. */
export function postedFen(balance: Balance, normalSide: 'debit' | 'credit'): bigint {
  return normalSide === 'credit' ? balance.creditsPosted - balance.debitsPosted : balance.debitsPosted - balance.creditsPosted;
}

/** The amount still held by pending transfers, read on the account's normal side. */
export function pendingFen(balance: Balance, normalSide: 'debit' | 'credit'): bigint {
  return normalSide === 'credit' ? balance.creditsPending - balance.debitsPending : balance.debitsPending - balance.creditsPending;
}
