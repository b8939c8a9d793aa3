import { isoSeconds } from '../clock.js'
import { randomSid } from '../identifiers.js'
import type { SandboxData } from '../store-schema.js'
import { VERIFY_ERRORS } from './errors.js'
import { formFields, invalidRequest } from './form-fields.js'
import {
  webhookEventSchema,
  type StoredService,
  type StoredWebhook,
  type WebhookEvent,
} from './store-schema.js'

/** Webhooks one Service may have (the sandbox's limit). */
export const MAX_WEBHOOKS = 20

const WEBHOOK_SID = /^YW[0-9a-fA-F]{32}$/

/**
 * Creates a Webhook from the form of `POST /v2/Services/{ServiceSid}/Webhooks` (spec §3.7):
 * `FriendlyName`, `EventTypes` (repeated: `*`, `factor.created`, `factor.verified`,
 * `factor.deleted`, `challenge.approved`, `challenge.denied`), `WebhookUrl` (http or https),
 * `Status` (`enabled`, the default, or `disabled`), `Version` (`v2`, the default, or `v1`).
 *
 * @example
 * const webhook = createWebhook(data, service, form, Date.now())
 */
export function createWebhook(
  data: SandboxData,
  service: StoredService,
  form: URLSearchParams,
  nowMs: number
): StoredWebhook {
  const fields = formFields(form, invalidRequest)
  const friendlyName = fields.required('FriendlyName', 64)
  if (!fields.has('EventTypes')) throw VERIFY_ERRORS.missingParameter('EventTypes')
  const eventTypes = eventTypesOf(fields.all('EventTypes'))
  const url = webhookUrlOf(fields.required('WebhookUrl', 2000))
  if (data.verify.webhooks.filter((w) => w.service_sid === service.sid).length >= MAX_WEBHOOKS)
    throw VERIFY_ERRORS.invalidRequest('WebhookUrl', `cannot be added: a Service has at most ${MAX_WEBHOOKS} Webhooks here`)
  const webhook: StoredWebhook = {
    sid: randomSid('YW'),
    service_sid: service.sid,
    friendly_name: friendlyName,
    event_types: eventTypes,
    webhook_url: url,
    status: fields.oneOf('Status', ['enabled', 'disabled']) ?? 'enabled',
    version: fields.oneOf('Version', ['v1', 'v2']) ?? 'v2',
    last_delivery: null,
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
  }
  data.verify.webhooks.push(webhook)
  return webhook
}

/**
 * `POST …/Webhooks/{Sid}`: changes what the form names (the same fields, all optional). A new
 * URL, or switching it on again, forgets the last delivery.
 *
 * @example
 * updateWebhook(webhook, new URLSearchParams('Status=disabled'), Date.now())
 */
export function updateWebhook(webhook: StoredWebhook, form: URLSearchParams, nowMs: number): void {
  const fields = formFields(form, invalidRequest)
  const name = fields.text('FriendlyName', 64)
  if (name !== undefined) webhook.friendly_name = name
  if (fields.has('EventTypes')) webhook.event_types = eventTypesOf(fields.all('EventTypes'))
  const url = fields.text('WebhookUrl', 2000)
  if (url !== undefined) {
    webhook.webhook_url = webhookUrlOf(url)
    webhook.last_delivery = null
  }
  const status = fields.oneOf('Status', ['enabled', 'disabled'])
  if (status !== undefined) {
    if (status === 'enabled') webhook.last_delivery = null
    webhook.status = status
  }
  webhook.version = fields.oneOf('Version', ['v1', 'v2']) ?? webhook.version
  webhook.updated_at_ms = nowMs
}

/**
 * A Service's Webhook by SID; anything else → 404 / 20404.
 *
 * @example
 * const webhook = webhookOr404(data, service, 'YW…')
 */
export function webhookOr404(
  data: SandboxData,
  service: StoredService,
  sid: string
): StoredWebhook {
  const webhook = WEBHOOK_SID.test(sid)
    ? data.verify.webhooks.find((w) => w.sid === sid && w.service_sid === service.sid)
    : undefined
  if (!webhook) throw VERIFY_ERRORS.notFound(`/Services/${service.sid}/Webhooks/${sid}`)
  return webhook
}

/**
 * The enabled Webhooks of a Service that take this event (it is listed, or `*` is).
 *
 * @example
 * webhooksFor(data, service.sid, 'challenge.approved')
 */
export function webhooksFor(
  data: SandboxData,
  serviceSid: string,
  event: Exclude<WebhookEvent, '*'>
): StoredWebhook[] {
  return data.verify.webhooks.filter(
    (w) =>
      w.service_sid === serviceSid &&
      w.status === 'enabled' &&
      (w.event_types.includes('*') || w.event_types.includes(event))
  )
}

/**
 * The Webhook resource (spec §3.7).
 *
 * @example
 * webhookView(webhook, service, base).webhook_method // 'POST'
 */
export function webhookView(
  webhook: StoredWebhook,
  service: StoredService,
  base: string
): Record<string, unknown> {
  return {
    url: `${base}/v2/Services/${service.sid}/Webhooks/${webhook.sid}`,
    sid: webhook.sid,
    account_sid: service.account_sid,
    service_sid: service.sid,
    friendly_name: webhook.friendly_name,
    event_types: [...webhook.event_types],
    webhook_method: 'POST',
    webhook_url: webhook.webhook_url,
    status: webhook.status,
    version: webhook.version,
    date_created: isoSeconds(webhook.created_at_ms),
    date_updated: isoSeconds(webhook.updated_at_ms),
  }
}

function eventTypesOf(values: string[]): WebhookEvent[] {
  if (values.length === 0)
    throw VERIFY_ERRORS.invalidRequest('EventTypes', 'must name at least one event')
  return [...new Set(values)].map((value) => {
    const parsed = webhookEventSchema.safeParse(value)
    if (!parsed.success)
      throw VERIFY_ERRORS.invalidRequest('EventTypes', `must each be one of ${webhookEventSchema.options.join(', ')}`)
    return parsed.data
  })
}

function webhookUrlOf(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw VERIFY_ERRORS.invalidRequest('WebhookUrl', 'must be an http:// or https:// URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw VERIFY_ERRORS.invalidRequest('WebhookUrl', 'must be an http:// or https:// URL')
  return text
}
