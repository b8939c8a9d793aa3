import { randomInt } from 'node:crypto'

/**
 * A string of `length` digits from the crypto RNG (leading zeros kept), for SMS, call and
 * phone-verification codes.
 *
 * @example
 * randomDigits(7) // '0481526'
 */
export function randomDigits(length: number): string {
  let digits = ''
  for (let i = 0; i < length; i++) digits += String(randomInt(10))
  return digits
}
