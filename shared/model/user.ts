import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/** Someone who signed up with this bank. */
export interface User {
  /** Our own random id (never the Authy id), used in sessions. */
  id: string
  /** The sign-in name: one account per email. */
  email: string
  /** Calling code, digits only: `1`, `44`. */
  countryCode: string
  /** As typed on the form, without the country code. */
  phoneNumber: string
  /**
   * The id Authy gave this user (step 1); null when the bank uses Twilio Verify (`PROVIDER=verify`),
   * which keeps no id of its own: the user's Verify identity is derived from `id`.
   */
  authyId: number | null
  createdAt: string
  /** The password's slow salted hash; null for an account from before the bank had passwords. */
  passwordHash: string | null
  /** How the phone was confirmed: by the code sent to it, or skipped while a step is unwritten. */
  phoneConfirmed: { at: string; by: 'code' | 'skipped' } | null
}

/** A user registered with Authy: what the Authy steps work with. */
export type AuthyUser = User & { authyId: number }

/**
 * The user's phone in E.164, as Twilio wants a `To`: `+`, the country code, the digits.
 *
 * @example
 * phoneE164({ countryCode: '1', phoneNumber: '201 555-0123' }) // '+12015550123'
 */
export function phoneE164(user: Pick<User, 'countryCode' | 'phoneNumber'>): string {
  return `+${user.countryCode}${user.phoneNumber.replace(/\D/g, '')}`
}

/**
 * The user's phone as pages show it, its last four digits hidden.
 *
 * @example
 * maskedPhone({ countryCode: '1', phoneNumber: '201 555 0123' }) // '+1 201 555 …'
 */
export function maskedPhone(user: Pick<User, 'countryCode' | 'phoneNumber'>): string {
  const e164 = phoneE164(user)
  const shown = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164
  let hidden = 0
  const chars = [...shown]
  for (let index = chars.length - 1; index >= 0 && hidden < 4; index--) {
    if (/\d/.test(chars[index]!)) {
      chars[index] = ''
      hidden++
    }
  }
  return `${chars.join('').replace(/[\s-]+$/, '')} …`
}
