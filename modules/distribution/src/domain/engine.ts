import { bindReferrer, registerMember } from './bind-referrer.ts';
import type { BindingRejection } from './binding.ts';
import { ruleContext } from './credit.ts';
import type { DistributionEvent } from './engine-events.ts';
import { goodsPaid } from './goods-paid.ts';
import { WorkingSet, type DistributionDelta, type DistributionLookup } from './lookup.ts';
import { packagePaid } from './package-paid.ts';
import { profileVersion as versionOf, type Profile } from './profile.ts';
import { orderRefunded, type RefundRejection } from './refund.ts';
import { settle } from './settle.ts';

export type EventRejection = BindingRejection | RefundRejection;

export type EventOutcome =
  | { readonly accepted: true; readonly duplicate: boolean; readonly delta: DistributionDelta }
  | { readonly accepted: false; readonly code: EventRejection; readonly details?: Record<string, unknown>; readonly delta: DistributionDelta };

/**
 * The engine as a function of the records an event touches: reads through `lookup`, returns the
 * delta to apply in one transaction. Pure: the same lookup contents, event and profile always give
 * the same delta. A rejected event changes nothing except remembering the rejection of its order,
 * so that a redelivery gets the same answer.
 */
export function handleEvent(lookup: DistributionLookup, event: DistributionEvent, profile: Profile, profileVersion: string = versionOf(profile)): EventOutcome {
  const ws = new WorkingSet(lookup);
  const context = ruleContext(ws, profile, profileVersion, event.atMs);
  const accepted = (duplicate: boolean): EventOutcome => ({ accepted: true, duplicate, delta: ws.delta() });
  switch (event.type) {
    case 'PACKAGE_PAID': {
      const result = packagePaid(context, event);
      if (!result.ok) return rejected(ws, result.code, result.details);
      return accepted(result.value.duplicate);
    }
    case 'GOODS_PAID':
      return accepted(goodsPaid(context, event).duplicate);
    case 'ORDER_REFUNDED': {
      const result = orderRefunded(context, event);
      return result.ok ? accepted(result.value.duplicate) : rejected(ws, result.code, result.details);
    }
    case 'SETTLE':
      settle(context);
      return accepted(false);
    case 'BIND_REFERRER': {
      const result = bindReferrer(context, event);
      return result.ok ? accepted(result.value.duplicate) : rejected(ws, result.code, result.details);
    }
    case 'MEMBER_REGISTERED':
      return accepted(registerMember(context, event).duplicate);
  }
}

function rejected(ws: WorkingSet, code: EventRejection, details: Record<string, unknown> | undefined): EventOutcome {
  // Only the remembered rejection survives; anything the handler staged before failing is dropped.
  const { rejections } = ws.delta();
  const delta: DistributionDelta = { members: [], orders: [], newLines: [], lineChanges: [], incomeIncrements: [], capped: [], rejections, effects: [] };
  return details === undefined ? { accepted: false, code, delta } : { accepted: false, code, details, delta };
}

/**
 * The members whose rows an event reads or writes, for the service to lock (in a fixed order) so
 * that events touching one referrer or one team boss are serialised and two concurrent orders can
 * never both take "slot 2" (§5.6 item 5).
 */
export function serializationKeys(lookup: DistributionLookup, event: DistributionEvent): string[] {
  const keys = new Set<string>();
  const add = (memberId: string | null | undefined) => {
    if (memberId) keys.add(memberId);
  };
  switch (event.type) {
    case 'PACKAGE_PAID':
    case 'GOODS_PAID': {
      add(event.userId);
      const buyer = lookup.member(event.userId);
      const referrerId = (event.type === 'PACKAGE_PAID' ? event.referrerId : null) ?? buyer?.referrerId;
      add(referrerId);
      const referrer = referrerId ? lookup.member(referrerId) : undefined;
      add(referrer?.teamBossId);
      add(buyer?.teamBossId);
      break;
    }
    case 'ORDER_REFUNDED': {
      const order = lookup.order(event.orderId);
      const buyer = order ? lookup.member(order.buyerId) : undefined;
      add(buyer?.id);
      add(buyer?.referrerId);
      break;
    }
    case 'BIND_REFERRER':
      add(event.userId);
      add(event.referrerId);
      break;
    case 'MEMBER_REGISTERED':
      add(event.userId);
      break;
    case 'SETTLE':
      break;
  }
  return [...keys].sort();
}
