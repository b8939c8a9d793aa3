import { generateKeyPairSync } from 'node:crypto'
import { isoSeconds } from '../clock.js'
import { randomSid } from '../identifiers.js'
import type { SandboxData } from '../store-schema.js'
import { ensureEntity } from './entities.js'
import { VERIFY_ERRORS } from './errors.js'
import { formFields, invalidRequest, type FormFields } from './form-fields.js'
import type { StoredEntity, StoredFactor, StoredService } from './store-schema.js'
import {
  isBase32Secret,
  newBase32Secret,
  totpMatches,
  type TotpSettings,
} from './totp-codes.js'

/** Factors an Entity may have, per type (spec §3.3, 60315). */
export const MAX_FACTORS = { push: 20, totp: 100 } as const
/** Wrong TOTP codes within {@link WRONG_CODE_WINDOW_MS}; the next → 429 (60310 or 60308). */
export const MAX_WRONG_CODES = 5
export const WRONG_CODE_WINDOW_MS = 10 * 60_000

const FACTOR_SID = /^YF[0-9a-fA-F]{32}$/
const ALGS = ['sha1', 'sha256', 'sha512'] as const

/**
 * Creates a Factor from the form of `POST …/Entities/{Identity}/Factors` (spec §3.3), making the
 * Entity if needed. `totp`: `Binding.Secret` (Base32, made when absent), `Config.TimeStep`
 * (20–60), `Config.Skew` (0–2), `Config.CodeLength` (3–8), `Config.Alg`, defaults from the
 * Service; its `binding` (secret and `otpauth://` URI) is shown only in this answer. `push`:
 * `Binding.Alg` (ES256), `Binding.PublicKey`, `Config.AppId`, `Config.NotificationPlatform`,
 * `Config.NotificationToken`, `Config.SdkVersion`. Either starts `unverified`. At most 20 push
 * and 100 totp factors per Entity (400 / 60315).
 *
 * @example
 * const { factor } = createFactor(data, service, 'user-8f3a0c21',
 *   new URLSearchParams('FriendlyName=Ada&FactorType=totp'), Date.now())
 * factor.binding.uri // 'otpauth://totp/OneTouch%20Bank:Ada?secret=…'
 */
export function createFactor(
  data: SandboxData,
  service: StoredService,
  identity: string,
  form: URLSearchParams,
  nowMs: number
): { factor: StoredFactor; entity: StoredEntity } {
  const fields = formFields(form, invalidRequest)
  const friendlyName = fields.required('FriendlyName', 64)
  const type = fields.text('FactorType')
  if (type !== 'push' && type !== 'totp') throw VERIFY_ERRORS.factorTypeInvalid()
  const { entity } = ensureEntity(data, service, identity, nowMs)
  const [binding, config] =
    type === 'totp' ? totpSetup(service, friendlyName, fields) : pushSetup(fields)
  return {
    factor: addFactor(data, entity, {
      friendly_name: friendlyName,
      factor_type: type,
      binding,
      config,
      metadata: fields.stringObject('Metadata', 1024) ?? null,
      device_token: null,
      status: 'unverified',
      nowMs,
    }),
    entity,
  }
}

/**
 * A verified push factor on a phone, as the Verify Push SDK in an app on that phone would create
 * it: an ES256 key pair made here (the public key is the binding), notifications through the
 * phone page (`notification_platform` `none`). What the control API's `push_factors` makes.
 *
 * @example
 * const { factor } = createDevicePushFactor(data, service, identity, { friendlyName, deviceToken }, Date.now())
 */
export function createDevicePushFactor(
  data: SandboxData,
  service: StoredService,
  identity: string,
  device: { friendlyName: string; deviceToken: string },
  nowMs: number
): { factor: StoredFactor; entity: StoredEntity } {
  const { entity } = ensureEntity(data, service, identity, nowMs)
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const factor = addFactor(data, entity, {
    friendly_name: device.friendlyName,
    factor_type: 'push',
    binding: {
      alg: 'ES256',
      public_key: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    },
    config: {
      sdk_version: 'sandbox',
      app_id: 'sandbox.verify.push',
      notification_platform: 'none',
    },
    metadata: null,
    device_token: device.deviceToken,
    status: 'verified',
    nowMs,
  })
  return { factor, entity }
}

/**
 * An Entity's Factor by SID; a malformed SID → 400 / 60362, another → 404 / 60390.
 *
 * @example
 * const factor = factorOr404(data, entity, 'YF…')
 */
export function factorOr404(data: SandboxData, entity: StoredEntity, sid: string): StoredFactor {
  if (!FACTOR_SID.test(sid)) throw VERIFY_ERRORS.factorSidInvalid()
  const factor = data.verify.factors.find((f) => f.sid === sid && f.entity_sid === entity.sid)
  if (!factor) throw VERIFY_ERRORS.factorNotFound()
  return factor
}

/**
 * `POST …/Factors/{Sid}`: `AuthPayload` verifies a TOTP factor with its current code (a wrong
 * code → 403 / 60311, and after 5 wrong codes in 10 minutes → 429 / 60310); the sandbox cannot
 * check a push factor's signed payload (403 / 60311: push factors come verified from the phone).
 * `FriendlyName` and the `Config.*` of the factor's type change too. Returns whether the factor
 * became verified just now.
 *
 * @example
 * updateFactor(factor, new URLSearchParams(`AuthPayload=${code}`), Date.now()) // true
 */
export function updateFactor(factor: StoredFactor, form: URLSearchParams, nowMs: number): boolean {
  const fields = formFields(form, invalidRequest)
  const name = fields.text('FriendlyName', 64)
  if (name !== undefined) factor.friendly_name = name
  if (factor.factor_type === 'totp') {
    setDefined(factor.config, {
      time_step: fields.integer('Config.TimeStep', 20, 60),
      skew: fields.integer('Config.Skew', 0, 2),
      code_length: fields.integer('Config.CodeLength', 3, 8),
      alg: fields.oneOf('Config.Alg', ALGS),
    })
  } else {
    setDefined(factor.config, {
      notification_token: fields.text('Config.NotificationToken', 255),
      sdk_version: fields.text('Config.SdkVersion', 100),
      notification_platform: fields.oneOf('Config.NotificationPlatform', ['apn', 'fcm', 'none']),
    })
  }
  factor.updated_at_ms = nowMs
  const payload = fields.text('AuthPayload', 5456)
  if (payload === undefined) return false
  if (factor.factor_type === 'push') throw VERIFY_ERRORS.factorVerificationFailed()
  checkTotpCode(factor, payload, nowMs, {
    wrong: VERIFY_ERRORS.factorVerificationFailed,
    tooMany: VERIFY_ERRORS.tooManyFactorCodes,
  })
  if (factor.status === 'verified') return false
  factor.status = 'verified'
  return true
}

/**
 * Checks a TOTP factor's code (within its skew), in constant time, counting wrong ones: after
 * {@link MAX_WRONG_CODES} in 10 minutes every code is refused with `tooMany` until the oldest is
 * 10 minutes old; a wrong code throws `wrong`.
 *
 * @example
 * checkTotpCode(factor, '123456', Date.now(), { wrong, tooMany })
 */
export function checkTotpCode(
  factor: StoredFactor,
  code: string,
  nowMs: number,
  refusals: { wrong: () => Error; tooMany: () => Error }
): void {
  factor.wrong_codes_ms = factor.wrong_codes_ms.filter((at) => nowMs - at < WRONG_CODE_WINDOW_MS)
  if (factor.wrong_codes_ms.length >= MAX_WRONG_CODES) throw refusals.tooMany()
  if (/^\d{3,8}$/.test(code) && totpMatches(totpSettingsOf(factor), code, nowMs)) return
  factor.wrong_codes_ms.push(nowMs)
  throw refusals.wrong()
}

/**
 * What a TOTP factor's codes are made with.
 *
 * @example
 * totpCodeAt(totpSettingsOf(factor), Date.now())
 */
export function totpSettingsOf(factor: StoredFactor): TotpSettings {
  return {
    secret: factor.binding.secret ?? '',
    alg: ALGS.find((alg) => alg === factor.config.alg) ?? 'sha1',
    codeLength: Number(factor.config.code_length),
    timeStep: Number(factor.config.time_step),
    skew: Number(factor.config.skew),
  }
}

/**
 * Deletes a Factor and its Challenges.
 *
 * @example
 * deleteFactor(data, factor)
 */
export function deleteFactor(data: SandboxData, factor: StoredFactor): void {
  data.verify.factors = data.verify.factors.filter((f) => f !== factor)
  data.verify.challenges = data.verify.challenges.filter((c) => c.factor_sid !== factor.sid)
}

/**
 * The Factor resource (spec §3.3). `binding` only when `created`: Twilio shows the secret once.
 *
 * @example
 * factorView(factor, service, base, { created: true }).binding
 */
export function factorView(
  factor: StoredFactor,
  service: StoredService,
  base: string,
  options: { created?: boolean } = {}
): Record<string, unknown> {
  return {
    sid: factor.sid,
    account_sid: service.account_sid,
    service_sid: service.sid,
    entity_sid: factor.entity_sid,
    identity: factor.identity,
    ...(options.created ? { binding: { ...factor.binding } } : {}),
    options: null,
    date_created: isoSeconds(factor.created_at_ms),
    date_updated: isoSeconds(factor.updated_at_ms),
    friendly_name: factor.friendly_name,
    status: factor.status,
    factor_type: factor.factor_type,
    config: { ...factor.config },
    metadata: factor.metadata,
    url: `${base}/v2/Services/${service.sid}/Entities/${factor.identity}/Factors/${factor.sid}`,
  }
}

function addFactor(
  data: SandboxData,
  entity: StoredEntity,
  fields: Pick<
    StoredFactor,
    'friendly_name' | 'factor_type' | 'binding' | 'config' | 'metadata' | 'device_token' | 'status'
  > & { nowMs: number }
): StoredFactor {
  const { nowMs, ...rest } = fields
  const max = MAX_FACTORS[rest.factor_type]
  const same = data.verify.factors.filter(
    (f) => f.entity_sid === entity.sid && f.factor_type === rest.factor_type
  )
  if (same.length >= max) throw VERIFY_ERRORS.tooManyFactors(rest.factor_type, max)
  const factor: StoredFactor = {
    sid: randomSid('YF'),
    service_sid: entity.service_sid,
    entity_sid: entity.sid,
    identity: entity.identity,
    ...rest,
    wrong_codes_ms: [],
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
  }
  data.verify.factors.push(factor)
  return factor
}

// A TOTP factor's binding (the secret and its otpauth:// URI) and config, from the form and the
// Service's defaults.
function totpSetup(
  service: StoredService,
  friendlyName: string,
  fields: FormFields
): [StoredFactor['binding'], StoredFactor['config']] {
  const given = fields.text('Binding.Secret', 128)
  if (given !== undefined && !isBase32Secret(given))
    throw VERIFY_ERRORS.invalidRequest('Binding.Secret', 'must be Base32 (A–Z, 2–7), at least 16 characters')
  const secret = given ?? newBase32Secret()
  const config = {
    alg: fields.oneOf('Config.Alg', ALGS) ?? 'sha1',
    skew: fields.integer('Config.Skew', 0, 2) ?? service.totp.skew,
    code_length: fields.integer('Config.CodeLength', 3, 8) ?? service.totp.code_length,
    time_step: fields.integer('Config.TimeStep', 20, 60) ?? service.totp.time_step,
  }
  const issuer = service.totp.issuer ?? service.friendly_name
  const query = [
    `secret=${secret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    `algorithm=${config.alg.toUpperCase()}`,
    `digits=${config.code_length}`,
    `period=${config.time_step}`,
  ].join('&')
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(friendlyName)}`
  return [{ secret, uri: `otpauth://totp/${label}?${query}` }, config]
}

// A push factor's binding and config, as the Verify Push SDK sends them.
function pushSetup(fields: FormFields): [StoredFactor['binding'], StoredFactor['config']] {
  const alg = fields.text('Binding.Alg') ?? 'ES256'
  if (alg !== 'ES256') throw VERIFY_ERRORS.invalidRequest('Binding.Alg', 'must be ES256')
  const publicKey = fields.text('Binding.PublicKey', 1000)
  if (publicKey === undefined)
    throw VERIFY_ERRORS.invalidRequest('Binding.PublicKey', 'is required for a push factor')
  const platform = fields.oneOf('Config.NotificationPlatform', ['apn', 'fcm', 'none'])
  if (platform === undefined)
    throw VERIFY_ERRORS.invalidRequest('Config.NotificationPlatform', 'is required for a push factor (apn, fcm or none)')
  const token = fields.text('Config.NotificationToken', 255)
  if (platform !== 'none' && (token === undefined || token.length < 32))
    throw VERIFY_ERRORS.invalidRequest('Config.NotificationToken', 'must be 32 to 255 characters')
  const appId = fields.text('Config.AppId', 100)
  if (appId === undefined) throw VERIFY_ERRORS.invalidRequest('Config.AppId', 'is required for a push factor')
  const config: StoredFactor['config'] = {
    sdk_version: fields.text('Config.SdkVersion', 100) ?? '',
    app_id: appId,
    notification_platform: platform,
  }
  if (token !== undefined) config.notification_token = token
  return [{ alg, public_key: publicKey }, config]
}

function setDefined(target: Record<string, unknown>, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) if (value !== undefined) target[key] = value
}
