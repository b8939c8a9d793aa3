import { readApprovalRequests } from './approval-actions.js'
import { isRoomApp } from './apps.js'
import { callbackHealth } from './callback-config.js'
import type { AppSummary } from './control-schemas.js'
import type { SandboxContext } from './sandbox-context.js'

/**
 * Every application as `GET /sandbox/apps` lists it (the sandbox's own first, then the joined
 * ones, oldest first): name, when it was made, its users, its approval requests by status (expiry
 * evaluated first), its callback in one word and its last request. Never a key.
 *
 * @example
 * const apps = await appSummaries(ctx)
 */
export async function appSummaries(ctx: SandboxContext): Promise<AppSummary[]> {
  const requests = await readApprovalRequests(ctx, undefined, ctx.now())
  const counts = new Map<number, AppSummary['approval_requests']>()
  for (const request of requests) {
    const count = counts.get(request.app_id) ?? { pending: 0, approved: 0, denied: 0, expired: 0 }
    count[request.status] += 1
    counts.set(request.app_id, count)
  }
  return ctx.store.data.apps.map((app) => ({
    app_id: app.app_id,
    name: app.name,
    room: isRoomApp(app),
    created_at: new Date(app.created_at_ms).toISOString(),
    users: app.authy_ids.length,
    approval_requests: counts.get(app.app_id) ?? { pending: 0, approved: 0, denied: 0, expired: 0 },
    callback_state: callbackHealth(app),
    last_request_at:
      app.last_request_at_ms === null ? null : new Date(app.last_request_at_ms).toISOString(),
  }))
}
