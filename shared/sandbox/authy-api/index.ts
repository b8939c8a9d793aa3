import { Hono, type ErrorHandler } from 'hono'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { authyAppRoutes } from './app-routes.js'
import { readParamsAndCheckKey, recordAndInjectFaults } from './middleware.js'
import { approvalStatusHandler, authyOneTouchRoutes } from './onetouch-routes.js'
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

/** The status read's path, as routed. */
const STATUS_READ = '/onetouch/json/approval_requests/:uuid'
const PLAIN_STATUS_READ = /^\/onetouch\/json\/approval_requests\/[^/?#]+(?:\?|$)/

/**
 * `GET /onetouch/json/approval_requests/{uuid}` alone, with the same request log, faults and key
 * check as in the whole sandbox: every attendee's app polls it once a second, and an app of one
 * route finds it at once where the whole sandbox's router walks all of its routes (7 % of the
 * read's time in a profile). `isPlainStatusRead` says which requests it takes; the others, and
 * every path the whole sandbox would first tidy (`//`, a trailing `/`), go to the whole sandbox.
 *
 * @example
 * const fetch = (request: Request) =>
 *   isPlainStatusRead(request) ? status.fetch(request) : app.fetch(request)
 */
export function statusReadApi(
  ctx: SandboxContext,
  onError: ErrorHandler<SandboxEnv>
): Hono<SandboxEnv> {
  const api = new Hono<SandboxEnv>()
  api.onError(onError)
  api.use(recordAndInjectFaults(ctx))
  api.use(STATUS_READ, readParamsAndCheckKey(ctx))
  api.get(STATUS_READ, approvalStatusHandler(ctx))
  return api
}

/**
 * Whether `statusReadApi` serves this request: a GET of a status, its path as the client wrote it.
 *
 * @example
 * isPlainStatusRead(new Request('http://sandbox/onetouch/json/approval_requests/abc')) // true
 */
export function isPlainStatusRead(request: Request): boolean {
  if (request.method !== 'GET') return false
  const url = request.url
  const pathStart = url.indexOf('/', url.indexOf('//') + 2)
  return pathStart !== -1 && PLAIN_STATUS_READ.test(url.slice(pathStart))
}
