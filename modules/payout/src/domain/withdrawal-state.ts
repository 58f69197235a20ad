/**
 * The withdrawal lifecycle (提现) as one transition table; the service changes a status only through
 * `transition()`, and the store's update repeats the expected current status in its WHERE clause, so
 * a retried or concurrent request cannot apply the same step twice.
 */
export const WITHDRAWAL_STATUSES = ['held', 'requested', 'approved', 'second_approved', 'paying', 'paid', 'failed', 'rejected'] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

export const WITHDRAWAL_ACTIONS = ['release', 'hold', 'approve', 'second_approve', 'reject', 'submit', 'confirm_paid', 'confirm_failed'] as const;
export type WithdrawalAction = (typeof WITHDRAWAL_ACTIONS)[number];

const TRANSITIONS: Record<WithdrawalStatus, Partial<Record<WithdrawalAction, WithdrawalStatus>>> = {
  // A flagged member's request waits for finance: released into the normal queue, or rejected.
  held: { release: 'requested', reject: 'rejected' },
  requested: { approve: 'approved', reject: 'rejected', hold: 'held' },
  approved: { second_approve: 'second_approved', submit: 'paying', reject: 'rejected', hold: 'held' },
  second_approved: { submit: 'paying', reject: 'rejected', hold: 'held' },
  paying: { confirm_paid: 'paid', confirm_failed: 'failed' },
  paid: {},
  failed: {},
  rejected: {},
};

export function transition(from: WithdrawalStatus, action: WithdrawalAction): WithdrawalStatus | null {
  return TRANSITIONS[from][action] ?? null;
}

/** Statuses whose money still sits in 提现中 and that finance can still stop. */
export const OPEN_STATUSES: readonly WithdrawalStatus[] = ['held', 'requested', 'approved', 'second_approved'];

/** Whether an approved withdrawal may be handed to the payout provider yet. */
export function readyToSubmit(status: WithdrawalStatus, needsSecondApproval: boolean): boolean {
  return status === 'second_approved' || (status === 'approved' && !needsSecondApproval);
}
