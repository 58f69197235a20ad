import { describe, expect, it } from 'vitest'
import { estimateFeeFen, parseYuanToFen } from './distribution-money'
import { inviteCodeFrom } from './invite-code'

describe('withdrawal amounts', () => {
  it('reads yuan as integer fen by its digits', () => {
    expect(parseYuanToFen('100')).toBe(10_000)
    expect(parseYuanToFen(' 99.5 ')).toBe(9_950)
    expect(parseYuanToFen('12.30')).toBe(1_230)
    expect(parseYuanToFen('0.01')).toBe(1)
    for (const bad of ['', '0', '0.00', '1.234', '-5', '1e3', 'abc', '1.']) expect(parseYuanToFen(bad)).toBeNull()
  })

  it('estimates the fee as 0.6% rounded up, at least ¥1', () => {
    expect(estimateFeeFen(10_000)).toBe(100)
    expect(estimateFeeFen(50_000)).toBe(300)
    expect(estimateFeeFen(50_001)).toBe(301)
  })
})

describe('invite links', () => {
  it('finds the code in the share link, the h5 hash route or a launch query', () => {
    expect(inviteCodeFrom('https://mall.example/shop/?invite=K7M2QW9X')).toBe('K7M2QW9X')
    expect(inviteCodeFrom('https://mall.example/h5/#/pages/index/index?inviteCode=AB12CD34')).toBe('AB12CD34')
    expect(inviteCodeFrom({ invite: 'AB12CD34' })).toBe('AB12CD34')
    expect(inviteCodeFrom({ scene: 'AB12CD34' })).toBe('AB12CD34')
    expect(inviteCodeFrom('https://mall.example/h5/?invite=<script>')).toBeNull()
    expect(inviteCodeFrom('https://mall.example/h5/')).toBeNull()
  })
})
