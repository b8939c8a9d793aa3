import type { TwilioClient } from '../../../twilio/client.js'

/** The name of the Verify Service the bank makes in the sandbox (shown in texts and on phones). */
export const SANDBOX_SERVICE_NAME = 'OneTouch Bank'
/** The name of the bank's own Webhook on its Service (Verify asks for no personal data here). */
export const WEBHOOK_NAME = 'onetouch-bank'
/** The path the bank takes Verify's webhooks at. */
export const VERIFY_WEBHOOK_PATH = '/verify/webhook'

/**
 * The sandbox's Verify Service for the bank: the one named "OneTouch Bank", made at the first
 * start (the sandbox keeps it in its data folder). With real Twilio, VERIFY_SERVICE_SID names it.
 *
 * @example
 * const serviceSid = await sandboxServiceSid(twilio)
 */
export async function sandboxServiceSid(twilio: TwilioClient): Promise<string> {
  const services = twilio.verify.v2.services
  const existing = (await services.list()).find((s) => s.friendlyName === SANDBOX_SERVICE_NAME)
  if (existing) return existing.sid
  return (await services.create({ friendlyName: SANDBOX_SERVICE_NAME })).sid
}

/**
 * Points the Service's bank Webhook (`challenge.approved`, `challenge.denied`) at `url`, making
 * it if there is none, switching it on if it was off: the app's URL may change between starts.
 *
 * @example
 * await pointWebhookAt(twilio, serviceSid, 'https://abc123.ngrok.io/verify/webhook')
 */
export async function pointWebhookAt(
  twilio: TwilioClient,
  serviceSid: string,
  url: string
): Promise<void> {
  const webhooks = twilio.verify.v2.services(serviceSid).webhooks
  const wanted = {
    friendlyName: WEBHOOK_NAME,
    eventTypes: ['challenge.approved', 'challenge.denied'],
    webhookUrl: url,
    status: 'enabled' as const,
  }
  const existing = (await webhooks.list()).find((w) => w.friendlyName === WEBHOOK_NAME)
  if (existing) await webhooks(existing.sid).update(wanted)
  else await webhooks.create(wanted)
}
