import { isLoopbackAddress } from '../../runtime/hosts.js'
import { utcText } from '../../runtime/utc-text.js'
import { inboxOf } from '../domain/inbox.js'
import { formatInternationalNumber, formatPhone } from '../domain/phone-numbers.js'
import { expireIfDue } from '../domain/verify/challenges.js'
import { challengesOnDevice, devicePageUrl, totpFactorsOf } from '../domain/verify/devices.js'
import { totpSettingsOf } from '../domain/verify/factors.js'
import type { StoredVerifyDevice } from '../domain/verify/store-schema.js'
import { totpCodeAt } from '../domain/verify/totp-codes.js'
import { publish, type VerifyContext } from '../domain/verify/verify-actions.js'
import type { PhoneViewModel } from './phone-view-model.js'

/** Everything a Verify Push device's page shows. Never hidden details, secrets or the API key. */
export interface VerifyPhoneViewModel {
  token: string
  pageUrl: string
  /** False when the link points at this computer only (the sandbox listens on loopback). */
  reachableFromPhones: boolean
  phone: string
  /** Pending push challenges: what the app asks the user, every field, the time left. */
  pending: {
    sid: string
    serviceName: string
    message: string
    fields: [string, string][]
    msLeft: number
  }[]
  /** Answered or expired push challenges, newest first. */
  recent: { sid: string; message: string; status: string; at: string; atText: string }[]
  /** The current code of each TOTP factor of this phone's Entities (an authenticator app). */
  codes: {
    factorSid: string
    issuer: string
    name: string
    code: string
    msLeft: number
    periodSeconds: number
  }[]
  messages: PhoneViewModel['messages']
  /** Webhooks of this phone's Services whose last delivery failed, in a sentence; else null. */
  banner: string | null
}

const RECENT_LIMIT = 5
const MESSAGE_LIMIT = 20

/**
 * What a Verify Push device's page shows now. Expiry of its pending challenges is evaluated (and
 * saved) first, so the page never offers to approve an expired one.
 *
 * @example
 * const model = await verifyPhoneViewModel(ctx, device)
 */
export async function verifyPhoneViewModel(
  ctx: VerifyContext,
  device: StoredVerifyDevice
): Promise<VerifyPhoneViewModel> {
  const data = ctx.store.data
  const nowMs = ctx.now()
  const challenges = challengesOnDevice(data, device)
  const expired = challenges.filter((challenge) => expireIfDue(challenge, nowMs))
  for (const challenge of expired)
    ctx.log(`Verify challenge ${challenge.sid} for ${challenge.identity} is now expired.`)
  if (expired.length > 0) await publish(ctx, undefined, expired[0]!.entity_sid)
  const serviceName = (sid: string) =>
    data.verify.services.find((service) => service.sid === sid)?.friendly_name ?? 'Verify'
  const serviceSids = new Set(challenges.map((c) => c.service_sid))
  for (const factor of totpFactorsOf(data, device)) serviceSids.add(factor.service_sid)
  const failing = data.verify.webhooks.filter(
    (w) => serviceSids.has(w.service_sid) && w.status === 'enabled' && w.last_delivery?.ok === false
  )
  const pageUrl = devicePageUrl(ctx, device)
  return {
    token: device.token,
    pageUrl,
    reachableFromPhones: !pointsAtThisComputer(pageUrl),
    phone: formatPhone(device.country_code, device.cellphone),
    pending: challenges
      .filter((c) => c.status === 'pending')
      .map((c) => ({
        sid: c.sid,
        serviceName: serviceName(c.service_sid),
        message: c.details.message ?? '',
        fields: c.details.fields.map((f): [string, string] => [f.label, f.value]),
        msLeft: Math.max(0, c.expires_at_ms - nowMs),
      })),
    recent: challenges
      .filter((c) => c.status !== 'pending')
      .slice(0, RECENT_LIMIT)
      .map((c) => ({
        sid: c.sid,
        message: c.details.message ?? '',
        status: c.status,
        ...moment(c.responded_at_ms ?? c.updated_at_ms),
      })),
    codes: totpFactorsOf(data, device).map((factor) => {
      const settings = totpSettingsOf(factor)
      const periodMs = settings.timeStep * 1000
      return {
        factorSid: factor.sid,
        issuer: serviceName(factor.service_sid),
        name: factor.friendly_name,
        code: totpCodeAt(settings, nowMs),
        msLeft: periodMs - (nowMs % periodMs),
        periodSeconds: settings.timeStep,
      }
    }),
    messages: [device.phone_key, ...device.emails]
      .flatMap((key) => inboxOf(data, key))
      .sort((a, b) => b.created_at_ms - a.created_at_ms)
      .slice(0, MESSAGE_LIMIT)
      .map((m) => ({
        channel: m.channel,
        body: m.body,
        code: m.code,
        from: m.from && formatInternationalNumber(m.from),
        ...moment(m.created_at_ms),
      })),
    banner:
      failing.length === 0
        ? null
        : failing
            .map(
              (w) =>
                `${w.webhook_url} did not take the last webhook ` +
                `(${w.last_delivery?.error ?? 'failed'}).`
            )
            .join(' ') + ' Your answers still count, but the app is not told at once.',
  }
}

function pointsAtThisComputer(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || isLoopbackAddress(host)
}

function moment(ms: number): { at: string; atText: string } {
  const at = new Date(ms).toISOString()
  return { at, atText: utcText(at) }
}
