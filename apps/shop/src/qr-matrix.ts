import { create } from 'qrcode'

/** A dark run of modules in one row of a QR code: `start` and `length` in modules. */
export interface QrRun {
  start: number
  length: number
}

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number
  /** Per row, the dark runs left to right; drawing runs instead of single modules keeps the view tree small. */
  rows: QrRun[][]
}

/** The QR code of a short text (a pickup code) as rows of dark runs, ready to draw with plain views. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const size = modules.size
  const rows: QrRun[][] = []
  for (let row = 0; row < size; row += 1) {
    const runs: QrRun[] = []
    let start = -1
    for (let column = 0; column <= size; column += 1) {
      const dark = column < size && modules.get(row, column) > 0
      if (dark && start < 0) start = column
      if (!dark && start >= 0) {
        runs.push({ start, length: column - start })
        start = -1
      }
    }
    rows.push(runs)
  }
  return { size, rows }
}
