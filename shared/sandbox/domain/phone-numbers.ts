/**
 * Phone numbers as the sandbox keys and shows them. A user is (country calling code, digits of the
 * cellphone); dashes, periods, spaces and parentheses are separators, nothing else is allowed.
 */

/**
 * The digits of a cellphone, or null when it is not 4–15 digits once separators are removed.
 *
 * @example
 * normalizeCellphone('201-555.0123') // '2015550123'
 */
export function normalizeCellphone(input: unknown): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null
  const digits = String(input)
    .trim()
    .replace(/[\s.\-()]/g, '')
  return /^\d{4,15}$/.test(digits) ? digits : null
}

/**
 * A country calling code (1–4 digits, an optional leading `+`) as a number, or null.
 *
 * @example
 * normalizeCountryCode('+44') // 44
 */
export function normalizeCountryCode(input: unknown): number | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null
  const text = String(input).trim().replace(/^\+/, '')
  if (!/^\d{1,4}$/.test(text)) return null
  const code = Number(text)
  return code > 0 ? code : null
}

/**
 * The key an inbox and a phone verification are stored under.
 *
 * @example
 * phoneKey(1, '2015550123') // '+1 2015550123'
 */
export function phoneKey(countryCode: number, cellphone: string): string {
  return `+${countryCode} ${cellphone}`
}

/**
 * The masked number in a user status: `XXX-XXX-` and the last four digits.
 *
 * @example
 * maskForStatus('2015550123') // 'XXX-XXX-0123'
 */
export function maskForStatus(cellphone: string): string {
  return `XXX-XXX-${cellphone.slice(-4)}`
}

/**
 * The masked number in SMS and call answers: `+<cc>-XXX-XXX-XX` and the last two digits.
 *
 * @example
 * maskForDelivery(54, '1155550102') // '+54-XXX-XXX-XX02'
 */
export function maskForDelivery(countryCode: number, cellphone: string): string {
  return `+${countryCode}-XXX-XXX-XX${cellphone.slice(-2)}`
}

/**
 * A readable full number, as in "Text message sent to +1 201-555-0123.".
 *
 * @example
 * formatPhone(1, '2015550123') // '+1 201-555-0123'
 */
export function formatPhone(countryCode: number, cellphone: string): string {
  if (countryCode === 1 && cellphone.length === 10) {
    return `+${countryCode} ${cellphone.slice(0, 3)}-${cellphone.slice(3, 6)}-${cellphone.slice(6)}`
  }
  return `+${countryCode} ${cellphone}`
}
