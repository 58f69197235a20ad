import { request } from './api'
import type { LedgerProof } from './ledger-proof'

export type DistributionRole = 'MEMBER' | 'AGENT' | 'BOSS'

export interface DistributionMember {
  memberId: string
  role: DistributionRole
  referrerId: string | null
  teamBossId: string | null
  peerUplineId: string | null
  contributionSlots: string[]
  packageOrderId: string | null
  activeReferralCount: number
  flags: string[]
  /** Other members' names come masked from the server (林*雨), with the phone masked too. */
  displayName?: string | null
  phoneMasked?: string | null
}

export interface DistributionMe {
  member: DistributionMember
  inviteCode: string | null
  shareUrl: string | null
  referralCount: number
  teamCount: number
  brokeAwayCount: number
  teamMembers: DistributionMember[]
  brokeAway: DistributionMember[]
}

export interface RulesPage {
  profileId: string
  version: string
  title: string
  sections: { heading: string; items: string[] }[]
}

export type RewardLineStatus = 'PENDING' | 'SETTLED' | 'REVERSED'

export interface RewardLine {
  id: string
  orderId: string
  sourceUserId: string
  /** The buyer's display name, masked (林*雨). */
  sourceUserName?: string | null
  kind: string
  amountFen: number
  status: RewardLineStatus
  createdAt: string
}

export interface RewardBalances {
  pendingFen: number
  availableFen: number
  withdrawingFen: number
  withdrawnFen: number
  clawbackReceivableFen: number
}

export interface MyRewards {
  balances: RewardBalances
  items: RewardLine[]
  total: number
  page: number
  pageSize: number
}

export interface PayoutIdentity {
  verified: boolean
  realName: string | null
  idNumberMasked: string | null
  verifiedAt: string | null
}

export type WithdrawalMethod = 'wechat' | 'bank'

export interface Withdrawal {
  id: string
  amountFen: number | string
  feeFen: number | string
  method: WithdrawalMethod
  status: string
  statusLabel: string
  bankName: string | null
  bankAccountMasked: string | null
  rejectionReason: string | null
  requestedAt: string
}

export interface WithdrawalBody {
  amountFen: number
  method: WithdrawalMethod
  bankAccount?: { bankName: string; accountNumber: string }
}

export const distributionApi = {
  me: () => request<DistributionMe>('GET', '/shop/distribution/me'),
  /** Quiet: a stale or invalid invite code must not interrupt whatever page the user opened. */
  bind: (inviteCode: string) =>
    request<{ referrerId: string; duplicate: boolean }>('POST', '/shop/distribution/bind', { body: { inviteCode }, quiet: true }),
  rules: () => request<RulesPage>('GET', '/shop/distribution/rules', { quiet: true }),
  packages: () => request<{ productIds: string[] }>('GET', '/shop/distribution/packages', { quiet: true }),
  rewards: (page = 1, pageSize = 20) => request<MyRewards>('GET', `/shop/distribution/rewards?page=${page}&pageSize=${pageSize}`),
  proof: () => request<LedgerProof>('GET', '/shop/distribution/proof', { quiet: true }),
  identity: () => request<PayoutIdentity>('GET', '/shop/payouts/identity'),
  /** Quiet: the withdrawal page shows the server's message next to the form. */
  verifyIdentity: (realName: string, idNumber: string) =>
    request<PayoutIdentity>('POST', '/shop/payouts/identity', { body: { realName, idNumber }, quiet: true }),
  requestWithdrawal: (body: WithdrawalBody) => request<Withdrawal>('POST', '/shop/payouts/withdrawals', { body, quiet: true }),
  withdrawals: (page = 1, pageSize = 20) =>
    request<{ items: Withdrawal[]; total: number }>('GET', `/shop/payouts/withdrawals?page=${page}&pageSize=${pageSize}`),
}
