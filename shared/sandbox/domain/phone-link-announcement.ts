import encodeQR from 'qr'
import { formatPhone } from './phone-numbers.js'
import { phoneUrl, type SandboxContext } from './sandbox-context.js'
import type { StoredUser } from './store-schema.js'

/**
 * A QR code for a terminal, two modules per character (Unicode half blocks), so a phone camera
 * can open the link straight from the screen.
 *
 * @example
 * console.log(terminalQr('http://192.168.1.20:4200/phone/abc'))
 */
export function terminalQr(text: string): string {
  return encodeQR(text, 'ascii', { ecc: 'low', border: 2 })
}

/**
 * Logs a user's phone page link with a terminal QR code (on registration and at start-up).
 *
 * @example
 * announcePhoneLink(ctx, user)
 */
export function announcePhoneLink(
  ctx: Pick<SandboxContext, 'log' | 'publicUrl'>,
  user: StoredUser
): void {
  const link = phoneUrl(ctx, user.phone_token)
  ctx.log(
    `Phone for user ${user.authy_id} ` +
      `(${formatPhone(user.country_code, user.cellphone)}, ${user.email}): ` +
      `${link}\n${terminalQr(link)}`
  )
}
