import { describe, expect, it } from 'vitest';
import { profileWith } from '../../test/scenario-helpers.ts';
import { activateProfile, complianceReport } from './compliance.ts';
import { CLASSIC_PROFILE, DEFAULT_PROFILE, parseProfile, type Profile } from './profile.ts';

const profile = (patch: Record<string, unknown>): Profile => {
  const parsed = parseProfile(profileWith(patch));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.details));
  return parsed.value;
};

describe('compliance guard (§5, §6.1)', () => {
  it('R6.1 the shipped default profile is compliant: no violations, no warnings, ≤ 30%, two payees, depth 2', () => {
    const report = complianceReport(DEFAULT_PROFILE);
    expect(report.violations).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.compliant).toBe(true);
    expect(report.worstCasePackagePayoutRatioBps).toBeLessThanOrEqual(3000);
    expect(report.payeesPerOrder).toBe(2);
    expect(report.maxPaidReferralDepth).toBe(2);
    expect(DEFAULT_PROFILE.limits.maxPayoutRatioBps).toBeLessThanOrEqual(3000);
    expect(activateProfile(DEFAULT_PROFILE).ok).toBe(true);
  });

  it('R6.1 P0 reports 82.7% worst case, three payees, unbounded depth and every §5 warning', () => {
    const report = complianceReport(CLASSIC_PROFILE);
    expect(report.worstCasePackagePayoutFen).toBe(33_000n);
    expect(report.worstCasePackagePayoutRatioBps).toBe(8271);
    expect(report.payeesPerOrder).toBe(3);
    expect(report.maxPaidReferralDepth).toBeNull();
    expect(report.warnings.map((warning) => warning.code)).toEqual(
      expect.arrayContaining(['per_head_reward', 'payout_above_30_percent', 'peer_reward_across_break_away', 'paid_depth_beyond_two_levels', 'more_than_two_payees']),
    );
    // No cap of its own, so nothing it violates: it may be simulated, knowingly.
    expect(report.violations).toEqual([]);
  });

  it('R6.1 maxPayoutRatioBps 3000 rejects P0 (330/399) and accepts direct 40 / team 60 / peer 10% (110/399)', () => {
    const rejected = activateProfile(profile({ limits: { maxPayoutRatioBps: 3000 } }));
    expect(rejected).toMatchObject({ ok: false, code: 'profile_not_compliant' });
    const violations = (rejected as unknown as { details: { violations: { code: string; 'zh-CN': string; en: string }[] } }).details.violations;
    expect(violations[0]).toMatchObject({ code: 'payout_ratio_above_cap' });
    expect(violations[0]!['zh-CN']).toContain('82.71%');
    const accepted = activateProfile(profile({ rewards: { directFen: 4000, teamFen: 6000 }, limits: { maxPayoutRatioBps: 3000 } }));
    expect(accepted.ok).toBe(true);
    if (accepted.ok) expect(accepted.value.report.worstCasePackagePayoutRatioBps).toBe(2757);
  });

  it('R6.1 maxPayeesPerOrder 2 removes PEER from the worst case and the payee count', () => {
    const report = complianceReport(profile({ limits: { maxPayeesPerOrder: 2 } }));
    expect(report.worstCasePackagePayoutFen).toBe(30_000n);
    expect(report.payeesPerOrder).toBe(2);
    expect(report.warnings.map((warning) => warning.code)).not.toContain('peer_reward_across_break_away');
  });

  it('R6.1 peer generations and basis change the worst case', () => {
    expect(complianceReport(profile({ rewards: { peer: { generations: 2 } } })).worstCasePackagePayoutFen).toBe(36_000n);
    expect(complianceReport(profile({ rewards: { peer: { basis: ['DIRECT'] } } })).worstCasePackagePayoutFen).toBe(31_000n);
  });

  it('R6.1 a repurchase rate above the profile’s own cap is a violation too', () => {
    const report = complianceReport(profile({ rewards: { directFen: 1000, teamFen: 1000, repurchase: { directRateBps: 2500, teamRateBps: 1000 } }, limits: { maxPayoutRatioBps: 3000 } }));
    expect(report.violations.map((violation) => violation.code)).toEqual(['repurchase_payout_ratio_above_cap']);
  });

  it('R6.1 peer disabled with a depth cap bounds the paid referral depth', () => {
    const report = complianceReport(profile({ rewards: { peer: { enabled: false } }, limits: { maxReferralDepthForTeamReward: 2 } }));
    expect(report.maxPaidReferralDepth).toBe(2);
    expect(report.payeesPerOrder).toBe(2);
  });

  it('every finding has a zh-CN and an en message', () => {
    const report = complianceReport(profile({ limits: { maxPayoutRatioBps: 3000, dailyIncomeCapFen: 10_000, monthlyIncomeCapFen: 5_000 } }));
    for (const finding of [...report.violations, ...report.warnings]) {
      expect(finding['zh-CN'].length).toBeGreaterThan(0);
      expect(finding.en.length).toBeGreaterThan(0);
    }
    expect(report.warnings.map((warning) => warning.code)).toContain('monthly_cap_below_daily_cap');
  });
});
