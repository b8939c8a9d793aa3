import { Hono } from 'hono'
import { z } from 'zod'
import { jsonResponse } from '../authy-api/json-response.js'
import { parseParams } from '../authy-api/parse-params.js'
import { findRequests } from '../domain/request-log.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import { MAX_PATTERN_LENGTH } from '../domain/url-pattern.js'
import type { SandboxEnv } from '../sandbox-env.js'

const QUERY = z.object({
  path: z
    .string()
    .max(MAX_PATTERN_LENGTH, `Must be at most ${MAX_PATTERN_LENGTH} characters`)
    .optional(),
})

/**
 * `/sandbox/requests?path=<pattern>`: the last Authy API requests whose path matches (`*` is any
 * run of characters), newest first.
 *
 * @example
 * routes.route('/', controlRequestLogRoutes(ctx))
 */
export function controlRequestLogRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.get('/requests', (c) => {
    const { path } = parseParams(QUERY, c.req.query())
    return jsonResponse({ requests: findRequests(ctx.requests, path || '*'), success: true })
  })

  return routes
}
