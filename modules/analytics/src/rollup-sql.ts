import { sql, type Db } from '@linkmall/db';
import type { RawBuilder } from 'kysely';
import type { ScopeRef } from './domain/scope.ts';

/**
 * SQL shared by the incremental roll-up and the rebuild. Each statement takes a filter on its source
 * rows: one order, shipment or batch of tracking rows for the incremental path, everything (or a day
 * range) for the rebuild, so both paths count with the very same statement.
 */

export const DAILY_METRICS = [
  'views', 'interactions', 'shares', 'referrals', 'orders', 'gmv_fen', 'new_buyers', 'repeat_orders',
  'units', 'refunds', 'refund_fen', 'after_sales', 'shipped', 'ship_seconds',
] as const;
export const DIMENSION_METRICS = ['views', 'shares', 'referrals', 'orders', 'gmv_fen', 'units'] as const;

export const addToDaily = sql.raw(
  `on conflict (scope_kind, scope_id, day) do update set ${DAILY_METRICS.map((metric) => `${metric} = d.${metric} + excluded.${metric}`).join(', ')}`,
);
export const addToDimensions = sql.raw(
  `on conflict (scope_kind, scope_id, dimension, key, day) do update set ${DIMENSION_METRICS.map((metric) => `${metric} = d.${metric} + excluded.${metric}`).join(', ')}`,
);

/** The five scopes an analytics_orders row `o` counts in (rows with a null id are dropped by the caller). */
export const ORDER_SCOPES = sql`cross join lateral (values ('platform', ''), ('merchant', o.merchant_id), ('team', o.team_id), ('guide', o.guide_user_id), ('card', o.card_id)) as s (kind, id)`;

/** A member's team: a boss leads its own team, anyone else belongs to their boss's. */
/** The orders of a scope among the order rows aliased `alias` (the source view or the analytics_orders table). */
export function orderScopeOf(alias: string, scope: ScopeRef): RawBuilder<unknown> {
  const column = { platform: null, merchant: 'merchant_id', team: 'team_id', guide: 'guide_user_id', card: 'card_id' }[scope.kind];
  return column === null ? sql`true` : sql`${sql.ref(`${alias}.${column}`)} = ${scope.id ?? ''}`;
}

export const teamOf = (alias: string) => sql.raw(`case when ${alias}.role = 'BOSS' then ${alias}.member_id else ${alias}.team_boss_id end`);

/** The first instant of each shipped sub-order (order_status_history). */
export const SHIPMENT_SOURCE = sql`(select so.id as sub_order_id, so.order_id, min(h.occurred_at) as shipped_at
  from sub_orders so join order_status_history h on h.sub_order_id = so.id and h.to_status = 'shipped'
  group by so.id, so.order_id)`;

/** Refunded after-sales cases, on the day they were decided. */
export const REFUND_SOURCE = sql`(select c.id as case_id, c.order_id, c.decided_at as at, c.refund_fen from after_sales_cases c where c.status = 'refunded' and c.decided_at is not null)`;

/** Every after-sales case, on the day it was opened. */
export const CASE_SOURCE = sql`(select c.id as case_id, c.order_id, c.created_at as at from after_sales_cases c)`;

export const TRUE = sql`true`;

/** One transaction-scoped lock for every analytics writer: roll-ups change in one order, never interleaved. */
export async function lockRollups(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('linkmall.analytics.rollup'))`.execute(tx);
}

export type Filter = RawBuilder<unknown>;

/** A bigint out of whatever the driver returns for a sum or a count (numeric comes back as text). */
export function big(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  return BigInt(String(value).split('.')[0]!);
}
