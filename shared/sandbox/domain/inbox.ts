import { randomUUID } from 'node:crypto'
import type { SandboxData, StoredMessage } from './store-schema.js'

/** Messages kept per phone; older ones are dropped. */
export const INBOX_LIMIT = 50
/** Messages kept in all; the oldest are dropped, whatever phone they were for. */
export const MESSAGE_LIMIT = 10_000

/** How something reaches a user: a text message, a voice call, or an email. */
export type DeliveryChannel = 'sms' | 'call' | 'email'

/** A text message, voice call or email "delivered" to a phone's inbox. */
export interface Delivery {
  phoneKey: string
  channel: DeliveryChannel
  body: string
  code: string | null
  /** A Twilio text only: who sent it (E.164) and its message SID. */
  twilio?: { from: string; sid: string }
}

/**
 * Puts a message in a phone's inbox (the phone page shows it; the control API reads it), keeping
 * at most {@link INBOX_LIMIT} per phone and {@link MESSAGE_LIMIT} in all.
 *
 * @example
 * deliverMessage(store.data, { phoneKey: '+1 2015550123', channel: 'sms', body, code }, Date.now())
 */
export function deliverMessage(
  data: SandboxData,
  delivery: Delivery,
  nowMs: number
): StoredMessage {
  const message: StoredMessage = {
    id: randomUUID(),
    phone_key: delivery.phoneKey,
    channel: delivery.channel,
    body: delivery.body,
    code: delivery.code,
    created_at_ms: nowMs,
    from: delivery.twilio?.from ?? null,
    sid: delivery.twilio?.sid ?? null,
  }
  data.messages.push(message)
  const forPhone = data.messages.filter((m) => m.phone_key === delivery.phoneKey)
  if (forPhone.length > INBOX_LIMIT) {
    const dropped = new Set(forPhone.slice(0, forPhone.length - INBOX_LIMIT))
    data.messages = data.messages.filter((m) => !dropped.has(m))
  }
  if (data.messages.length > MESSAGE_LIMIT)
    data.messages.splice(0, data.messages.length - MESSAGE_LIMIT)
  return message
}

/**
 * A phone's messages, newest first: Authy's codes and Twilio's texts alike, whether or not a user
 * has that phone yet.
 *
 * @example
 * inboxOf(store.data, phoneKey(1, '2015550123'))[0].code
 */
export function inboxOf(data: SandboxData, phoneKey: string): StoredMessage[] {
  return data.messages.filter((m) => m.phone_key === phoneKey).reverse()
}

/**
 * Every phone's messages, newest first, at most `limit` of them.
 *
 * @example
 * allInboxes(store.data, 500)[0].phone_key // '+1 2015550123'
 */
export function allInboxes(data: SandboxData, limit: number): StoredMessage[] {
  return data.messages.slice(-limit).reverse()
}
