import { z } from 'zod';
import { instantOf } from '../domain/calendar.ts';
import type { DistributionEvent } from '../domain/engine-events.ts';

/** The simulator's input (spec §8): a profile and a list of events on whole days. */
const userId = z.string().min(1).max(128);
const orderId = z.string().min(1).max(128);
const amountFen = z.union([z.number().int().safe().min(1), z.string().regex(/^[1-9]\d{0,15}$/)]).transform((value) => BigInt(value));
const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'time of day must be HH:MM or HH:MM:SS')
  .optional();
const common = { id: z.string().min(1).max(128), day: z.number().int().min(0).max(100_000) };

export const ScenarioEventSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('PACKAGE_PAID'), order: orderId, user: userId, referrer: userId.nullable().optional(), amountFen, paidAt: timeOfDay }),
  z.object({ ...common, type: z.literal('GOODS_PAID'), order: orderId, user: userId, amountFen, paidAt: timeOfDay }),
  z.object({ ...common, type: z.literal('ORDER_REFUNDED'), order: orderId, amountFen: amountFen.optional(), refund: z.string().min(1).max(128).optional(), at: timeOfDay }),
  z.object({ ...common, type: z.literal('SETTLE'), at: timeOfDay }),
  z.object({ ...common, type: z.literal('BIND_REFERRER'), user: userId, referrer: userId, at: timeOfDay }),
  z.object({ ...common, type: z.literal('MEMBER_REGISTERED'), user: userId, at: timeOfDay }),
]);
export type ScenarioEvent = z.output<typeof ScenarioEventSchema>;

export const ScenarioSchema = z.object({
  name: z.string().optional(),
  profile: z.unknown(),
  events: z.array(ScenarioEventSchema).max(100_000),
});

function secondOfDay(time: string | undefined): number {
  if (!time) return 0;
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

/** The scenario event as an engine event; day 0 is an arbitrary fixed local date (the rules only use differences). */
export function toEngineEvent(event: ScenarioEvent): DistributionEvent {
  switch (event.type) {
    case 'PACKAGE_PAID':
      return { type: 'PACKAGE_PAID', orderId: event.order, userId: event.user, referrerId: event.referrer ?? null, amountFen: event.amountFen, atMs: instantAt(event.day, event.paidAt) };
    case 'GOODS_PAID':
      return { type: 'GOODS_PAID', orderId: event.order, userId: event.user, amountFen: event.amountFen, atMs: instantAt(event.day, event.paidAt) };
    case 'ORDER_REFUNDED':
      // A scenario's partial refunds are told apart by their event id unless they name a refund.
      return event.amountFen === undefined
        ? { type: 'ORDER_REFUNDED', orderId: event.order, atMs: instantAt(event.day, event.at) }
        : { type: 'ORDER_REFUNDED', orderId: event.order, amountFen: event.amountFen, refundId: event.refund ?? event.id, atMs: instantAt(event.day, event.at) };
    case 'SETTLE':
      return { type: 'SETTLE', atMs: instantAt(event.day, event.at) };
    case 'BIND_REFERRER':
      return { type: 'BIND_REFERRER', userId: event.user, referrerId: event.referrer, atMs: instantAt(event.day, event.at) };
    case 'MEMBER_REGISTERED':
      return { type: 'MEMBER_REGISTERED', userId: event.user, atMs: instantAt(event.day, event.at) };
  }
}

/** Scenario day 0 is 2026-01-01 local time, so that months in the monthly cap are calendar months. */
const SCENARIO_EPOCH_DAY = Math.floor(Date.UTC(2026, 0, 1) / 86_400_000);

function instantAt(day: number, time: string | undefined): number {
  return instantOf(SCENARIO_EPOCH_DAY + day, secondOfDay(time));
}

const isPayment = (event: ScenarioEvent) => event.type === 'PACKAGE_PAID' || event.type === 'GOODS_PAID';

/**
 * Processing order (§6.2): events run as listed, except that consecutive payments on the same day are
 * processed in (paidAt, order) order, the order in which the payment notifications are serialised.
 */
export function processingOrder(events: readonly ScenarioEvent[]): ScenarioEvent[] {
  const ordered: ScenarioEvent[] = [];
  let index = 0;
  while (index < events.length) {
    const first = events[index]!;
    if (!isPayment(first)) {
      ordered.push(first);
      index++;
      continue;
    }
    let end = index;
    while (end < events.length && isPayment(events[end]!) && events[end]!.day === first.day) end++;
    const run = events.slice(index, end) as Extract<ScenarioEvent, { paidAt?: string }>[];
    run.sort((a, b) => secondOfDay(a.paidAt) - secondOfDay(b.paidAt) || naturalCompare(orderOf(a), orderOf(b)));
    ordered.push(...run);
    index = end;
  }
  return ordered;
}

const orderOf = (event: ScenarioEvent): string => ('order' in event ? event.order : '');

/** Compares ids with embedded numbers by value, so that O9 comes before O10. */
export function naturalCompare(a: string, b: string): number {
  const partsA = a.match(/\d+|\D+/g) ?? [];
  const partsB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length); i++) {
    const x = partsA[i]!;
    const y = partsB[i]!;
    if (x === y) continue;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    if (numeric) {
      const difference = BigInt(x) - BigInt(y);
      if (difference !== 0n) return difference < 0n ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return partsA.length - partsB.length;
}

/** Every user a scenario mentions, in order of first mention. */
export function usersOf(events: readonly ScenarioEvent[]): string[] {
  const users = new Set<string>();
  for (const event of events) {
    if ('user' in event) users.add(event.user);
    if ('referrer' in event && event.referrer) users.add(event.referrer);
  }
  return [...users];
}
