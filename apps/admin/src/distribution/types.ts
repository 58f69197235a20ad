/** Shapes of the distribution (链动2+1) and payout admin APIs; money is integer fen. */

export type MemberRole = 'MEMBER' | 'AGENT' | 'BOSS';

export interface DistributionMember {
  memberId: string;
  role: MemberRole;
  referrerId: string | null;
  teamBossId: string | null;
  peerUplineId: string | null;
  contributionSlots: string[];
  packageOrderId: string | null;
  activeReferralCount: number;
  flags: string[];
  displayName?: string | null;
  phoneMasked?: string | null;
}

export interface PersonName {
  displayName: string | null;
  phoneMasked: string | null;
}

export interface MemberDetail {
  member: DistributionMember;
  /** Names of the member, their referrer, boss, peer upline and slots, by id. */
  people?: Record<string, PersonName>;
  referralCount: number;
  teamCount: number;
  brokeAwayCount: number;
  reviewFlags: { reason: string; orderId: string | null; createdAt: string }[];
}

export type ProfileStatus = 'draft' | 'active' | 'retired';

export interface DistributionProfile {
  id: string;
  profileKey: string;
  version: string;
  name: string;
  status: ProfileStatus;
  definition: Record<string, unknown>;
  createdAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
}

export interface ComplianceFinding {
  code: string;
  'zh-CN': string;
  en: string;
}

export interface ComplianceReport {
  profileId: string;
  profileVersion: string;
  packagePriceFen: number;
  worstCasePackagePayoutFen: number;
  worstCasePackagePayoutRatioBps: number;
  worstCaseRepurchasePayoutRatioBps: number;
  payeesPerOrder: number;
  maxPaidReferralDepth: number | null;
  violations: ComplianceFinding[];
  warnings: ComplianceFinding[];
  compliant: boolean;
}

export type ProfileWithCompliance = DistributionProfile & { compliance: ComplianceReport };

export const REWARD_KINDS = [
  'DIRECT',
  'TEAM',
  'PEER',
  'REPURCHASE_DIRECT',
  'REPURCHASE_TEAM',
  'CLAWBACK_DIRECT',
  'CLAWBACK_TEAM',
  'CLAWBACK_PEER',
  'CLAWBACK_REPURCHASE_DIRECT',
  'CLAWBACK_REPURCHASE_TEAM',
] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const LINE_STATUSES = ['PENDING', 'SETTLED', 'REVERSED'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export interface RewardLine {
  id: string;
  orderId: string;
  payeeId: string;
  sourceUserId: string;
  payeeName?: string | null;
  sourceUserName?: string | null;
  kind: string;
  amountFen: number;
  status: LineStatus;
  profileId: string;
  profileVersion: string;
  createdAt: string;
  reversesLineId: string | null;
}

export const WITHDRAWAL_STATUSES = ['held', 'requested', 'approved', 'second_approved', 'paying', 'paid', 'failed', 'rejected'] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

export interface Withdrawal {
  id: string;
  memberId: string;
  memberName?: string | null;
  amountFen: number;
  feeFen: number;
  method: 'wechat' | 'bank';
  status: WithdrawalStatus;
  statusLabel: string;
  needsSecondApproval: boolean;
  bankName: string | null;
  bankAccountMasked: string | null;
  firstApprovedBy: string | null;
  secondApprovedBy: string | null;
  rejectionReason: string | null;
  heldReason: string | null;
  failureReason: string | null;
  bankBatchId: string | null;
  requestedAt: string;
  finishedAt: string | null;
}

export interface BankBatchExport {
  batchId: string;
  withdrawalCount: number;
  totalFen: number;
  csv: string;
}

export const ANOMALY_RULES = ['signup_burst', 'shared_phone', 'shared_device', 'shared_address', 'shared_payment_account', 'self_dealing', 'refund_after_upgrade'] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];
export type AnomalyStatus = 'open' | 'resolved' | 'dismissed';

export interface Anomaly {
  id: string;
  rule: AnomalyRule;
  memberIds: string[];
  memberNames?: Record<string, string>;
  evidence: Record<string, unknown>;
  status: AnomalyStatus;
  detectedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

export interface PayoutStatement {
  memberId: string;
  month: string;
  openingFen: number;
  rewardsFen: number;
  clawbacksFen: number;
  withdrawalsFen: number;
  feesFen: number;
  otherFen: number;
  closingFen: number;
  paidOutFen: number;
}

export interface CommissionBalances {
  pendingFen: number;
  availableFen: number;
  withdrawingFen: number;
  withdrawnFen: number;
  clawbackReceivableFen: number;
}

export interface CommissionStatement {
  memberId: string;
  memberName?: string | null;
  month: string;
  balances: CommissionBalances;
  totals: { kind: string; status: string; amountFen: number; lines: number }[];
  lines: { id: string; orderId: string; sourceUserId: string; sourceUserName?: string | null; kind: string; amountFen: number; status: LineStatus; createdAt: string }[];
}
