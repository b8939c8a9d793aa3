import { Hono } from 'hono'
import { handleCallback, type CallbackDeps } from '../domain/callbacks.js'
import { readCallback } from '../http/read-callback.js'
import { CALLBACK_PATH } from '../process/config.js'

const CALLBACKS_OFF =
  "OneTouch callbacks are off. To receive them, set AUTHY_CALLBACK_URL to this app's public " +
  `URL followed by ${CALLBACK_PATH}, and set the same URL in the Authy dashboard.`

/**
 * `POST` and `GET /authy/callback`: OneTouch callbacks, read exactly as they arrived and checked
 * by step 4. No session and no form token: the signature is the check. The step checker serves
 * this same route to check an attendee's step 4.
 *
 * @example
 * app.route('/', callbackRoute({ app: config, apiKey, callbackUrl, receiveCallback, replays, store, log }))
 */
export function callbackRoute(deps: CallbackDeps): Hono {
  return new Hono().on(['POST', 'GET'], CALLBACK_PATH, async (c) => {
    if (!deps.callbackUrl) return c.text(CALLBACKS_OFF, 404)
    const callback = await readCallback(c.req.raw)
    if (!callback) return c.text('The callback body must be JSON.', 400)
    const outcome = await handleCallback(deps, callback)
    switch (outcome.kind) {
      case 'accepted':
        return c.text('OK', 200)
      case 'refused':
        return c.text('Callback refused.', 401)
      case 'not-a-decision':
        return c.text('A OneTouch callback must have the status approved or denied.', 400)
      case 'step-missing':
        return c.text('Step 4 is not done yet: this app cannot check callbacks.', 501)
      case 'step-failed':
        return c.text('The callback could not be handled.', 500)
      case 'callbacks-off':
        return c.text(CALLBACKS_OFF, 404)
    }
  })
}
