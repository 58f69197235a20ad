import { IsoDateTimeSchema, PageQuerySchema, z } from '@linkmall/http';
import { POINT_ACTIONS } from './domain/points.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const count = (max: number) => z.number().int().min(0).max(max);
const MemberId = z.string().regex(/^usr_[0-9a-z]{26}$/);
const CampaignId = z.string().regex(/^gcp_[0-9a-z]{26}$/);
/** Amounts and points in JSON are safe integers, never floats. */
const PositiveAmount = z.number().int().min(1).max(1_000_000_000_000);

export const PointActionSchema = z.enum(POINT_ACTIONS).openapi({ param: { in: 'path', required: true }, example: 'order' });

export const PointsRuleInputSchema = z
  .object({
    enabled: z.boolean(),
    points: count(100_000).openapi({ description: 'Points per occurrence' }),
    pointsPerYuan: count(1_000).default(0).openapi({ description: 'Orders only: extra points per whole yuan paid' }),
    dailyCap: z.number().int().min(1).max(10_000_000).nullable().openapi({ description: 'Most points a member earns from this action per day (China time); null = no limit' }),
  })
  .openapi('GrowthPointsRuleInput');

export const PointsRuleSchema = z
  .object({ action: z.enum(POINT_ACTIONS), enabled: z.boolean(), points: z.number().int(), pointsPerYuan: z.number().int(), dailyCap: z.number().int().nullable(), updatedAt: IsoDateTimeSchema })
  .openapi('GrowthPointsRule');

export const PointLineSchema = z
  .object({ id: z.string(), memberId: z.string(), action: z.string(), causeId: z.string(), points: z.number().int(), reversesLineId: z.string().nullable(), campaignId: z.string().nullable(), createdAt: IsoDateTimeSchema })
  .openapi('GrowthPointLine');

export const PointLineQuerySchema = PageQuerySchema.extend({ memberId: MemberId.optional(), action: z.enum([...POINT_ACTIONS, 'order_refund', 'campaign']).optional() });

export const LevelInputSchema = z
  .object({
    nameZh: text(40),
    nameEn: text(60),
    minPoints: count(1_000_000_000),
    minInvites: count(100_000),
    extraCommissionBps: count(10_000).openapi({ description: 'Added to campaign invite rates, always within the distribution caps' }),
    priorityShipping: z.boolean(),
    hotProductAccess: z.boolean(),
  })
  .openapi('GrowthLevelInput');

export const LevelSchema = LevelInputSchema.extend({ id: z.string(), createdAt: IsoDateTimeSchema, updatedAt: IsoDateTimeSchema }).openapi('GrowthLevel');

const PrivilegesSchema = z.object({ extraCommissionBps: z.number().int(), priorityShipping: z.boolean(), hotProductAccess: z.boolean() }).openapi('GrowthPrivileges');

export const MemberGrowthSchema = z
  .object({ memberId: z.string(), points: z.number().int(), qualifiedInvites: z.number().int(), level: LevelSchema.nullable(), nextLevel: LevelSchema.nullable(), privileges: PrivilegesSchema })
  .openapi('GrowthMember');

const LadderRewardSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coupon'), couponTemplateId: z.string().regex(/^cpt_[0-9a-z]{26}$/), costFen: count(100_000_000).openapi({ description: 'What one coupon costs the budget (its face value)' }) }),
  z.object({ kind: z.literal('gift'), nameZh: text(40), nameEn: text(60), costFen: count(100_000_000) }),
  z.object({ kind: z.literal('points'), points: z.number().int().min(1).max(100_000_000) }),
]);

export const LadderStepSchema = z.object({ invites: z.number().int().min(1).max(10_000), reward: LadderRewardSchema }).openapi('GrowthLadderStep');
export const InviteTierSchema = z
  .object({ fromInvite: z.number().int().min(1).max(10_000), toInvite: z.number().int().min(1).max(10_000).nullable(), rateBps: count(10_000).openapi({ description: 'Basis points of the invitee’s qualifying order amount' }) })
  .openapi('GrowthInviteTier');

const campaignFields = {
  nameZh: text(60),
  nameEn: text(100),
  startsAt: z.iso.datetime({ offset: true }).openapi({ example: '2026-12-01T00:00:00+08:00' }),
  endsAt: z.iso.datetime({ offset: true }).openapi({ example: '2026-12-31T00:00:00+08:00' }),
  budgetUnit: z.enum(['fen', 'points']),
  budgetTotal: PositiveAmount.openapi({ description: 'In fen, or in points for a points budget' }),
  minOrderFen: PositiveAmount.openapi({ description: 'The smallest paid order that makes an invite count' }),
  ladder: z.array(LadderStepSchema).max(10),
  tiers: z.array(InviteTierSchema).max(10),
};

export const CampaignInputSchema = z.object(campaignFields).openapi('GrowthCampaignInput');

export const CampaignPatchSchema = z
  .object(Object.fromEntries(Object.entries(campaignFields).map(([key, schema]) => [key, schema.optional()])) as { [K in keyof typeof campaignFields]: z.ZodOptional<(typeof campaignFields)[K]> })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: 'Change at least one field' })
  .openapi('GrowthCampaignPatch');

export const CampaignActionSchema = z.object({ action: z.enum(['activate', 'pause', 'resume', 'end']) }).openapi('GrowthCampaignAction');

export const CampaignSchema = z
  .object({
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    status: z.enum(['draft', 'active', 'paused', 'ended']),
    startsAt: IsoDateTimeSchema,
    endsAt: IsoDateTimeSchema,
    budgetUnit: z.enum(['fen', 'points']),
    budgetTotal: z.number().int(),
    budgetSpent: z.number().int(),
    budgetRemaining: z.number().int(),
    minOrderFen: z.number().int(),
    ladder: z.array(LadderStepSchema),
    tiers: z.array(InviteTierSchema),
    endedReason: z.enum(['end_date', 'budget_spent', 'manual']).nullable(),
    endedAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('GrowthCampaign');

export const CampaignDetailSchema = CampaignSchema.extend({ rewardCounts: z.object({ granted: z.number().int(), reduced: z.number().int(), refused: z.number().int() }) }).openapi('GrowthCampaignDetail');

export const CampaignQuerySchema = PageQuerySchema.extend({ status: z.enum(['draft', 'active', 'paused', 'ended']).optional() });

const REWARD_STATES = ['refused', 'pending', 'settled', 'reversed', 'clawed_back', 'to_issue', 'issuing', 'issued', 'issue_failed', 'to_ship', 'shipped', 'credited'] as const;
const REWARD_KINDS = ['tier_cash', 'ladder_coupon', 'ladder_gift', 'ladder_points'] as const;

export const RewardSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    memberId: z.string(),
    inviteeId: z.string().nullable(),
    orderId: z.string().nullable(),
    kind: z.enum(REWARD_KINDS),
    inviteOrdinal: z.number().int().nullable(),
    ladderInvites: z.number().int().nullable(),
    rateBps: z.number().int().nullable(),
    unit: z.enum(['fen', 'points']),
    requestedAmount: z.number().int(),
    grantedAmount: z.number().int(),
    decision: z.enum(['granted', 'reduced', 'refused']),
    limitedBy: z.array(z.string()),
    state: z.enum(REWARD_STATES),
    couponTemplateId: z.string().nullable(),
    couponId: z.string().nullable(),
    giftNameZh: z.string().nullable(),
    giftNameEn: z.string().nullable(),
    failureCode: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .openapi('GrowthReward');

/** The console's view adds display names (operations read people, not ids). */
export const AdminRewardSchema = RewardSchema.extend({ memberName: z.string().nullable(), inviteeName: z.string().nullable() }).openapi('GrowthAdminReward');
export const AdminPointLineSchema = PointLineSchema.extend({ memberName: z.string().nullable() }).openapi('GrowthAdminPointLine');

export const RewardQuerySchema = PageQuerySchema.extend({ campaignId: CampaignId.optional(), memberId: MemberId.optional(), state: z.enum(REWARD_STATES).optional(), kind: z.enum(REWARD_KINDS).optional() });

export const InviteProgressSchema = z
  .object({
    campaignId: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    status: z.string(),
    startsAt: IsoDateTimeSchema,
    endsAt: IsoDateTimeSchema,
    minOrderFen: z.number().int(),
    qualifiedInvites: z.number().int(),
    nextStep: LadderStepSchema.nullable(),
    nextInviteRateBps: z.number().int().nullable(),
    ladder: z.array(LadderStepSchema),
    tiers: z.array(InviteTierSchema),
    rewards: z.array(RewardSchema),
  })
  .openapi('GrowthInviteProgress');
