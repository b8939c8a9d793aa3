import { isoSeconds } from '../clock.js'
import { randomSid } from '../identifiers.js'
import type { SandboxData } from '../store-schema.js'
import { VERIFY_ERRORS } from './errors.js'
import { formFields, invalidParameter, type FormFields } from './form-fields.js'
import type { StoredService } from './store-schema.js'

/** Services kept per account; creating one more refuses (the sandbox's limit). */
export const MAX_SERVICES = 100
/** Twilio's documented limit on a Service's name. */
export const MAX_FRIENDLY_NAME = 32

/**
 * Creates a Service from the form of `POST /v2/Services` (spec §2.1): `FriendlyName` (required,
 * at most 32 characters), `CodeLength` (4–10, default 6), the booleans, `TtsName`, `Push.*` and
 * `Totp.*` (`TimeStep` 20–60, `CodeLength` 3–8, `Skew` 0–2), `DefaultTemplateSid`. Throws 20001
 * for a missing name, 60200 naming any field it cannot use.
 *
 * @example
 * const service = createService(data, accountSid, new URLSearchParams('FriendlyName=OneTouch Bank'), Date.now())
 */
export function createService(
  data: SandboxData,
  accountSid: string,
  form: URLSearchParams,
  nowMs: number
): StoredService {
  const fields = formFields(form, invalidParameter)
  const friendlyName = fields.required('FriendlyName', MAX_FRIENDLY_NAME)
  if (servicesOf(data, accountSid).length >= MAX_SERVICES)
    throw VERIFY_ERRORS.invalidParameter('FriendlyName', `an account may have at most ${MAX_SERVICES} Services here`)
  const service: StoredService = {
    sid: randomSid('VA'),
    account_sid: accountSid,
    friendly_name: friendlyName,
    code_length: 6,
    lookup_enabled: false,
    skip_sms_to_landlines: false,
    dtmf_input_required: false,
    tts_name: null,
    psd2_enabled: false,
    do_not_share_warning_enabled: false,
    custom_code_enabled: false,
    push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
    totp: { issuer: null, time_step: 30, code_length: 6, skew: 1 },
    default_template_sid: null,
    verify_event_subscription_enabled: false,
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
  }
  applyServiceFields(service, fields)
  data.verify.services.push(service)
  return service
}

/**
 * Changes what the form of `POST /v2/Services/{Sid}` names; every field is optional.
 *
 * @example
 * updateService(service, new URLSearchParams('CodeLength=8'), Date.now())
 */
export function updateService(service: StoredService, form: URLSearchParams, nowMs: number): void {
  const fields = formFields(form, invalidParameter)
  const name = fields.text('FriendlyName', MAX_FRIENDLY_NAME)
  if (name !== undefined) service.friendly_name = name
  applyServiceFields(service, fields)
  service.updated_at_ms = nowMs
}

function applyServiceFields(service: StoredService, fields: FormFields): void {
  const set = <K extends keyof StoredService>(key: K, value: StoredService[K] | undefined) => {
    if (value !== undefined) service[key] = value
  }
  set('code_length', fields.integer('CodeLength', 4, 10))
  set('lookup_enabled', fields.boolean('LookupEnabled'))
  set('skip_sms_to_landlines', fields.boolean('SkipSmsToLandlines'))
  set('dtmf_input_required', fields.boolean('DtmfInputRequired'))
  set('tts_name', fields.text('TtsName', 100))
  set('psd2_enabled', fields.boolean('Psd2Enabled'))
  set('do_not_share_warning_enabled', fields.boolean('DoNotShareWarningEnabled'))
  set('custom_code_enabled', fields.boolean('CustomCodeEnabled'))
  set('default_template_sid', fields.text('DefaultTemplateSid', 34))
  set('verify_event_subscription_enabled', fields.boolean('VerifyEventSubscriptionEnabled'))
  const push = {
    include_date: fields.boolean('Push.IncludeDate'),
    apn_credential_sid: fields.text('Push.ApnCredentialSid', 34),
    fcm_credential_sid: fields.text('Push.FcmCredentialSid', 34),
  }
  const totp = {
    issuer: fields.text('Totp.Issuer', 100),
    time_step: fields.integer('Totp.TimeStep', 20, 60),
    code_length: fields.integer('Totp.CodeLength', 3, 8),
    skew: fields.integer('Totp.Skew', 0, 2),
  }
  for (const [key, value] of Object.entries(push))
    if (value !== undefined) Object.assign(service.push, { [key]: value })
  for (const [key, value] of Object.entries(totp))
    if (value !== undefined) Object.assign(service.totp, { [key]: value })
}

/**
 * This account's Services, oldest first.
 *
 * @example
 * servicesOf(data, accountSid).length
 */
export function servicesOf(data: SandboxData, accountSid: string): StoredService[] {
  return data.verify.services.filter((service) => service.account_sid === accountSid)
}

/**
 * This account's Service by SID; 404 / 20404 for any other (another account's too).
 *
 * @example
 * const service = serviceOr404(data, accountSid, 'VA…')
 */
export function serviceOr404(data: SandboxData, accountSid: string, sid: string): StoredService {
  const service = data.verify.services.find((s) => s.sid === sid && s.account_sid === accountSid)
  if (!service) throw VERIFY_ERRORS.notFound(`/Services/${sid}`)
  return service
}

/**
 * Deletes a Service and everything under it (Verifications, Entities, Factors, Challenges,
 * Webhooks).
 *
 * @example
 * deleteService(data, service)
 */
export function deleteService(data: SandboxData, service: StoredService): void {
  const verify = data.verify
  const other = <T extends { service_sid: string }>(record: T) => record.service_sid !== service.sid
  verify.services = verify.services.filter((s) => s !== service)
  verify.verifications = verify.verifications.filter(other)
  verify.entities = verify.entities.filter(other)
  verify.factors = verify.factors.filter(other)
  verify.challenges = verify.challenges.filter(other)
  verify.webhooks = verify.webhooks.filter(other)
}

/**
 * The Service resource, keys in Twilio's order (spec §2.1), its `url` and `links` on `base`.
 *
 * @example
 * serviceView(service, 'http://127.0.0.1:4203').links.entities
 */
export function serviceView(service: StoredService, base: string): Record<string, unknown> {
  const url = `${base}/v2/Services/${service.sid}`
  return {
    sid: service.sid,
    account_sid: service.account_sid,
    friendly_name: service.friendly_name,
    code_length: service.code_length,
    lookup_enabled: service.lookup_enabled,
    psd2_enabled: service.psd2_enabled,
    skip_sms_to_landlines: service.skip_sms_to_landlines,
    dtmf_input_required: service.dtmf_input_required,
    tts_name: service.tts_name,
    do_not_share_warning_enabled: service.do_not_share_warning_enabled,
    custom_code_enabled: service.custom_code_enabled,
    push: { ...service.push },
    totp: { ...service.totp },
    whatsapp: { msg_service_sid: null, from: null },
    passkeys: null,
    default_template_sid: service.default_template_sid,
    verify_event_subscription_enabled: service.verify_event_subscription_enabled,
    date_created: isoSeconds(service.created_at_ms),
    date_updated: isoSeconds(service.updated_at_ms),
    url,
    links: {
      verification_checks: `${url}/VerificationCheck`,
      verifications: `${url}/Verifications`,
      rate_limits: `${url}/RateLimits`,
      messaging_configurations: `${url}/MessagingConfigurations`,
      entities: `${url}/Entities`,
      webhooks: `${url}/Webhooks`,
      access_tokens: `${url}/AccessTokens`,
    },
  }
}
