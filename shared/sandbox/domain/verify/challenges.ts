import { isoSeconds } from '../clock.js'
import { randomSid } from '../identifiers.js'
import type { SandboxData } from '../store-schema.js'
import type { ControlChallenge } from './control-schemas.js'
import { VERIFY_ERRORS } from './errors.js'
import { checkTotpCode, factorOr404 } from './factors.js'
import { formFields, invalidRequest, parseStringObject, type Refusal } from './form-fields.js'
import type {
  ChallengeField,
  StoredChallenge,
  StoredEntity,
  StoredFactor,
  StoredService,
} from './store-schema.js'

/** A challenge's life when `ExpirationDate` is not given, and the longest one may have. */
export const DEFAULT_CHALLENGE_MS = 5 * 60_000
export const MAX_CHALLENGE_MS = 60 * 60_000
/** Twilio's limits on what a push shows (spec §3.4). */
export const DETAILS_LIMITS = { message: 256, fields: 20, label: 36, value: 128, hidden: 1024 }
/** Challenges one Factor may get in an hour (the sandbox's, after Twilio's 60312). */
export const MAX_CHALLENGES_PER_HOUR = 50
/** Challenges kept in all; the oldest decided ones go first. */
export const CHALLENGE_LIMIT = 5000

const CHALLENGE_SID = /^YC[0-9a-fA-F]{32}$/
const HOUR_MS = 60 * 60_000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

/** The device's answer to a push challenge (the phone page, or the control API). */
export type ChallengeAnswer = 'approved' | 'denied'

/**
 * Creates a Challenge from the form of `POST …/Entities/{Identity}/Challenges` (spec §3.4):
 * `FactorSid` (a verified factor of this Entity: 404 / 60390, 403 / 60318), `ExpirationDate`
 * (default in 5 minutes, at most 60), `Details.Message` (required for push, ≤ 256),
 * `Details.Fields` (repeated JSON `{"label","value"}`, ≤ 20, label ≤ 36, value ≤ 128; 400 /
 * 60368), `HiddenDetails` (string values, ≤ 1024 characters), and for a TOTP factor `AuthPayload`,
 * the code, which approves it at once (a wrong one → 403 / 60324). At most 50 a Factor an hour
 * (429 / 60312).
 *
 * @example
 * const challenge = createChallenge(data, service, entity, form, Date.now())
 */
export function createChallenge(
  data: SandboxData,
  service: StoredService,
  entity: StoredEntity,
  form: URLSearchParams,
  nowMs: number
): StoredChallenge {
  const fields = formFields(form, invalidRequest)
  const factor = factorOr404(data, entity, fields.required('FactorSid'))
  if (factor.status !== 'verified') throw VERIFY_ERRORS.factorUnverified()
  const expiresAtMs = expirationOf(fields.text('ExpirationDate'), nowMs)
  const details = detailsOf(form, factor)
  const hidden = fields.stringObject('HiddenDetails', DETAILS_LIMITS.hidden) ?? null
  const payload = fields.text('AuthPayload', 5456)
  if (payload !== undefined && factor.factor_type === 'push')
    throw VERIFY_ERRORS.invalidRequest('AuthPayload', 'is only taken for a totp factor')
  const lately = data.verify.challenges.filter(
    (c) => c.factor_sid === factor.sid && nowMs - c.created_at_ms < HOUR_MS
  )
  if (lately.length >= MAX_CHALLENGES_PER_HOUR) throw VERIFY_ERRORS.tooManyChallenges()
  if (payload !== undefined) checkChallengeCode(factor, payload, nowMs)

  const challenge: StoredChallenge = {
    sid: randomSid('YC'),
    service_sid: service.sid,
    entity_sid: entity.sid,
    identity: entity.identity,
    factor_sid: factor.sid,
    factor_type: factor.factor_type,
    status: payload === undefined ? 'pending' : 'approved',
    details,
    hidden_details: hidden,
    metadata: null,
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
    responded_at_ms: payload === undefined ? null : nowMs,
    expires_at_ms: expiresAtMs,
  }
  keep(data, challenge)
  return challenge
}

/**
 * An Entity's Challenge by SID, its expiry evaluated first (`expired` once its time is past and
 * nobody answered); a malformed SID → 400 / 60364, another → 404 / 60391. `expiredNow` says
 * whether this read noticed the expiry.
 *
 * @example
 * const { challenge } = readChallenge(data, entity, 'YC…', Date.now())
 */
export function readChallenge(
  data: SandboxData,
  entity: StoredEntity,
  sid: string,
  nowMs: number
): { challenge: StoredChallenge; expiredNow: boolean } {
  if (!CHALLENGE_SID.test(sid)) throw VERIFY_ERRORS.challengeSidInvalid()
  const challenge = data.verify.challenges.find((c) => c.sid === sid && c.entity_sid === entity.sid)
  if (!challenge) throw VERIFY_ERRORS.challengeNotFound()
  return { challenge, expiredNow: expireIfDue(challenge, nowMs) }
}

/**
 * Marks a pending challenge whose time is past as `expired` (its `date_updated` is the expiry);
 * true when it changed.
 *
 * @example
 * if (expireIfDue(challenge, Date.now())) await store.save()
 */
export function expireIfDue(challenge: StoredChallenge, nowMs: number): boolean {
  if (challenge.status !== 'pending' || nowMs < challenge.expires_at_ms) return false
  challenge.status = 'expired'
  challenge.updated_at_ms = challenge.expires_at_ms
  return true
}

/**
 * Moves a pending challenge's expiry to now, so it is `expired` from now on (what the control
 * API's `expire` does, to show an expiry without waiting for it). Throws 403 / 60322 or 60323
 * when it is no longer pending.
 *
 * @example
 * expireNow(challenge, Date.now()) // challenge.status === 'expired'
 */
export function expireNow(challenge: StoredChallenge, nowMs: number): void {
  expireIfDue(challenge, nowMs)
  if (challenge.status === 'expired') throw VERIFY_ERRORS.challengeExpired()
  if (challenge.status !== 'pending') throw VERIFY_ERRORS.challengeResponded()
  challenge.expires_at_ms = Math.min(challenge.expires_at_ms, nowMs)
  expireIfDue(challenge, nowMs)
}

/**
 * The device approves or denies a push challenge (what the phone page's buttons and the control
 * API do; on Twilio, the Verify Push SDK's signed answer). Already answered → 403 / 60322,
 * expired → 403 / 60323.
 *
 * @example
 * answerChallenge(challenge, 'approved', Date.now())
 */
export function answerChallenge(
  challenge: StoredChallenge,
  answer: ChallengeAnswer,
  nowMs: number
): void {
  expireIfDue(challenge, nowMs)
  if (challenge.status === 'expired') throw VERIFY_ERRORS.challengeExpired()
  if (challenge.status !== 'pending') throw VERIFY_ERRORS.challengeResponded()
  settle(challenge, answer, nowMs)
}

/**
 * `POST …/Challenges/{Sid}`: `AuthPayload` answers a TOTP challenge with its code (right →
 * `approved`; wrong → 403 / 60324; after 5 wrong codes in 10 minutes → 429 / 60308). A push
 * challenge's payload is the device's signed JWT, which the sandbox cannot check: 403 / 60324
 * (answer on the phone page or with the control API). `Metadata` is kept. Returns whether it was
 * approved just now.
 *
 * @example
 * updateChallenge(data, entity, challenge, new URLSearchParams(`AuthPayload=${code}`), Date.now())
 */
export function updateChallenge(
  data: SandboxData,
  entity: StoredEntity,
  challenge: StoredChallenge,
  form: URLSearchParams,
  nowMs: number
): boolean {
  const fields = formFields(form, invalidRequest)
  const metadata = fields.stringObject('Metadata', 1024)
  const payload = fields.text('AuthPayload', 5456)
  expireIfDue(challenge, nowMs)
  if (challenge.status === 'expired') throw VERIFY_ERRORS.challengeExpired()
  if (challenge.status !== 'pending') throw VERIFY_ERRORS.challengeResponded()
  if (metadata !== undefined) challenge.metadata = metadata
  challenge.updated_at_ms = nowMs
  if (payload === undefined) return false
  if (challenge.factor_type === 'push') throw VERIFY_ERRORS.challengeVerificationFailed()
  checkChallengeCode(factorOr404(data, entity, challenge.factor_sid), payload, nowMs)
  settle(challenge, 'approved', nowMs)
  return true
}

/**
 * An Entity's Challenges, filtered by `FactorSid` and `Status`, in `Order` (`asc`, the default,
 * or `desc`) of creation; expiry evaluated first.
 *
 * @example
 * challengesOf(data, entity, new URLSearchParams('Status=pending'), Date.now())
 */
export function challengesOf(
  data: SandboxData,
  entity: StoredEntity,
  query: URLSearchParams,
  nowMs: number
): StoredChallenge[] {
  const fields = formFields(query, invalidRequest)
  const factorSid = fields.text('FactorSid')
  const status = fields.oneOf('Status', ['pending', 'expired', 'approved', 'denied'])
  const order = fields.oneOf('Order', ['asc', 'desc']) ?? 'asc'
  const listed = data.verify.challenges.filter((c) => {
    if (c.entity_sid !== entity.sid) return false
    expireIfDue(c, nowMs)
    return (!factorSid || c.factor_sid === factorSid) && (!status || c.status === status)
  })
  return order === 'desc' ? listed.reverse() : listed
}

/**
 * The Challenge resource (spec §3.4), keys in Twilio's order: `details` and `hidden_details` as
 * objects, `date_responded` null until answered, `responded_reason` `none`.
 *
 * @example
 * challengeView(challenge, service, base).status // 'pending'
 */
export function challengeView(
  challenge: StoredChallenge,
  service: StoredService,
  base: string
): Record<string, unknown> {
  const url =
    `${base}/v2/Services/${service.sid}/Entities/${challenge.identity}/Challenges/` +
    challenge.sid
  const details = service.push.include_date
    ? {
        message: challenge.details.message,
        date: isoSeconds(challenge.created_at_ms),
        fields: challenge.details.fields,
      }
    : { message: challenge.details.message, fields: challenge.details.fields }
  return {
    sid: challenge.sid,
    account_sid: service.account_sid,
    service_sid: service.sid,
    entity_sid: challenge.entity_sid,
    identity: challenge.identity,
    factor_sid: challenge.factor_sid,
    date_created: isoSeconds(challenge.created_at_ms),
    date_updated: isoSeconds(challenge.updated_at_ms),
    date_responded:
      challenge.responded_at_ms === null ? null : isoSeconds(challenge.responded_at_ms),
    expiration_date: isoSeconds(challenge.expires_at_ms),
    status: challenge.status,
    responded_reason: 'none',
    details,
    hidden_details: challenge.hidden_details,
    metadata: challenge.metadata,
    factor_type: challenge.factor_type,
    url,
    links: { notifications: `${url}/Notifications` },
  }
}

/**
 * `POST …/Challenges/{Sid}/Notifications` (spec §3.5): the push is sent again (`Ttl` 0–300,
 * default 300). Only a pending push challenge has one to send (else 403 / 60322 or 60323).
 *
 * @example
 * notificationView(challenge, service, new URLSearchParams('Ttl=150'), Date.now()).ttl // 150
 */
export function notificationView(
  challenge: StoredChallenge,
  service: StoredService,
  form: URLSearchParams,
  nowMs: number
): Record<string, unknown> {
  const ttl = formFields(form, invalidRequest).integer('Ttl', 0, 300) ?? 300
  expireIfDue(challenge, nowMs)
  if (challenge.status === 'expired') throw VERIFY_ERRORS.challengeExpired()
  if (challenge.status !== 'pending') throw VERIFY_ERRORS.challengeResponded()
  if (challenge.factor_type !== 'push')
    throw VERIFY_ERRORS.invalidRequest('ChallengeSid', 'is not a push challenge: a TOTP challenge has no notification')
  return {
    sid: randomSid('NT'),
    account_sid: service.account_sid,
    service_sid: service.sid,
    entity_sid: challenge.entity_sid,
    identity: challenge.identity,
    challenge_sid: challenge.sid,
    date_created: isoSeconds(nowMs),
    priority: 'high',
    ttl,
  }
}

function settle(challenge: StoredChallenge, status: ChallengeAnswer, nowMs: number): void {
  challenge.status = status
  challenge.responded_at_ms = nowMs
  challenge.updated_at_ms = nowMs
}

function checkChallengeCode(factor: StoredFactor, code: string, nowMs: number): void {
  checkTotpCode(factor, code, nowMs, {
    wrong: VERIFY_ERRORS.challengeVerificationFailed,
    tooMany: VERIFY_ERRORS.tooManyChallengeCodes,
  })
}

function expirationOf(text: string | undefined, nowMs: number): number {
  if (text === undefined) return nowMs + DEFAULT_CHALLENGE_MS
  const at = ISO_DATE.test(text) ? Date.parse(text) : NaN
  if (Number.isNaN(at))
    throw VERIFY_ERRORS.invalidRequest('ExpirationDate', 'must be a date and time in ISO 8601, e.g. 2026-11-30T10:05:00Z')
  // Whole seconds, as Twilio writes dates back; a date already past or over an hour away is refused.
  const seconds = Math.floor(at / 1000) * 1000
  if (seconds <= nowMs || seconds > nowMs + MAX_CHALLENGE_MS)
    throw VERIFY_ERRORS.invalidRequest('ExpirationDate', 'must be in the future and at most 60 minutes from now')
  return seconds
}

// `Details.Message` and every `Details.Fields` entry, checked against Twilio's limits.
function detailsOf(form: URLSearchParams, factor: StoredFactor): StoredChallenge['details'] {
  const refuse: Refusal = (name, why) => VERIFY_ERRORS.challengeDetailsInvalid(`${name} ${why}`)
  const message = form.get('Details.Message') || null
  if (message === null && factor.factor_type === 'push')
    throw refuse('Details.Message', 'is required for a push challenge')
  if (message !== null && [...message].length > DETAILS_LIMITS.message)
    throw refuse('Details.Message', `must be at most ${DETAILS_LIMITS.message} characters`)
  const texts = form.getAll('Details.Fields').filter(Boolean)
  if (texts.length > DETAILS_LIMITS.fields)
    throw refuse('Details.Fields', `must be at most ${DETAILS_LIMITS.fields} fields`)
  const fields: ChallengeField[] = texts.map((text) => {
    const field = parseStringObject(text, 'Details.Fields', refuse)
    const { label, value } = field
    if (label === undefined || value === undefined || Object.keys(field).length !== 2)
      throw refuse('Details.Fields', 'must each be {"label": …, "value": …}')
    if (!label || [...label].length > DETAILS_LIMITS.label)
      throw refuse('Details.Fields', `labels must be 1 to ${DETAILS_LIMITS.label} characters`)
    if ([...value].length > DETAILS_LIMITS.value)
      throw refuse('Details.Fields', `values must be at most ${DETAILS_LIMITS.value} characters`)
    return { label, value }
  })
  return { message, fields }
}

// Keeps a new challenge, dropping the oldest decided (then the oldest) past the limit.
function keep(data: SandboxData, challenge: StoredChallenge): void {
  const all = data.verify.challenges
  all.push(challenge)
  while (all.length > CHALLENGE_LIMIT) {
    const decided = all.findIndex((c) => c.status !== 'pending')
    all.splice(decided === -1 ? 0 : decided, 1)
  }
}

/**
 * A challenge as the control API shows it: what the phone shows (message and fields), the hidden
 * details, the times and the seconds left.
 *
 * @example
 * controlChallengeView(challenge, Date.now()).seconds_left // 287
 */
export function controlChallengeView(challenge: StoredChallenge, nowMs: number): ControlChallenge {
  const at = (ms: number) => new Date(ms).toISOString()
  return {
    sid: challenge.sid,
    service_sid: challenge.service_sid,
    identity: challenge.identity,
    factor_sid: challenge.factor_sid,
    factor_type: challenge.factor_type,
    status: challenge.status,
    message: challenge.details.message,
    fields: challenge.details.fields,
    hidden_details: challenge.hidden_details,
    created_at: at(challenge.created_at_ms),
    expires_at: at(challenge.expires_at_ms),
    responded_at: challenge.responded_at_ms === null ? null : at(challenge.responded_at_ms),
    seconds_left:
      challenge.status === 'pending'
        ? Math.max(0, Math.ceil((challenge.expires_at_ms - nowMs) / 1000))
        : 0,
  }
}
