import { err, ok, type Result } from '@linkmall/kernel';
import { z } from 'zod';

/**
 * A commission profile (spec §6.1): the operator-composed data that parameterises the 链动2+1 engine.
 * Amounts are integer fen (accepted as JSON integers, bigint or digit strings, held as bigint);
 * rates are basis points (1 bp = 0.01 %). Every reward line records the profile id and version that
 * produced it, so a profile is immutable once used: a change is a new version.
 */
const fenAmount = z
  .union([z.bigint(), z.number().int().safe(), z.string().regex(/^\d{1,15}$/)])
  .transform((value) => BigInt(value))
  .pipe(z.bigint().min(0n).max(1_000_000_000_000n));
const nullableFen = fenAmount.nullable().default(null);
const rateBps = z.number().int().min(0).max(10_000);

export const REWARD_BASIS_KINDS = ['DIRECT', 'TEAM', 'REPURCHASE_DIRECT', 'REPURCHASE_TEAM'] as const;

export const ProfileSchema = z.object({
  /** Identity of the profile; lines carry it with the version. */
  id: z.string().min(1).max(64).default('custom'),
  /** Operator-chosen version label; when absent the version is a hash of the rules (see profileVersion). */
  version: z.union([z.string().min(1).max(64), z.number().int().min(0)]).optional(),
  name: z.string().max(200).optional(),
  packagePriceFen: fenAmount.pipe(z.bigint().min(1n)),
  /** N in "N+1": paid qualifying referrals an agent contributes before becoming a boss (R1.2). */
  upgradeThreshold: z.number().int().min(1).max(10),
  /** R1.3: a package buyer with no referrer becomes a root BOSS, or an AGENT under the platform. */
  noReferrerRole: z.enum(['BOSS', 'AGENT']),
  /** §4 V-TARGET: only the canonical target (the referrer's team boss) is implemented. */
  placement: z.literal('REFERRER_TEAM_BOSS'),
  /** §4 V-TIMING: team reward when the slid member pays, or to the old boss at the hand-over. */
  teamRewardTiming: z.enum(['ON_PURCHASE', 'ON_SLIDE']),
  rewards: z.object({
    directFen: fenAmount,
    teamFen: fenAmount,
    /**
     * Optional share-of-order alternative to the fixed amounts (§5.5 item 9: rewards as a share of
     * real sales). When set, the reward is floor(order amount × rate) and the fixed amount is unused.
     */
    directRateBps: rateBps.nullable().default(null),
    teamRateBps: rateBps.nullable().default(null),
    peer: z.object({
      enabled: z.boolean(),
      rateBps,
      basis: z.array(z.enum(REWARD_BASIS_KINDS)).min(1).refine((kinds) => new Set(kinds).size === kinds.length, 'basis kinds must be distinct'),
      recipient: z.enum(['LEFT_TEAM_BOSS', 'REFERRER_CHAIN_NEAREST_BOSS']),
      generations: z.number().int().min(1).max(5),
    }),
    repurchase: z.object({
      enabled: z.boolean(),
      directRateBps: rateBps,
      teamRateBps: rateBps,
    }),
  }),
  limits: z.object({
    maxReferralDepthForTeamReward: z.number().int().min(1).max(1000).nullable().default(null),
    maxPayeesPerOrder: z.number().int().min(1).max(20).nullable().default(null),
    maxPayoutRatioBps: rateBps.nullable().default(null),
    dailyIncomeCapFen: nullableFen,
    monthlyIncomeCapFen: nullableFen,
  }),
  settlement: z.object({ freezeDays: z.number().int().min(0).max(365) }),
  refund: z.object({
    windowDays: z.number().int().min(0).max(365),
    /** A refund after settlement appends negative CLAWBACK lines, or leaves settled money alone. */
    afterSettlement: z.enum(['CLAWBACK', 'KEEP']),
    /** RF3: undo the upgrade a refunded order caused, or never (STICKY, an abuse vector). */
    upgradeRollback: z.enum(['REVERT_IF_NO_DEPENDENTS', 'STICKY']),
  }),
});

/** A validated profile; money as bigint fen. */
export type Profile = z.output<typeof ProfileSchema>;
/** The JSON shape an operator writes (money as numbers or strings). */
export type ProfileInput = z.input<typeof ProfileSchema>;

export interface ProfileIssue {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** Parses operator JSON into a profile, or lists every problem with its path. */
export function parseProfile(input: unknown): Result<Profile, 'invalid_profile'> {
  const parsed = ProfileSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues: ProfileIssue[] = parsed.error.issues.map((issue) => ({
    code: 'invalid_profile',
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return err('invalid_profile', { issues });
}

/** The same profile as plain JSON (money as numbers), e.g. to store or show it. */
export function profileToJson(profile: Profile): Record<string, unknown> {
  return JSON.parse(JSON.stringify(profile, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value))) as Record<string, unknown>;
}

/**
 * The version recorded on reward lines: the operator's label when given, otherwise a stable hash of
 * the rules, so two different rule sets can never share a version by accident.
 */
export function profileVersion(profile: Profile): string {
  if (profile.version !== undefined) return String(profile.version);
  const { id: _id, version: _version, name: _name, ...rules } = profileToJson(profile);
  return `h${fnv1a64(canonicalJson(rules))}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** FNV-1a, 64 bit: a dependency-free, deterministic fingerprint (not a security hash). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The shipped default profile, compliant with §5: rewards are a share of the order (not a per-head
 * amount), two payees per order (no peer reward across a break-away), team reward only within two
 * referral generations, at most 30 % paid out per order, and a daily and monthly income cap.
 */
export const DEFAULT_PROFILE_INPUT = {
  id: 'default',
  version: '1',
  name: '默认合规方案 / Default compliant profile',
  packagePriceFen: 39_900,
  upgradeThreshold: 2,
  noReferrerRole: 'BOSS',
  placement: 'REFERRER_TEAM_BOSS',
  teamRewardTiming: 'ON_PURCHASE',
  rewards: {
    directFen: 0,
    teamFen: 0,
    directRateBps: 1_500,
    teamRateBps: 1_000,
    peer: { enabled: false, rateBps: 0, basis: ['DIRECT', 'TEAM'], recipient: 'LEFT_TEAM_BOSS', generations: 1 },
    repurchase: { enabled: true, directRateBps: 1_000, teamRateBps: 500 },
  },
  limits: {
    maxReferralDepthForTeamReward: 2,
    maxPayeesPerOrder: 2,
    maxPayoutRatioBps: 3_000,
    dailyIncomeCapFen: 500_000,
    monthlyIncomeCapFen: 5_000_000,
  },
  settlement: { freezeDays: 7 },
  refund: { windowDays: 7, afterSettlement: 'CLAWBACK', upgradeRollback: 'REVERT_IF_NO_DEPENDENTS' },
} as const satisfies ProfileInput;

export const DEFAULT_PROFILE: Profile = ProfileSchema.parse(DEFAULT_PROFILE_INPUT);

/** P0 of §7: the source-typical figures, for testing the mechanics only (pays out 75–83 %). */
export const CLASSIC_PROFILE_INPUT = {
  id: 'classic-p0',
  packagePriceFen: 39_900,
  upgradeThreshold: 2,
  noReferrerRole: 'BOSS',
  placement: 'REFERRER_TEAM_BOSS',
  teamRewardTiming: 'ON_PURCHASE',
  rewards: {
    directFen: 10_000,
    teamFen: 20_000,
    peer: { enabled: true, rateBps: 1_000, basis: ['DIRECT', 'TEAM'], recipient: 'LEFT_TEAM_BOSS', generations: 1 },
    repurchase: { enabled: true, directRateBps: 1_000, teamRateBps: 500 },
  },
  limits: { maxReferralDepthForTeamReward: null, maxPayeesPerOrder: null, maxPayoutRatioBps: null, dailyIncomeCapFen: null },
  settlement: { freezeDays: 7 },
  refund: { windowDays: 7, afterSettlement: 'CLAWBACK', upgradeRollback: 'REVERT_IF_NO_DEPENDENTS' },
} as const satisfies ProfileInput;

export const CLASSIC_PROFILE: Profile = ProfileSchema.parse(CLASSIC_PROFILE_INPUT);

/** A package reward amount for an order: the share of the order when a rate is set, else the fixed amount. */
export function packageRewardFen(profile: Profile, kind: 'DIRECT' | 'TEAM', orderAmountFen: bigint): bigint {
  const rate = kind === 'DIRECT' ? profile.rewards.directRateBps : profile.rewards.teamRateBps;
  if (rate !== null) return applyRate(orderAmountFen, rate);
  return kind === 'DIRECT' ? profile.rewards.directFen : profile.rewards.teamFen;
}

/** Rounding rule of §6.1: floor to the fen. */
export function applyRate(amountFen: bigint, rateBps: number): bigint {
  return (amountFen * BigInt(rateBps)) / 10_000n;
}

/** Whether a peer reward can be paid at all under this profile (enabled, a rate, and room for a third payee). */
export function peerRewardsEffective(profile: Profile): boolean {
  const peer = profile.rewards.peer;
  const payeeCap = profile.limits.maxPayeesPerOrder;
  return peer.enabled && peer.rateBps > 0 && (payeeCap === null || payeeCap > 2);
}
