import {
  approvalRequestsOf,
  expireIfDue,
  findApprovalRequest,
  settle,
} from './approval-requests.js'
import { appOf } from './apps.js'
import { deliverCallback } from './callback-delivery.js'
import { callbackPayload } from './callback-payload.js'
import type { CallbackAttempt } from './control-schemas.js'
import { approvalRequestNotFound, approvalRequestNotPending } from './error-answers.js'
import type { SandboxContext } from './sandbox-context.js'
import type { StoredApp, StoredApprovalRequest } from './store-schema.js'
import { findUserById } from './users.js'

/**
 * Reads an approval request, evaluating its expiry first (persisting and logging it if it just
 * expired). Throws 404 / 60049 for an unknown uuid, and, when an application asks (`app`), for
 * another application's request: the same answer, byte for byte.
 *
 * @example
 * const request = await readApprovalRequest(ctx, uuid, c.get('app'))
 */
export async function readApprovalRequest(
  ctx: SandboxContext,
  uuid: string,
  app?: StoredApp
): Promise<StoredApprovalRequest> {
  const request = findApprovalRequest(ctx.store.data, uuid)
  if (!request || (app && request.app_id !== app.app_id)) throw approvalRequestNotFound(uuid)
  if (expireIfDue(request, ctx.now())) {
    ctx.events.emit({ authyId: request.authy_id })
    await ctx.store.save()
    logDecision(ctx, request)
  }
  return request
}

/**
 * A user's approval requests (everyone's without an id), newest first, each with its expiry
 * evaluated at `nowMs` (saved and logged when one just expired).
 *
 * @example
 * const requests = await readApprovalRequests(ctx, user.authy_id, ctx.now())
 */
export async function readApprovalRequests(
  ctx: SandboxContext,
  authyId: number | undefined,
  nowMs: number
): Promise<StoredApprovalRequest[]> {
  const requests = approvalRequestsOf(ctx.store.data, authyId)
  const expired = requests.filter((request) => expireIfDue(request, nowMs))
  if (expired.length > 0) await ctx.store.save()
  for (const request of expired) logDecision(ctx, request)
  return requests
}

/**
 * Approves, denies or expires a pending request (expiry is evaluated first). Approving and
 * denying send the OneTouch callback of the request's application, exactly once; expiring does
 * not (Authy is not known to).
 * Throws 404 for an unknown uuid and 409 / 60079 when the request is no longer pending.
 * Returns the request and the callback delivery (resolves to null when no callback is sent).
 *
 * @example
 * const { request, callback } = await decideApprovalRequest(ctx, uuid, 'approved')
 * const attempt = await callback
 */
export async function decideApprovalRequest(
  ctx: SandboxContext,
  uuid: string,
  status: 'approved' | 'denied' | 'expired'
): Promise<{ request: StoredApprovalRequest; callback: Promise<CallbackAttempt | null> }> {
  const request = await readApprovalRequest(ctx, uuid)
  if (request.status !== 'pending') throw approvalRequestNotPending(uuid, request.status)
  const nowMs = ctx.now()
  settle(request, status, nowMs)
  await ctx.store.save()
  ctx.events.emit({ authyId: request.authy_id })
  logDecision(ctx, request)
  if (status === 'expired') return { request, callback: Promise.resolve(null) }
  const data = ctx.store.data
  const app = appOf(data, request)
  const payload = callbackPayload(app, findUserById(data, request.authy_id), request, nowMs)
  const callback = deliverCallback(ctx, app, payload, 'decision')
  return { request, callback }
}

// One sentence for every way a request stops being pending, noticed expiry included.
function logDecision(ctx: SandboxContext, request: StoredApprovalRequest): void {
  ctx.log(`Approval request ${request.uuid} for user ${request.authy_id} is now ${request.status}.`)
}
