import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import type { TwilioAccountView } from '../domain/control-schemas.js'
import { notFound } from '../domain/error-answers.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'

/**
 * `/sandbox/twilio`: the account the sandbox's Twilio API serves, with its API key (SID and
 * secret), its Messaging Service and the numbers `From` may be. 404 when the sandbox serves no
 * Twilio API. The Auth Token is not shown: whoever started the sandbox gave it.
 *
 * @example
 * routes.route('/', controlTwilioRoutes(ctx))
 */
export function controlTwilioRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.get('/twilio', () => {
    const account = ctx.twilio
    if (!account) {
      throw notFound(
        'This sandbox serves no Twilio API: start it with the twilio option ' +
          '(npm run sandbox always does).'
      )
    }
    const twilio: TwilioAccountView = {
      account_sid: account.accountSid,
      api_key_sid: account.apiKey.sid,
      api_key_secret: account.apiKey.secret,
      messaging_service_sid: account.messagingServiceSid,
      from_numbers: account.fromNumbers,
    }
    return jsonResponse({ twilio, success: true })
  })

  return routes
}
