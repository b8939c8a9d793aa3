import { Hono } from 'hono'
import { deliverMessage } from '../domain/inbox.js'
import type { VerifyContext } from '../domain/verify/verify-actions.js'
import {
  checkVerification,
  startVerification,
  updateVerification,
  verificationCheckView,
  verificationOr404,
  verificationView,
} from '../domain/verify/verifications.js'
import { baseOf, jsonResponse, readForm, saving, serviceOf } from './verify-request.js'

/**
 * `…/Services/{ServiceSid}/Verifications` (start: the code goes to the phone's or the address's
 * inbox), `…/Verifications/{Sid}` (fetch, update to `canceled` or `approved`) and
 * `…/VerificationCheck`. Mount under `/v2/Services/:serviceSid`.
 *
 * @example
 * app.route('/v2/Services/:serviceSid', verificationRoutes(ctx))
 */
export function verificationRoutes(ctx: VerifyContext) {
  const routes = new Hono()

  routes.post('/Verifications', async (c) => {
    const service = serviceOf(ctx, c)
    const form = await readForm(c)
    const nowMs = ctx.now()
    const { verification, delivery } = await saving(ctx, () => {
      const started = startVerification(ctx.store.data, service, form, nowMs)
      deliverMessage(ctx.store.data, started.delivery, nowMs)
      return started
    })
    ctx.events.emit({ phoneKey: delivery.phoneKey })
    ctx.log(
      `Verify ${verification.channel} code for ${verification.to} (${verification.sid}, ` +
        `send ${verification.send_code_attempts.length}).`
    )
    return jsonResponse(verificationView(verification, service, baseOf(c)), 201)
  })

  routes.get('/Verifications/:sid', async (c) => {
    const service = serviceOf(ctx, c)
    const verification = await saving(ctx, () =>
      verificationOr404(ctx.store.data, service, c.req.param('sid'), ctx.now())
    )
    return jsonResponse(verificationView(verification, service, baseOf(c)))
  })

  routes.post('/Verifications/:sid', async (c) => {
    const service = serviceOf(ctx, c)
    const form = await readForm(c)
    const verification = await saving(ctx, () => {
      const found = verificationOr404(ctx.store.data, service, c.req.param('sid'), ctx.now())
      updateVerification(found, form, ctx.now())
      return found
    })
    ctx.log(`Verification ${verification.sid} is now ${verification.status}.`)
    return jsonResponse(verificationView(verification, service, baseOf(c)))
  })

  routes.post('/VerificationCheck', async (c) => {
    const service = serviceOf(ctx, c)
    const form = await readForm(c)
    const verification = await saving(ctx, () =>
      checkVerification(ctx.store.data, service, form, ctx.now())
    )
    ctx.log(`Verification check for ${verification.to}: ${verification.status}.`)
    return jsonResponse(verificationCheckView(verification, service))
  })

  return routes
}
