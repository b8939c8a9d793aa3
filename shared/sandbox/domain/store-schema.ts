import { z } from 'zod'
import { objectId } from './identifiers.js'
import { emptyVerifyData, verifyDataSchema } from './verify/store-schema.js'

/**
 * The sandbox's JSON file (version 2: many applications), parsed with zod on load: a file that
 * does not fit is set aside. Files of version 1 (one application) are migrated on load
 * (`store-migration.ts`).
 */

const callbackMethod = z.enum(['POST', 'GET'])

export const storedDeviceSchema = z.object({
  id: z.number().int(),
  registered: z.boolean(),
  /**
   * A new user's app is not installed yet: opening the phone page installs it, and OneTouch
   * requests wait for it. Files written before this existed gave every user the app.
   */
  awaiting_install: z.boolean().default(false),
  os_type: z.string(),
  registration_date: z.number().int(),
  last_sync_date: z.number().int().nullable(),
})

export const storedUserSchema = z.object({
  authy_id: z.number().int(),
  object_id: z.string(),
  country_code: z.number().int(),
  cellphone: z.string(),
  email: z.string(),
  emails: z.array(z.string()),
  phone_token: z.string(),
  totp_secret: z.string(),
  confirmed: z.boolean(),
  device: storedDeviceSchema,
  created_at_ms: z.number(),
})

export const logoSchema = z.object({ res: z.string(), url: z.string() })

export const approvalStatusSchema = z.enum(['pending', 'approved', 'denied', 'expired'])

export const storedApprovalRequestSchema = z.object({
  uuid: z.string(),
  /** The application whose key created it: only that key reads it. */
  app_id: z.number().int(),
  object_id: z.string(),
  authy_id: z.number().int(),
  user_object_id: z.string(),
  user_email: z.string(),
  device_id: z.number().int(),
  message: z.string(),
  details: z.record(z.string(), z.string()).nullable(),
  hidden_details: z.record(z.string(), z.string()).nullable(),
  logos: z.array(logoSchema).nullable(),
  seconds_to_expire: z.number().int(),
  status: approvalStatusSchema,
  created_at_ms: z.number(),
  updated_at_ms: z.number(),
  processed_at_ms: z.number().nullable(),
})

export const storedMessageSchema = z.object({
  id: z.string(),
  phone_key: z.string(),
  /** An email token goes to the same inbox as the phone's SMS and calls. */
  channel: z.enum(['sms', 'call', 'email']),
  body: z.string(),
  code: z.string().nullable(),
  created_at_ms: z.number(),
  /** A Twilio text's sender number (E.164) and SID; null for Authy's own (and older files). */
  from: z.string().nullable().default(null),
  sid: z.string().nullable().default(null),
})

/**
 * A message sent through the Twilio API: the resource its Messages endpoints show. What the phone
 * received is a separate inbox message (above), bounded per phone, so the two can be kept apart.
 */
export const storedTwilioMessageSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  /** E.164, as Twilio writes numbers back. */
  to: z.string(),
  /** The sender: `From`, or the Messaging Service's number. */
  from: z.string(),
  body: z.string(),
  media_urls: z.array(z.string()),
  messaging_service_sid: z.string().nullable(),
  num_segments: z.number().int(),
  created_at_ms: z.number(),
})

export const storedTokenSchema = z.object({
  /** The application that sent it (or saw the app token): only its verify uses it. */
  app_id: z.number().int(),
  authy_id: z.number().int(),
  code: z.string(),
  channel: z.enum(['sms', 'call', 'email', 'app']),
  action: z.string().nullable(),
  expires_at_ms: z.number(),
  used_at_ms: z.number().nullable(),
})

export const storedVerificationSchema = z.object({
  uuid: z.string(),
  /** The application that started it: only that application checks it. */
  app_id: z.number().int(),
  phone_key: z.string(),
  country_code: z.number().int(),
  cellphone: z.string(),
  via: z.enum(['sms', 'call']),
  code: z.string(),
  created_at_ms: z.number(),
  expires_at_ms: z.number(),
  status: z.enum(['pending', 'verified']),
  /** Wrong codes tried so far; files written before the limit existed have none. */
  failed_checks: z.number().int().default(0),
})

export const monthStatsSchema = z.object({
  api_calls_count: z.number().int(),
  auths_count: z.number().int(),
  calls_count: z.number().int(),
  sms_count: z.number().int(),
  users_count: z.number().int(),
})

export const callbackConfigSchema = z.object({
  url: z.string().nullable(),
  method: callbackMethod,
  consecutive_failures: z.number().int(),
  disabled: z.boolean(),
  disabled_at_ms: z.number().nullable(),
  last_error: z.object({ message: z.string(), at_ms: z.number() }).nullable(),
})

/** An application's own Twilio account on the sandbox's Twilio API (a joined application's). */
export const storedTwilioCredentialsSchema = z.object({
  account_sid: z.string(),
  auth_token: z.string(),
})

export const storedAppSchema = z.object({
  app_id: z.number().int(),
  serial_id: z.number().int(),
  object_id: z.string(),
  customer_uuid: z.number().int(),
  name: z.string(),
  /**
   * The key clients send; null for the sandbox's own application (the first), whose key is the
   * sandbox's `apiKey` option, given at every start and never written here.
   */
  api_key: z.string().nullable(),
  /** For an application joined in a room: the name it joined with, as given (trimmed). */
  room_name: z.string().nullable(),
  /** Its Twilio account; null for the sandbox's own application (the `twilio` option's). */
  twilio: storedTwilioCredentialsSchema.nullable(),
  /** Whether the application may send SMS and voice calls. */
  sms_enabled: z.boolean(),
  calls_enabled: z.boolean(),
  callback: callbackConfigSchema,
  /** The users it registered (`users/new`): the only ones its key can reach. */
  authy_ids: z.array(z.number().int()),
  /** Its counters of `/app/stats`, by month (`2026-11`). */
  stats: z.record(z.string(), monthStatsSchema),
  created_at_ms: z.number(),
  /** Its last Authy API request (saved with the next change, not on every read). */
  last_request_at_ms: z.number().nullable(),
})

export const sandboxDataSchema = z.object({
  version: z.literal(2),
  next_authy_id: z.number().int(),
  next_device_id: z.number().int(),
  next_app_id: z.number().int(),
  /** The sandbox's own application first, then the ones joined in a room, oldest first. */
  apps: z.array(storedAppSchema).min(1),
  users: z.array(storedUserSchema),
  approval_requests: z.array(storedApprovalRequestSchema),
  messages: z.array(storedMessageSchema),
  twilio_messages: z.array(storedTwilioMessageSchema),
  tokens: z.array(storedTokenSchema),
  verifications: z.array(storedVerificationSchema),
  /** Twilio Verify v2 (`verify/store-schema.ts`); files from before it have none. */
  verify: verifyDataSchema.default(emptyVerifyData),
})

export type StoredDevice = z.infer<typeof storedDeviceSchema>
export type StoredUser = z.infer<typeof storedUserSchema>
export type Logo = z.infer<typeof logoSchema>
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>
export type StoredApprovalRequest = z.infer<typeof storedApprovalRequestSchema>
export type StoredMessage = z.infer<typeof storedMessageSchema>
export type StoredTwilioMessage = z.infer<typeof storedTwilioMessageSchema>
export type StoredToken = z.infer<typeof storedTokenSchema>
export type StoredVerification = z.infer<typeof storedVerificationSchema>
export type MonthStats = z.infer<typeof monthStatsSchema>
export type CallbackConfig = z.infer<typeof callbackConfigSchema>
export type CallbackMethod = z.infer<typeof callbackMethod>
export type StoredApp = z.infer<typeof storedAppSchema>
export type StoredTwilioCredentials = z.infer<typeof storedTwilioCredentialsSchema>
export type SandboxData = z.infer<typeof sandboxDataSchema>

/** What tells one application from another; the rest of a new one is the same for all. */
export interface NewApp {
  appId: number
  name: string
  apiKey: string | null
  roomName: string | null
  twilio: StoredTwilioCredentials | null
}

/**
 * A new application: SMS and calls on, no callback, no users, no counters. Its serial id and
 * customer uuid count on from the sandbox's own (46113, 15083) with its app id.
 *
 * @example
 * const own = appRecord({ appId: 1, name: 'Sandbox App', apiKey: null, roomName: null,
 *   twilio: null }, Date.now())
 */
export function appRecord(app: NewApp, nowMs: number): StoredApp {
  return {
    app_id: app.appId,
    serial_id: 46113 + app.appId - 1,
    object_id: objectId(nowMs),
    customer_uuid: 15083 + app.appId - 1,
    name: app.name,
    api_key: app.apiKey,
    room_name: app.roomName,
    twilio: app.twilio,
    sms_enabled: true,
    calls_enabled: true,
    callback: {
      url: null,
      method: 'POST',
      consecutive_failures: 0,
      disabled: false,
      disabled_at_ms: null,
      last_error: null,
    },
    authy_ids: [],
    stats: {},
    created_at_ms: nowMs,
    last_request_at_ms: null,
  }
}

/**
 * A fresh, empty sandbox: one application ("Sandbox App", the sandbox's own), no users, no
 * callback URL.
 *
 * @example
 * const data = emptySandboxData(Date.now())
 */
export function emptySandboxData(nowMs: number): SandboxData {
  const own = { appId: 1, name: 'Sandbox App', apiKey: null, roomName: null, twilio: null }
  return {
    version: 2,
    next_authy_id: 100001,
    next_device_id: 2000001,
    next_app_id: 2,
    apps: [appRecord(own, nowMs)],
    users: [],
    approval_requests: [],
    messages: [],
    twilio_messages: [],
    tokens: [],
    verifications: [],
    verify: emptyVerifyData(),
  }
}
