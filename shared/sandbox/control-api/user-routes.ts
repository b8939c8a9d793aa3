import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import { jsonResponse } from '../authy-api/json-response.js'
import { requiredBooleanParam, requiredStringParam } from '../authy-api/param-schemas.js'
import { parseParams } from '../authy-api/parse-params.js'
import { readJsonBody } from '../authy-api/request-body.js'
import type { InboxMessage, UserView } from '../domain/control-schemas.js'
import { conflict, invalidParameter, userNotFound } from '../domain/error-answers.js'
import { allInboxes, inboxOf } from '../domain/inbox.js'
import { checkPhone, numberOfPhoneKey, phoneKey, type Phone } from '../domain/phone-numbers.js'
import { phoneUrl, type SandboxContext } from '../domain/sandbox-context.js'
import type { StoredMessage, StoredUser } from '../domain/store-schema.js'
import { totpSecondsLeft, totpToken } from '../domain/totp.js'
import { findUserByPhone, setDeviceRegistered, userOr404 } from '../domain/users.js'
import type { SandboxEnv } from '../sandbox-env.js'

const PHONE_QUERY = z.object({
  country_code: requiredStringParam,
  phone_number: requiredStringParam,
})

const DEVICE_BODY = z.strictObject({ registered: requiredBooleanParam })

/** How many messages `GET /sandbox/messages` without a phone shows: the newest. */
export const ALL_MESSAGES_SHOWN = 500

/**
 * `/sandbox/messages` and `/sandbox/users...`: a phone's inbox (Authy's SMS, calls and emails and
 * Twilio's texts, newest first), or every phone's newest messages without a phone; a user by id
 * or by phone (with the phone page link), the user's current app token, and giving a user the app
 * or taking it away.
 *
 * @example
 * routes.route('/', controlUserRoutes(ctx))
 */
export function controlUserRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.get('/messages', (c) => {
    const { country_code, phone_number, email } = c.req.query()
    if (email !== undefined) {
      // Verify's emails land in an inbox of their own, keyed by the address.
      const messages = inboxOf(ctx.store.data, email.trim().toLowerCase()).map(messageView)
      return jsonResponse({ messages, success: true })
    }
    if (country_code === undefined && phone_number === undefined) {
      const messages = allInboxes(ctx.store.data, ALL_MESSAGES_SHOWN).map(messageView)
      return jsonResponse({ messages, success: true })
    }
    const { countryCode, cellphone } = phoneQuery(c)
    const messages = inboxOf(ctx.store.data, phoneKey(countryCode, cellphone)).map(messageView)
    return jsonResponse({ messages, success: true })
  })

  routes.get('/users', (c) => {
    const { countryCode, cellphone } = phoneQuery(c)
    const user = findUserByPhone(ctx.store.data, countryCode, cellphone)
    if (!user) throw userNotFound()
    return jsonResponse({ user: userView(ctx, user), success: true })
  })

  routes.get('/users/:id', (c) => {
    const user = userOr404(ctx.store.data, c.req.param('id'))
    return jsonResponse({ user: userView(ctx, user), success: true })
  })

  routes.get('/users/:id/totp', (c) => {
    const user = userOr404(ctx.store.data, c.req.param('id'))
    if (!user.device.registered) {
      throw conflict(
        `User ${user.authy_id} has no registered device, so there is no app token. ` +
          'Open their phone page (that installs the app), or register it with ' +
          `PUT /sandbox/users/${user.authy_id}/device {"registered":true}.`
      )
    }
    const nowMs = ctx.now()
    return jsonResponse({
      token: totpToken(user.totp_secret, nowMs),
      seconds_left: totpSecondsLeft(nowMs),
      success: true,
    })
  })

  routes.put('/users/:id/device', async (c) => {
    const user = userOr404(ctx.store.data, c.req.param('id'))
    const { registered } = parseParams(DEVICE_BODY, await readJsonBody(c))
    setDeviceRegistered(user, registered, ctx.now())
    await ctx.store.save()
    ctx.events.emit({ authyId: user.authy_id })
    ctx.log(`User ${user.authy_id}'s device is now ${registered ? 'registered' : 'unregistered'}.`)
    return jsonResponse({ user: userView(ctx, user), success: true })
  })

  return routes
}

function phoneQuery(c: Context<SandboxEnv>): Phone {
  const query = parseParams(PHONE_QUERY, c.req.query())
  const checked = checkPhone(query.country_code, query.phone_number)
  if (checked.ok) return checked.phone
  if (checked.invalid.includes('country_code'))
    throw invalidParameter('country_code', 'Is not a valid country calling code')
  throw invalidParameter('phone_number', 'Is not a valid phone number')
}

function messageView(message: StoredMessage): InboxMessage {
  return {
    channel: message.channel,
    body: message.body,
    code: message.code,
    created_at: new Date(message.created_at_ms).toISOString(),
    to: numberOfPhoneKey(message.phone_key),
    from: message.from,
    sid: message.sid,
  }
}

function userView(ctx: SandboxContext, user: StoredUser): UserView {
  return {
    authy_id: user.authy_id,
    country_code: user.country_code,
    cellphone: user.cellphone,
    email: user.email,
    emails: user.emails,
    registered: user.device.registered,
    phone_url: phoneUrl(ctx, user.phone_token),
  }
}
