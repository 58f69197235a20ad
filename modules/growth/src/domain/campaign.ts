/**
 * Invite campaigns: ladder rewards (3 / 5 / 10 qualified invites → a coupon, a gift or points) and
 * tiered invite rates (first 3 invites at one rate, 4th–10th lower, beyond lower still), with a
 * budget and a window. Pure rules and the campaign lifecycle; no I/O.
 *
 * Compliance (liandong-2plus1.md §5): nothing is paid for a sign-up. An invite counts only once the
 * invitee made a real paid purchase, and a rate is a share of that purchase, never a per-head amount.
 */
export type BudgetUnit = 'fen' | 'points';

export type LadderReward =
  | { readonly kind: 'coupon'; readonly couponTemplateId: string; readonly costFen: number }
  | { readonly kind: 'gift'; readonly nameZh: string; readonly nameEn: string; readonly costFen: number }
  | { readonly kind: 'points'; readonly points: number };

export interface LadderStep {
  /** Qualified invites needed for this step. */
  readonly invites: number;
  readonly reward: LadderReward;
}

export interface InviteTier {
  readonly fromInvite: number;
  /** Inclusive; null for the open-ended last tier. */
  readonly toInvite: number | null;
  /** Basis points of the invitee's qualifying order amount. */
  readonly rateBps: number;
}

export interface CampaignRules {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly budgetUnit: BudgetUnit;
  readonly budgetTotal: bigint;
  /** The smallest paid order that makes an invite count. */
  readonly minOrderFen: bigint;
  readonly ladder: readonly LadderStep[];
  readonly tiers: readonly InviteTier[];
}

export interface CampaignIssue {
  readonly path: string;
  readonly code: string;
}

/** Everything wrong with a campaign's rules (an empty list when it is valid). */
export function campaignIssues(rules: CampaignRules): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  if (rules.endsAt.getTime() <= rules.startsAt.getTime()) issues.push({ path: 'endsAt', code: 'ends_before_start' });
  if (rules.ladder.length === 0 && rules.tiers.length === 0) issues.push({ path: 'ladder', code: 'no_reward' });
  rules.ladder.forEach((step, index) => {
    const previous = rules.ladder[index - 1];
    if (previous && step.invites <= previous.invites) issues.push({ path: `ladder.${index}.invites`, code: 'steps_not_increasing' });
    const pointsStep = step.reward.kind === 'points';
    if (pointsStep && rules.budgetUnit !== 'points') issues.push({ path: `ladder.${index}.reward`, code: 'points_reward_needs_points_budget' });
    if (!pointsStep && rules.budgetUnit !== 'fen') issues.push({ path: `ladder.${index}.reward`, code: 'reward_needs_fen_budget' });
  });
  if (rules.tiers.length > 0 && rules.budgetUnit !== 'fen') issues.push({ path: 'tiers', code: 'rates_need_fen_budget' });
  rules.tiers.forEach((tier, index) => {
    const previous = rules.tiers[index - 1];
    const expectedFrom = previous ? (previous.toInvite ?? Number.NaN) + 1 : 1;
    if (tier.fromInvite !== expectedFrom) issues.push({ path: `tiers.${index}.fromInvite`, code: 'tiers_not_contiguous' });
    if (tier.toInvite !== null && tier.toInvite < tier.fromInvite) issues.push({ path: `tiers.${index}.toInvite`, code: 'tier_ends_before_start' });
    if (tier.toInvite === null && index !== rules.tiers.length - 1) issues.push({ path: `tiers.${index}.toInvite`, code: 'open_tier_not_last' });
  });
  return issues;
}

/** The tier of the n-th qualified invite (1-based), or null past the last closed tier. */
export function tierFor(tiers: readonly InviteTier[], ordinal: number): InviteTier | null {
  return tiers.find((tier) => ordinal >= tier.fromInvite && (tier.toInvite === null || ordinal <= tier.toInvite)) ?? null;
}

/** The ladder steps reached at this many qualified invites, lowest first. */
export function stepsReached(ladder: readonly LadderStep[], qualifiedInvites: number): LadderStep[] {
  return ladder.filter((step) => step.invites <= qualifiedInvites);
}

/** The next step still ahead, for the member's progress view. */
export function nextStep(ladder: readonly LadderStep[], qualifiedInvites: number): LadderStep | null {
  return ladder.find((step) => step.invites > qualifiedInvites) ?? null;
}

/** What a ladder step costs the campaign's budget, in the budget's unit. */
export function stepCost(step: LadderStep): bigint {
  return BigInt(step.reward.kind === 'points' ? step.reward.points : step.reward.costFen);
}

// The lifecycle: a transition map changed only through transition() (architecture rule 2).

export type CampaignStatus = 'draft' | 'active' | 'paused' | 'ended';
export type CampaignAction = 'activate' | 'pause' | 'resume' | 'end';
export type EndedReason = 'end_date' | 'budget_spent' | 'manual';

const TRANSITIONS: Record<CampaignStatus, Partial<Record<CampaignAction, CampaignStatus>>> = {
  draft: { activate: 'active', end: 'ended' },
  active: { pause: 'paused', end: 'ended' },
  paused: { resume: 'active', end: 'ended' },
  ended: {},
};

/** The status after an action, or null when the action is not allowed from this status. */
export function transition(status: CampaignStatus, action: CampaignAction): CampaignStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

export interface RunningFacts {
  readonly status: CampaignStatus;
  readonly endedReason: EndedReason | null;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly budgetTotal: bigint;
  readonly budgetSpent: bigint;
}

/**
 * Whether a purchase paid at `paidAt` can earn a campaign's rewards: the payment falls in the window
 * [start, end), budget is left, and the campaign is active, or ended only because its end date came
 * after the payment (a purchase made in time still counts when its payment is worked off a minute
 * late). A paused campaign, or one ended by its budget or by hand, pays nothing more.
 */
export function acceptsPurchase(campaign: RunningFacts, paidAt: Date): boolean {
  const at = paidAt.getTime();
  const open = campaign.status === 'active' || (campaign.status === 'ended' && campaign.endedReason === 'end_date');
  return open && at >= campaign.startsAt.getTime() && at < campaign.endsAt.getTime() && campaign.budgetSpent < campaign.budgetTotal;
}
