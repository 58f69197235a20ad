import { err, ok, type Localized, type Result } from '@linkmall/kernel';
import { applyRate, packageRewardFen, peerRewardsEffective, profileVersion, type Profile } from './profile.ts';

/**
 * The compliance guard of §5 and §6.1: what a profile can pay out in the worst case, to how many
 * payees and how deep in the referral tree, with warnings tied to the legal text (per-head rewards,
 * payout above 30 %, peer rewards across a break-away) and violations of the profile's own caps.
 * Operators see the report before activation; a profile with violations cannot be activated.
 */
export interface ComplianceFinding extends Localized {
  readonly code: string;
}

export interface ComplianceReport {
  readonly profileId: string;
  readonly profileVersion: string;
  readonly packagePriceFen: bigint;
  /** The most one package order can pay out (before the payout-ratio cap itself). */
  readonly worstCasePackagePayoutFen: bigint;
  readonly worstCasePackagePayoutRatioBps: number;
  readonly worstCaseRepurchasePayoutRatioBps: number;
  /** Payee positions per order: the referrer, the team boss, each peer upline. */
  readonly payeesPerOrder: number;
  /** Deepest referral generation above the buyer that can be paid; null when unbounded. */
  readonly maxPaidReferralDepth: number | null;
  readonly violations: readonly ComplianceFinding[];
  readonly warnings: readonly ComplianceFinding[];
  readonly compliant: boolean;
}

/** §5.5 guidance: total payouts at most 30 % of turnover. */
export const PAYOUT_GUIDANCE_BPS = 3_000;

export function complianceReport(profile: Profile): ComplianceReport {
  const worstPackageFen = worstCasePackagePayoutFen(profile);
  const packageRatioBps = ratioBps(worstPackageFen, profile.packagePriceFen);
  const repurchaseRatioBps = worstCaseRepurchaseRatioBps(profile);
  const peerPaid = peerRewardsEffective(profile);
  const teamPaid = packageRewardFen(profile, 'TEAM', profile.packagePriceFen) > 0n || (profile.rewards.repurchase.enabled && profile.rewards.repurchase.teamRateBps > 0);
  const depthCap = profile.limits.maxReferralDepthForTeamReward;
  const maxPaidReferralDepth = peerPaid ? null : teamPaid ? depthCap : 1;
  const payeePositions = 2 + (peerPaid ? profile.rewards.peer.generations : 0);
  const payeesPerOrder = profile.limits.maxPayeesPerOrder === null ? payeePositions : Math.min(payeePositions, profile.limits.maxPayeesPerOrder);

  const violations: ComplianceFinding[] = [];
  const warnings: ComplianceFinding[] = [];
  const cap = profile.limits.maxPayoutRatioBps;
  if (cap !== null && packageRatioBps > cap) {
    violations.push({
      code: 'payout_ratio_above_cap',
      'zh-CN': `礼包订单最坏情况支出 ${percent(packageRatioBps)} 超过方案自身上限 ${percent(cap)}`,
      en: `A package order can pay out ${percent(packageRatioBps)} in the worst case, above the profile's own cap of ${percent(cap)}`,
    });
  }
  if (cap !== null && repurchaseRatioBps > cap) {
    violations.push({
      code: 'repurchase_payout_ratio_above_cap',
      'zh-CN': `复购订单最坏情况支出 ${percent(repurchaseRatioBps)} 超过方案自身上限 ${percent(cap)}`,
      en: `A repurchase order can pay out ${percent(repurchaseRatioBps)} in the worst case, above the profile's own cap of ${percent(cap)}`,
    });
  }
  const fixedPerHead = (profile.rewards.directRateBps === null && profile.rewards.directFen > 0n) || (profile.rewards.teamRateBps === null && profile.rewards.teamFen > 0n);
  if (fixedPerHead) {
    warnings.push({
      code: 'per_head_reward',
      'zh-CN': '直推奖或团队奖按每个新加入者固定金额发放，属于按发展人数计酬（《禁止传销条例》第七条第一项）；建议改为订单金额的比例',
      en: 'Direct or team rewards are a fixed amount per new joiner, i.e. pay by headcount (Decree 444 Art. 7(1)); express them as a share of the order instead',
    });
  }
  if (Math.max(packageRatioBps, repurchaseRatioBps) > PAYOUT_GUIDANCE_BPS) {
    warnings.push({
      code: 'payout_above_30_percent',
      'zh-CN': `最坏情况支出 ${percent(Math.max(packageRatioBps, repurchaseRatioBps))}，超过行业 30% 的建议上限`,
      en: `Worst-case payout is ${percent(Math.max(packageRatioBps, repurchaseRatioBps))}, above the industry guidance of 30%`,
    });
  }
  if (peerPaid) {
    warnings.push({
      code: 'peer_reward_across_break_away',
      'zh-CN': '平级奖让脱离后的老板继续从原团队获利；按 2013 年两高一部意见，脱离后的层级仍计入原组织',
      en: 'Peer rewards keep a boss earning from the team they left; under the 2013 opinion those levels still count as theirs',
    });
  }
  if (cap === null) {
    warnings.push({ code: 'no_payout_ratio_cap', 'zh-CN': '未设置单笔订单支出比例上限', en: 'No cap on the payout ratio of one order is set' });
  }
  if (maxPaidReferralDepth === null || maxPaidReferralDepth > 2) {
    warnings.push({
      code: 'paid_depth_beyond_two_levels',
      'zh-CN': maxPaidReferralDepth === null ? '奖励可支付给推荐关系中任意深度的上级' : `奖励可支付到推荐关系中第 ${maxPaidReferralDepth} 层上级`,
      en: maxPaidReferralDepth === null ? 'Rewards can reach uplines at any referral depth' : `Rewards can reach the ${maxPaidReferralDepth}th referral generation above the buyer`,
    });
  }
  if (payeesPerOrder > 2) {
    warnings.push({ code: 'more_than_two_payees', 'zh-CN': `每笔订单最多 ${payeesPerOrder} 个受益人`, en: `Up to ${payeesPerOrder} payees per order` });
  }
  if (profile.limits.dailyIncomeCapFen === null) {
    warnings.push({ code: 'no_daily_income_cap', 'zh-CN': '未设置个人每日收益上限', en: 'No daily income cap per person is set' });
  }
  const { dailyIncomeCapFen, monthlyIncomeCapFen } = profile.limits;
  if (dailyIncomeCapFen !== null && monthlyIncomeCapFen !== null && monthlyIncomeCapFen < dailyIncomeCapFen) {
    warnings.push({ code: 'monthly_cap_below_daily_cap', 'zh-CN': '每月收益上限低于每日上限', en: 'The monthly income cap is below the daily cap' });
  }
  return {
    profileId: profile.id,
    profileVersion: profileVersion(profile),
    packagePriceFen: profile.packagePriceFen,
    worstCasePackagePayoutFen: worstPackageFen,
    worstCasePackagePayoutRatioBps: packageRatioBps,
    worstCaseRepurchasePayoutRatioBps: repurchaseRatioBps,
    payeesPerOrder,
    maxPaidReferralDepth,
    violations,
    warnings,
    compliant: violations.length === 0,
  };
}

/**
 * Worst case of one package order at the package price: either the referrer is a boss who takes
 * DIRECT and TEAM with a peer chain above, or an agent referrer takes DIRECT and the team boss TEAM
 * with a peer chain above the team boss. Payee positions beyond the cap are dropped, as at credit time.
 */
export function worstCasePackagePayoutFen(profile: Profile): bigint {
  const direct = packageRewardFen(profile, 'DIRECT', profile.packagePriceFen);
  const team = packageRewardFen(profile, 'TEAM', profile.packagePriceFen);
  const basis = new Set<string>(profile.rewards.peer.basis);
  const peerOf = (basisFen: bigint) => (peerRewardsEffective(profile) ? Array.from({ length: profile.rewards.peer.generations }, () => applyRate(basisFen, profile.rewards.peer.rateBps)) : []);
  const bossReferrer = [direct, team, ...peerOf((basis.has('DIRECT') ? direct : 0n) + (basis.has('TEAM') ? team : 0n))];
  const agentReferrer = [direct, team, ...peerOf(basis.has('TEAM') ? team : 0n)];
  return [bossReferrer, agentReferrer].map((lines) => sumCapped(profile, lines)).reduce((a, b) => (a > b ? a : b));
}

function worstCaseRepurchaseRatioBps(profile: Profile): number {
  const repurchase = profile.rewards.repurchase;
  if (!repurchase.enabled) return 0;
  const reference = 100_000_000n; // a large order, so that flooring to the fen does not hide a rate
  const direct = applyRate(reference, repurchase.directRateBps);
  const team = applyRate(reference, repurchase.teamRateBps);
  const basis = new Set<string>(profile.rewards.peer.basis);
  const peerBasis = (basis.has('REPURCHASE_DIRECT') ? direct : 0n) + (basis.has('REPURCHASE_TEAM') ? team : 0n);
  const peer = peerRewardsEffective(profile) && peerBasis > 0n ? Array.from({ length: profile.rewards.peer.generations }, () => applyRate(peerBasis, profile.rewards.peer.rateBps)) : [];
  return ratioBps(sumCapped(profile, [direct, team, ...peer]), reference);
}

function sumCapped(profile: Profile, lines: readonly bigint[]): bigint {
  const positions = profile.limits.maxPayeesPerOrder ?? lines.length;
  return lines.slice(0, positions).reduce((sum, amount) => sum + amount, 0n);
}

/** Ratio in basis points, rounded up so that a profile is never reported below its true payout. */
function ratioBps(amountFen: bigint, baseFen: bigint): number {
  if (baseFen <= 0n) return 0;
  return Number((amountFen * 10_000n + baseFen - 1n) / baseFen);
}

const percent = (bps: number): string => `${(bps / 100).toFixed(2)}%`;

export interface ActivatedProfile {
  readonly profile: Profile;
  readonly profileVersion: string;
  readonly report: ComplianceReport;
}

/** Activation refuses a profile that violates its own caps (§6.1); warnings are shown, not blocking. */
export function activateProfile(profile: Profile): Result<ActivatedProfile, 'profile_not_compliant'> {
  const report = complianceReport(profile);
  if (!report.compliant) return err('profile_not_compliant', { violations: report.violations });
  return ok({ profile, profileVersion: report.profileVersion, report });
}
