import { createHmac, randomBytes } from 'node:crypto'

/** Seconds one app token stays on screen. Authy's own app used short periods; 20 s reads well. */
export const TOTP_PERIOD_SECONDS = 20
/** Authy app tokens are 7 digits. */
export const TOTP_DIGITS = 7
/** Steps accepted on either side of the current one (clock drift, a token typed late). */
export const TOTP_WINDOW = 1

export interface TotpOptions {
  periodSeconds?: number
  digits?: number
  /** The HMAC's hash (RFC 6238 allows SHA-256 and SHA-512 too); default SHA-1. */
  algorithm?: 'sha1' | 'sha256' | 'sha512'
}

/**
 * A new random TOTP secret (20 bytes, the RFC 4226 recommended size), hex-encoded.
 *
 * @example
 * const secret = newTotpSecret() // '3132333435363738393031323334353637383930'
 */
export function newTotpSecret(): string {
  return randomBytes(20).toString('hex')
}

/**
 * The RFC 6238 token (HMAC-SHA1) for a hex secret at a given time.
 *
 * @example
 * totpToken('3132333435363738393031323334353637383930', 59_000, { periodSeconds: 30, digits: 8 })
 * // '94287082' (RFC 6238 appendix B)
 */
export function totpToken(secretHex: string, timeMs: number, options: TotpOptions = {}): string {
  return hotp(secretHex, stepAt(timeMs, options), options.digits ?? TOTP_DIGITS, options.algorithm)
}

/**
 * Seconds until the current token changes.
 *
 * @example
 * totpSecondsLeft(5_000) // 15 with the 20 s period
 */
export function totpSecondsLeft(timeMs: number, options: TotpOptions = {}): number {
  const periodMs = (options.periodSeconds ?? TOTP_PERIOD_SECONDS) * 1000
  return Math.ceil((periodMs - (timeMs % periodMs)) / 1000)
}

/**
 * The time step whose token equals `token`, looking `window` steps back and forward, or null.
 *
 * @example
 * matchTotp(secret, totpToken(secret, Date.now()), Date.now()) // the current step number
 */
export function matchTotp(
  secretHex: string,
  token: string,
  timeMs: number,
  options: TotpOptions & { window?: number } = {}
): number | null {
  const digits = options.digits ?? TOTP_DIGITS
  if (token.length !== digits) return null
  const current = stepAt(timeMs, options)
  const window = options.window ?? TOTP_WINDOW
  for (let step = current - window; step <= current + window; step++) {
    if (hotp(secretHex, step, digits, options.algorithm) === token) return step
  }
  return null
}

function stepAt(timeMs: number, options: TotpOptions): number {
  return Math.floor(timeMs / 1000 / (options.periodSeconds ?? TOTP_PERIOD_SECONDS))
}

// RFC 4226 §5.3: HMAC the 8-byte counter, take 31 bits at the offset in the last nibble.
function hotp(
  secretHex: string,
  counter: number,
  digits: number,
  algorithm: TotpOptions['algorithm'] = 'sha1'
): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const hash = createHmac(algorithm, Buffer.from(secretHex, 'hex')).update(message).digest()
  const offset = hash[hash.length - 1] & 0x0f
  const binary = hash.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}
