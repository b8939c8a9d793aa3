import { z } from 'zod'

/**
 * The Verify part of the control API's wire shapes (`/sandbox/verify/...`), shared by the server
 * and the control client. No Hono here: the client imports this file.
 */

/** One signed webhook delivery (`GET /sandbox/verify/deliveries`, and each decision's answer). */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  webhook_sid: z.string(),
  url: z.string(),
  type: z.string(),
  factor_sid: z.string(),
  challenge_sid: z.string().nullable(),
  http_status: z.number().int().nullable(),
  error: z.string().nullable(),
  ok: z.boolean(),
  at: z.string(),
  duration_ms: z.number().int(),
})

/** A push factor made on a phone, as the Verify Push SDK would make it. */
export const devicePushFactorSchema = z.object({
  sid: z.string(),
  identity: z.string(),
  entity_sid: z.string(),
  service_sid: z.string(),
  friendly_name: z.string(),
  status: z.enum(['unverified', 'verified']),
  /** The phone page that holds it: its challenges show there. */
  phone_url: z.string(),
})

/** A phone with the Verify Push app, and its page. */
export const verifyDeviceSchema = z.object({
  country_code: z.number().int(),
  cellphone: z.string(),
  emails: z.array(z.string()),
  phone_url: z.string(),
})

/** A challenge as the control API shows it: the resource's fields, and the time left. */
export const controlChallengeSchema = z.object({
  sid: z.string(),
  service_sid: z.string(),
  identity: z.string(),
  factor_sid: z.string(),
  factor_type: z.enum(['push', 'totp']),
  status: z.enum(['pending', 'approved', 'denied', 'expired']),
  message: z.string().nullable(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  hidden_details: z.record(z.string(), z.string()).nullable(),
  created_at: z.string(),
  expires_at: z.string(),
  responded_at: z.string().nullable(),
  seconds_left: z.number().int(),
})

/** The body of `POST /sandbox/verify/entities/{identity}/push_factors`. */
export const pushFactorInputSchema = z.strictObject({
  /** Needed only when the sandbox has more than one Service. */
  service_sid: z.string().optional(),
  country_code: z.union([z.string(), z.number()]),
  phone_number: z.string(),
  friendly_name: z.string().min(1).max(64).optional(),
  /** An address whose Verify emails the phone page shows too. */
  email: z.string().max(254).optional(),
})

export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>
export type DevicePushFactor = z.infer<typeof devicePushFactorSchema>
export type VerifyDeviceView = z.infer<typeof verifyDeviceSchema>
export type ControlChallenge = z.infer<typeof controlChallengeSchema>
export type PushFactorInput = z.input<typeof pushFactorInputSchema>
