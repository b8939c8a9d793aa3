import { constantTimeEqual } from '../../../authy/signature.js'
import { isoSeconds } from '../clock.js'
import { randomSid } from '../identifiers.js'
import type { Delivery } from '../inbox.js'
import { parseInternationalNumber, phoneKey } from '../phone-numbers.js'
import { randomDigits } from '../random-digits.js'
import type { SandboxData } from '../store-schema.js'
import { VERIFY_ERRORS } from './errors.js'
import { formFields, invalidParameter } from './form-fields.js'
import type {
  StoredService,
  StoredVerifyVerification,
  VerificationChannel,
} from './store-schema.js'

/** How long a code stays valid, and a verification pending (Twilio's default, 10 minutes). */
export const VERIFICATION_LIFETIME_MS = 10 * 60_000
/** Sends of one verification (the first included); the next → 429 / 60203. */
export const MAX_SENDS = 5
/** Wrong codes for one verification; the check after them → 429 / 60202. */
export const MAX_WRONG_CHECKS = 5
/** Verifications kept in all; the oldest go first. */
export const VERIFICATION_LIMIT = 1000

const CHANNELS: readonly VerificationChannel[] = ['sms', 'call', 'email']
// Real channels this sandbox does not deliver: Twilio's "channel disabled" answer.
const OTHER_CHANNELS = ['whatsapp', 'sna', 'rcs', 'auto']
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/
const VERIFICATION_SID = /^VE[0-9a-fA-F]{32}$/

/**
 * Starts a verification as `POST /v2/Services/{ServiceSid}/Verifications` does (spec §2.2): `To`
 * (E.164 for `sms` and `call`, an address for `email`), `Channel`, `CustomCode` (when the Service
 * allows it), `Amount`, `Payee`. Within 10 minutes of a pending one for the same `To`, it is the
 * same verification with the same code, one more send attempt (the 6th → 429 / 60203). Returns
 * the verification and what to deliver (the code, to the phone's inbox or the address's).
 *
 * @example
 * const { verification, delivery } = startVerification(data, service, form, Date.now())
 * deliverMessage(data, delivery, Date.now())
 */
export function startVerification(
  data: SandboxData,
  service: StoredService,
  form: URLSearchParams,
  nowMs: number
): { verification: StoredVerifyVerification; delivery: Delivery } {
  const fields = formFields(form, invalidParameter)
  const toText = fields.required('To', 320)
  const channelText = fields.required('Channel')
  if (OTHER_CHANNELS.includes(channelText)) throw VERIFY_ERRORS.channelDisabled(channelText)
  const channel = fields.oneOf('Channel', CHANNELS)!
  const to = recipient(toText, channel)
  if (!to) throw VERIFY_ERRORS.invalidParameter('To', channel === 'email' ? 'not an email address' : 'not a phone number in E.164, e.g. +12015550123')
  const customCode = fields.text('CustomCode', 10)
  if (customCode !== undefined) {
    if (!service.custom_code_enabled)
      throw VERIFY_ERRORS.invalidParameter('CustomCode', 'custom codes are not enabled on this Service')
    if (!/^[0-9A-Za-z]{4,10}$/.test(customCode))
      throw VERIFY_ERRORS.invalidParameter('CustomCode', 'must be 4 to 10 letters or digits')
  }
  const amount = fields.text('Amount', 100) ?? null
  const payee = fields.text('Payee', 100) ?? null
  const attempt = { time_ms: nowMs, channel, attempt_sid: randomSid('VL') }

  const live = liveVerification(data, service, { to }, nowMs)
  let verification: StoredVerifyVerification
  if (live && live.status === 'pending') {
    if (live.send_code_attempts.length >= MAX_SENDS) throw VERIFY_ERRORS.maxSendAttempts()
    live.send_code_attempts.push(attempt)
    live.channel = channel
    live.updated_at_ms = nowMs
    verification = live
  } else {
    verification = {
      sid: randomSid('VE'),
      service_sid: service.sid,
      to: to.text,
      channel,
      code: customCode ?? randomDigits(service.code_length),
      status: 'pending',
      amount,
      payee,
      send_code_attempts: [attempt],
      wrong_checks: 0,
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
      expires_at_ms: nowMs + VERIFICATION_LIFETIME_MS,
    }
    const all = data.verify.verifications
    all.push(verification)
    if (all.length > VERIFICATION_LIMIT) all.splice(0, all.length - VERIFICATION_LIMIT)
  }
  return { verification, delivery: codeDelivery(service, verification, to.inbox) }
}

/**
 * A verification of this Service that is still pending (or out of checks), by SID: what
 * `GET …/Verifications/{Sid}` reads. One approved, canceled or past its 10 minutes is gone, as on
 * Twilio: 404 / 20404.
 *
 * @example
 * const verification = verificationOr404(data, service, 'VE…', Date.now())
 */
export function verificationOr404(
  data: SandboxData,
  service: StoredService,
  sid: string,
  nowMs: number
): StoredVerifyVerification {
  const live = liveVerification(data, service, { sid }, nowMs)
  if (!live) throw VERIFY_ERRORS.notFound(`/Services/${service.sid}/Verifications/${sid}`)
  return live
}

/**
 * `POST …/Verifications/{Sid}` with `Status` `canceled` or `approved` (approving without a
 * code, as PSD2 flows do). Either way the verification is then gone (404).
 *
 * @example
 * updateVerification(verification, new URLSearchParams('Status=canceled'), Date.now())
 */
export function updateVerification(
  verification: StoredVerifyVerification,
  form: URLSearchParams,
  nowMs: number
): void {
  const fields = formFields(form, invalidParameter)
  fields.required('Status')
  verification.status = fields.oneOf('Status', ['canceled', 'approved'] as const)!
  verification.updated_at_ms = nowMs
}

/**
 * `POST /v2/Services/{ServiceSid}/VerificationCheck` (spec §2.3): `Code` (4–10 characters) and
 * `To` or `VerificationSid`. The right code approves it (then it is gone); a wrong one answers 200
 * with `status: pending` (the 5th, `max_attempts_reached`), and a check after 5 wrong codes → 429 /
 * 60202. No pending verification (never started, approved, canceled, expired) → 404 / 20404.
 * Codes are compared in constant time.
 *
 * @example
 * const verification = checkVerification(data, service, form, Date.now())
 * verification.status // 'approved'
 */
export function checkVerification(
  data: SandboxData,
  service: StoredService,
  form: URLSearchParams,
  nowMs: number
): StoredVerifyVerification {
  const fields = formFields(form, invalidParameter)
  const code = fields.text('Code', 100)
  const toText = fields.text('To', 320)
  const sid = fields.text('VerificationSid', 100)
  if (toText === undefined && sid === undefined) throw VERIFY_ERRORS.noTarget()
  if (code === undefined) throw VERIFY_ERRORS.missingParameter('Code')
  if (code.length < 4 || code.length > 10)
    throw VERIFY_ERRORS.invalidParameter('Code', 'must be 4 to 10 characters')
  if (sid !== undefined && !VERIFICATION_SID.test(sid)) throw VERIFY_ERRORS.verificationSidInvalid()
  const to = toText === undefined ? undefined : (recipient(toText, 'sms') ?? recipient(toText, 'email'))
  if (toText !== undefined && !to)
    throw VERIFY_ERRORS.invalidParameter('To', 'not a phone number in E.164 or an email address')
  const live = liveVerification(data, service, sid !== undefined ? { sid } : { to: to! }, nowMs)
  if (!live) throw VERIFY_ERRORS.notFound(`/Services/${service.sid}/VerificationCheck`)
  if (live.status === 'max_attempts_reached') throw VERIFY_ERRORS.maxCheckAttempts()
  live.updated_at_ms = nowMs
  if (constantTimeEqual(live.code, code)) {
    live.status = 'approved'
  } else {
    live.wrong_checks += 1
    if (live.wrong_checks >= MAX_WRONG_CHECKS) live.status = 'max_attempts_reached'
  }
  return live
}

/**
 * The Verification resource (spec §2.2), keys in Twilio's order.
 *
 * @example
 * verificationView(verification, service, base).status // 'pending'
 */
export function verificationView(
  verification: StoredVerifyVerification,
  service: StoredService,
  base: string
): Record<string, unknown> {
  return {
    ...whatIsChecked(verification, service),
    date_created: isoSeconds(verification.created_at_ms),
    date_updated: isoSeconds(verification.updated_at_ms),
    lookup: {},
    amount: verification.amount,
    payee: verification.payee,
    send_code_attempts: verification.send_code_attempts.map((attempt) => ({
      time: isoSeconds(attempt.time_ms),
      channel: attempt.channel.toUpperCase(),
      attempt_sid: attempt.attempt_sid,
    })),
    sna: null,
    url: `${base}/v2/Services/${service.sid}/Verifications/${verification.sid}`,
  }
}

/**
 * The VerificationCheck resource (spec §2.3): no `url`, no `send_code_attempts`.
 *
 * @example
 * verificationCheckView(verification, service).valid // true
 */
export function verificationCheckView(
  verification: StoredVerifyVerification,
  service: StoredService
): Record<string, unknown> {
  return {
    ...whatIsChecked(verification, service),
    amount: verification.amount,
    payee: verification.payee,
    sna_attempts_error_codes: [],
    date_created: isoSeconds(verification.created_at_ms),
    date_updated: isoSeconds(verification.updated_at_ms),
  }
}

// The first fields of both resources, in Twilio's order.
function whatIsChecked(verification: StoredVerifyVerification, service: StoredService) {
  return {
    sid: verification.sid,
    service_sid: service.sid,
    account_sid: service.account_sid,
    to: verification.to,
    channel: verification.channel,
    status: verification.status,
    valid: verification.status === 'approved',
  }
}

/** Where a code goes: `text` as Twilio writes `to` back, `inbox` the inbox it lands in. */
interface Recipient {
  text: string
  inbox: string
}

// A phone in international form (its inbox is the phone's), or an email address (its own inbox,
// keyed by the address in lower case).
function recipient(to: string, channel: VerificationChannel): Recipient | undefined {
  if (channel === 'email') {
    const address = to.trim()
    if (address.length > 254 || !EMAIL.test(address)) return undefined
    return { text: address, inbox: address.toLowerCase() }
  }
  const number = parseInternationalNumber(to)
  if (!number) return undefined
  return {
    text: number.e164,
    inbox: phoneKey(number.phone.countryCode, number.phone.cellphone),
  }
}

// The verification for a SID or a recipient that is still pending (or out of checks), its expiry
// evaluated at `nowMs`; undefined when there is none.
function liveVerification(
  data: SandboxData,
  service: StoredService,
  by: { sid: string } | { to: Recipient },
  nowMs: number
): StoredVerifyVerification | undefined {
  const matches = (v: StoredVerifyVerification) =>
    v.service_sid === service.sid &&
    ('sid' in by ? v.sid === by.sid : v.to.toLowerCase() === by.to.text.toLowerCase())
  const found = data.verify.verifications.filter(matches).at(-1)
  if (!found) return undefined
  if ((found.status === 'pending' || found.status === 'max_attempts_reached') && nowMs >= found.expires_at_ms) {
    found.status = 'expired'
    found.updated_at_ms = found.expires_at_ms
  }
  return found.status === 'pending' || found.status === 'max_attempts_reached' ? found : undefined
}

// The text, call or email that carries the code: Twilio Verify's own wording, from the Service's
// name (an alphanumeric sender), with the verification's SID.
function codeDelivery(
  service: StoredService,
  verification: StoredVerifyVerification,
  inbox: string
): Delivery {
  const name = service.friendly_name
  const body =
    verification.channel === 'call'
      ? `${name}: your verification code is ${[...verification.code].join(' ')}.`
      : `Your ${name} verification code is: ${verification.code}`
  return {
    phoneKey: inbox,
    channel: verification.channel,
    body,
    code: verification.code,
    twilio: { from: name, sid: verification.sid },
  }
}
