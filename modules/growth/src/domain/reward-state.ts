/**
 * Where a reward is after its decision, as a transition map (architecture rule 2):
 * cash: pending → settled (after the order's after-sales window and the freeze days) or reversed
 * (refund before that); settled → clawed_back (refund after). Coupon: to_issue → issuing → issued or
 * issue_failed. Gift: to_ship → shipped. Points are credited at once; refused rewards stay refused.
 */
export type RewardState = 'refused' | 'pending' | 'settled' | 'reversed' | 'clawed_back' | 'to_issue' | 'issuing' | 'issued' | 'issue_failed' | 'to_ship' | 'shipped' | 'credited';
export type RewardKind = 'tier_cash' | 'ladder_coupon' | 'ladder_gift' | 'ladder_points';

const NEXT: Record<RewardState, readonly RewardState[]> = {
  refused: [],
  pending: ['settled', 'reversed'],
  settled: ['clawed_back'],
  reversed: [],
  clawed_back: [],
  to_issue: ['issuing'],
  issuing: ['issued', 'issue_failed'],
  issued: [],
  issue_failed: [],
  to_ship: ['shipped'],
  shipped: [],
  credited: [],
};

export function canMove(from: RewardState, to: RewardState): boolean {
  return NEXT[from].includes(to);
}

/** The state a granted reward of this kind starts in. */
export function initialState(kind: RewardKind, granted: boolean): RewardState {
  if (!granted) return 'refused';
  return kind === 'tier_cash' ? 'pending' : kind === 'ladder_coupon' ? 'to_issue' : kind === 'ladder_gift' ? 'to_ship' : 'credited';
}
