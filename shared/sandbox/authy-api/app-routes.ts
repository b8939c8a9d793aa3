import { Hono } from 'hono'
import { monthlyStats } from '../domain/monthly-stats.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { SandboxEnv } from '../sandbox-env.js'
import { jsonResponse } from './json-response.js'

/**
 * `/protected/json/app/details` (§2.13) and `/protected/json/app/stats` (§2.14), of the
 * application whose key the request carries.
 *
 * @example
 * app.route('/protected/json/app', authyAppRoutes(ctx))
 */
export function authyAppRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()

  routes.get('/details', (c) => {
    const app = c.get('app')
    return jsonResponse({
      app: {
        app_id: app.app_id,
        name: app.name,
        plan: 'pay_as_you_go',
        sms_enabled: app.sms_enabled,
        phone_calls_enabled: app.calls_enabled,
        white_label: false,
      },
      message: 'Application information.',
      success: true,
    })
  })

  routes.get('/stats', (c) => {
    const app = c.get('app')
    const stats = monthlyStats(app)
    return jsonResponse({
      app_id: app.app_id,
      count: stats.length,
      message: 'Monthly statistics.',
      stats,
      success: true,
      total_users: app.authy_ids.length,
    })
  })

  return routes
}
