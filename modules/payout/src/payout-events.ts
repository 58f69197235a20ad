/** Published through the outbox with the change that caused them (amounts as integer fen numbers). */
export interface PayoutEvents {
  'payout.identity_verified': { memberId: string };
  'withdrawal.requested': { withdrawalId: string; memberId: string; amountFen: number; feeFen: number; held: boolean };
  'withdrawal.approved': { withdrawalId: string; memberId: string; step: 'first' | 'second' };
  'withdrawal.rejected': { withdrawalId: string; memberId: string; reason: string };
  'withdrawal.released': { withdrawalId: string; memberId: string };
  'withdrawal.held': { withdrawalId: string; memberId: string; reason: string };
  'withdrawal.submitted': { withdrawalId: string; memberId: string; provider: string };
  'withdrawal.paid': { withdrawalId: string; memberId: string; amountFen: number };
  'withdrawal.failed': { withdrawalId: string; memberId: string; reason: string };
  'anomaly.detected': { anomalyId: string; rule: string; memberIds: string[] };
  'anomaly.resolved': { anomalyId: string; rule: string; status: 'resolved' | 'dismissed' };
}

export function payoutEvent<T extends keyof PayoutEvents>(type: T, aggregateId: string, payload: PayoutEvents[T]) {
  return { type, aggregateId, payload };
}
