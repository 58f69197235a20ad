/**
 * @linkmall/distribution — the 链动2+1 rules engine (spec: liandong-2plus1.md), pure: events and the
 * active profile in, reward lines, structure changes and effects out. See docs/distribution-rules.md.
 */
export {
  ProfileSchema,
  parseProfile,
  profileToJson,
  profileVersion,
  packageRewardFen,
  applyRate,
  peerRewardsEffective,
  DEFAULT_PROFILE,
  DEFAULT_PROFILE_INPUT,
  CLASSIC_PROFILE,
  CLASSIC_PROFILE_INPUT,
  REWARD_BASIS_KINDS,
  type Profile,
  type ProfileInput,
  type ProfileIssue,
} from './domain/profile.ts';
export { complianceReport, activateProfile, worstCasePackagePayoutFen, PAYOUT_GUIDANCE_BPS, type ComplianceReport, type ComplianceFinding, type ActivatedProfile } from './domain/compliance.ts';
export type {
  MemberState,
  MemberRole,
  MemberFlag,
  OrderRecord,
  OrderKind,
  OrderStatus,
  RewardLine,
  RewardKind,
  ClawbackKind,
  LineKind,
  LineStatus,
  LineStatusChange,
  CappedExcess,
  CapReason,
  IncomeIncrement,
} from './domain/model.ts';
export { newMember } from './domain/model.ts';
export type { DistributionEvent, DistributionEventType, PackagePaid, GoodsPaid, OrderRefunded, Settle, BindReferrer, MemberRegistered } from './domain/engine-events.ts';
export type { DistributionEffect, DistributionEffectType, FlagReason } from './domain/effects.ts';
export { WorkingSet, type DistributionLookup, type DistributionDelta } from './domain/lookup.ts';
export { handleEvent, serializationKeys, type EventOutcome, type EventRejection } from './domain/engine.ts';
export { apply, emptyState, InMemoryDistribution, type DistributionState, type ApplyResult } from './domain/in-memory-state.ts';
export { checkInvariants, type InvariantViolation } from './domain/invariants.ts';
export { businessDay, businessMonth, instantOf } from './domain/calendar.ts';
export { distributionErrors, type DistributionErrorCode } from './distribution-errors.ts';
export {
  simulate,
  inMemorySimulationEngine,
  type SimulationEngine,
  type SimulationOutput,
  type SimulationResult,
  type SimulateOptions,
  type SimulatedEvent,
  type SimulatedMember,
} from './simulator/simulate.ts';
export { ScenarioSchema, ScenarioEventSchema, toEngineEvent, processingOrder, type ScenarioEvent } from './simulator/scenario.ts';
export { createDistributionService, type DistributionService, type DistributionServiceOptions, type ActiveProfile, type ProfileView, type CommerceOrderPaid, type PaidOrderOutcome } from './distribution-service.ts';
export { runEngineEvent, type EngineRunOptions, type DeltaSink } from './distribution-engine-service.ts';
export { databaseSimulationEngine } from './simulator/database-engine.ts';
export type { LineFilter, ReferrerBinding, PackageUpgrade } from './distribution-reads.ts';
export type { DistributionTables } from './distribution-tables.ts';
export type { DistributionEventPayloads, DistributionEventType as DistributionOutboxEventType } from './distribution-events.ts';
export { distributionAdminRoutes, distributionShopRoutes, type UserDirectory } from './distribution-routes.ts';
export { rulesPage, type RulesPage } from './rules-page.ts';
export { rewardLinesCsv } from './reward-lines-csv.ts';
export { maskDisplayName, noNames, type NameLookup, type PersonName } from './member-names.ts';
export { createDistributionPartnerFeed, type DistributionPartnerFeed, type RewardLineFeedItem, type MemberFeedItem, type ChangePosition, type ChangeFeedQuery } from './partner-feed.ts';
export { distributionPersonalData } from './distribution-personal-data.ts';
