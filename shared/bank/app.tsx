import { setMaxListeners } from 'node:events'
import { Hono } from 'hono'
import type { BankAppDeps } from './bank-deps.js'
import type { BankEnv } from './http/bank-env.js'
import { handleErrors, notFoundPage } from './http/error-pages.js'
import { formGuard } from './http/form-guard.js'
import { securityHeaders } from './http/security-headers.js'
import { bankCookie, sessions } from './http/sessions.js'
import { PROGRESS_PATH } from './forms/progress-report.js'
import { CALLBACK_PATH, VERIFY_WEBHOOK_PATH } from './process/config.js'
import { isVerifyProvider } from './provider/verify/verify-provider.js'
import { authenticatorRoutes } from './routes/authenticator-routes.js'
import { accountRoutes } from './routes/account-routes.js'
import { assetRoutes } from './routes/asset-routes.js'
import { callbackRoute } from './routes/callback-route.js'
import { healthRoute } from './routes/health-route.js'
import { liveStatusRoute } from './routes/live-status-route.js'
import { presenterRoutes } from './routes/presenter-routes.js'
import { registerRoutes } from './routes/register-routes.js'
import { signInRoutes } from './routes/sign-in-routes.js'
import { transferRoutes } from './routes/transfer-routes.js'
import { verifyRoutes } from './routes/verify-routes.js'
import { verifyWebhookRoute } from './routes/verify-webhook-route.js'

/**
 * At most this many transfers may wait for approval on one phone (Authy id) at once, however many
 * browsers registered it: a flood of pushes is how people get tricked into approving one.
 */
export const MAX_PENDING_PER_PHONE = 5

/**
 * Paths without a session or a form token: posts from other programs, each with its own check
 * (the callback's and the webhook's signatures, the progress report's room code).
 */
const WITHOUT_SESSION = [CALLBACK_PATH, VERIFY_WEBHOOK_PATH, PROGRESS_PATH]

/**
 * Builds the bank's Hono app from its dependencies: the middleware every request passes through,
 * then the routes by area. No port, no process concerns, so tests and the step checker can build
 * one in-process (`app.request(…)`) or serve it.
 *
 * @example
 * const app = createBankApp({ config, store, authy, steps, watcher, sessionSecret, replays, clock,
 *   log, maxPendingPerPhone: MAX_PENDING_PER_PHONE })
 * const res = await app.request('/')
 */
export function createBankApp(deps: BankAppDeps): Hono<BankEnv> {
  const { config, store, provider } = deps
  // The app's public URL, when it is behind an HTTPS proxy (ngrok): the callback's or the webhook's.
  const publicUrl = deps.callbackUrl ?? (isVerifyProvider(provider) ? provider.webhookUrl : undefined)
  // Each open live page listens for the shutdown: as many listeners as pages is expected.
  if (deps.signal) setMaxListeners(0, deps.signal)

  const app = new Hono<BankEnv>()
  app.use('*', ...securityHeaders())
  app.use('*', async (c, next) => {
    c.set('variant', config.variant)
    await next()
  })
  app.use(
    '*',
    sessions({
      cookie: bankCookie(config.variant, deps.sessionSecret),
      store,
      skip: (path) => WITHOUT_SESSION.includes(path) || path.startsWith('/assets/'),
    })
  )
  app.use(
    '*',
    formGuard({
      secret: deps.sessionSecret,
      // Behind an HTTPS proxy (ngrok), forms come from the public origin of AUTHY_CALLBACK_URL
      // (with Verify, of VERIFY_WEBHOOK_URL).
      publicOrigin: publicUrl ? new URL(publicUrl).origin : undefined,
      exempt: WITHOUT_SESSION,
    })
  )

  app.route('/', assetRoutes())
  app.route('/', healthRoute(deps))
  app.route('/', registerRoutes(deps))
  app.route('/', verifyRoutes(deps))
  app.route('/', signInRoutes(deps))
  app.route('/', accountRoutes(deps))
  app.route('/', transferRoutes(deps))
  app.route('/', liveStatusRoute(deps))
  if (deps.presenter) app.route('/', presenterRoutes(deps, deps.presenter))
  app.route(
    '/',
    callbackRoute({
      app: config,
      apiKey: config.authy.apiKey,
      callbackUrl: deps.callbackUrl,
      receiveCallback: deps.steps.receiveCallback,
      replays: deps.replays,
      store,
      log: deps.log,
      callbacks: deps.callbacks,
    })
  )
  if (isVerifyProvider(provider)) {
    app.route('/', verifyWebhookRoute({ provider, store, log: deps.log }))
    app.route('/', authenticatorRoutes(deps, provider))
  }
  app.notFound(notFoundPage)
  app.onError(handleErrors({ app: config, log: deps.log }))
  return app
}
