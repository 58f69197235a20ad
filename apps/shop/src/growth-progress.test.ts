import { describe, expect, it } from 'vitest'
import { formatRateBps, nextLevelGap, tierOf } from './growth-progress'

describe('formatRateBps', () => {
  it.each([
    [800, '8%'],
    [150, '1.5%'],
    [5, '0.05%'],
    [0, '0%'],
    [10_000, '100%'],
    [1_234, '12.34%'],
  ])('%i bps → %s', (rateBps, text) => {
    expect(formatRateBps(rateBps)).toBe(text)
  })
})

describe('nextLevelGap', () => {
  it('counts what is missing and reports the slower threshold', () => {
    expect(nextLevelGap(409, 3, { minPoints: 1_000, minInvites: 3 })).toEqual({ pointsMissing: 591, invitesMissing: 0, percent: 40 })
    expect(nextLevelGap(5_000, 2, { minPoints: 1_000, minInvites: 10 })).toEqual({ pointsMissing: 0, invitesMissing: 8, percent: 20 })
  })

  it('treats a zero threshold as met and never goes below zero', () => {
    expect(nextLevelGap(-20, 0, { minPoints: 100, minInvites: 0 })).toEqual({ pointsMissing: 120, invitesMissing: 0, percent: 0 })
    expect(nextLevelGap(100, 0, { minPoints: 100, minInvites: 0 }).percent).toBe(100)
  })
})

describe('tierOf', () => {
  const tiers = [
    { fromInvite: 1, toInvite: 3, rateBps: 800 },
    { fromInvite: 4, toInvite: 10, rateBps: 500 },
    { fromInvite: 11, toInvite: null, rateBps: 300 },
  ]
  it('finds the tier of an invite ordinal, open-ended last tier included', () => {
    expect(tierOf(tiers, 1)?.rateBps).toBe(800)
    expect(tierOf(tiers, 4)?.rateBps).toBe(500)
    expect(tierOf(tiers, 500)?.rateBps).toBe(300)
    expect(tierOf([], 1)).toBeNull()
  })
})
