import { z } from 'zod'

/**
 * The shapes of Authy's successful answers (spec §2), as zod schemas. Fields are kept with their
 * wire names (`approval_request.uuid`, `user.id`) so code reads like the Authy documentation.
 * Unknown extra fields are dropped, missing required ones make the answer `malformed`.
 */

const success = z.literal(true)
const message = z.string()
const id = z.union([z.int(), z.string().regex(/^\d+$/).transform(Number)])

export const approvalStatuses = ['pending', 'approved', 'denied', 'expired'] as const
export type ApprovalStatus = (typeof approvalStatuses)[number]

export const registerUserResponse = z.object({
  message,
  user: z.object({ id: z.int() }),
  success,
})

export const userStatusResponse = z.object({
  status: z.object({
    authy_id: id,
    confirmed: z.boolean(),
    registered: z.boolean(),
    country_code: id,
    phone_number: z.string(),
    email: z.string().optional(),
    devices: z.array(z.string()),
    has_hard_token: z.boolean().optional(),
    account_disabled: z.boolean().optional(),
  }),
  message,
  success,
})

export const messageResponse = z.object({ message, success })

export const tokenRequestResponse = z.object({
  message,
  cellphone: z.string(),
  ignored: z.boolean().optional(),
  device: z.string().nullable().optional(),
  success,
})

export const verifyTokenResponse = z.object({
  message,
  token: z.literal('is valid'),
  // The one endpoint where Authy sends success as the string "true".
  success: z.union([z.literal(true), z.literal('true')]),
  device: z.record(z.string(), z.unknown()).nullable().optional(),
})

export const createApprovalRequestResponse = z.object({
  approval_request: z.object({ uuid: z.string().min(1) }),
  success,
})

export const approvalRequestResponse = z.object({
  approval_request: z.object({
    uuid: z.string().min(1),
    status: z.enum(approvalStatuses),
    created_at: z.string(),
    updated_at: z.string(),
    processed_at: z.string().nullable(),
    seconds_to_expire: z.int(),
    notified: z.boolean().optional(),
    _authy_id: id.optional(),
    _app_name: z.string().optional(),
    _app_serial_id: z.int().optional(),
    _id: z.string().optional(),
    _user_email: z.string().optional(),
    app_id: z.string().optional(),
    user_id: z.string().optional(),
  }),
  success,
})

export const phoneVerificationStartResponse = z.object({
  message,
  uuid: z.string().nullable().optional(),
  seconds_to_expire: z.int().optional(),
  carrier: z.string().optional(),
  is_cellphone: z.boolean().optional(),
  is_ported: z.boolean().optional(),
  success,
})

// The real shape of this answer is unconfirmed (spec §2.11): keep whatever comes with it.
export const phoneVerificationStatusResponse = z.looseObject({ message, success })

export const phoneInfoResponse = z.object({
  message,
  type: z.string(),
  provider: z.string().nullable(),
  ported: z.boolean(),
  success,
})

export const applicationDetailsResponse = z.object({
  app: z.object({
    app_id: z.int(),
    name: z.string(),
    plan: z.string(),
    sms_enabled: z.boolean(),
    phone_calls_enabled: z.boolean().optional(),
    white_label: z.boolean().optional(),
  }),
  message,
  success,
})

export const applicationStatisticsResponse = z.object({
  app_id: z.int(),
  count: z.int(),
  total_users: z.int(),
  stats: z.array(
    z.object({
      api_calls_count: z.int(),
      auths_count: z.int(),
      calls_count: z.int(),
      month: z.string(),
      sms_count: z.int(),
      users_count: z.int(),
      year: z.int(),
    })
  ),
  message,
  success,
})

export type RegisterUserResponse = z.infer<typeof registerUserResponse>
export type UserStatusResponse = z.infer<typeof userStatusResponse>
export type MessageResponse = z.infer<typeof messageResponse>
export type TokenRequestResponse = z.infer<typeof tokenRequestResponse>
export type VerifyTokenResponse = z.infer<typeof verifyTokenResponse>
export type CreateApprovalRequestResponse = z.infer<typeof createApprovalRequestResponse>
export type ApprovalRequestResponse = z.infer<typeof approvalRequestResponse>
export type PhoneVerificationStartResponse = z.infer<typeof phoneVerificationStartResponse>
export type PhoneVerificationStatusResponse = z.infer<typeof phoneVerificationStatusResponse>
export type PhoneInfoResponse = z.infer<typeof phoneInfoResponse>
export type ApplicationDetailsResponse = z.infer<typeof applicationDetailsResponse>
export type ApplicationStatisticsResponse = z.infer<typeof applicationStatisticsResponse>
