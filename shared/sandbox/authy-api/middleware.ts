import type { Context, MiddlewareHandler, Next } from 'hono'
import { appForKey } from '../domain/app-keys.js'
import { invalidApiKey } from '../domain/error-answers.js'
import { takeFault } from '../domain/faults.js'
import { countStat } from '../domain/monthly-stats.js'
import { recordRequest } from '../domain/request-log.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { faultResponse } from './fault-response.js'
import { readRawBody } from './request-body.js'
import { parseRequestParams } from './request-params.js'

// Enough for every client's User-Agent; the request log keeps 2000 of them.
const USER_AGENT_KEPT = 500
const NOT_AUTHY = /^\/(sandbox|phone|assets|room)(\/|$)|^\/$|^\/favicon\.ico$/

/**
 * Whether a path belongs to the Authy API side of the sandbox (everything but the control API,
 * the room API, the phone pages, their assets and the home page). Unknown paths count: they get
 * Authy's 404.
 *
 * @example
 * isAuthyApiPath('/protected/json/app/details') // true
 */
export function isAuthyApiPath(path: string): boolean {
  return !NOT_AUTHY.test(path)
}

/**
 * The path an Authy API request is routed by: repeated slashes squeezed and a trailing slash
 * ignored, as Rails did (`//protected/json/app/details/` is `/protected/json/app/details`).
 * Other paths (control API, phone pages) are left exactly as they came.
 *
 * @example
 * normalizeAuthyApiPath('//protected//json/app/details/') // '/protected/json/app/details'
 */
export function normalizeAuthyApiPath(path: string): string {
  // Most paths have nothing to squeeze: they are left as they are without a regular expression.
  if (!path.includes('//') && (path.length === 1 || !path.endsWith('/'))) return path
  const squeezed = path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')
  return isAuthyApiPath(squeezed) ? squeezed : path
}

/**
 * For Authy API requests: records each one in the request log, and lets an injected fault delay
 * it or answer in its place.
 *
 * @example
 * app.use(recordAndInjectFaults(ctx))
 */
export function recordAndInjectFaults(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const path = c.req.path
    if (!isAuthyApiPath(path)) return next()
    const fault = takeFault(ctx.faults, c.req.method, path)
    if (fault?.delay_ms) await new Promise((resolve) => setTimeout(resolve, fault.delay_ms))
    const injected = fault ? faultResponse(fault) : undefined
    if (injected) c.res = injected
    else await next()
    recordRequest(ctx.requests, {
      method: c.req.method,
      path,
      status: c.res.status,
      atMs: ctx.now(),
      user_agent: c.req.header('user-agent')?.slice(0, USER_AGENT_KEPT) ?? null,
      fault_id: fault?.id ?? null,
      app_id: c.get('app')?.app_id ?? null,
    })
    if (injected) return injected
  }
}

/**
 * For `/protected/json/*` and `/onetouch/json/*`: reads the parameters (query + body, any
 * encoding, GET bodies included) and finds the application whose API key it carries —
 * `X-Authy-API-Key`, else `api_key` in the query string, else in the body; no application's key
 * (wrong or missing) → 401 / 60001. The request counts in that application's stats.
 *
 * @example
 * app.use('/protected/json/*', readParamsAndCheckKey(ctx))
 */
export function readParamsAndCheckKey(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return (c, next) => {
    const body = readRawBody(c)
    // Not async unless there is a body to wait for: a status poll has none.
    if (typeof body !== 'string') return body.then((text) => checkKey(ctx, c, text, next))
    return checkKey(ctx, c, body, next)
  }
}

function checkKey(
  ctx: SandboxContext,
  c: Context<SandboxEnv>,
  body: string,
  next: Next
): Promise<void> {
  const url = c.req.url
  const queryStart = url.indexOf('?')
  const query = queryStart === -1 ? '' : url.slice(queryStart)
  const { params, queryApiKey, bodyApiKey } = parseRequestParams(
    query,
    body,
    c.req.header('content-type') ?? ''
  )
  const key = c.req.header('x-authy-api-key') || queryApiKey || bodyApiKey
  const app = key ? appForKey(ctx.appKeys, key) : undefined
  if (!app) throw invalidApiKey()
  const nowMs = ctx.now()
  countStat(app, nowMs, 'api_calls_count')
  app.last_request_at_ms = nowMs
  c.set('app', app)
  c.set('params', params)
  return next()
}
