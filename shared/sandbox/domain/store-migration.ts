import { z } from 'zod'
import {
  callbackConfigSchema,
  monthStatsSchema,
  storedApprovalRequestSchema,
  storedMessageSchema,
  storedTokenSchema,
  storedTwilioMessageSchema,
  storedUserSchema,
  storedVerificationSchema,
  type SandboxData,
} from './store-schema.js'
import { emptyVerifyData } from './verify/store-schema.js'

/**
 * Version 1 of the data file: one application (`app`), its monthly counters at the top level
 * (`stats`), and approval requests, tokens and verifications that belong to that one application.
 * Kept only to read such a file once and migrate it.
 */
export const sandboxDataV1Schema = z.object({
  version: z.literal(1),
  next_authy_id: z.number().int(),
  next_device_id: z.number().int(),
  app: z.object({
    app_id: z.number().int(),
    serial_id: z.number().int(),
    object_id: z.string(),
    customer_uuid: z.number().int(),
    name: z.string(),
    // Files from before these settings existed: both on.
    sms_enabled: z.boolean().default(true),
    calls_enabled: z.boolean().default(true),
    callback: callbackConfigSchema,
  }),
  users: z.array(storedUserSchema),
  approval_requests: z.array(storedApprovalRequestSchema.omit({ app_id: true })),
  messages: z.array(storedMessageSchema),
  // Files from before the Twilio API have none.
  twilio_messages: z.array(storedTwilioMessageSchema).default([]),
  tokens: z.array(storedTokenSchema.omit({ app_id: true })),
  verifications: z.array(storedVerificationSchema.omit({ app_id: true })),
  stats: z.record(z.string(), monthStatsSchema),
})

export type SandboxDataV1 = z.infer<typeof sandboxDataV1Schema>

/**
 * A version 1 file's content as version 2: its one application becomes the sandbox's own (the
 * first), keeping its ids, name, channels, callback and counters, with every user registered by
 * it; every approval request, token and phone verification becomes that application's. Nothing is
 * dropped.
 *
 * @example
 * const data = migrateV1(sandboxDataV1Schema.parse(JSON.parse(text)), Date.now())
 */
export function migrateV1(old: SandboxDataV1, nowMs: number): SandboxData {
  const appId = old.app.app_id
  const createdAt = old.users.reduce((first, user) => Math.min(first, user.created_at_ms), nowMs)
  return {
    version: 2,
    next_authy_id: old.next_authy_id,
    next_device_id: old.next_device_id,
    next_app_id: appId + 1,
    apps: [
      {
        ...old.app,
        api_key: null,
        room_name: null,
        twilio: null,
        authy_ids: old.users.map((user) => user.authy_id),
        stats: old.stats,
        created_at_ms: createdAt,
        last_request_at_ms: null,
      },
    ],
    users: old.users,
    approval_requests: old.approval_requests.map((request) => ({ ...request, app_id: appId })),
    messages: old.messages,
    twilio_messages: old.twilio_messages,
    tokens: old.tokens.map((token) => ({ ...token, app_id: appId })),
    verifications: old.verifications.map((verification) => ({ ...verification, app_id: appId })),
    verify: emptyVerifyData(),
  }
}
