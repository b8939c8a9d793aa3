import encodeQR from 'qr'
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '../domain/totp.js'

/** The QR image's side in pixels when `qr_size` is not given (authy-ruby's default). */
export const DEFAULT_QR_SIZE = 300
export const MIN_QR_SIZE = 50
export const MAX_QR_SIZE = 1000

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

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

/**
 * RFC 4648 base32, without padding (what authenticator apps read).
 *
 * @example
 * base32(Buffer.from('foobar')) // 'MZXW6YTBOI'
 */
export function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31]
  return out
}
