import type { Dispatcher } from 'undici'
import { AuthyError } from './authy-error.js'
import {
  applicationDetailsResponse,
  applicationStatisticsResponse,
  approvalRequestResponse,
  createApprovalRequestResponse,
  messageResponse,
  phoneInfoResponse,
  phoneVerificationStartResponse,
  phoneVerificationStatusResponse,
  registerUserResponse,
  tokenRequestResponse,
  userStatusResponse,
  verifyTokenResponse,
  type ApplicationDetailsResponse,
  type ApplicationStatisticsResponse,
  type ApprovalRequestResponse,
  type CreateApprovalRequestResponse,
  type MessageResponse,
  type PhoneInfoResponse,
  type PhoneVerificationStartResponse,
  type PhoneVerificationStatusResponse,
  type RegisterUserResponse,
  type TokenRequestResponse,
  type UserStatusResponse,
  type VerifyTokenResponse,
} from './responses.js'
import { createTransport, type CallOptions } from './transport.js'

export const AUTHY_API_URL = 'https://api.authy.com'

export interface AuthyClientOptions {
  /** Your Authy application's API key, sent as `X-Authy-API-Key`. */
  apiKey: string
  /** Default `https://api.authy.com`; the sandbox's URL in the workshop. */
  baseUrl?: string
  /** Deadline for one attempt, in ms. Default 5000. */
  timeoutMs?: number
  /** Extra attempts for GETs after a timeout, lost connection, 429 or 5xx. Default 2. */
  retries?: number
  /** First backoff step in ms (doubles each attempt, with jitter). Default 250. */
  retryBaseDelayMs?: number
  /** Cap on one backoff wait and on an honoured `Retry-After`, in ms. Default 4000. */
  retryMaxDelayMs?: number
  /** An undici dispatcher (connection pool, proxy). */
  dispatcher?: Dispatcher
}

export type ActivityType = 'password_reset' | 'banned' | 'unbanned' | 'cookie_login'
export type LogoResolution = 'default' | 'low' | 'med' | 'high'

export interface TokenRequestInput {
  authyId: number
  /** Send even when the user has the Authy app. */
  force?: boolean
  action?: string
  actionMessage?: string
  locale?: string
}

export interface ApprovalRequestInput {
  authyId: number
  /** What the push notification says, e.g. "Transfer money to bob@example.com". */
  message: string
  /** Shown to the user on the device, e.g. `{ To: 'bob@example.com', Amount: '$10.00' }`. */
  details?: Record<string, string>
  /** Kept with the request and sent back in the callback, never shown. */
  hiddenDetails?: Record<string, string>
  logos?: { res: LogoResolution; url: string }[]
  /** Seconds before the request expires; Authy's default is 86400, `0` never expires. */
  secondsToExpire?: number
}

export interface AuthyClient {
  /** `POST /protected/json/users/new`: registers a user (or finds the one with this phone). */
  registerUser(
    input: {
      email: string
      cellphone: string
      countryCode: string | number
      sendInstallLinkViaSms?: boolean
    },
    options?: CallOptions
  ): Promise<RegisterUserResponse>
  /** `GET /protected/json/users/{id}/status` */
  getUserStatus(
    input: { authyId: number; userIp?: string },
    options?: CallOptions
  ): Promise<UserStatusResponse>
  /** `POST /protected/json/users/{id}/remove` */
  deleteUser(
    input: { authyId: number; userIp?: string },
    options?: CallOptions
  ): Promise<MessageResponse>
  /** `POST /protected/json/users/{id}/register_activity` */
  registerActivity(
    input: { authyId: number; type: ActivityType; data?: Record<string, string>; userIp?: string },
    options?: CallOptions
  ): Promise<MessageResponse>
  /** `GET /protected/json/sms/{id}`: sends a token by SMS (ignored for app users unless `force`). */
  requestSms(input: TokenRequestInput, options?: CallOptions): Promise<TokenRequestResponse>
  /** `GET /protected/json/call/{id}`: reads a token out in a voice call. */
  requestCall(input: TokenRequestInput, options?: CallOptions): Promise<TokenRequestResponse>
  /** `GET /protected/json/verify/{token}/{id}`: resolves when the token is valid, throws otherwise. */
  verifyToken(
    input: { authyId: number; token: string; force?: boolean; action?: string },
    options?: CallOptions
  ): Promise<VerifyTokenResponse>
  /** `POST /onetouch/json/users/{id}/approval_requests`: pushes a request to the user's phone. */
  createApprovalRequest(
    input: ApprovalRequestInput,
    options?: CallOptions
  ): Promise<CreateApprovalRequestResponse>
  /** `GET /onetouch/json/approval_requests/{uuid}`: `approval_request.status` says where it stands. */
  getApprovalRequest(
    input: { uuid: string },
    options?: CallOptions
  ): Promise<ApprovalRequestResponse>
  /** `POST /protected/json/phones/verification/start` */
  startPhoneVerification(
    input: {
      countryCode: string | number
      phoneNumber: string
      via: 'sms' | 'call'
      locale?: string
      codeLength?: number
      customMessage?: string
      customCode?: string
    },
    options?: CallOptions
  ): Promise<PhoneVerificationStartResponse>
  /** `GET /protected/json/phones/verification/check` */
  checkPhoneVerification(
    input: { countryCode: string | number; phoneNumber: string; verificationCode: string },
    options?: CallOptions
  ): Promise<MessageResponse>
  /** `GET /protected/json/phones/verification/status` */
  getPhoneVerificationStatus(
    input: { countryCode: string | number; phoneNumber: string },
    options?: CallOptions
  ): Promise<PhoneVerificationStatusResponse>
  /** `GET /protected/json/phones/info` */
  getPhoneInfo(
    input: { countryCode: string | number; phoneNumber: string; userIp?: string },
    options?: CallOptions
  ): Promise<PhoneInfoResponse>
  /** `GET /protected/json/app/details` */
  getApplicationDetails(
    input?: { userIp?: string },
    options?: CallOptions
  ): Promise<ApplicationDetailsResponse>
  /** `GET /protected/json/app/stats` */
  getApplicationStatistics(
    input?: { userIp?: string },
    options?: CallOptions
  ): Promise<ApplicationStatisticsResponse>
}

/**
 * A typed client for the Authy API (or the workshop's sandbox, which speaks the same wire format).
 * Every answer is validated; every failure is an {@link AuthyError}.
 *
 * @example
 * const authy = createAuthyClient({ apiKey: process.env.AUTHY_API_KEY!, baseUrl: 'http://127.0.0.1:4001' })
 * const { user } = await authy.registerUser({ email: 'ada@example.com', cellphone: '555-555-0100', countryCode: 1 })
 * const { approval_request } = await authy.createApprovalRequest({ authyId: user.id, message: 'Sign in?' })
 */
export function createAuthyClient(options: AuthyClientOptions): AuthyClient {
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('createAuthyClient needs an apiKey: the API key of your Authy application.')
  }
  const send = createTransport({
    baseUrl: options.baseUrl ?? AUTHY_API_URL,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 5000,
    retries: options.retries ?? 2,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 4000,
    userAgent: `AuthyWorkshopTS/1.0 (node ${process.version})`,
    dispatcher: options.dispatcher,
  })

  const tokenRequest =
    (channel: 'sms' | 'call') => async (input: TokenRequestInput, call?: CallOptions) =>
      send(
        'GET',
        `/protected/json/${channel}/${authyIdOf(input)}`,
        tokenRequestResponse,
        {
          query: {
            force: input.force,
            action: input.action,
            action_message: input.actionMessage,
            locale: input.locale,
          },
        },
        call
      )

  return {
    registerUser: async (input, call) =>
      send(
        'POST',
        '/protected/json/users/new',
        registerUserResponse,
        {
          body: {
            user: {
              email: requiredText(input.email, 'email'),
              cellphone: requiredText(input.cellphone, 'cellphone'),
              country_code: countryCodeOf(input.countryCode),
            },
            send_install_link_via_sms: input.sendInstallLinkViaSms ?? false,
          },
        },
        call
      ),

    getUserStatus: async (input, call) =>
      send(
        'GET',
        `/protected/json/users/${authyIdOf(input)}/status`,
        userStatusResponse,
        {
          query: { user_ip: input.userIp },
        },
        call
      ),

    deleteUser: async (input, call) =>
      send(
        'POST',
        `/protected/json/users/${authyIdOf(input)}/remove`,
        messageResponse,
        {
          body: withoutUndefined({ user_ip: input.userIp }),
        },
        call
      ),

    registerActivity: async (input, call) =>
      send(
        'POST',
        `/protected/json/users/${authyIdOf(input)}/register_activity`,
        messageResponse,
        {
          body: withoutUndefined({
            type: requiredText(input.type, 'type'),
            data: input.data,
            user_ip: input.userIp,
          }),
        },
        call
      ),

    requestSms: tokenRequest('sms'),
    requestCall: tokenRequest('call'),

    verifyToken: async (input, call) => {
      const token = String(input.token ?? '').trim()
      if (!/^\d{6,10}$/.test(token)) {
        throw invalidInput('token', 'must be 6 to 10 digits')
      }
      return send(
        'GET',
        `/protected/json/verify/${token}/${authyIdOf(input)}`,
        verifyTokenResponse,
        {
          query: { force: input.force, action: input.action },
        },
        call
      )
    },

    createApprovalRequest: async (input, call) =>
      send(
        'POST',
        `/onetouch/json/users/${authyIdOf(input)}/approval_requests`,
        createApprovalRequestResponse,
        {
          body: withoutUndefined({
            message: requiredText(input.message, 'message'),
            details: input.details,
            hidden_details: input.hiddenDetails,
            logos: input.logos,
            seconds_to_expire: secondsOf(input.secondsToExpire),
          }),
        },
        call
      ),

    getApprovalRequest: async (input, call) =>
      send(
        'GET',
        `/onetouch/json/approval_requests/${encodeURIComponent(requiredText(input.uuid, 'uuid'))}`,
        approvalRequestResponse,
        {},
        call
      ),

    startPhoneVerification: async (input, call) =>
      send(
        'POST',
        '/protected/json/phones/verification/start',
        phoneVerificationStartResponse,
        {
          body: withoutUndefined({
            via: input.via,
            country_code: countryCodeOf(input.countryCode),
            phone_number: requiredText(input.phoneNumber, 'phoneNumber'),
            locale: input.locale,
            code_length: input.codeLength,
            custom_message: input.customMessage,
            custom_code: input.customCode,
          }),
        },
        call
      ),

    checkPhoneVerification: async (input, call) =>
      send(
        'GET',
        '/protected/json/phones/verification/check',
        messageResponse,
        {
          query: {
            country_code: countryCodeOf(input.countryCode),
            phone_number: requiredText(input.phoneNumber, 'phoneNumber'),
            verification_code: requiredText(input.verificationCode, 'verificationCode'),
          },
        },
        call
      ),

    getPhoneVerificationStatus: async (input, call) =>
      send(
        'GET',
        '/protected/json/phones/verification/status',
        phoneVerificationStatusResponse,
        {
          query: {
            country_code: countryCodeOf(input.countryCode),
            phone_number: requiredText(input.phoneNumber, 'phoneNumber'),
          },
        },
        call
      ),

    getPhoneInfo: async (input, call) =>
      send(
        'GET',
        '/protected/json/phones/info',
        phoneInfoResponse,
        {
          query: {
            country_code: countryCodeOf(input.countryCode),
            phone_number: requiredText(input.phoneNumber, 'phoneNumber'),
            user_ip: input.userIp,
          },
        },
        call
      ),

    getApplicationDetails: async (input, call) =>
      send(
        'GET',
        '/protected/json/app/details',
        applicationDetailsResponse,
        {
          query: { user_ip: input?.userIp },
        },
        call
      ),

    getApplicationStatistics: async (input, call) =>
      send(
        'GET',
        '/protected/json/app/stats',
        applicationStatisticsResponse,
        {
          query: { user_ip: input?.userIp },
        },
        call
      ),
  }
}

function invalidInput(field: string, problem: string): AuthyError {
  return new AuthyError({
    kind: 'input',
    message: `${field} ${problem}`,
    fieldErrors: { [field]: problem },
  })
}

function authyIdOf(input: { authyId: number }): number {
  const id = input?.authyId
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw invalidInput('authyId', `must be a positive whole number (got ${JSON.stringify(id)})`)
  }
  return id
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(field, 'is required')
  return value
}

function countryCodeOf(value: unknown): string {
  const text = String(value ?? '')
    .trim()
    .replace(/^\+/, '')
  if (!/^\d{1,4}$/.test(text)) {
    throw invalidInput('countryCode', 'must be a calling code of 1 to 4 digits, such as 1 or 44')
  }
  return text
}

function secondsOf(value: number | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidInput('secondsToExpire', 'must be a whole number of seconds, 0 or more')
  }
  return value
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
