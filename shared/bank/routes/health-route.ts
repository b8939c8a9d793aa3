import { Hono } from 'hono'
import type { BankAppDeps } from '../bank-deps.js'

/**
 * `GET /health`: `{ ok, app, authy, callbacks }` for tools (the doctor, tests, a presenter's curl).
 *
 * @example
 * app.route('/', healthRoute(deps))
 */
export function healthRoute(
  deps: Pick<BankAppDeps, 'config' | 'callbacksOn' | 'callbackUrl'>
): Hono {
  return new Hono().get('/health', (c) =>
    c.json({
      ok: true,
      app: deps.config.variant,
      authy: deps.config.authy.mode,
      callbacks: deps.callbacksOn ?? Boolean(deps.callbackUrl),
    })
  )
}
