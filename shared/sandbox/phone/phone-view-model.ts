import { utcText } from '../../runtime/utc-text.js'
import { readApprovalRequests } from '../domain/approval-actions.js'
import { appOf, appsOfUser } from '../domain/apps.js'
import { expiresAtMs } from '../domain/approval-requests.js'
import { FAILURES_BEFORE_DISABLE } from '../domain/callback-delivery.js'
import { inboxOf, type DeliveryChannel } from '../domain/inbox.js'
import { formatInternationalNumber, formatPhone, phoneKey } from '../domain/phone-numbers.js'
import { phoneUrl, type SandboxContext } from '../domain/sandbox-context.js'
import type { ApprovalStatus, StoredUser } from '../domain/store-schema.js'
import { pointsAtThisComputer } from '../domain/this-computer.js'
import { TOTP_PERIOD_SECONDS, totpToken } from '../domain/totp.js'

/** Everything a phone page shows. Never the API key, never hidden_details. */
export interface PhoneViewModel {
  token: string
  pageUrl: string
  /** False when the link points at this computer only (the sandbox listens on loopback). */
  reachableFromPhones: boolean
  /** The applications that registered this phone, as one phrase ("Sandbox App", "A and B"). */
  appNames: string
  phone: string
  email: string
  registered: boolean
  /** `appName`: the application that sent it; `msLeft` null: never expires. */
  pending: {
    uuid: string
    appName: string
    message: string
    details: [string, string][]
    msLeft: number | null
  }[]
  /** `at`: ISO time (for `<time datetime>`); `atText`: as every page of the kit writes it. */
  recent: {
    uuid: string
    appName: string
    message: string
    status: ApprovalStatus
    at: string
    atText: string
  }[]
  totp: { token: string; msLeft: number; periodSeconds: number } | null
  messages: {
    channel: DeliveryChannel
    body: string
    code: string | null
    /** A Twilio text's sender, written as the page writes numbers; null for Authy's own. */
    from: string | null
    at: string
    atText: string
  }[]
  /** One per application of this phone whose callbacks are switched off. */
  banners: string[]
}

const RECENT_LIMIT = 5
const MESSAGE_LIMIT = 20

/**
 * What a user's phone page shows right now: the approval requests of every application that sent
 * one to this phone, each with its application's name, and nothing of any other phone. Expiry of
 * their pending requests is evaluated (and saved) first, so a page never offers to approve an
 * expired request.
 *
 * @example
 * const model = await phoneViewModel(ctx, user)
 */
export async function phoneViewModel(
  ctx: SandboxContext,
  user: StoredUser
): Promise<PhoneViewModel> {
  const data = ctx.store.data
  const nowMs = ctx.now()
  const requests = await readApprovalRequests(ctx, user.authy_id, nowMs)
  const pending = requests
    .filter((request) => request.status === 'pending')
    .map((request) => {
      const expiresAt = expiresAtMs(request)
      return {
        uuid: request.uuid,
        appName: appOf(data, request).name,
        message: request.message,
        details: Object.entries(request.details ?? {}),
        msLeft: expiresAt === null ? null : Math.max(0, expiresAt - nowMs),
      }
    })
  const recent = requests
    .filter((request) => request.status !== 'pending')
    .slice(0, RECENT_LIMIT)
    .map((request) => ({
      uuid: request.uuid,
      appName: appOf(data, request).name,
      message: request.message,
      status: request.status,
      ...moment(request.processed_at_ms ?? request.updated_at_ms),
    }))
  const messages = inboxOf(data, phoneKey(user.country_code, user.cellphone))
    .slice(0, MESSAGE_LIMIT)
    .map((m) => ({
      channel: m.channel,
      body: m.body,
      code: m.code,
      from: m.from && formatInternationalNumber(m.from),
      ...moment(m.created_at_ms),
    }))
  const apps = appsOfUser(data, user.authy_id)
  const pageUrl = phoneUrl(ctx, user.phone_token)
  return {
    token: user.phone_token,
    pageUrl,
    reachableFromPhones: !pointsAtThisComputer(pageUrl),
    appNames: listOf(apps.map((app) => app.name)),
    phone: formatPhone(user.country_code, user.cellphone),
    email: user.email,
    registered: user.device.registered,
    pending,
    recent,
    totp: user.device.registered
      ? {
          token: totpToken(user.totp_secret, nowMs),
          msLeft: TOTP_PERIOD_SECONDS * 1000 - (nowMs % (TOTP_PERIOD_SECONDS * 1000)),
          periodSeconds: TOTP_PERIOD_SECONDS,
        }
      : null,
    messages,
    banners: apps
      .filter((app) => app.callback.disabled)
      .map(
        ({ name, callback }) =>
          `${apps.length > 1 ? `${name}: ` : ''}` +
          `${callback.url} failed ${FAILURES_BEFORE_DISABLE} times in a row ` +
          `(last: ${callback.last_error?.message ?? 'unknown error'}). ` +
          `Approving still works, but the ` +
          `bank app is not told. Set the callback URL again to switch callbacks back on.`
      ),
  }
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'your apps'
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

function moment(ms: number): { at: string; atText: string } {
  const at = new Date(ms).toISOString()
  return { at, atText: utcText(at) }
}

