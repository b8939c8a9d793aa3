import { Hono } from 'hono'
import { handleVerifyWebhook } from '../domain/verify-webhooks.js'
import { VERIFY_WEBHOOK_PATH } from '../process/config.js'
import type { VerifyProvider } from '../provider/verify/verify-provider.js'
import type { BankStore } from '../store/store.js'

const FORM = 'application/x-www-form-urlencoded'

/**
 * `POST /verify/webhook`: Twilio Verify's webhooks (`PROVIDER=verify`), form-encoded and signed
 * with `X-Twilio-Signature`: 200 accepted, 403 refused (a bad signature, a replay; what Twilio's
 * own middleware answers), 503 when Verify could not be asked (polling catches up), 404 when
 * webhooks are off. No session and no form token: the signature is the check.
 *
 * @example
 * app.route('/', verifyWebhookRoute({ provider, store, log }))
 */
export function verifyWebhookRoute(deps: {
  provider: VerifyProvider
  store: BankStore
  log: (line: string) => void
}): Hono {
  return new Hono().post(VERIFY_WEBHOOK_PATH, async (c) => {
    if (!deps.provider.webhookUrl) {
      return c.text(
        "Verify webhooks are off: set VERIFY_WEBHOOK_URL to this app's public URL followed by " +
          `${VERIFY_WEBHOOK_PATH}.`,
        404
      )
    }
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith(FORM))
      return c.text('A Verify webhook is a form (application/x-www-form-urlencoded).', 400)
    const params = Object.fromEntries(new URLSearchParams(await c.req.text()))
    const outcome = await handleVerifyWebhook(deps, {
      params,
      signature: c.req.header('x-twilio-signature'),
    })
    switch (outcome.kind) {
      case 'accepted':
        return c.text('OK', 200)
      case 'refused':
        return c.text('Webhook refused.', 403)
      case 'failed':
        return c.text('The challenge could not be read: try again.', 503)
    }
  })
}
