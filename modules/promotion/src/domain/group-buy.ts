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

/**
 * The stored lifecycle of a group, changed only through {@link transitionGroup}:
 *
 *   pending ──leader_paid──▶ open ──filled──▶ succeeded
 *      │                       └──expire──▶ failed (every paid member refunded)
 *      ├──leader_left──▶ abandoned   (the leader's order closed unpaid: nobody could join yet)
 *      └──expire──▶ failed
 *
 * A group is `pending` until its leader pays, so nobody joins a group its own leader has not paid for.
 */
export type GroupLifecycleStatus = 'pending' | 'open' | 'succeeded' | 'failed' | 'abandoned';
export type GroupEvent = 'leader_paid' | 'filled' | 'expire' | 'leader_left';

const GROUP_TRANSITIONS: Readonly<Record<GroupLifecycleStatus, Partial<Record<GroupEvent, GroupLifecycleStatus>>>> = {
  pending: { leader_paid: 'open', leader_left: 'abandoned', expire: 'failed' },
  open: { filled: 'succeeded', expire: 'failed' },
  succeeded: {},
  failed: {},
  abandoned: {},
};

export function transitionGroup(status: GroupLifecycleStatus, event: GroupEvent): Result<GroupLifecycleStatus, 'invalid_group_transition'> {
  const next = GROUP_TRANSITIONS[status][event];
  return next === undefined ? err('invalid_group_transition', { from: status, event }) : ok(next);
}

/**
 * A member's seat: taken at checkout (`pending`), paid, or given up when the unpaid order closes
 * (`left`); a paid seat in a failed group becomes `refund_due` until the refund went through.
 */
export type MemberStatus = 'pending' | 'paid' | 'left' | 'refund_due' | 'refunded';
export type MemberEvent = 'pay' | 'leave' | 'group_failed' | 'refunded';

const MEMBER_TRANSITIONS: Readonly<Record<MemberStatus, Partial<Record<MemberEvent, MemberStatus>>>> = {
  pending: { pay: 'paid', leave: 'left' },
  paid: { group_failed: 'refund_due' },
  refund_due: { refunded: 'refunded' },
  left: {},
  refunded: {},
};

export function transitionMember(status: MemberStatus, event: MemberEvent): Result<MemberStatus, 'invalid_member_transition'> {
  const next = MEMBER_TRANSITIONS[status][event];
  return next === undefined ? err('invalid_member_transition', { from: status, event }) : ok(next);
}

/** Statuses from which `event` leads somewhere: the guard of the statement that applies it. */
export function groupStatusesAccepting(event: GroupEvent): GroupLifecycleStatus[] {
  return (Object.keys(GROUP_TRANSITIONS) as GroupLifecycleStatus[]).filter((status) => GROUP_TRANSITIONS[status][event] !== undefined);
}
export function memberStatusesAccepting(event: MemberEvent): MemberStatus[] {
  return (Object.keys(MEMBER_TRANSITIONS) as MemberStatus[]).filter((status) => MEMBER_TRANSITIONS[status][event] !== undefined);
}

/** When a group opened now must be complete: its activity's time limit, never past the activity's end. */
export function groupDeadline(openedAt: Date, timeLimitMinutes: number, activityEndsAt: Date): Date {
  const deadline = new Date(openedAt.getTime() + timeLimitMinutes * 60_000);
  return deadline < activityEndsAt ? deadline : activityEndsAt;
}
