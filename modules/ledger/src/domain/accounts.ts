/**
 * The chart of accounts (docs/chart-of-accounts.md explains each one). Account ids are derived from
 * their owner and kind, so callers never look an account up before moving money: the ledger creates
 * it, once, the first time a transfer names it.
 */

/** Per member: the stages a commission passes through, plus what the member owes back. */
export const MEMBER_ACCOUNT_KINDS = ['pending', 'available', 'withdrawing', 'paid_out', 'clawback_receivable'] as const;
export type MemberAccountKind = (typeof MEMBER_ACCOUNT_KINDS)[number];

/** The platform's side of every commission: where money comes from and where it finally goes. */
export const PLATFORM_ACCOUNT_KINDS = ['commission_expense', 'payouts', 'fees'] as const;
export type PlatformAccountKind = (typeof PLATFORM_ACCOUNT_KINDS)[number];

export type AccountKind = MemberAccountKind | PlatformAccountKind;

export type NormalSide = 'debit' | 'credit';

export interface AccountPolicy {
  /** The side whose growth increases the balance as people read it (a liability is credit-normal). */
  readonly normalSide: NormalSide;
  /** debits_pending + debits_posted may never exceed credits_posted: the balance cannot go below zero. */
  readonly debitsMustNotExceedCredits: boolean;
  /** credits_pending + credits_posted may never exceed debits_posted: a debit-normal balance cannot go below zero. */
  readonly creditsMustNotExceedDebits: boolean;
  /**
   * How many balance rows the account is split over. Platform accounts take part in every order, so
   * one row would make all payments queue behind each other; N rows summed on read do not. Only an
   * account without a limit may be split, because a limit needs one row to check under a lock.
   */
  readonly stripes: number;
}

/** Stripes of a platform account: comfortably more than the connection pool, so a free one is found. */
export const PLATFORM_STRIPES = 32;

const MEMBER_POLICY: Record<MemberAccountKind, AccountPolicy> = {
  pending: { normalSide: 'credit', debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false, stripes: 1 },
  available: { normalSide: 'credit', debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false, stripes: 1 },
  withdrawing: { normalSide: 'credit', debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false, stripes: 1 },
  paid_out: { normalSide: 'credit', debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false, stripes: 1 },
  clawback_receivable: { normalSide: 'debit', debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: true, stripes: 1 },
};

const PLATFORM_POLICY: Record<PlatformAccountKind, AccountPolicy> = {
  commission_expense: { normalSide: 'debit', debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false, stripes: PLATFORM_STRIPES },
  payouts: { normalSide: 'credit', debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false, stripes: PLATFORM_STRIPES },
  fees: { normalSide: 'credit', debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false, stripes: PLATFORM_STRIPES },
};

/** The owner written into platform account ids; it can never be a member id (see MEMBER_ID_PATTERN). */
const PLATFORM_OWNER = 'platform';

/** Member ids the ledger accepts: the platform's `usr_…` ids and simulator names alike, never "platform". */
export const MEMBER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*(?:_[A-Za-z0-9-]+)*$/;

export interface AccountIdentity {
  readonly id: string;
  /** The member, or null for a platform account. */
  readonly ownerId: string | null;
  readonly kind: AccountKind;
  readonly policy: AccountPolicy;
}

export function memberAccountId(memberId: string, kind: MemberAccountKind): string {
  if (!isValidMemberId(memberId)) throw new Error(`not a valid member id for the ledger: ${memberId}`);
  return `acc_${memberId}_${kind}`;
}

export function platformAccountId(kind: PlatformAccountKind): string {
  return `acc_${PLATFORM_OWNER}_${kind}`;
}

export function memberAccountIds(memberId: string): Record<MemberAccountKind, string> {
  return Object.fromEntries(MEMBER_ACCOUNT_KINDS.map((kind) => [kind, memberAccountId(memberId, kind)])) as Record<MemberAccountKind, string>;
}

export function isValidMemberId(memberId: string): boolean {
  return memberId.length <= 64 && memberId !== PLATFORM_OWNER && MEMBER_ID_PATTERN.test(memberId);
}

/**
 * Reads an account id back into its owner and kind, or null when it is not one of ours. No kind is
 * the `_`-suffix of another, so the longest matching kind suffix is the only one.
 */
export function parseAccountId(id: string): AccountIdentity | null {
  if (!id.startsWith('acc_')) return null;
  const rest = id.slice(4);
  for (const kind of PLATFORM_ACCOUNT_KINDS) {
    if (rest === `${PLATFORM_OWNER}_${kind}`) return { id, ownerId: null, kind, policy: PLATFORM_POLICY[kind] };
  }
  for (const kind of MEMBER_ACCOUNT_KINDS) {
    if (!rest.endsWith(`_${kind}`)) continue;
    const ownerId = rest.slice(0, rest.length - kind.length - 1);
    if (!isValidMemberId(ownerId)) return null;
    return { id, ownerId, kind, policy: MEMBER_POLICY[kind] };
  }
  return null;
}

export function policyOf(kind: AccountKind): AccountPolicy {
  return (MEMBER_POLICY as Record<string, AccountPolicy>)[kind] ?? (PLATFORM_POLICY as Record<string, AccountPolicy>)[kind]!;
}
