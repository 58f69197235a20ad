/**
 * Facts the growth module publishes through the outbox, in the transaction that makes them: webhooks,
 * notifications and analytics may subscribe. Money and points as integer numbers.
 */
export interface GrowthEventPayloads {
  /** A campaign reward was decided: granted whole, reduced by a cap or the budget, or refused. */
  'growth.reward_decided': { rewardId: string; campaignId: string; memberId: string; kind: string; decision: string; grantedAmount: number; unit: string; limitedBy: string[] };
  /** A cash reward changed state after its decision (settled, reversed, clawed back). */
  'growth.reward_changed': { rewardId: string; campaignId: string; memberId: string; state: string };
  'growth.campaign_ended': { campaignId: string; reason: string };
  /** An invitee made a real paid purchase and now counts for their inviter (or stopped counting, on refund). */
  'growth.invite_qualified': { inviterId: string; inviteeId: string; orderId: string };
  'growth.invite_disqualified': { inviterId: string; inviteeId: string; orderId: string };
}
export type GrowthEventType = keyof GrowthEventPayloads;

export const growthEvent = <T extends GrowthEventType>(type: T, aggregateId: string, payload: GrowthEventPayloads[T]) => ({ type, aggregateId, payload });
