import { timeUuid } from './identifiers.js'
import { deliverMessage } from './inbox.js'
import { wordingFor } from './messages.js'
import { formatPhone, phoneKey } from './phone-numbers.js'
import { randomDigits } from './random-digits.js'
import type { SandboxData, StoredApp, StoredVerification } from './store-schema.js'

/** How long a phone verification code stays valid (Authy said about ten minutes). */
export const VERIFICATION_TTL_SECONDS = 600
/** Verifications kept in all; the oldest are dropped. */
export const VERIFICATION_LIMIT = 1_000
/** Wrong codes after which a verification is thrown away (a 4-digit code is easy to guess). */
export const MAX_FAILED_CHECKS = 5

/** What starting a phone verification needs, already validated. */
export interface NewVerification {
  countryCode: number
  cellphone: string
  via: 'sms' | 'call'
  codeLength: number
  customMessage?: string
  /** The language of the message (`es`, `fr`…; English by default). */
  locale?: string
}

/**
 * Starts (or restarts) an application's phone verification: a fresh random code, delivered to the
 * phone's inbox by SMS or call, in the application's name. The application's previous
 * verification for the phone is replaced (another application's is not), and only the
 * {@link VERIFICATION_LIMIT} newest are kept in all.
 *
 * @example
 * startVerification(store.data, app, {
 *   countryCode: 1, cellphone: '2015550123', via: 'sms', codeLength: 4,
 * }, Date.now())
 */
export function startVerification(
  data: SandboxData,
  app: StoredApp,
  input: NewVerification,
  nowMs: number
): StoredVerification {
  const key = phoneKey(input.countryCode, input.cellphone)
  const code = randomDigits(input.codeLength)
  const verification: StoredVerification = {
    uuid: timeUuid(nowMs),
    app_id: app.app_id,
    phone_key: key,
    country_code: input.countryCode,
    cellphone: input.cellphone,
    via: input.via,
    code,
    created_at_ms: nowMs,
    expires_at_ms: nowMs + VERIFICATION_TTL_SECONDS * 1000,
    status: 'pending',
    failed_checks: 0,
  }
  data.verifications = data.verifications.filter(
    (v) => (v.phone_key !== key || v.app_id !== app.app_id) && v.expires_at_ms > nowMs
  )
  data.verifications.push(verification)
  if (data.verifications.length > VERIFICATION_LIMIT)
    data.verifications.splice(0, data.verifications.length - VERIFICATION_LIMIT)
  const words = wordingFor(input.locale)
  const text = input.customMessage
    ? input.customMessage.includes('{{code}}')
      ? input.customMessage.replaceAll('{{code}}', code)
      : `${input.customMessage} ${code}`
    : words.verificationCode(app.name, code)
  const body =
    input.via === 'sms'
      ? text
      : words.verificationCall(text.replace(code, code.split('').join(' ')))
  deliverMessage(data, { phoneKey: key, channel: input.via, body, code }, nowMs)
  return verification
}

/**
 * The application's current (unexpired) verification of the phone, pending or verified, if any.
 *
 * @example
 * currentVerification(store.data, app, 1, '2015550123', Date.now())?.status
 */
export function currentVerification(
  data: SandboxData,
  app: StoredApp,
  countryCode: number,
  cellphone: string,
  nowMs: number
): StoredVerification | undefined {
  const key = phoneKey(countryCode, cellphone)
  return data.verifications.find(
    (v) => v.app_id === app.app_id && v.phone_key === key && v.expires_at_ms > nowMs
  )
}

/**
 * Checks a code against the application's verification of the phone: `correct` (the
 * verification is then used up), `incorrect`, or `none` when it has no pending one there. The
 * {@link MAX_FAILED_CHECKS}th wrong code throws the verification away: from then on it is `none`,
 * until a new one is started.
 *
 * @example
 * checkVerification(store.data, app, 1, '2015550123', '0427', Date.now()) // 'correct'
 */
export function checkVerification(
  data: SandboxData,
  app: StoredApp,
  countryCode: number,
  cellphone: string,
  code: string,
  nowMs: number
): 'correct' | 'incorrect' | 'none' {
  const verification = currentVerification(data, app, countryCode, cellphone, nowMs)
  if (!verification || verification.status !== 'pending') return 'none'
  if (verification.code !== code) {
    verification.failed_checks += 1
    if (verification.failed_checks >= MAX_FAILED_CHECKS)
      data.verifications = data.verifications.filter((v) => v !== verification)
    return 'incorrect'
  }
  verification.status = 'verified'
  return 'correct'
}

/**
 * The sentence Authy answers a started verification with, in `locale` (English by default).
 *
 * @example
 * verificationSentMessage(v) // 'Text message sent to +1 201-555-0123.'
 * verificationSentMessage(v, 'es') // 'Mensaje de texto enviado a +1 201-555-0123.'
 */
export function verificationSentMessage(verification: StoredVerification, locale?: string): string {
  const phone = formatPhone(verification.country_code, verification.cellphone)
  const words = wordingFor(locale)
  return verification.via === 'sms'
    ? words.verificationSmsSent(phone)
    : words.verificationCallStarted(phone)
}
