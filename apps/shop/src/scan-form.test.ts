import { describe, expect, it } from 'vitest'
import { canScanCards, detailsOf, rowsOf } from './pages/scan/scan-form'
import type { ScannedCard } from './scan-api'

const card: ScannedCard = {
  engine: 'paddle',
  fields: {
    name: { value: '张伟', confidence: 0.85, lines: [0] },
    title: null,
    company: { value: '上海星辰贸易有限公司', confidence: 0.97, lines: [1] },
    address: null,
    website: null,
    phones: [
      { value: '13800138000', confidence: 0.99, lines: [2], kind: 'mobile' },
      { value: '021-68881234', confidence: 0.93, lines: [3], kind: 'landline' },
    ],
    emails: [],
  },
}

describe('the scan form', () => {
  it('shows every field, read or empty, with its confidence', () => {
    const rows = rowsOf(card)
    expect(rows.map((row) => [row.key, row.value, row.confidence])).toEqual([
      ['name', '张伟', 0.85],
      ['title', '', null],
      ['company', '上海星辰贸易有限公司', 0.97],
      ['address', '', null],
      ['website', '', null],
      ['phones', '13800138000', 0.99],
      ['phones', '021-68881234', 0.93],
      ['emails', '', null],
    ])
  })

  it('sends what the person kept, trimmed, leaving empty rows out', () => {
    const rows = rowsOf(card).map((row) => (row.key === 'emails' ? { ...row, value: ' zhang.wei@example.com ' } : row))
    expect(detailsOf(rows)).toEqual({ name: '张伟', company: '上海星辰贸易有限公司', phones: ['13800138000', '021-68881234'], emails: ['zhang.wei@example.com'] })
  })

  it('offers the scanner to staff who own leads only', () => {
    expect(canScanCards(['shop_guide'])).toBe(true)
    expect(canScanCards(['consumer'])).toBe(false)
    expect(canScanCards(['finance'])).toBe(false)
  })
})
