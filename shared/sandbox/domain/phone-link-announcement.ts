import { terminalQr } from '../../runtime/terminal-qr.js'
import { formatPhone } from './phone-numbers.js'
import { phoneUrl, type SandboxContext } from './sandbox-context.js'
import type { StoredUser } from './store-schema.js'

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
