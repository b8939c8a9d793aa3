import { request } from 'undici'
import { z } from 'zod'
import {
  appSummarySchema,
  appViewSchema,
  approvalRequestViewSchema,
  callbackAttemptSchema,
  faultSchema,
  loggedRequestSchema,
  messageSchema,
  totpViewSchema,
  twilioAccountViewSchema,
  userViewSchema,
  type AppInput,
  type AppSummary,
  type AppView,
  type ApprovalRequestView,
  type CallbackAttempt,
  type Fault,
  type FaultInput,
  type InboxMessage,
  type LoggedRequestView,
  type TotpView,
  type TwilioAccountView,
  type UserView,
} from '../domain/control-schemas.js'
import { verifyControl, type VerifyControl } from './verify-control-client.js'

/**
 * Thrown for any non-2xx answer from the control API, with Authy's error code when it sent one.
 *
 * @example
 * await control.approve(uuid).catch((e) => e instanceof SandboxControlError && e.status === 409)
 */
export class SandboxControlError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string | undefined,
    message: string
  ) {
    super(message)
    this.name = 'SandboxControlError'
  }
}

/** The typed control client {@link createSandboxControl} returns. */
export interface SandboxControl {
  approve(uuid: string): Promise<ApprovalRequestView>
  deny(uuid: string): Promise<ApprovalRequestView>
  expire(uuid: string): Promise<ApprovalRequestView>
  approvalRequests(authyId?: number): Promise<ApprovalRequestView[]>
  approvalRequest(uuid: string): Promise<ApprovalRequestView>
  /** A phone's inbox, newest first: Authy's codes, and Twilio's texts (with `from` and `sid`). */
  messages(countryCode: number | string, phone: string): Promise<InboxMessage[]>
  /** Every phone's newest messages (500 at most), newest first. */
  allMessages(): Promise<InboxMessage[]>
  /** The Twilio API's account and API key; throws 404 when the sandbox serves none. */
  twilio(): Promise<TwilioAccountView>
  totp(authyId: number): Promise<TotpView>
  user(authyId: number): Promise<UserView>
  findUser(countryCode: number | string, phone: string): Promise<UserView>
  setDevice(authyId: number, registered: boolean): Promise<UserView>
  /** The sandbox's own application (the first). */
  app(): Promise<AppView>
  /** Every application, joined ones included (never their keys). */
  apps(): Promise<AppSummary[]>
  setCallback(url: string | null, method?: 'POST' | 'GET'): Promise<AppView>
  /** `PUT /sandbox/app` with any of its settings, e.g. `{ sms_enabled: false }`. */
  setApp(settings: AppInput): Promise<AppView>
  callbacks(): Promise<CallbackAttempt[]>
  ping(): Promise<CallbackAttempt | null>
  requests(pattern?: string): Promise<LoggedRequestView[]>
  addFault(fault: FaultInput): Promise<Fault>
  clearFaults(): Promise<number>
  /** The Verify API's side: push factors on phones, challenges, TOTP codes, webhook deliveries. */
  verify: VerifyControl
}

const decided = z.object({
  approval_request: approvalRequestViewSchema,
  callback: callbackAttemptSchema.nullable(),
})
const oneRequest = z.object({ approval_request: approvalRequestViewSchema })
const oneUser = z.object({ user: userViewSchema })
const oneApp = z.object({ app: appViewSchema })

/**
 * A small typed client for the sandbox's control API (`/sandbox/...`), for tests, the step
 * checker and presenters. Every answer is validated with zod; a non-2xx answer throws
 * {@link SandboxControlError} with the sandbox's message.
 *
 * @example
 * const control = createSandboxControl({ url: sandbox.url, apiKey: sandbox.apiKey })
 * const [sms] = await control.messages(1, '2015550123')
 * await control.approve(uuid)
 */
export function createSandboxControl(options: { url: string; apiKey: string }): SandboxControl {
  const base = options.url.replace(/\/+$/, '')

  async function call<T extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: T,
    body?: unknown
  ): Promise<z.output<T>> {
    const response = await request(`${base}/sandbox${path}`, {
      method,
      headers: {
        'x-authy-api-key': options.apiKey,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.body.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new SandboxControlError(
        response.statusCode,
        undefined,
        `${method} /sandbox${path} answered HTTP ${response.statusCode} ` +
          `with a body that is not JSON: ${text.slice(0, 200)}`
      )
    }
    if (response.statusCode < 200 || response.statusCode > 299) {
      const error = json as { message?: string; error_code?: string }
      throw new SandboxControlError(
        response.statusCode,
        error.error_code,
        `${method} /sandbox${path} failed with HTTP ${response.statusCode}: ` +
          (error.message ?? text.slice(0, 200))
      )
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new SandboxControlError(
        response.statusCode,
        undefined,
        `${method} /sandbox${path} answered an unexpected shape: ${z.prettifyError(parsed.error)}`
      )
    }
    return parsed.data
  }

  const phoneQuery = (countryCode: number | string, phone: string) =>
    new URLSearchParams({ country_code: String(countryCode), phone_number: phone }).toString()
  const id = (value: string | number) => encodeURIComponent(String(value))

  return {
    approve: async (uuid) =>
      (await call('POST', `/approval_requests/${id(uuid)}/approve`, decided)).approval_request,
    deny: async (uuid) =>
      (await call('POST', `/approval_requests/${id(uuid)}/deny`, decided)).approval_request,
    expire: async (uuid) =>
      (await call('POST', `/approval_requests/${id(uuid)}/expire`, decided)).approval_request,
    approvalRequests: async (authyId) =>
      (
        await call(
          'GET',
          `/approval_requests${authyId === undefined ? '' : `?authy_id=${id(authyId)}`}`,
          z.object({ approval_requests: z.array(approvalRequestViewSchema) })
        )
      ).approval_requests,
    approvalRequest: async (uuid) =>
      (await call('GET', `/approval_requests/${id(uuid)}`, oneRequest)).approval_request,
    messages: async (countryCode, phone) =>
      (
        await call(
          'GET',
          `/messages?${phoneQuery(countryCode, phone)}`,
          z.object({ messages: z.array(messageSchema) })
        )
      ).messages,
    allMessages: async () =>
      (await call('GET', '/messages', z.object({ messages: z.array(messageSchema) }))).messages,
    twilio: async () =>
      (await call('GET', '/twilio', z.object({ twilio: twilioAccountViewSchema }))).twilio,
    totp: async (authyId) => {
      const { token, seconds_left } = await call(
        'GET',
        `/users/${id(authyId)}/totp`,
        totpViewSchema
      )
      return { token, seconds_left }
    },
    user: async (authyId) => (await call('GET', `/users/${id(authyId)}`, oneUser)).user,
    findUser: async (countryCode, phone) =>
      (await call('GET', `/users?${phoneQuery(countryCode, phone)}`, oneUser)).user,
    setDevice: async (authyId, registered) =>
      (await call('PUT', `/users/${id(authyId)}/device`, oneUser, { registered })).user,
    app: async () => (await call('GET', '/app', oneApp)).app,
    apps: async () =>
      (await call('GET', '/apps', z.object({ apps: z.array(appSummarySchema) }))).apps,
    setCallback: async (url, method) =>
      (
        await call('PUT', '/app', oneApp, {
          onetouch_callback_url: url,
          ...(method ? { onetouch_callback_method: method } : {}),
        })
      ).app,
    setApp: async (settings) => (await call('PUT', '/app', oneApp, settings)).app,
    callbacks: async () =>
      (await call('GET', '/callbacks', z.object({ callbacks: z.array(callbackAttemptSchema) })))
        .callbacks,
    ping: async () =>
      (
        await call(
          'POST',
          '/callbacks/ping',
          z.object({ callback: callbackAttemptSchema.nullable() })
        )
      ).callback,
    requests: async (pattern = '*') =>
      (
        await call(
          'GET',
          `/requests?${new URLSearchParams({ path: pattern })}`,
          z.object({ requests: z.array(loggedRequestSchema) })
        )
      ).requests,
    addFault: async (fault) =>
      (await call('POST', '/faults', z.object({ fault: faultSchema }), fault)).fault,
    clearFaults: async () =>
      (await call('DELETE', '/faults', z.object({ cleared: z.number().int() }))).cleared,
    verify: verifyControl(call),
  }
}
