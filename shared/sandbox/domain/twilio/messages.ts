import { rfc2822 } from '../clock.js'
import { randomSid } from '../identifiers.js'
import { deliverMessage } from '../inbox.js'
import { parseInternationalNumber, phoneKey } from '../phone-numbers.js'
import type { SandboxData, StoredTwilioMessage } from '../store-schema.js'
import type { TwilioAccount } from './account.js'
import { MESSAGE_ERRORS } from './errors.js'
import { smsSegments } from './segments.js'

/** The version every path of the Messages API starts with. */
export const API_VERSION = '2010-04-01'
/** Messages kept in all; the oldest are dropped (what the phones received is kept apart). */
export const TWILIO_MESSAGE_LIMIT = 10_000
/** Twilio's limit on `Body`, in characters. */
export const MAX_BODY_CHARACTERS = 1600
/** Twilio's limit on `MediaUrl`s in one message. */
export const MAX_MEDIA_URLS = 10

/** The form fields of a create, as sent; a blank one counts as absent. */
export interface MessageRequest {
  to?: string
  from?: string
  body?: string
  messagingServiceSid?: string
  /** Every `MediaUrl` (the field repeats). */
  mediaUrls: string[]
}

/**
 * Sends a text as Twilio's `POST …/Messages.json` does: checks the fields (throwing Twilio's error
 * answers, spec §4.3), keeps the message resource, and delivers it at once to the inbox of the
 * phone `To` names (channel `sms`, with the sender and the SID), whether or not a user has that
 * phone yet. The caller saves the store and tells the phone page (`phoneKey`).
 *
 * @example
 * const { message, phoneKey } = sendTwilioMessage(store.data, account,
 *   { to: '+12015550123', from: '+15005550006', body: 'Hi', mediaUrls: [] }, Date.now())
 */
export function sendTwilioMessage(
  data: SandboxData,
  account: TwilioAccount,
  request: MessageRequest,
  nowMs: number
): { message: StoredTwilioMessage; phoneKey: string } {
  const { to, from, body = '', messagingServiceSid, mediaUrls } = request
  if (!to) throw MESSAGE_ERRORS.toRequired()
  if (!from && !messagingServiceSid) throw MESSAGE_ERRORS.fromRequired()
  if (!body && mediaUrls.length === 0) throw MESSAGE_ERRORS.bodyRequired()
  const recipient = parseInternationalNumber(to)
  if (!recipient) throw MESSAGE_ERRORS.toInvalid(to)
  if (messagingServiceSid && messagingServiceSid !== account.messagingServiceSid)
    throw MESSAGE_ERRORS.messagingServiceInvalid()
  const sender = from ? parseInternationalNumber(from)?.e164 : account.fromNumbers[0]
  if (!sender || !account.fromNumbers.includes(sender)) throw MESSAGE_ERRORS.fromNotOwned()
  if ([...body].length > MAX_BODY_CHARACTERS) throw MESSAGE_ERRORS.bodyTooLong()
  if (mediaUrls.length > MAX_MEDIA_URLS) throw MESSAGE_ERRORS.tooManyMedia()
  if (!mediaUrls.every(isWebUrl)) throw MESSAGE_ERRORS.mediaUrlInvalid()

  const message: StoredTwilioMessage = {
    sid: randomSid(mediaUrls.length > 0 ? 'MM' : 'SM'),
    account_sid: account.accountSid,
    to: recipient.e164,
    from: sender,
    body,
    media_urls: mediaUrls,
    messaging_service_sid: messagingServiceSid ?? null,
    num_segments: smsSegments(body),
    created_at_ms: nowMs,
  }
  data.twilio_messages.push(message)
  if (data.twilio_messages.length > TWILIO_MESSAGE_LIMIT)
    data.twilio_messages.splice(0, data.twilio_messages.length - TWILIO_MESSAGE_LIMIT)
  const key = phoneKey(recipient.phone.countryCode, recipient.phone.cellphone)
  deliverMessage(
    data,
    {
      phoneKey: key,
      channel: 'sms',
      // A phone page shows text: the media as their links, one a line.
      body: [body, ...mediaUrls].filter(Boolean).join('\n'),
      code: null,
      twilio: { from: sender, sid: message.sid },
    },
    nowMs
  )
  return { message, phoneKey: key }
}

/**
 * A message of this account by SID, or undefined.
 *
 * @example
 * findTwilioMessage(store.data, account, 'SM…')?.body
 */
export function findTwilioMessage(
  data: SandboxData,
  account: TwilioAccount,
  sid: string
): StoredTwilioMessage | undefined {
  return data.twilio_messages.find((m) => m.sid === sid && m.account_sid === account.accountSid)
}

/**
 * The path of this account's Messages list, or of one message.
 *
 * @example
 * messagesPath('AC…') // '/2010-04-01/Accounts/AC…/Messages.json'
 * messagesPath('AC…', 'SM…') // '/2010-04-01/Accounts/AC…/Messages/SM….json'
 */
export function messagesPath(accountSid: string, sid?: string): string {
  const base = `/${API_VERSION}/Accounts/${accountSid}/Messages`
  return sid === undefined ? `${base}.json` : `${base}/${sid}.json`
}

/**
 * A message resource, field for field as Twilio types it (spec §4.1): counts as strings, dates in
 * RFC 2822, relative `uri`s. The sandbox delivers at once, so the answer to the create says
 * `queued` (`accepted` through the Messaging Service), as Twilio's does before the carrier has
 * it, and every later read says `delivered`.
 *
 * @example
 * twilioMessageView(message, 'created').status // 'queued'
 * twilioMessageView(message, 'read').status // 'delivered'
 */
export function twilioMessageView(
  message: StoredTwilioMessage,
  moment: 'created' | 'read'
): Record<string, unknown> {
  const date = rfc2822(message.created_at_ms)
  const uri = messagesPath(message.account_sid, message.sid)
  const status =
    moment === 'read' ? 'delivered' : message.messaging_service_sid ? 'accepted' : 'queued'
  return {
    account_sid: message.account_sid,
    api_version: API_VERSION,
    body: message.body,
    date_created: date,
    date_sent: date,
    date_updated: date,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.from,
    num_media: String(message.media_urls.length),
    num_segments: String(message.num_segments),
    price: null,
    price_unit: 'USD',
    messaging_service_sid: message.messaging_service_sid,
    sid: message.sid,
    status,
    subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    to: message.to,
    uri,
  }
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
