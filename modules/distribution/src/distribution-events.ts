import type { DomainEvent } from '@linkmall/events';
import type { DistributionEffect } from './domain/effects.ts';

/**
 * Past-tense facts of the distribution engine, written to the outbox in the transaction that made
 * them (money as integer fen numbers, as every outbox payload): the member's distribution centre,
 * notifications, anomaly detection (团队健康度) and analytics subscribe to them.
 */
export interface DistributionEventPayloads {
  'distribution.member_registered': { memberId: string };
  'distribution.referrer_bound': { memberId: string; referrerId: string };
  'distribution.package_activated': { memberId: string; orderId: string; role: 'AGENT' | 'BOSS'; teamBossId: string | null };
  'distribution.member_slid': { memberId: string; referrerId: string; teamBossId: string | null; slot: number };
  'distribution.boss_upgraded': { memberId: string; orderId: string; leftTeamBossId: string | null; peerUplineId: string | null };
  'distribution.upgrade_rolled_back': { memberId: string; orderId: string; teamBossId: string | null };
  'distribution.package_revoked': { memberId: string; orderId: string };
  'distribution.member_flagged': { memberId: string; flag: 'REVIEW'; reason: string; orderId: string };
  'distribution.reward_capped': { orderId: string; payeeId: string; amountFen: number; reason: string };
  /** Reward lines of an order were created or changed status; payees' balances moved. */
  'distribution.rewards_changed': { orderId: string | null; payees: string[]; newLines: number; changedLines: number };
  'distribution.profile_activated': { profileId: string; profileKey: string; version: string };
}
export type DistributionEventType = keyof DistributionEventPayloads;

const AGGREGATE_OF = (effect: DistributionEffect): string => ('memberId' in effect ? effect.memberId : effect.orderId);

export function toOutboxEvent(effect: DistributionEffect): DomainEvent {
  const { type, ...rest } = effect;
  const payload = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value]));
  return { type, aggregateId: AGGREGATE_OF(effect), payload };
}
