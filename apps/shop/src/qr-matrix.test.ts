import { describe, expect, it } from 'vitest'
import { qrMatrix } from './qr-matrix'

describe('qrMatrix', () => {
  it('draws a 6-digit code as a version-1 symbol with its three finder patterns', () => {
    const { size, rows } = qrMatrix('123456')
    expect(size).toBe(21)
    expect(rows).toHaveLength(21)
    // Row 0: the top edge of the top-left and top-right finders, 7 dark modules each.
    expect(rows[0]?.[0]).toEqual({ start: 0, length: 7 })
    expect(rows[0]?.at(-1)).toEqual({ start: 14, length: 7 })
    // Row 1 of a finder: dark, five light, dark.
    expect(rows[1]?.[0]).toEqual({ start: 0, length: 1 })
    expect(rows[1]?.[1]).toEqual({ start: 6, length: 1 })
    // The bottom-left finder's bottom edge; nothing is drawn past the symbol.
    expect(rows[20]?.[0]).toEqual({ start: 0, length: 7 })
    for (const runs of rows) for (const run of runs) expect(run.start + run.length).toBeLessThanOrEqual(size)
  })

  it('gives different codes different symbols', () => {
    expect(qrMatrix('123456').rows).not.toEqual(qrMatrix('654321').rows)
  })
})
