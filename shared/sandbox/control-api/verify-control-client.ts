import { z } from 'zod'
import { messageSchema, type InboxMessage } from '../domain/control-schemas.js'
import {
  controlChallengeSchema,
  devicePushFactorSchema,
  verifyDeviceSchema,
  webhookDeliverySchema,
  type ControlChallenge,
  type DevicePushFactor,
  type PushFactorInput,
  type VerifyDeviceView,
  type WebhookDelivery,
} from '../domain/verify/control-schemas.js'

/** One control API call, as `createSandboxControl` makes them (validated, throwing on non-2xx). */
export type ControlCall = <T extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: T,
  body?: unknown
) => Promise<z.output<T>>

/** The Verify part of the control client: `control.verify.*`. */
export interface VerifyControl {
  /** The Verify API's account and API key (404 when the sandbox serves none). */
  account(): Promise<{ account_sid: string; api_key_sid: string; api_key_secret: string }>
  /** A verified push factor for `identity` on a phone, as the Verify Push SDK would make it. */
  addPushFactor(identity: string, input: PushFactorInput): Promise<DevicePushFactor>
  /** The page of a phone with the Verify Push app. */
  device(countryCode: number | string, phone: string): Promise<VerifyDeviceView>
  challenge(sid: string): Promise<ControlChallenge>
  /** Approves a push challenge as the phone would; resolves once its webhooks were attempted. */
  approve(sid: string): Promise<{ challenge: ControlChallenge; webhooks: WebhookDelivery[] }>
  deny(sid: string): Promise<{ challenge: ControlChallenge; webhooks: WebhookDelivery[] }>
  /** Expires a pending challenge now (no webhook: Verify has no `challenge.expired`). */
  expire(sid: string): Promise<ControlChallenge>
  /** A TOTP factor's current code. */
  totp(factorSid: string): Promise<{ code: string; seconds_left: number }>
  /** The latest webhook deliveries, newest first. */
  deliveries(): Promise<WebhookDelivery[]>
  /** The inbox of an email address (Verify's email codes), newest first. */
  emails(address: string): Promise<InboxMessage[]>
}

const decided = z.object({
  challenge: controlChallengeSchema,
  webhooks: z.array(webhookDeliverySchema),
})

/**
 * The Verify methods of the control client, on top of its `call`.
 *
 * @example
 * const verify = verifyControl(call)
 * const { sid } = await verify.addPushFactor(identity, { country_code: 1, phone_number: '2015550123' })
 */
export function verifyControl(call: ControlCall): VerifyControl {
  const id = (value: string) => encodeURIComponent(value)
  return {
    account: async () =>
      (
        await call(
          'GET',
          '/verify',
          z.object({
            verify: z.object({
              account_sid: z.string(),
              api_key_sid: z.string(),
              api_key_secret: z.string(),
            }),
          })
        )
      ).verify,
    addPushFactor: (identity, input) =>
      call('POST', `/verify/entities/${id(identity)}/push_factors`, devicePushFactorSchema, input),
    device: async (countryCode, phone) =>
      (
        await call(
          'GET',
          `/verify/devices?${new URLSearchParams({ country_code: String(countryCode), phone_number: phone })}`,
          z.object({ device: verifyDeviceSchema })
        )
      ).device,
    challenge: async (sid) =>
      (await call('GET', `/verify/challenges/${id(sid)}`, z.object({ challenge: controlChallengeSchema })))
        .challenge,
    approve: (sid) => call('POST', `/verify/challenges/${id(sid)}/approve`, decided),
    deny: (sid) => call('POST', `/verify/challenges/${id(sid)}/deny`, decided),
    expire: async (sid) =>
      (await call('POST', `/verify/challenges/${id(sid)}/expire`, z.object({ challenge: controlChallengeSchema })))
        .challenge,
    totp: (factorSid) =>
      call(
        'GET',
        `/verify/factors/${id(factorSid)}/totp`,
        z.object({ code: z.string(), seconds_left: z.number().int() })
      ),
    deliveries: async () =>
      (await call('GET', '/verify/deliveries', z.object({ deliveries: z.array(webhookDeliverySchema) })))
        .deliveries,
    emails: async (address) =>
      (
        await call(
          'GET',
          `/messages?${new URLSearchParams({ email: address })}`,
          z.object({ messages: z.array(messageSchema) })
        )
      ).messages,
  }
}
