import { randomBytes } from 'node:crypto'
import { constantTimeEqual } from '../../../authy/signature.js'
import { base32, fromBase32 } from '../base32.js'
import { totpToken } from '../totp.js'

/** What a TOTP factor's codes are made with (its `binding.secret` and `config`). */
export interface TotpSettings {
  /** Base32, as in the `otpauth://` URI. */
  secret: string
  alg: 'sha1' | 'sha256' | 'sha512'
  codeLength: number
  timeStep: number
  /** Steps accepted on either side of the current one. */
  skew: number
}

/**
 * A new random TOTP secret: 20 bytes (RFC 4226's size), Base32 without padding (32 characters).
 *
 * @example
 * newBase32Secret() // 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
 */
export function newBase32Secret(): string {
  return base32(randomBytes(20))
}

/**
 * Whether a text is a Base32 secret an authenticator app takes (RFC 4648 letters, at least 16).
 *
 * @example
 * isBase32Secret('GEZDGNBVGY3TQOJQ') // true
 */
export function isBase32Secret(text: string): boolean {
  return /^[A-Z2-7]{16,128}=*$/.test(text)
}

/**
 * The code an authenticator app shows at `timeMs` for these settings (RFC 6238).
 *
 * @example
 * totpCodeAt(settings, Date.now()) // '492039'
 */
export function totpCodeAt(settings: TotpSettings, timeMs: number): string {
  return totpToken(fromBase32(settings.secret).toString('hex'), timeMs, {
    periodSeconds: settings.timeStep,
    digits: settings.codeLength,
    algorithm: settings.alg,
  })
}

/**
 * Seconds until the code changes.
 *
 * @example
 * totpSecondsLeftFor(settings, Date.now()) // 17
 */
export function totpSecondsLeftFor(settings: TotpSettings, timeMs: number): number {
  const periodMs = settings.timeStep * 1000
  return Math.ceil((periodMs - (timeMs % periodMs)) / 1000)
}

/**
 * Whether `code` is the code of the current step or one within `skew` steps of it. Every
 * candidate is compared, in constant time.
 *
 * @example
 * totpMatches(settings, totpCodeAt(settings, Date.now()), Date.now()) // true
 */
export function totpMatches(settings: TotpSettings, code: string, timeMs: number): boolean {
  let matched = false
  for (let step = -settings.skew; step <= settings.skew; step++) {
    const candidate = totpCodeAt(settings, timeMs + step * settings.timeStep * 1000)
    if (constantTimeEqual(candidate, code)) matched = true
  }
  return matched
}
