import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { qrMatrix } from '../qr-matrix'
import './qr-code.css'

/** Quiet zone around the symbol, in modules; scanners need a light margin. */
const QUIET_MODULES = 2

/**
 * A QR code drawn with plain views (one per dark run), so it renders the same on h5 and in the
 * mini program without a canvas. Positions are percentages of the square, which scales with CSS.
 */
export function QrCode({ value, id }: { value: string; id?: string }) {
  const matrix = useMemo(() => qrMatrix(value), [value])
  const span = matrix.size + QUIET_MODULES * 2
  const percent = (modules: number) => `${((modules / span) * 100).toFixed(4)}%`
  return (
    <View className="qr-code" id={id} data-value={value}>
      {matrix.rows.flatMap((runs, row) =>
        runs.map((run) => (
          <View
            key={`${row}-${run.start}`}
            className="qr-code__run"
            style={{
              top: percent(row + QUIET_MODULES),
              left: percent(run.start + QUIET_MODULES),
              width: percent(run.length),
              height: percent(1),
            }}
          />
        )),
      )}
    </View>
  )
}
