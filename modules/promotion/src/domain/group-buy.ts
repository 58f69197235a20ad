import { err, ok, type Result } from '@linkmall/kernel';

/**
 * 拼团: a leader opens a group for a product; it succeeds when `requiredMembers` have paid before
 * `expiresAt`, otherwise it fails and every paid member is refunded.
 */
export type GroupStatus = 'open' | 'succeeded' | 'failed';

export interface Group {
  readonly status: GroupStatus;
  readonly requiredMembers: number;
  readonly paidMemberIds: readonly string[];
  readonly expiresAt: Date;
}

export type GroupJoinRejection = 'group_full' | 'group_closed' | 'group_expired' | 'group_already_joined';

/** Whether a buyer may join now (before paying; the seat is only taken on payment). */
export function canJoin(group: Group, memberId: string, now: Date): Result<void, GroupJoinRejection> {
  if (group.status !== 'open') return err('group_closed');
  if (now >= group.expiresAt) return err('group_expired');
  if (group.paidMemberIds.includes(memberId)) return err('group_already_joined');
  if (group.paidMemberIds.length >= group.requiredMembers) return err('group_full');
  return ok(undefined);
}

/**
 * A member's payment: the group fills and succeeds at the last seat. A payment that arrives for a
 * full, expired or closed group is not seated; the caller refunds it.
 */
export function recordPayment(group: Group, memberId: string, now: Date): Result<Group, GroupJoinRejection> {
  const allowed = canJoin(group, memberId, now);
  if (!allowed.ok) return allowed;
  const paidMemberIds = [...group.paidMemberIds, memberId];
  return ok({ ...group, paidMemberIds, status: paidMemberIds.length === group.requiredMembers ? 'succeeded' : 'open' });
}

/** The scheduled check: an open group past its deadline fails, and its members are to be refunded. */
export function expire(group: Group, now: Date): { group: Group; refundMemberIds: readonly string[] } {
  if (group.status !== 'open' || now < group.expiresAt) return { group, refundMemberIds: [] };
  return { group: { ...group, status: 'failed' }, refundMemberIds: group.paidMemberIds };
}
