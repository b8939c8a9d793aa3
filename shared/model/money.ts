/** The largest amount one transfer may move, in cents ($10,000.00). */
export const MAX_AMOUNT_CENTS = 1_000_000

const AMOUNT = /^(\d{1,7})(?:\.(\d{1,2}))?$/

/**
 * Reads a dollar amount typed in a form into whole cents, strictly: digits, at most two decimals.
 * Returns `undefined` for anything else (`-5`, `1e3`, `0x10`, `10abc`, `1,000`, empty).
 *
 * @example
 * parseDollars('10.5') // 1050
 * parseDollars('1,000') // undefined
 */
export function parseDollars(text: string): number | undefined {
  const match = AMOUNT.exec(text.trim().replace(/^\$\s*/, ''))
  if (!match) return undefined
  const [, dollars, cents = ''] = match
  return Number(dollars) * 100 + Number(cents.padEnd(2, '0'))
}

/**
 * Formats whole cents as US dollars.
 *
 * @example
 * formatDollars(123450) // '$1,234.50'
 */
export function formatDollars(cents: number): string {
  const dollars = Math.trunc(cents / 100).toLocaleString('en-US')
  return `$${dollars}.${String(cents % 100).padStart(2, '0')}`
}
