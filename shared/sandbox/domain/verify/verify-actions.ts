import { conflict, invalidParameter, notFound } from '../error-answers.js'
import { checkPhone, formatPhone } from '../phone-numbers.js'
import type { SandboxContext } from '../sandbox-context.js'
import { TwilioErrorAnswer } from '../twilio/errors.js'
import { answerChallenge, expireIfDue, expireNow, type ChallengeAnswer } from './challenges.js'
import type { PushFactorInput, WebhookDelivery } from './control-schemas.js'
import { terminalQr } from '../../../runtime/terminal-qr.js'
import { devicePageUrl, ensureDevice, phoneKeysOfEntity } from './devices.js'
import { createDevicePushFactor } from './factors.js'
import type { StoredChallenge, StoredFactor, StoredService, StoredVerifyDevice } from './store-schema.js'
import { deliverVerifyEvent, type VerifyEvent } from './webhook-delivery.js'
import type { VerifyState } from './verify-state.js'

/** A sandbox context that serves the Verify API. */
export type VerifyContext = SandboxContext & { verify: VerifyState }

/**
 * The context, if it serves the Verify API; otherwise 404 for the control API.
 *
 * @example
 * const vctx = verifyContextOr404(ctx)
 */
export function verifyContextOr404(ctx: SandboxContext): VerifyContext {
  if (!ctx.verify)
    throw notFound('This sandbox serves no Verify API: start it with the verify option (npm run sandbox always does).')
  return ctx as VerifyContext
}

/**
 * Saves, tells the phone pages that show this Entity's challenges, and sends the event (if any)
 * to the Service's Webhooks in the background: `deliveries` resolves once they were attempted.
 *
 * @example
 * const { deliveries } = await publish(ctx, { type: 'factor.verified', service, factor }, entitySid)
 */
export async function publish(
  ctx: VerifyContext,
  event: VerifyEvent | undefined,
  entitySid: string
): Promise<{ deliveries: Promise<WebhookDelivery[]> }> {
  await ctx.store.save()
  for (const key of phoneKeysOfEntity(ctx.store.data, entitySid)) ctx.events.emit({ phoneKey: key })
  return { deliveries: event ? deliverVerifyEvent(ctx, event) : Promise.resolve([]) }
}

/**
 * A challenge by SID, whatever its Service (for the control API and the phone pages), its expiry
 * evaluated (and saved) first. 404 in Authy's envelope when there is none.
 *
 * @example
 * const { challenge, service } = await readAnyChallenge(ctx, 'YC…')
 */
export async function readAnyChallenge(
  ctx: VerifyContext,
  sid: string
): Promise<{ challenge: StoredChallenge; service: StoredService; factor: StoredFactor }> {
  const data = ctx.store.data
  const challenge = data.verify.challenges.find((c) => c.sid === sid)
  const service = challenge && data.verify.services.find((s) => s.sid === challenge.service_sid)
  const factor = challenge && data.verify.factors.find((f) => f.sid === challenge.factor_sid)
  if (!challenge || !service || !factor) throw notFound(`No Verify challenge ${sid}`)
  if (expireIfDue(challenge, ctx.now())) {
    ctx.log(`Verify challenge ${challenge.sid} for ${challenge.identity} is now expired.`)
    await publish(ctx, undefined, challenge.entity_sid)
  }
  return { challenge, service, factor }
}

/**
 * The phone's answer to a push challenge, as the Verify Push SDK sends it: saved, shown on the
 * phone pages, and sent to the Service's Webhooks (`challenge.approved` or `challenge.denied`).
 * 404 for an unknown SID, 409 when it is no longer pending (Authy's envelope: the control API and
 * the phone page speak it). Returns the challenge and its webhook deliveries.
 *
 * @example
 * const { challenge, deliveries } = await answerOnDevice(ctx, 'YC…', 'approved')
 * await deliveries
 */
export async function answerOnDevice(
  ctx: VerifyContext,
  sid: string,
  answer: ChallengeAnswer
): Promise<{ challenge: StoredChallenge; deliveries: Promise<WebhookDelivery[]> }> {
  const { challenge, service, factor } = await readAnyChallenge(ctx, sid)
  if (challenge.factor_type !== 'push')
    throw conflict(`Verify challenge ${sid} is a TOTP challenge: it is answered with its code, not on the phone.`)
  try {
    answerChallenge(challenge, answer, ctx.now())
  } catch (error) {
    if (error instanceof TwilioErrorAnswer)
      throw conflict(`Verify challenge ${sid} is no longer pending (it is ${challenge.status}).`)
    throw error
  }
  ctx.log(`Verify challenge ${sid} for ${challenge.identity} is now ${challenge.status}.`)
  const type = answer === 'approved' ? 'challenge.approved' : 'challenge.denied'
  const { deliveries } = await publish(ctx, { type, service, factor, challenge }, challenge.entity_sid)
  return { challenge, deliveries }
}

/**
 * Expires a pending challenge now (its phone page and the API see it `expired`; no webhook, as
 * Twilio has no `challenge.expired`). 404 unknown, 409 no longer pending.
 *
 * @example
 * const challenge = await expireChallenge(ctx, 'YC…')
 */
export async function expireChallenge(ctx: VerifyContext, sid: string): Promise<StoredChallenge> {
  const { challenge } = await readAnyChallenge(ctx, sid)
  try {
    expireNow(challenge, ctx.now())
  } catch (error) {
    if (error instanceof TwilioErrorAnswer)
      throw conflict(`Verify challenge ${sid} is no longer pending (it is ${challenge.status}).`)
    throw error
  }
  ctx.log(`Verify challenge ${sid} for ${challenge.identity} is now expired.`)
  await publish(ctx, undefined, challenge.entity_sid)
  return challenge
}

/**
 * Installs the Verify Push app on a phone (if it has none) and makes a verified push factor on
 * it for `identity`, as the SDK would: the Entity is made if needed, `factor.created` and
 * `factor.verified` go to the Webhooks. `service_sid` may be left out when there is one Service.
 * Bad input → 400 in Authy's envelope naming the field.
 *
 * @example
 * const { factor, device } = await addPushFactorOnDevice(ctx, 'user-8f3a0c21', { country_code: 1, phone_number: '2015550123' })
 */
export async function addPushFactorOnDevice(
  ctx: VerifyContext,
  identity: string,
  input: PushFactorInput
): Promise<{ factor: StoredFactor; service: StoredService; device: StoredVerifyDevice }> {
  const data = ctx.store.data
  const services = data.verify.services.filter((s) => s.account_sid === ctx.verify.account.accountSid)
  const service =
    input.service_sid === undefined
      ? services.length === 1
        ? services[0]
        : undefined
      : services.find((s) => s.sid === input.service_sid)
  if (!service) {
    throw invalidParameter(
      'service_sid',
      input.service_sid === undefined
        ? `Is required when the sandbox has ${services.length} Services (it has no default)`
        : 'Is not a Service of this sandbox'
    )
  }
  const phone = checkPhone(input.country_code, input.phone_number)
  if (!phone.ok)
    throw invalidParameter(phone.invalid[0]!, 'Is not a valid phone number for its country')
  const nowMs = ctx.now()
  const { device, installed } = ensureDevice(data, phone.phone, input.email, nowMs)
  let factor: StoredFactor
  try {
    factor = createDevicePushFactor(
      data,
      service,
      identity,
      {
        friendlyName: input.friendly_name ?? `Phone ${formatPhone(device.country_code, device.cellphone)}`,
        deviceToken: device.token,
      },
      nowMs
    ).factor
  } catch (error) {
    if (error instanceof TwilioErrorAnswer) throw invalidParameter('identity', error.message)
    throw error
  }
  ctx.log(`Verify push factor ${factor.sid} for ${identity} is on the phone ${device.phone_key}.`)
  if (installed) {
    // As a new Authy user's phone link is announced: a presenter hands it to the phone's owner.
    const link = devicePageUrl(ctx, device)
    const who = formatPhone(device.country_code, device.cellphone)
    ctx.log(`Verify Push phone for ${who}: ${link}\n${terminalQr(link)}`)
  }
  const created = await publish(ctx, { type: 'factor.created', service, factor }, factor.entity_sid)
  const verified = deliverVerifyEvent(ctx, { type: 'factor.verified', service, factor })
  await Promise.all([created.deliveries, verified])
  return { factor, service, device }
}
