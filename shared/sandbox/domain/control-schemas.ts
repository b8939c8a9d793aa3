import { z } from 'zod'
import { MAX_PATTERN_LENGTH } from './url-pattern.js'

/**
 * The control API's wire shapes (`/sandbox/...`), shared by the server and the control client.
 * No Hono here: the client imports this file.
 */

/** The longest body a fault may answer with. */
export const MAX_FAULT_BODY = 65_536

export const httpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])

/** The body of `POST /sandbox/faults`. */
export const faultInputSchema = z.strictObject({
  method: z
    .string()
    .transform((method) => method.toUpperCase())
    .pipe(httpMethodSchema)
    .optional(),
  path: z
    .string()
    .min(1, 'path is required, e.g. "/onetouch/json/approval_requests/*"')
    .max(MAX_PATTERN_LENGTH, `Must be at most ${MAX_PATTERN_LENGTH} characters`),
  status: z.number().int().min(200).max(599).optional(),
  delay_ms: z.number().int().min(0).max(120_000).optional(),
  malformed: z.union([z.literal(true), z.enum(['json', 'html'])]).optional(),
  body: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .refine(
      (body) => (typeof body === 'string' ? body : JSON.stringify(body)).length <= MAX_FAULT_BODY,
      `Must be at most ${MAX_FAULT_BODY} characters`
    )
    .optional(),
  retry_after: z.number().int().min(0).optional(),
  count: z.number().int().min(1).max(10_000).default(1),
})

export const faultSchema = faultInputSchema.extend({
  id: z.string(),
  remaining: z.number().int(),
  created_at: z.string(),
})

export const approvalRequestViewSchema = z.object({
  _app_name: z.string(),
  _app_serial_id: z.number().int(),
  _authy_id: z.number().int(),
  _id: z.string(),
  _user_email: z.string(),
  app_id: z.string(),
  created_at: z.string(),
  notified: z.boolean(),
  processed_at: z.string().nullable(),
  seconds_to_expire: z.number().int(),
  status: z.enum(['pending', 'approved', 'denied', 'expired']),
  updated_at: z.string(),
  user_id: z.string(),
  uuid: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.string()),
  hidden_details: z.record(z.string(), z.string()),
  logos: z.array(z.object({ res: z.string(), url: z.string() })),
  expires_at: z.string().nullable(),
  seconds_left: z.number().int().nullable(),
})

export const callbackAttemptSchema = z.object({
  id: z.string(),
  /** The application whose callback it was. */
  app_id: z.number().int(),
  kind: z.enum(['decision', 'ping']),
  url: z.string(),
  method: z.enum(['POST', 'GET']),
  uuid: z.string(),
  status: z.string(),
  http_status: z.number().int().nullable(),
  error: z.string().nullable(),
  ok: z.boolean(),
  at: z.string(),
  duration_ms: z.number().int(),
})

export const messageSchema = z.object({
  channel: z.enum(['sms', 'call', 'email']),
  body: z.string(),
  code: z.string().nullable(),
  created_at: z.string(),
  /** The phone it reached: `+`, country code and number (`+12015550123`). */
  to: z.string(),
  /** A Twilio text's sender (E.164); null for Authy's own codes. */
  from: z.string().nullable(),
  /** A Twilio text's message SID (`SM…`); null for Authy's own codes. */
  sid: z.string().nullable(),
})

/** `GET /sandbox/twilio`: the account of the sandbox's Twilio API, and its credentials. */
export const twilioAccountViewSchema = z.object({
  account_sid: z.string(),
  /** The account's API key: use it as `twilio(api_key_sid, api_key_secret, { accountSid })`. */
  api_key_sid: z.string(),
  api_key_secret: z.string(),
  messaging_service_sid: z.string(),
  /** The numbers `From` may be, the default sender first. */
  from_numbers: z.array(z.string()),
})

export const userViewSchema = z.object({
  authy_id: z.number().int(),
  country_code: z.number().int(),
  cellphone: z.string(),
  email: z.string(),
  emails: z.array(z.string()),
  registered: z.boolean(),
  phone_url: z.string(),
})

export const appViewSchema = z.object({
  name: z.string(),
  sms_enabled: z.boolean(),
  calls_enabled: z.boolean(),
  onetouch_callback_url: z.string().nullable(),
  onetouch_callback_method: z.enum(['POST', 'GET']),
  consecutive_failures: z.number().int(),
  disabled: z.boolean(),
  disabled_at: z.string().nullable(),
  last_error: z.object({ message: z.string(), at: z.string() }).nullable(),
})

/** The body of `PUT /sandbox/app`: each key present changes that setting. */
export const appInputSchema = z.strictObject({
  sms_enabled: z.boolean({ error: 'Must be true or false' }).optional(),
  calls_enabled: z.boolean({ error: 'Must be true or false' }).optional(),
  onetouch_callback_url: z.string().nullable().optional(),
  onetouch_callback_method: z
    .string()
    .transform((method) => method.toUpperCase())
    .pipe(z.enum(['POST', 'GET']))
    .optional(),
})

export const loggedRequestSchema = z.object({
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  at: z.string(),
  user_agent: z.string().nullable(),
  fault_id: z.string().nullable(),
  /** The application whose key (or Twilio credentials) the request carried; null without one. */
  app_id: z.number().int().nullable(),
})

/**
 * How an application's callback is doing, in one word: `unset` (no URL), `working` (a URL whose
 * last delivery, if any, succeeded), `failing` (its last deliveries failed, fewer than the limit)
 * or `disabled` (switched off after too many failures in a row, until it is set again).
 */
export const callbackHealthSchema = z.enum(['unset', 'working', 'failing', 'disabled'])

/** One application of `GET /sandbox/apps` (never its key). */
export const appSummarySchema = z.object({
  app_id: z.number().int(),
  name: z.string(),
  /** True for an application an attendee joined in a room; false for the sandbox's own. */
  room: z.boolean(),
  created_at: z.string(),
  /** Users it registered. */
  users: z.number().int(),
  approval_requests: z.object({
    pending: z.number().int(),
    approved: z.number().int(),
    denied: z.number().int(),
    expired: z.number().int(),
  }),
  callback_state: callbackHealthSchema,
  /** Its last Authy API request, or null before its first. */
  last_request_at: z.string().nullable(),
})

export const totpViewSchema = z.object({
  token: z.string(),
  seconds_left: z.number().int(),
})

export type FaultInput = z.input<typeof faultInputSchema>
export type Fault = z.infer<typeof faultSchema>
export type ApprovalRequestView = z.infer<typeof approvalRequestViewSchema>
export type CallbackAttempt = z.infer<typeof callbackAttemptSchema>
export type InboxMessage = z.infer<typeof messageSchema>
export type TwilioAccountView = z.infer<typeof twilioAccountViewSchema>
export type UserView = z.infer<typeof userViewSchema>
export type AppView = z.infer<typeof appViewSchema>
export type AppInput = z.input<typeof appInputSchema>
export type LoggedRequestView = z.infer<typeof loggedRequestSchema>
export type CallbackHealth = z.infer<typeof callbackHealthSchema>
export type AppSummary = z.infer<typeof appSummarySchema>
export type TotpView = z.infer<typeof totpViewSchema>
