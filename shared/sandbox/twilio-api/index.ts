import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { TwilioAccounts } from '../domain/twilio/accounts.js'
import { resourceNotFound, TwilioErrorAnswer } from '../domain/twilio/errors.js'
import { API_VERSION } from '../domain/twilio/messages.js'
import { twilioMessageRoutes } from './message-routes.js'
import type { TwilioEnv } from '../sandbox-env.js'
import { formSizeLimit, recordTwilioRequests, twilioBasicAuth } from './middleware.js'

/**
 * The sandbox's Twilio API, the app served on its own port (the real one is api.twilio.com, not
 * api.authy.com): Programmable Messaging's Messages resource for each account (the sandbox's own
 * and every joined application's), Basic auth, form bodies, JSON answers and Twilio's error
 * envelope, `{code, message, more_info, status}`. It shares the sandbox's state: a text lands in
 * the same phone inboxes as Authy's codes.
 *
 * @example
 * const twilio = twilioApi(ctx, accounts)
 * await listen({ fetch: twilio.fetch, port: 4202, host: '127.0.0.1', name: '…', portVariable: '…' })
 */
export function twilioApi(ctx: SandboxContext, accounts: TwilioAccounts): Hono<TwilioEnv> {
  const app = new Hono<TwilioEnv>()
  app.onError((error) => {
    if (error instanceof TwilioErrorAnswer)
      return jsonResponse(error.envelope(), error.status, error.headers)
    ctx.log(
      `Unexpected error on the Twilio API: ${error instanceof Error ? error.stack : String(error)}`
    )
    return jsonResponse(new TwilioErrorAnswer(500, 20500, 'Internal Server Error').envelope(), 500)
  })
  app.notFound((c) => jsonResponse(resourceNotFound(c.req.path).envelope(), 404))

  app.use(recordTwilioRequests(ctx))
  app.get('/', (c) =>
    c.text(
      'Twilio-compatible sandbox (Programmable Messaging). Point the official twilio client ' +
        `here (shared/twilio/client.ts, hosts.api); the Messages API is under /${API_VERSION}/.`
    )
  )
  app.use(`/${API_VERSION}/*`, twilioBasicAuth(accounts), formSizeLimit())
  app.route(`/${API_VERSION}/Accounts/:accountSid`, twilioMessageRoutes(ctx))
  return app
}
