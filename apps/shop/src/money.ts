/**
 * Formats an integer amount of fen as yuan, e.g. 1230 → "¥12.30".
 * Works on the decimal digits of the integer so no floating point ever touches money.
 */
export function formatFen(amountFen: number | string | bigint): string {
  const digits = String(amountFen).trim()
  if (!/^-?\d+$/.test(digits) || (typeof amountFen === 'number' && !Number.isSafeInteger(amountFen))) {
    throw new RangeError(`not an integer amount of fen: ${String(amountFen)}`)
  }
  const negative = digits.startsWith('-')
  const magnitude = (negative ? digits.slice(1) : digits).replace(/^0+(?=\d)/, '').padStart(3, '0')
  const yuan = magnitude.slice(0, -2)
  const fen = magnitude.slice(-2)
  const sign = negative && /[1-9]/.test(magnitude) ? '-' : ''
  return `${sign}¥${yuan}.${fen}`
}

/** unitFen × quantity, refusing anything that is not an exact safe integer. */
export function lineTotalFen(unitFen: number, quantity: number): number {
  const total = unitFen * quantity
  if (!Number.isSafeInteger(unitFen) || !Number.isSafeInteger(quantity) || !Number.isSafeInteger(total)) {
    throw new RangeError(`cannot multiply ${unitFen} fen by ${quantity} exactly`)
  }
  return total
}

/** Sum of integer fen amounts; throws instead of silently losing precision. */
export function sumFen(amounts: readonly number[]): number {
  return amounts.reduce((sum, amount) => {
    const next = sum + amount
    if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(next)) throw new RangeError('fen sum out of range')
    return next
  }, 0)
}
