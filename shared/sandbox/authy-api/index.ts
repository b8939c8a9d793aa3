import { Hono } from 'hono'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { authyAppRoutes } from './app-routes.js'
import { readParamsAndCheckKey } from './middleware.js'
import { authyOneTouchRoutes } from './onetouch-routes.js'
import { authyPhoneRoutes } from './phones-routes.js'
import { authyTokenRoutes } from './token-routes.js'
import { authyUserRoutes } from './user-routes.js'

/**
 * The Authy API (`/protected/json/...` and `/onetouch/json/...`): every request has its
 * parameters read and its API key checked, then goes to the routes of its area. Mount it at the
 * root, after the global middleware (`recordAndInjectFaults`).
 *
 * @example
 * app.route('/', authyApi(ctx))
 */
export function authyApi(ctx: SandboxContext) {
  const api = new Hono<SandboxEnv>()
  api.use('/protected/json/*', readParamsAndCheckKey(ctx))
  api.use('/onetouch/json/*', readParamsAndCheckKey(ctx))
  api.route('/protected/json/users', authyUserRoutes(ctx))
  api.route('/protected/json', authyTokenRoutes(ctx))
  api.route('/protected/json/phones', authyPhoneRoutes(ctx))
  api.route('/protected/json/app', authyAppRoutes(ctx))
  api.route('/onetouch/json', authyOneTouchRoutes(ctx))
  return api
}
