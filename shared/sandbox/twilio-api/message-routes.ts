import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import { findApp, isRoomApp } from '../domain/apps.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import { methodNotAllowed, resourceNotFound } from '../domain/twilio/errors.js'
import { messagePage } from '../domain/twilio/message-list.js'
import {
  findTwilioMessage,
  sendTwilioMessage,
  twilioMessageView,
} from '../domain/twilio/messages.js'
import type { TwilioEnv } from '../sandbox-env.js'

const FORM = 'application/x-www-form-urlencoded'

/**
 * `/2010-04-01/Accounts/{AccountSid}/Messages.json` (send a text, list them) and
 * `…/Messages/{Sid}.json` (read one), answered as api.twilio.com answers. Update and delete are
 * not served (405 / 20004). Each account sees its own messages only. Mount it under the account's
 * path, after the Basic auth check (which names the account).
 *
 * @example
 * app.route('/2010-04-01/Accounts/:accountSid', twilioMessageRoutes(ctx))
 */
export function twilioMessageRoutes(ctx: SandboxContext) {
  const routes = new Hono<TwilioEnv>()

  routes.post('/Messages.json', async (c) => {
    const account = c.get('account')
    // Twilio reads form fields only: a JSON body sends none (and gets 21604, as on Twilio).
    const isForm = (c.req.header('content-type') ?? '').toLowerCase().startsWith(FORM)
    const form = new URLSearchParams(isForm ? await c.req.text() : '')
    const { message, phoneKey } = sendTwilioMessage(
      ctx.store.data,
      account,
      {
        to: form.get('To') || undefined,
        from: form.get('From') || undefined,
        body: form.get('Body') || undefined,
        messagingServiceSid: form.get('MessagingServiceSid') || undefined,
        mediaUrls: form.getAll('MediaUrl').filter(Boolean),
      },
      ctx.now()
    )
    await ctx.store.save()
    ctx.events.emit({ phoneKey })
    const app = findApp(ctx.store.data, c.get('appId'))
    ctx.log(
      app && isRoomApp(app)
        ? `Twilio text ${message.sid} sent by ${app.name}.`
        : `Twilio text ${message.sid} from ${message.from} to ${message.to}.`
    )
    return jsonResponse(twilioMessageView(message, 'created'), 201)
  })

  routes.get('/Messages.json', (c) =>
    jsonResponse(messagePage(ctx.store.data, c.get('account'), new URL(c.req.url).searchParams))
  )

  routes.get('/Messages/:file', (c) => {
    const sid = /^(.+)\.json$/.exec(c.req.param('file'))?.[1]
    const message =
      sid === undefined ? undefined : findTwilioMessage(ctx.store.data, c.get('account'), sid)
    if (!message) throw resourceNotFound(c.req.path)
    return jsonResponse(twilioMessageView(message, 'read'))
  })

  routes.all('/Messages.json', () => {
    throw methodNotAllowed()
  })
  routes.all('/Messages/:file', () => {
    throw methodNotAllowed()
  })

  return routes
}
