/**
 * @linkmall/growth — growth campaigns (issue 6): points (能量值) for actions, levels with privileges,
 * invite campaigns with ladder rewards, tiered rates and budgets, every cash reward within the
 * distribution profile's compliance caps. See docs/growth.md.
 */
export { POINT_ACTIONS, pointsEarned, withinDailyCap, pointsToReverse, type PointAction, type PointsRule, type RefundFacts } from './domain/points.ts';
export { levelOf, nextLevelOf, privilegesOf, rankLevels, NO_PRIVILEGES, type Level, type MemberStats, type Privileges } from './domain/levels.ts';
export {
  campaignIssues,
  tierFor,
  stepsReached,
  nextStep,
  stepCost,
  transition,
  acceptsPurchase,
  type BudgetUnit,
  type CampaignRules,
  type CampaignIssue,
  type CampaignStatus,
  type CampaignAction,
  type EndedReason,
  type InviteTier,
  type LadderStep,
  type LadderReward,
} from './domain/campaign.ts';
export { capCashReward, capWholeReward, decisionOf, applyRateBps, type CashLimits, type CashRewardFacts, type CappedReward, type LimitReason, type RewardDecision } from './domain/reward-caps.ts';
export { canMove, initialState, type RewardKind, type RewardState } from './domain/reward-state.ts';
export { businessDay, businessMonthDays } from './domain/calendar.ts';
export { createGrowthModule, growthSubscribers, growthRewardsJob, type GrowthModule, type GrowthModuleOptions } from './growth-service.ts';
export { noDistribution, noCoupons, type DistributionFacts, type GrowthLimits, type OrderCredits, type RewardMoney, type CashReward, type CouponGrants } from './growth-ports.ts';
export type { CampaignInput, CampaignPatch, CampaignView } from './campaign-service.ts';
export type { LevelInput, LevelView, MemberLevel } from './level-service.ts';
export type { PointLineView, PointsRuleView, CreditOutcome } from './points-service.ts';
export type { RewardView, RewardRunReport } from './reward-service.ts';
export type { InviteProgressView } from './member-service.ts';
export type { WorkOutcome } from './invite-engine.ts';
export { growthErrors, type GrowthErrorCode } from './growth-errors.ts';
export type { GrowthEventPayloads, GrowthEventType } from './growth-events.ts';
export type { GrowthTables } from './growth-tables.ts';
export { growthAdminRoutes, growthShopRoutes, type GrowthNameLookup } from './growth-routes.ts';
export { growthPersonalData } from './growth-personal-data.ts';
