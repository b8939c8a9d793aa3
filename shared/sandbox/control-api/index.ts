import { Hono } from 'hono'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { controlAppRoutes } from './app-routes.js'
import { controlApprovalRequestRoutes } from './approval-request-routes.js'
import { controlApiKey, onlyFromThisComputer } from './control-access.js'
import { controlFaultRoutes } from './fault-routes.js'
import { controlRequestLogRoutes } from './request-log-routes.js'
import { controlTwilioRoutes } from './twilio-routes.js'
import { controlUserRoutes } from './user-routes.js'
import { controlVerifyRoutes } from './verify-routes.js'

/**
 * The control API under `/sandbox/`: decide approval requests, read inboxes, TOTPs and users,
 * configure the callback, inspect callbacks and requests, inject faults, read the Twilio account, act as the Verify Push SDK on a phone. JSON in and out, the
 * API key in the `X-Authy-API-Key` header, errors in Authy's envelope. Only this computer may use
 * it, whatever address the server listens on.
 *
 * @example
 * app.route('/sandbox', controlApi(ctx))
 */
export function controlApi(ctx: SandboxContext) {
  const api = new Hono<SandboxEnv>()
  api.use(onlyFromThisComputer(ctx.host))
  api.use(controlApiKey(ctx.apiKey))
  api.route('/', controlApprovalRequestRoutes(ctx))
  api.route('/', controlUserRoutes(ctx))
  api.route('/', controlAppRoutes(ctx))
  api.route('/', controlRequestLogRoutes(ctx))
  api.route('/', controlFaultRoutes(ctx))
  api.route('/', controlTwilioRoutes(ctx))
  api.route('/', controlVerifyRoutes(ctx))
  return api
}
