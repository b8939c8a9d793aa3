import { Hono } from 'hono'
import { jsonResponse } from '../authy-api/json-response.js'
import { TwilioErrorAnswer } from '../domain/twilio/errors.js'
import { VERIFY_ERRORS } from '../domain/verify/errors.js'
import { ownTwilioAccount } from '../domain/twilio/accounts.js'
import type { VerifyContext } from '../domain/verify/verify-actions.js'
import { formSizeLimit, recordTwilioRequests, twilioBasicAuth } from '../twilio-api/middleware.js'
import { challengeRoutes } from './challenge-routes.js'
import { entityRoutes } from './entity-routes.js'
import { factorRoutes } from './factor-routes.js'
import { verifyServiceRoutes } from './service-routes.js'
import { verificationRoutes } from './verification-routes.js'
import { webhookRoutes } from './webhook-routes.js'

/**
 * The sandbox's Verify v2 API, the app served on its own port (the real one is
 * verify.twilio.com): Services, Verifications and VerificationCheck, Entities, Factors,
 * Challenges and Webhooks under `/v2/`, for one account. Basic auth (the account's SID and Auth
 * Token, or its API key), form bodies, JSON answers with ISO 8601 dates, Twilio's error envelope
 * `{code, message, more_info, status}`. It shares the sandbox's state: codes land in the phones'
 * inboxes, push challenges on the phone pages.
 *
 * @example
 * const verify = verifyApi(ctx)
 * await listen({ fetch: verify.fetch, port: 4203, host: '127.0.0.1', name: '…', portVariable: '…' })
 */
export function verifyApi(ctx: VerifyContext): Hono {
  const app = new Hono()
  app.onError((error) => {
    if (error instanceof TwilioErrorAnswer)
      return jsonResponse(error.envelope(), error.status, error.headers)
    ctx.log(
      `Unexpected error on the Verify API: ${error instanceof Error ? error.stack : String(error)}`
    )
    return jsonResponse(new TwilioErrorAnswer(500, 20500, 'Internal Server Error').envelope(), 500)
  })
  // Twilio writes the path of what it did not find relative to the version (`/Services/VA…`).
  app.notFound((c) =>
    jsonResponse(VERIFY_ERRORS.notFound(c.req.path.replace(/^\/v2(?=\/)/, '')).envelope(), 404)
  )

  app.use(recordTwilioRequests(ctx))
  app.get('/', (c) =>
    c.text(
      'Twilio Verify-compatible sandbox (Verify v2). Point the official twilio client here ' +
        '(shared/twilio/client.ts, hosts.verify); the API is under /v2/.'
    )
  )
  const account = ownTwilioAccount(ctx.verify.account, ctx.store.data.apps[0]!.app_id)
  app.use('/v2/*', twilioBasicAuth(account), formSizeLimit())
  app.route('/v2', verifyServiceRoutes(ctx))
  app.route('/v2/Services/:serviceSid', verificationRoutes(ctx))
  app.route('/v2/Services/:serviceSid', entityRoutes(ctx))
  app.route('/v2/Services/:serviceSid', webhookRoutes(ctx))
  app.route('/v2/Services/:serviceSid/Entities/:identity', factorRoutes(ctx))
  app.route('/v2/Services/:serviceSid/Entities/:identity', challengeRoutes(ctx))
  return app
}
