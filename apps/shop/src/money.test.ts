import { describe, expect, it } from 'vitest'
import { formatFen } from './money'

describe('formatFen', () => {
  it.each([
    [1230, '¥12.30'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [-250, '-¥2.50'],
    ['007', '¥0.07'],
    [12345678901234567890n, '¥123456789012345678.90'],
    ['9007199254740993', '¥90071992547409.93'],
  ] as const)('formats %s as %s', (amountFen, expected) => {
    expect(formatFen(amountFen)).toBe(expected)
  })

  it('rejects non-integers instead of rounding money', () => {
    expect(() => formatFen(12.5)).toThrow(RangeError)
    expect(() => formatFen(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError)
    expect(() => formatFen('1e3')).toThrow(RangeError)
  })
})

describe('lineTotalFen / sumFen', () => {
  it('multiplies and sums integer fen exactly', async () => {
    const { lineTotalFen, sumFen } = await import('./money')
    expect(lineTotalFen(7900, 2)).toBe(15800)
    expect(sumFen([lineTotalFen(1990, 3), 10, 1])).toBe(5981)
    expect(sumFen([])).toBe(0)
  })

  it('refuses fractional or unsafe amounts', async () => {
    const { lineTotalFen, sumFen } = await import('./money')
    expect(() => lineTotalFen(12.5, 2)).toThrow(RangeError)
    expect(() => lineTotalFen(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError)
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError)
  })
})
