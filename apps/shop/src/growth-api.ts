import { request } from './api'
import type { Page } from './api-types'

/** What a level grants; the invite engine, fulfilment and the catalog read the same values. */
export interface GrowthPrivileges {
  extraCommissionBps: number
  priorityShipping: boolean
  hotProductAccess: boolean
}

export interface GrowthLevel extends GrowthPrivileges {
  id: string
  nameZh: string
  nameEn: string
  minPoints: number
  minInvites: number
}

export interface MyGrowth {
  memberId: string
  points: number
  qualifiedInvites: number
  level: GrowthLevel | null
  nextLevel: GrowthLevel | null
  privileges: GrowthPrivileges
}

/** share, review, order, order_refund (a take-back, negative) or campaign (a ladder step in points). */
export interface PointLine {
  id: string
  action: string
  causeId: string
  points: number
  reversesLineId: string | null
  campaignId: string | null
  createdAt: string
}

export type LadderReward =
  | { kind: 'coupon'; couponTemplateId: string; costFen: number }
  | { kind: 'gift'; nameZh: string; nameEn: string; costFen: number }
  | { kind: 'points'; points: number }

export interface LadderStep {
  invites: number
  reward: LadderReward
}

export interface InviteTier {
  fromInvite: number
  toInvite: number | null
  rateBps: number
}

export interface InviteReward {
  id: string
  kind: 'tier_cash' | 'ladder_coupon' | 'ladder_gift' | 'ladder_points'
  unit: 'fen' | 'points'
  grantedAmount: number
  decision: 'granted' | 'reduced' | 'refused'
  state: string
  createdAt: string
}

export interface InviteProgress {
  campaignId: string
  nameZh: string
  nameEn: string
  status: string
  startsAt: string
  endsAt: string
  minOrderFen: number
  qualifiedInvites: number
  nextStep: LadderStep | null
  nextInviteRateBps: number | null
  ladder: LadderStep[]
  tiers: InviteTier[]
  rewards: InviteReward[]
}

export const growthApi = {
  me: () => request<MyGrowth>('GET', '/shop/growth/me'),
  points: (page: number, pageSize: number) => request<Page<PointLine>>('GET', `/shop/growth/points?page=${page}&pageSize=${pageSize}`),
  invites: () => request<{ items: InviteProgress[] }>('GET', '/shop/growth/invites'),
  /** Public: the levels from the lowest, to name the level a hot product (爆品专享) needs. */
  levels: () => request<{ items: GrowthLevel[] }>('GET', '/shop/growth/levels', { quiet: true }),
}
