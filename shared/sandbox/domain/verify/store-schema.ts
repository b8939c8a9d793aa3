import { z } from 'zod'

/**
 * The Verify v2 section of the sandbox's JSON file (`verify`), kept apart from the Authy and
 * Messages sections: Services and what hangs off them (Verifications, Entities, Factors,
 * Challenges, Webhooks), and the phones that have the Verify Push app (`devices`). Files written
 * before Verify have none (`emptyVerifyData()`).
 */

const textRecord = z.record(z.string(), z.string())

export const storedServiceSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  friendly_name: z.string(),
  code_length: z.number().int(),
  lookup_enabled: z.boolean(),
  skip_sms_to_landlines: z.boolean(),
  dtmf_input_required: z.boolean(),
  tts_name: z.string().nullable(),
  psd2_enabled: z.boolean(),
  do_not_share_warning_enabled: z.boolean(),
  custom_code_enabled: z.boolean(),
  push: z.object({
    include_date: z.boolean(),
    apn_credential_sid: z.string().nullable(),
    fcm_credential_sid: z.string().nullable(),
  }),
  totp: z.object({
    issuer: z.string().nullable(),
    time_step: z.number().int(),
    code_length: z.number().int(),
    skew: z.number().int(),
  }),
  default_template_sid: z.string().nullable(),
  verify_event_subscription_enabled: z.boolean(),
  created_at_ms: z.number(),
  updated_at_ms: z.number(),
})

export const verificationChannelSchema = z.enum(['sms', 'call', 'email'])

export const storedVerificationSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  /** E.164, or the email address as sent. */
  to: z.string(),
  channel: verificationChannelSchema,
  code: z.string(),
  status: z.enum(['pending', 'approved', 'canceled', 'max_attempts_reached', 'expired']),
  amount: z.string().nullable(),
  payee: z.string().nullable(),
  send_code_attempts: z.array(
    z.object({ time_ms: z.number(), channel: verificationChannelSchema, attempt_sid: z.string() })
  ),
  wrong_checks: z.number().int(),
  created_at_ms: z.number(),
  updated_at_ms: z.number(),
  expires_at_ms: z.number(),
})

export const storedEntitySchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  identity: z.string(),
  created_at_ms: z.number(),
  updated_at_ms: z.number(),
})

export const storedFactorSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  entity_sid: z.string(),
  identity: z.string(),
  friendly_name: z.string(),
  factor_type: z.enum(['push', 'totp']),
  status: z.enum(['unverified', 'verified']),
  /** push: `alg`, `public_key`; totp: `secret` (Base32), `uri`. */
  binding: textRecord,
  /** push: `sdk_version`, `app_id`, `notification_platform`, `notification_token`; totp: `alg`, and the numbers below. */
  config: z.record(z.string(), z.union([z.string(), z.number()])),
  metadata: textRecord.nullable(),
  /** The phone (a Verify device's page token) whose app holds this push factor; null otherwise. */
  device_token: z.string().nullable(),
  /** When wrong TOTP codes were typed lately (for 60310 and 60308). */
  wrong_codes_ms: z.array(z.number()),
  created_at_ms: z.number(),
  updated_at_ms: z.number(),
})

export const challengeFieldSchema = z.object({ label: z.string(), value: z.string() })

export const storedChallengeSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  entity_sid: z.string(),
  identity: z.string(),
  factor_sid: z.string(),
  factor_type: z.enum(['push', 'totp']),
  status: z.enum(['pending', 'approved', 'denied', 'expired']),
  details: z.object({ message: z.string().nullable(), fields: z.array(challengeFieldSchema) }),
  hidden_details: textRecord.nullable(),
  metadata: textRecord.nullable(),
  created_at_ms: z.number(),
  updated_at_ms: z.number(),
  responded_at_ms: z.number().nullable(),
  expires_at_ms: z.number(),
})

export const webhookEventSchema = z.enum([
  '*',
  'factor.created',
  'factor.verified',
  'factor.deleted',
  'challenge.approved',
  'challenge.denied',
])

export const storedWebhookSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  friendly_name: z.string(),
  event_types: z.array(webhookEventSchema),
  webhook_url: z.string(),
  status: z.enum(['enabled', 'disabled']),
  version: z.enum(['v1', 'v2']),
  /** The last delivery: shown on the phone pages when it failed. */
  last_delivery: z
    .object({ ok: z.boolean(), at_ms: z.number(), error: z.string().nullable() })
    .nullable(),
  created_at_ms: z.number(),
  updated_at_ms: z.number(),
})

/** A phone with the Verify Push app (the device a push factor lives on), and its page. */
export const storedDeviceSchema = z.object({
  /** The phone page's unguessable token. */
  token: z.string(),
  phone_key: z.string(),
  country_code: z.number().int(),
  cellphone: z.string(),
  /** Addresses whose Verify emails this phone's page shows. */
  emails: z.array(z.string()),
  created_at_ms: z.number(),
})

export const verifyDataSchema = z.object({
  services: z.array(storedServiceSchema),
  verifications: z.array(storedVerificationSchema),
  entities: z.array(storedEntitySchema),
  factors: z.array(storedFactorSchema),
  challenges: z.array(storedChallengeSchema),
  webhooks: z.array(storedWebhookSchema),
  devices: z.array(storedDeviceSchema),
})

export type StoredService = z.infer<typeof storedServiceSchema>
export type VerificationChannel = z.infer<typeof verificationChannelSchema>
export type StoredVerifyVerification = z.infer<typeof storedVerificationSchema>
export type StoredEntity = z.infer<typeof storedEntitySchema>
export type StoredFactor = z.infer<typeof storedFactorSchema>
export type ChallengeField = z.infer<typeof challengeFieldSchema>
export type StoredChallenge = z.infer<typeof storedChallengeSchema>
export type WebhookEvent = z.infer<typeof webhookEventSchema>
export type StoredWebhook = z.infer<typeof storedWebhookSchema>
export type StoredVerifyDevice = z.infer<typeof storedDeviceSchema>
export type VerifyData = z.infer<typeof verifyDataSchema>

/**
 * No Services, no phones with the app.
 *
 * @example
 * data.verify ??= emptyVerifyData()
 */
export function emptyVerifyData(): VerifyData {
  return {
    services: [],
    verifications: [],
    entities: [],
    factors: [],
    challenges: [],
    webhooks: [],
    devices: [],
  }
}
