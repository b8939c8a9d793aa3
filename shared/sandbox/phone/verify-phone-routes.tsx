import { Hono } from 'hono'
import encodeQR from 'qr'
import { AuthyErrorAnswer } from '../domain/error-answers.js'
import { devicePageUrl, findDeviceByToken, pushFactorsOf } from '../domain/verify/devices.js'
import { answerOnDevice, type VerifyContext } from '../domain/verify/verify-actions.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { streamChanges } from './change-stream.js'
import { UnknownPhonePage } from './phone-page.js'
import { VerifyPhoneLive, VerifyPhonePage, type VerifyPhoneFlash } from './verify-phone-page.js'
import { verifyPhoneViewModel } from './verify-phone-view-model.js'

const FLASHES: readonly VerifyPhoneFlash[] = ['approved', 'denied', 'too-late', 'gone']

/**
 * The pages of phones with the Verify Push app, `/phone/verify/<token>`: pending push challenges
 * with Approve and Deny, authenticator codes, the inbox; its live part, event stream and QR code.
 * Mounted after `phoneRoutes`, whose `/phone/*` middleware (security headers with the CSP nonce,
 * CSRF and same-origin checks, no-store) guards these pages too.
 *
 * @example
 * app.route('/', verifyPhoneRoutes(ctx))
 */
export function verifyPhoneRoutes(ctx: VerifyContext) {
  const routes = new Hono<SandboxEnv>()
  const deviceOf = (token: string) => findDeviceByToken(ctx.store.data, token)

  routes.get('/phone/verify/:token', async (c) => {
    const device = deviceOf(c.req.param('token'))
    if (!device) return c.html(<UnknownPhonePage />, 404)
    const done = c.req.query('done')
    const flash = FLASHES.find((f) => f === done) ?? null
    const model = await verifyPhoneViewModel(ctx, device)
    return c.html(
      <VerifyPhonePage model={model} flash={flash} nonce={c.get('secureHeadersNonce')} />
    )
  })

  routes.get('/phone/verify/:token/live', async (c) => {
    const device = deviceOf(c.req.param('token'))
    if (!device) return c.html(<UnknownPhonePage />, 404)
    return c.html(<VerifyPhoneLive model={await verifyPhoneViewModel(ctx, device)} />)
  })

  routes.get('/phone/verify/:token/qr.svg', (c) => {
    const device = deviceOf(c.req.param('token'))
    if (!device) return c.text('Unknown phone', 404)
    const link = devicePageUrl(ctx, device)
    c.header('content-type', 'image/svg+xml; charset=utf-8')
    return c.body(encodeQR(link, 'svg', { ecc: 'medium', border: 2 }))
  })

  routes.get('/phone/verify/:token/events', (c) => {
    const device = deviceOf(c.req.param('token'))
    if (!device) return c.text('Unknown phone', 404)
    const keys = new Set([device.phone_key, ...device.emails])
    return streamChanges(
      c,
      ctx.events,
      (change) => change.everyone === true || (change.phoneKey !== undefined && keys.has(change.phoneKey)),
      ctx.now
    )
  })

  routes.post('/phone/verify/:token/challenges/:sid/:decision{approve|deny}', async (c) => {
    const token = c.req.param('token')
    const device = deviceOf(token)
    if (!device) return c.html(<UnknownPhonePage />, 404)
    const back = (done: VerifyPhoneFlash) =>
      c.redirect(`/phone/verify/${encodeURIComponent(token)}?done=${done}`, 303)
    const sid = c.req.param('sid')
    const challenge = ctx.store.data.verify.challenges.find((ch) => ch.sid === sid)
    const mine = new Set(pushFactorsOf(ctx.store.data, device).map((f) => f.sid))
    if (!challenge || !mine.has(challenge.factor_sid)) return back('gone')
    const answer = c.req.param('decision') === 'approve' ? 'approved' : 'denied'
    try {
      // The webhooks go out in the background (tracked, so close() waits for them).
      await answerOnDevice(ctx, sid, answer)
    } catch (error) {
      if (error instanceof AuthyErrorAnswer && error.status === 409) return back('too-late')
      throw error
    }
    return back(answer)
  })

  return routes
}
