import encodeQR from 'qr'
import { base32 } from '../domain/base32.js'
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '../domain/totp.js'

/** The QR image's side in pixels when `qr_size` is not given (authy-ruby's default). */
export const DEFAULT_QR_SIZE = 300
export const MIN_QR_SIZE = 50
export const MAX_QR_SIZE = 1000

/**
 * The `otpauth://` link an authenticator app scans to make the same app tokens as the sandbox:
 * the user's TOTP secret in base32, SHA-1, and the sandbox's own digits and period (7 and 20 s),
 * so the tokens it shows verify like the phone page's.
 *
 * @example
 * otpauthUri('Sandbox App', 'ada@example.com', user.totp_secret)
 * // 'otpauth://totp/Sandbox%20App%3Aada%40example.com?secret=GEZD...&issuer=Sandbox%20App&...'
 */
export function otpauthUri(issuer: string, label: string, secretHex: string): string {
  const query = [
    `secret=${base32(Buffer.from(secretHex, 'hex'))}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ]
  return `otpauth://totp/${encodeURIComponent(`${issuer}:${label}`)}?${query.join('&')}`
}

/**
 * A QR code of `text` as an SVG data URL, `size` pixels square.
 *
 * @example
 * qrCodeDataUrl('otpauth://totp/...', 300) // 'data:image/svg+xml;base64,PHN2ZyB3aWR0aD0i...'
 */
export function qrCodeDataUrl(text: string, size: number): string {
  const svg = encodeQR(text, 'svg', { ecc: 'medium', border: 2 }).replace(
    '<svg ',
    `<svg width="${size}" height="${size}" `
  )
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}
