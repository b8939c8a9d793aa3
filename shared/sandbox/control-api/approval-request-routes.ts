import { Hono } from 'hono'
import { z } from 'zod'
import { jsonResponse } from '../authy-api/json-response.js'
import { parseParams } from '../authy-api/parse-params.js'
import {
  decideApprovalRequest,
  readApprovalRequest,
  readApprovalRequests,
} from '../domain/approval-actions.js'
import { approvalRequestView } from '../domain/approval-requests.js'
import { appOf } from '../domain/apps.js'
import type { SandboxContext } from '../domain/sandbox-context.js'
import type { StoredApprovalRequest } from '../domain/store-schema.js'
import type { SandboxEnv } from '../sandbox-env.js'

const LIST_QUERY = z.object({
  authy_id: z
    .string()
    .regex(/^\d{1,15}$/, 'Must be an Authy id')
    .optional(),
})

/**
 * `/sandbox/approval_requests...`: approve, deny or expire a request of any application (waiting
 * for its callback attempt), list them (newest first, for one user or all) and read one, with what
 * the user was shown and the time left.
 *
 * @example
 * routes.route('/', controlApprovalRequestRoutes(ctx))
 */
export function controlApprovalRequestRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>()
  const view = (request: StoredApprovalRequest, nowMs: number) =>
    approvalRequestView(appOf(ctx.store.data, request), request, nowMs)

  for (const [action, status] of [
    ['approve', 'approved'],
    ['deny', 'denied'],
    ['expire', 'expired'],
  ] as const) {
    routes.post(`/approval_requests/:uuid/${action}`, async (c) => {
      const { request, callback } = await decideApprovalRequest(ctx, c.req.param('uuid'), status)
      const attempt = await callback
      return jsonResponse({
        approval_request: view(request, ctx.now()),
        callback: attempt,
        success: true,
      })
    })
  }

  routes.get('/approval_requests', async (c) => {
    const { authy_id } = parseParams(LIST_QUERY, c.req.query())
    const nowMs = ctx.now()
    const authyId = authy_id === undefined ? undefined : Number(authy_id)
    const requests = await readApprovalRequests(ctx, authyId, nowMs)
    return jsonResponse({
      approval_requests: requests.map((request) => view(request, nowMs)),
      success: true,
    })
  })

  routes.get('/approval_requests/:uuid', async (c) => {
    const request = await readApprovalRequest(ctx, c.req.param('uuid'))
    return jsonResponse({
      approval_request: view(request, ctx.now()),
      success: true,
    })
  })

  return routes
}
