import { Hono, type Context } from 'hono'
import { csrf } from 'hono/csrf'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import encodeQR from 'qr'
import { decideApprovalRequest } from '../domain/approval-actions.js'
import { findApprovalRequest } from '../domain/approval-requests.js'
import { AuthyErrorAnswer } from '../domain/error-answers.js'
import { phoneKey } from '../domain/phone-numbers.js'
import { phoneUrl, type SandboxContext } from '../domain/sandbox-context.js'
import type { StoredUser } from '../domain/store-schema.js'
import { findUserByPhoneToken, installAppOnFirstOpen } from '../domain/users.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { streamChanges } from './change-stream.js'
import { PhoneLive } from './phone-live.js'
import { PhonePage, UnknownPhonePage, type PhoneFlash } from './phone-page.js'
import { PHONE_CSS, PHONE_ICON_SVG } from './phone-styles.js'
import { phoneViewModel } from './phone-view-model.js'

const FLASHES: readonly PhoneFlash[] = ['approved', 'denied', 'too-late', 'gone']

/**
 * The phone pages that stand in for the Authy app: `/phone/<token>` (pending requests with
 * Approve/Deny, app token, inbox), its live fragment, its event stream, its QR code, and the
 * stylesheet. Forms are CSRF-checked; the CSP allows only the page's own nonce-tagged script.
 *
 * @example
 * app.route('/', phoneRoutes(ctx))
 */
export function phoneRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [NONCE],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    // Phone pages are served over plain http on the local network: no HSTS, and no headers a
    // browser ignores (with a console error) on a non-localhost http origin.
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    // Not no-referrer: with it, form posts carry `Origin: null`, and on a LAN http origin (a real
    // phone) browsers send no Sec-Fetch-Site either, so the CSRF checks would refuse every tap.
    referrerPolicy: 'same-origin',
  })
  routes.use('/phone/*', headers)
  routes.use('/assets/*', headers)
  routes.use('/phone/*', csrf())
  // hono/csrf only looks at form-like bodies; a decision must come from the page, whatever it sends.
  routes.post('/phone/*', async (c, next) => {
    const fetchSite = c.req.header('sec-fetch-site')
    const origin = c.req.header('origin')
    const sameOrigin = fetchSite === 'same-origin' || origin === new URL(c.req.url).origin
    if (!sameOrigin) return c.text('Forbidden: this form must be sent from its own page.', 403)
    await next()
  })
  routes.use('/phone/*', async (c, next) => {
    await next()
    c.header('cache-control', 'no-store')
  })

  routes.get('/assets/phone.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8')
    c.header('cache-control', 'public, max-age=300')
    return c.body(PHONE_CSS)
  })

  const icon = (c: Context<SandboxEnv>) => {
    c.header('content-type', 'image/svg+xml; charset=utf-8')
    c.header('cache-control', 'public, max-age=3600')
    return c.body(PHONE_ICON_SVG)
  }
  routes.get('/assets/icon.svg', icon)
  routes.get('/favicon.ico', icon)

  const userOf = (token: string): StoredUser | undefined =>
    findUserByPhoneToken(ctx.store.data, token)

  routes.get('/phone/:token', async (c) => {
    const user = userOf(c.req.param('token'))
    if (!user) return c.html(<UnknownPhonePage />, 404)
    const installed = installAppOnFirstOpen(user, ctx.now())
    if (installed) {
      await ctx.store.save()
      ctx.events.emit({ authyId: user.authy_id })
      ctx.log(`User ${user.authy_id} opened their phone page: the Authy app is now installed.`)
    }
    const done = c.req.query('done')
    const flash = installed ? 'installed' : (FLASHES.find((f) => f === done) ?? null)
    const model = await phoneViewModel(ctx, user)
    return c.html(<PhonePage model={model} flash={flash} nonce={c.get('secureHeadersNonce')} />)
  })

  routes.get('/phone/:token/live', async (c) => {
    const user = userOf(c.req.param('token'))
    if (!user) return c.html(<UnknownPhonePage />, 404)
    return c.html(<PhoneLive model={await phoneViewModel(ctx, user)} />)
  })

  routes.get('/phone/:token/qr.svg', (c) => {
    const user = userOf(c.req.param('token'))
    if (!user) return c.text('Unknown phone', 404)
    const link = phoneUrl(ctx, user.phone_token)
    c.header('content-type', 'image/svg+xml; charset=utf-8')
    return c.body(encodeQR(link, 'svg', { ecc: 'medium', border: 2 }))
  })

  routes.get('/phone/:token/events', (c) => {
    const user = userOf(c.req.param('token'))
    if (!user) return c.text('Unknown phone', 404)
    const key = phoneKey(user.country_code, user.cellphone)
    return streamChanges(
      c,
      ctx.events,
      (change) => Boolean(change.everyone || change.authyId === user.authy_id || change.phoneKey === key),
      ctx.now
    )
  })

  routes.post('/phone/:token/approval_requests/:uuid/:decision{approve|deny}', async (c) => {
    const token = c.req.param('token')
    const user = userOf(token)
    if (!user) return c.html(<UnknownPhonePage />, 404)
    const uuid = c.req.param('uuid')
    const back = (done: PhoneFlash) =>
      c.redirect(`/phone/${encodeURIComponent(token)}?done=${done}`, 303)
    const request = findApprovalRequest(ctx.store.data, uuid)
    if (!request || request.authy_id !== user.authy_id) return back('gone')
    const status = c.req.param('decision') === 'approve' ? 'approved' : 'denied'
    try {
      // The callback goes out in the background (tracked, so close() waits for it).
      await decideApprovalRequest(ctx, uuid, status)
    } catch (error) {
      if (error instanceof AuthyErrorAnswer && error.status === 409) return back('too-late')
      throw error
    }
    return back(status)
  })

  return routes
}
