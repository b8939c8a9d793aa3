import { randomUUID } from 'node:crypto'
import { sendWithinTimeout } from '../callback-delivery.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { WebhookDelivery } from './control-schemas.js'
import type {
  StoredChallenge,
  StoredFactor,
  StoredService,
  StoredWebhook,
  WebhookEvent,
} from './store-schema.js'
import { twilioSignature } from './twilio-signature.js'
import { DELIVERY_LOG_LIMIT, type VerifyState } from './verify-state.js'
import { webhooksFor } from './webhooks.js'

/** What delivering webhooks needs (a {@link SandboxContext} with its Verify state has all of it). */
export type WebhookDeps = Pick<
  SandboxContext,
  'store' | 'now' | 'log' | 'events' | 'callbacks' | 'callbackTimeoutMs'
> & { verify: VerifyState }

/** An event a Webhook may take: on a Factor, or on a Challenge's answer. */
export interface VerifyEvent {
  type: Exclude<WebhookEvent, '*'>
  service: StoredService
  factor: StoredFactor
  challenge?: StoredChallenge
}

/**
 * Sends an event to every enabled Webhook of its Service that takes it: a form-encoded POST
 * signed with `X-Twilio-Signature` (the account's Auth Token, {@link twilioSignature}), one
 * attempt each with the callback timeout. Each attempt is logged, remembered for the control API,
 * and kept on its Webhook (a failure shows on the phone pages until one succeeds). Never
 * rejects; the sandbox's `close()` waits for deliveries in flight.
 *
 * @example
 * const attempts = await deliverVerifyEvent(ctx, { type: 'challenge.approved', service, factor, challenge })
 */
export function deliverVerifyEvent(
  deps: WebhookDeps,
  event: VerifyEvent
): Promise<WebhookDelivery[]> {
  const webhooks = webhooksFor(deps.store.data, event.service.sid, event.type)
  const delivery = Promise.all(webhooks.map((webhook) => deliverOne(deps, webhook, event))).then(
    async (attempts) => {
      if (attempts.length > 0) await deps.store.save()
      return attempts
    }
  )
  const tracked = delivery.catch((error: unknown) => {
    deps.log(
      `Verify webhooks for ${event.type} failed inside the sandbox: ` +
        (error instanceof Error ? error.message : String(error))
    )
    return []
  })
  deps.callbacks.inFlight.add(tracked)
  void tracked.then(() => deps.callbacks.inFlight.delete(tracked))
  return tracked
}

/**
 * The parameters of an event, as the webhook's form body carries them: `uuid`, `type`,
 * `account_sid`, `service_sid`, `entity_identity`, `factor_sid`, `factor_type`,
 * `factor_friendly_name`, and for a challenge `challenge_sid`, `challenge_status`,
 * `challenge_details` and `challenge_hidden_details` (JSON strings); `challenge_metadata` when the
 * challenge has some.
 *
 * @example
 * eventParams({ type: 'factor.created', service, factor }).type // 'factor.created'
 */
export function eventParams(event: VerifyEvent): Record<string, string> {
  const { service, factor, challenge } = event
  const params: Record<string, string> = {
    uuid: randomUUID(),
    type: event.type,
    account_sid: service.account_sid,
    service_sid: service.sid,
    entity_identity: factor.identity,
    factor_sid: factor.sid,
    factor_type: factor.factor_type,
    factor_friendly_name: factor.friendly_name,
  }
  if (challenge) {
    params.challenge_sid = challenge.sid
    params.challenge_status = challenge.status
    params.challenge_details = JSON.stringify(challenge.details)
    params.challenge_hidden_details = JSON.stringify(challenge.hidden_details ?? {})
    if (challenge.metadata) params.challenge_metadata = JSON.stringify(challenge.metadata)
  }
  return params
}

async function deliverOne(
  deps: WebhookDeps,
  webhook: StoredWebhook,
  event: VerifyEvent
): Promise<WebhookDelivery> {
  const url = webhook.webhook_url
  const params = eventParams(event)
  const started = deps.now()
  const { httpStatus, error } = await sendWithinTimeout(deps, url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': params.uuid!,
      'x-twilio-signature': twilioSignature(deps.verify.account.authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  })
  const attempt: WebhookDelivery = {
    id: randomUUID(),
    webhook_sid: webhook.sid,
    url,
    type: event.type,
    factor_sid: event.factor.sid,
    challenge_sid: event.challenge?.sid ?? null,
    http_status: httpStatus,
    error,
    ok: error === null,
    at: new Date(started).toISOString(),
    duration_ms: Math.max(0, Math.round(deps.now() - started)),
  }
  const log = deps.verify.deliveries
  log.push(attempt)
  if (log.length > DELIVERY_LOG_LIMIT) log.shift()
  const wasFailing = webhook.last_delivery?.ok === false
  webhook.last_delivery = { ok: attempt.ok, at_ms: started, error }
  const about = `Verify webhook ${event.type}${event.challenge ? ` for ${event.challenge.sid}` : ''}`
  if (attempt.ok) {
    deps.log(`${about} delivered to ${url} (HTTP ${httpStatus}).`)
  } else {
    deps.log(`${about} to ${url} FAILED: ${error}.`)
  }
  // The phone pages show a failing webhook: tell them when that changes.
  if (wasFailing !== !attempt.ok) deps.events.emit({ everyone: true })
  return attempt
}
