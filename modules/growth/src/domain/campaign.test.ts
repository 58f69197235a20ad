import { describe, expect, it } from 'vitest';
import { acceptsPurchase, campaignIssues, stepsReached, nextStep, tierFor, transition, type CampaignRules, type InviteTier, type LadderStep } from './campaign.ts';

const TIERS: InviteTier[] = [
  { fromInvite: 1, toInvite: 3, rateBps: 1_000 },
  { fromInvite: 4, toInvite: 10, rateBps: 500 },
  { fromInvite: 11, toInvite: null, rateBps: 200 },
];
const LADDER: LadderStep[] = [
  { invites: 3, reward: { kind: 'coupon', couponTemplateId: 'cpt_01jd3x7k9q2w8e5r4t6y1u3i0o', costFen: 1_000 } },
  { invites: 5, reward: { kind: 'gift', nameZh: '茶具', nameEn: 'Tea set', costFen: 5_000 } },
  { invites: 10, reward: { kind: 'coupon', couponTemplateId: 'cpt_01jd3x7k9q2w8e5r4t6y1u3i0p', costFen: 3_000 } },
];
const rules = (patch: Partial<CampaignRules> = {}): CampaignRules => ({ startsAt: new Date('2026-12-01T00:00:00+08:00'), endsAt: new Date('2027-01-01T00:00:00+08:00'), budgetUnit: 'fen', budgetTotal: 100_000n, minOrderFen: 100n, ladder: LADDER, tiers: TIERS, ...patch });

describe('campaign rules', () => {
  it('puts the 3rd invite in the first tier, the 4th in the second, the 10th in the second and the 11th in the last', () => {
    expect(tierFor(TIERS, 1)?.rateBps).toBe(1_000);
    expect(tierFor(TIERS, 3)?.rateBps).toBe(1_000);
    expect(tierFor(TIERS, 4)?.rateBps).toBe(500);
    expect(tierFor(TIERS, 10)?.rateBps).toBe(500);
    expect(tierFor(TIERS, 11)?.rateBps).toBe(200);
    expect(tierFor(TIERS, 500)?.rateBps).toBe(200);
    expect(tierFor(TIERS.slice(0, 2), 11)).toBeNull();
  });

  it('reaches ladder steps at exactly 3, 5 and 10 invites', () => {
    expect(stepsReached(LADDER, 2)).toEqual([]);
    expect(stepsReached(LADDER, 3).map((step) => step.invites)).toEqual([3]);
    expect(stepsReached(LADDER, 4).map((step) => step.invites)).toEqual([3]);
    expect(stepsReached(LADDER, 5).map((step) => step.invites)).toEqual([3, 5]);
    expect(stepsReached(LADDER, 10).map((step) => step.invites)).toEqual([3, 5, 10]);
    expect(nextStep(LADDER, 5)?.invites).toBe(10);
    expect(nextStep(LADDER, 10)).toBeNull();
  });

  it('accepts the valid rules and names every problem of invalid ones', () => {
    expect(campaignIssues(rules())).toEqual([]);
    const codes = (patch: Partial<CampaignRules>) => campaignIssues(rules(patch)).map((issue) => issue.code);
    expect(codes({ endsAt: new Date('2026-11-30T00:00:00+08:00') })).toContain('ends_before_start');
    expect(codes({ ladder: [], tiers: [] })).toEqual(['no_reward']);
    expect(codes({ ladder: [LADDER[1]!, LADDER[0]!] })).toContain('steps_not_increasing');
    expect(codes({ tiers: [TIERS[0]!, { fromInvite: 5, toInvite: 10, rateBps: 500 }] })).toContain('tiers_not_contiguous');
    expect(codes({ tiers: [{ fromInvite: 1, toInvite: null, rateBps: 500 }, TIERS[1]!] })).toContain('open_tier_not_last');
    expect(codes({ budgetUnit: 'points' })).toEqual(expect.arrayContaining(['reward_needs_fen_budget', 'rates_need_fen_budget']));
    expect(codes({ budgetUnit: 'points', tiers: [], ladder: [{ invites: 3, reward: { kind: 'points', points: 100 } }] })).toEqual([]);
  });

  it('moves through the lifecycle map only', () => {
    expect(transition('draft', 'activate')).toBe('active');
    expect(transition('active', 'pause')).toBe('paused');
    expect(transition('paused', 'resume')).toBe('active');
    expect(transition('active', 'end')).toBe('ended');
    expect(transition('ended', 'activate')).toBeNull();
    expect(transition('draft', 'pause')).toBeNull();
  });

  it('accepts purchases paid inside the window of an active campaign with budget left', () => {
    const facts = { status: 'active' as const, endedReason: null, startsAt: rules().startsAt, endsAt: rules().endsAt, budgetTotal: 100n, budgetSpent: 0n };
    expect(acceptsPurchase(facts, new Date('2026-12-15T00:00:00+08:00'))).toBe(true);
    expect(acceptsPurchase(facts, facts.endsAt)).toBe(false);
    expect(acceptsPurchase(facts, new Date(facts.startsAt.getTime() - 1))).toBe(false);
    expect(acceptsPurchase({ ...facts, budgetSpent: 100n }, new Date('2026-12-15T00:00:00+08:00'))).toBe(false);
    expect(acceptsPurchase({ ...facts, status: 'paused' }, new Date('2026-12-15T00:00:00+08:00'))).toBe(false);
    // Ended by its date after the payment: still counts; ended by hand or by its budget: does not.
    expect(acceptsPurchase({ ...facts, status: 'ended', endedReason: 'end_date' }, new Date('2026-12-31T23:59:00+08:00'))).toBe(true);
    expect(acceptsPurchase({ ...facts, status: 'ended', endedReason: 'manual' }, new Date('2026-12-15T00:00:00+08:00'))).toBe(false);
  });
});
