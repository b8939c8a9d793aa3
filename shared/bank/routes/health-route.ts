import { Hono } from 'hono'
import type { BankAppDeps } from '../bank-deps.js'

/**
 * `GET /health`: `{ ok, app, provider, authy, callbacks }` for tools (the doctor, tests, a
 * presenter's curl); `callbacks` is whether OneTouch callbacks, or with Verify its webhooks,
 * reach the app.
 *
 * @example
 * app.route('/', healthRoute(deps))
 */
export function healthRoute(
  deps: Pick<BankAppDeps, 'config' | 'callbacksOn' | 'callbackUrl' | 'provider'>
): Hono {
  return new Hono().get('/health', (c) =>
    c.json({
      ok: true,
      app: deps.config.variant,
      provider: deps.provider.name,
      authy: deps.config.authy.mode,
      callbacks: deps.callbacksOn ?? Boolean(deps.callbackUrl),
    })
  )
}
