import { sql, type Db } from '@linkmall/db';
import type { DeliveredEvent, Subscriber } from '@linkmall/events';
import { applyCases, applyRefunds, applyShipments } from './fact-rollup.ts';
import { applyMember } from './member-rollup.ts';
import { applyOrder } from './order-rollup.ts';
import { lockRollups } from './rollup-sql.ts';

/** The commerce and distribution events the roll-ups follow (their payloads carry the ids read here). */
export const ROLLUP_EVENT_TYPES = [
  'order.paid',
  'order.shipped',
  'order.refunded',
  'after_sales.opened',
  'distribution.member_registered',
  'distribution.referrer_bound',
  'distribution.package_activated',
  'distribution.package_revoked',
  'distribution.boss_upgraded',
  'distribution.upgrade_rolled_back',
  'distribution.member_slid',
] as const;

interface RollupPayload {
  readonly orderId?: string;
  readonly subOrderId?: string;
  readonly caseId?: string;
  readonly memberId?: string;
}

/**
 * Applies one event to the roll-ups, at most once per event id. The facts themselves are read from
 * the source tables, so an event that arrives late lands on its fact's own day, and one that repeats
 * a fact already counted (by another event or a rebuild) adds nothing.
 */
export async function applyRollupEvent(tx: Db, event: Pick<DeliveredEvent, 'id' | 'type' | 'payload'>, now: Date): Promise<boolean> {
  await lockRollups(tx);
  const fresh = await sql`insert into analytics_applied_events (event_id, event_type, applied_at) values (${event.id}, ${event.type}, ${now})
    on conflict (event_id) do nothing returning event_id`.execute(tx);
  if (fresh.rows.length === 0) return false;
  const payload = event.payload as RollupPayload;
  if (event.type.startsWith('distribution.')) {
    if (payload.memberId) await applyMember(tx, payload.memberId);
    return true;
  }
  if (!payload.orderId) return true;
  // The order first: a shipment, refund or case of an order not yet counted counts it now.
  await applyOrder(tx, payload.orderId);
  const order = sql`o.order_id = ${payload.orderId}`;
  if (event.type === 'order.shipped' && payload.subOrderId) await applyShipments(tx, sql`${order} and x.sub_order_id = ${payload.subOrderId}`);
  if (event.type === 'order.refunded' && payload.caseId) await applyRefunds(tx, sql`${order} and x.case_id = ${payload.caseId}`);
  if (event.type === 'after_sales.opened' && payload.caseId) await applyCases(tx, sql`${order} and x.case_id = ${payload.caseId}`);
  return true;
}

/** The outbox subscriber `analytics.rollup`. */
export const analyticsRollupSubscriber: Subscriber = {
  name: 'analytics.rollup',
  eventTypes: ROLLUP_EVENT_TYPES,
  handle: async (tx, event, ctx) => {
    await applyRollupEvent(tx, event, ctx.clock.now());
  },
};
