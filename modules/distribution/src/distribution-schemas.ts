import { IsoDateTimeSchema, z } from '@linkmall/http';
import type { MemberState, RewardLine } from './domain/model.ts';
import type { PersonName } from './member-names.ts';

/** Member and line ids are user ids in production; scenario names are allowed by the engine but never reach HTTP. */
export const MemberIdParam = z
  .string()
  .regex(/^usr_[0-9a-z]{26}$/)
  .openapi({ param: { in: 'path', required: true }, example: 'usr_01jd3x7k9q2w8e5r4t6y1u3i0o' });

const ROLE = z.enum(['MEMBER', 'AGENT', 'BOSS']);
export const MemberSchema = z
  .object({
    memberId: z.string(),
    role: ROLE,
    referrerId: z.string().nullable(),
    teamBossId: z.string().nullable(),
    peerUplineId: z.string().nullable(),
    contributionSlots: z.array(z.string()),
    packageOrderId: z.string().nullable(),
    activeReferralCount: z.number().int(),
    flags: z.array(z.string()),
    displayName: z.string().nullable().optional(),
    phoneMasked: z.string().nullable().optional(),
  })
  .openapi('DistributionMember');

/** A person named by id on a screen: display name and masked phone, both null when unknown. */
export const PersonSchema = z.object({ displayName: z.string().nullable(), phoneMasked: z.string().nullable() }).openapi('DistributionPerson');

export const toMemberJson = (member: MemberState, person?: PersonName | null) => ({
  memberId: member.id,
  role: member.role,
  referrerId: member.referrerId,
  teamBossId: member.teamBossId,
  peerUplineId: member.peerUplineId,
  contributionSlots: [...member.contributionSlots],
  packageOrderId: member.packageOrderId,
  activeReferralCount: member.activeReferralCount,
  flags: [...member.flags],
  ...(person !== undefined ? { displayName: person?.displayName ?? null, phoneMasked: person?.phoneMasked ?? null } : {}),
});

export const RewardLineSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    payeeId: z.string(),
    sourceUserId: z.string(),
    kind: z.string().openapi({ example: 'DIRECT' }),
    amountFen: z.number().int(),
    status: z.enum(['PENDING', 'SETTLED', 'REVERSED']),
    profileId: z.string(),
    profileVersion: z.string(),
    createdAt: IsoDateTimeSchema,
    reversesLineId: z.string().nullable(),
    /** Display names of the payee and of the buyer whose order caused the line (finance sees names, not only ids). */
    payeeName: z.string().nullable().optional(),
    sourceUserName: z.string().nullable().optional(),
  })
  .openapi('DistributionRewardLine');

export const toLineJson = (line: RewardLine, names?: ReadonlyMap<string, PersonName>) => ({
  id: line.id,
  orderId: line.orderId,
  payeeId: line.payeeId,
  sourceUserId: line.sourceUserId,
  kind: line.kind,
  amountFen: Number(line.amountFen),
  status: line.status,
  profileId: line.profileId,
  profileVersion: line.profileVersion,
  createdAt: new Date(line.createdAtMs).toISOString(),
  reversesLineId: line.reversesLineId,
  ...(names ? { payeeName: names.get(line.payeeId)?.displayName ?? null, sourceUserName: names.get(line.sourceUserId)?.displayName ?? null } : {}),
});

export const ProfileSchemaJson = z
  .object({
    id: z.string(),
    profileKey: z.string(),
    version: z.string(),
    name: z.string(),
    status: z.enum(['draft', 'active', 'retired']),
    definition: z.record(z.string(), z.unknown()),
    createdAt: IsoDateTimeSchema,
    activatedAt: IsoDateTimeSchema.nullable(),
    retiredAt: IsoDateTimeSchema.nullable(),
  })
  .openapi('DistributionProfile');

const Finding = z.object({ code: z.string(), 'zh-CN': z.string(), en: z.string() });
export const ComplianceSchema = z
  .object({
    profileId: z.string(),
    profileVersion: z.string(),
    packagePriceFen: z.number().int(),
    worstCasePackagePayoutFen: z.number().int(),
    worstCasePackagePayoutRatioBps: z.number().int(),
    worstCaseRepurchasePayoutRatioBps: z.number().int(),
    payeesPerOrder: z.number().int(),
    maxPaidReferralDepth: z.number().int().nullable(),
    violations: z.array(Finding),
    warnings: z.array(Finding),
    compliant: z.boolean(),
  })
  .openapi('DistributionComplianceReport');

/** A value as JSON sees it: bigint fen become numbers, nothing is read-only. */
export type Numbered<T> = T extends bigint ? number : T extends readonly (infer U)[] ? Numbered<U>[] : T extends object ? { -readonly [K in keyof T]: Numbered<T[K]> } : T;
export const toJsonNumbers = <T>(value: T): Numbered<T> => JSON.parse(JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? Number(inner) : inner))) as Numbered<T>;

/** A profile definition as the operator writes it (§6.1); the engine's zod schema validates it in the service. */
export const ProfileDefinitionBody = z.object({ definition: z.record(z.string(), z.unknown()) }).openapi('DistributionProfileDefinition');

/** A real calendar day: the pattern alone let 2026-13-45 through to a NaN day number and a 500. */
const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((date) => {
    const ms = Date.parse(`${date}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(date);
  }, 'not a calendar date');

export const LineQuerySchema = z.object({
  memberId: z.string().regex(/^usr_[0-9a-z]{26}$/).optional(),
  orderId: z.string().regex(/^ord_[0-9a-z]{26}$/).optional(),
  kind: z.enum(['DIRECT', 'TEAM', 'PEER', 'REPURCHASE_DIRECT', 'REPURCHASE_TEAM', 'CLAWBACK_DIRECT', 'CLAWBACK_TEAM', 'CLAWBACK_PEER', 'CLAWBACK_REPURCHASE_DIRECT', 'CLAWBACK_REPURCHASE_TEAM']).optional(),
  status: z.enum(['PENDING', 'SETTLED', 'REVERSED']).optional(),
  from: CalendarDate.optional().openapi({ example: '2026-11-01' }),
  to: CalendarDate.optional().openapi({ example: '2026-11-30' }),
});

/** A calendar date (China time) as the engine's business day number. */
export const dayOf = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

export const BindBody = z.object({ inviteCode: z.string().trim().regex(/^[A-Za-z0-9]{6,16}$/).openapi({ example: 'K7M2QW9X' }) }).openapi('DistributionBind');
export const PackageBody = z.object({ isPackage: z.boolean() }).openapi('DistributionPackageFlag');

export const RulesPageSchema = z
  .object({ profileId: z.string(), version: z.string(), title: z.string(), sections: z.array(z.object({ heading: z.string(), items: z.array(z.string()) })) })
  .openapi('DistributionRulesPage');

export const MeSchema = z
  .object({
    member: MemberSchema,
    inviteCode: z.string().nullable(),
    shareUrl: z.string().nullable(),
    referralCount: z.number().int(),
    teamCount: z.number().int(),
    brokeAwayCount: z.number().int(),
    teamMembers: z.array(MemberSchema),
    brokeAway: z.array(MemberSchema),
  })
  .openapi('DistributionMe');

export const TreeQuerySchema = z.object({
  tree: z.enum(['referral', 'team', 'broke_away']).default('referral'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
