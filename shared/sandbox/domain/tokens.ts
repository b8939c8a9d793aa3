import { deliverMessage, type DeliveryChannel } from './inbox.js'
import { wordingFor } from './messages.js'
import { phoneKey } from './phone-numbers.js'
import { randomDigits } from './random-digits.js'
import type { SandboxData, StoredApp, StoredToken, StoredUser } from './store-schema.js'
import { matchTotp, TOTP_DIGITS, TOTP_PERIOD_SECONDS, TOTP_WINDOW } from './totp.js'

/** How long an SMS or call token stays valid. */
export const SENT_TOKEN_TTL_MS = 10 * 60 * 1000
/** Length of SMS and call tokens (the same as app tokens). */
export const SENT_TOKEN_DIGITS = TOTP_DIGITS
/** Unused SMS and call tokens that stay valid per user: sending more retires the oldest. */
export const MAX_WAITING_TOKENS = 5

/** The outcome of checking a token: the channel it came from when valid, else why not. */
export type TokenCheck = 'app' | DeliveryChannel | 'reused' | 'invalid'

/**
 * Creates a fresh SMS, call or email token of an application for a user and delivers it to the
 * user's inbox (an email goes to the same inbox as the phone's messages), in the application's
 * name; only that application's verify accepts it.
 * With `action`, the token only verifies for that action. The text is in `locale` (English by
 * default, see messages.ts). Only the {@link MAX_WAITING_TOKENS} newest unused tokens of the
 * application for the user stay valid: asking again and again must not pile up codes that all
 * work.
 *
 * @example
 * const token = sendToken(store.data, app, user, 'sms', null, Date.now(), 'es')
 */
export function sendToken(
  data: SandboxData,
  app: StoredApp,
  user: StoredUser,
  channel: DeliveryChannel,
  action: { action: string; message?: string } | null,
  nowMs: number,
  locale?: string
): StoredToken {
  const code = randomDigits(SENT_TOKEN_DIGITS)
  const token: StoredToken = {
    app_id: app.app_id,
    authy_id: user.authy_id,
    code,
    channel,
    action: action?.action ?? null,
    expires_at_ms: nowMs + SENT_TOKEN_TTL_MS,
    used_at_ms: null,
  }
  dropExpired(data, nowMs)
  data.tokens.push(token)
  const waiting = data.tokens.filter(
    (t) =>
      t.app_id === app.app_id &&
      t.authy_id === user.authy_id &&
      t.channel !== 'app' &&
      t.used_at_ms === null
  )
  if (waiting.length > MAX_WAITING_TOKENS) {
    const retired = new Set(waiting.slice(0, waiting.length - MAX_WAITING_TOKENS))
    data.tokens = data.tokens.filter((t) => !retired.has(t))
  }
  const reason = action?.message ? ` (${action.message})` : ''
  const words = wordingFor(locale)
  const body =
    channel === 'sms'
      ? words.smsToken(app.name, code, reason)
      : channel === 'email'
        ? words.emailToken(user.email, app.name, code, reason)
        : words.callToken(app.name, spaced(code), reason)
  deliverMessage(
    data,
    { phoneKey: phoneKey(user.country_code, user.cellphone), channel, body, code },
    nowMs
  )
  return token
}

/**
 * Checks a token typed by the user, for an application: an unused SMS/call token it sent, or the
 * app's TOTP (only while the user has a registered device; one per phone, whatever the
 * application). A token that already verified for it is `reused`. A valid token is marked used
 * and the user becomes `confirmed`.
 *
 * @example
 * checkToken(store.data, app, user, '1234567', null, Date.now())
 * // 'app', 'sms', 'call', 'reused' or 'invalid'
 */
export function checkToken(
  data: SandboxData,
  app: StoredApp,
  user: StoredUser,
  code: string,
  action: string | null,
  nowMs: number
): TokenCheck {
  dropExpired(data, nowMs)
  const mine = data.tokens.filter(
    (t) => t.app_id === app.app_id && t.authy_id === user.authy_id && t.code === code
  )
  if (mine.some((t) => t.used_at_ms !== null)) return 'reused'

  const sent = mine.find((t) => t.channel !== 'app' && t.action === action)
  if (sent) {
    sent.used_at_ms = nowMs
    user.confirmed = true
    return sent.channel
  }

  if (!user.device.registered) return 'invalid'
  const step = matchTotp(user.totp_secret, code, nowMs)
  if (step === null) return 'invalid'
  data.tokens.push({
    app_id: app.app_id,
    authy_id: user.authy_id,
    code,
    channel: 'app',
    action: null,
    // Remember it while it could still match: until the window after its step has passed.
    expires_at_ms: (step + TOTP_WINDOW + 1) * TOTP_PERIOD_SECONDS * 1000,
    used_at_ms: nowMs,
  })
  user.confirmed = true
  return 'app'
}

function dropExpired(data: SandboxData, nowMs: number): void {
  data.tokens = data.tokens.filter((t) => t.expires_at_ms > nowMs)
}

function spaced(code: string): string {
  return code.split('').join(' ')
}
