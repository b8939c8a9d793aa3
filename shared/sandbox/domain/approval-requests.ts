import { isoSeconds } from './clock.js'
import { objectId, timeUuid } from './identifiers.js'
import type {
  ApprovalStatus,
  Logo,
  SandboxData,
  StoredApp,
  StoredApprovalRequest,
  StoredUser,
} from './store-schema.js'

/** Authy's default lifetime of an approval request: one day. `0` means it never expires. */
export const DEFAULT_APPROVAL_TTL_SECONDS = 86_400
/** Approval requests kept per application; its oldest decided ones go first. */
export const APPROVAL_REQUEST_LIMIT = 5_000
/** Approval requests kept in all (every application's); the oldest decided ones go first. */
export const APPROVAL_REQUEST_TOTAL_LIMIT = 10_000

/** What creating an approval request needs, already validated. */
export interface NewApprovalRequest {
  message: string
  details: Record<string, string> | null
  hiddenDetails: Record<string, string> | null
  logos: Logo[] | null
  secondsToExpire: number
}

/**
 * Stores a new pending approval request from an application to a user.
 *
 * @example
 * const request = createApprovalRequest(store.data, app, user, { message: 'Transfer',
 *   details: null, hiddenDetails: null, logos: null, secondsToExpire: 600 }, Date.now())
 */
export function createApprovalRequest(
  data: SandboxData,
  app: StoredApp,
  user: StoredUser,
  input: NewApprovalRequest,
  nowMs: number
): StoredApprovalRequest {
  const request: StoredApprovalRequest = {
    uuid: timeUuid(nowMs),
    app_id: app.app_id,
    object_id: objectId(nowMs),
    authy_id: user.authy_id,
    user_object_id: user.object_id,
    user_email: user.email,
    device_id: user.device.id,
    message: input.message,
    details: input.details,
    hidden_details: input.hiddenDetails,
    logos: input.logos,
    seconds_to_expire: input.secondsToExpire,
    status: 'pending',
    created_at_ms: nowMs,
    updated_at_ms: nowMs,
    processed_at_ms: null,
  }
  const byUuid = uuidIndex(data)
  data.approval_requests.push(request)
  byUuid.set(request.uuid, request)
  const ofApp = (r: StoredApprovalRequest) => r.app_id === app.app_id
  if (data.approval_requests.filter(ofApp).length > APPROVAL_REQUEST_LIMIT) dropOldest(data, ofApp)
  if (data.approval_requests.length > APPROVAL_REQUEST_TOTAL_LIMIT) dropOldest(data, () => true)
  return request
}

// Drops the oldest decided request among those chosen, or the oldest of them when none is decided.
function dropOldest(data: SandboxData, chosen: (request: StoredApprovalRequest) => boolean): void {
  const requests = data.approval_requests
  const oldestDecided = requests.findIndex((r) => chosen(r) && r.status !== 'pending')
  const index = oldestDecided === -1 ? requests.findIndex(chosen) : oldestDecided
  const [dropped] = requests.splice(index, 1)
  if (dropped) uuidIndex(data).delete(dropped.uuid)
}

// Each list of approval requests by uuid, made when first needed: a status read (every poll of
// every application) finds its request at once, however many are kept. Kept up to date by
// createApprovalRequest and dropOldest, the only two that change the list; made again should the
// list have changed size behind their back.
const uuidIndexes = new WeakMap<StoredApprovalRequest[], Map<string, StoredApprovalRequest>>()

function uuidIndex(data: SandboxData): Map<string, StoredApprovalRequest> {
  const requests = data.approval_requests
  let index = uuidIndexes.get(requests)
  if (index === undefined || index.size !== requests.length) {
    index = new Map(requests.map((request) => [request.uuid, request]))
    uuidIndexes.set(requests, index)
  }
  return index
}

/**
 * The approval request with this uuid, if any.
 *
 * @example
 * findApprovalRequest(store.data, uuid)?.status
 */
export function findApprovalRequest(
  data: SandboxData,
  uuid: string
): StoredApprovalRequest | undefined {
  return uuidIndex(data).get(uuid)
}

/**
 * A user's approval requests, newest first (all of them without an id).
 *
 * @example
 * approvalRequestsOf(store.data, 100001)
 */
export function approvalRequestsOf(data: SandboxData, authyId?: number): StoredApprovalRequest[] {
  return data.approval_requests
    .filter((request) => authyId === undefined || request.authy_id === authyId)
    .reverse()
}

/**
 * When a request expires (epoch ms), or null if it never does.
 *
 * @example
 * expiresAtMs(request) // created_at + seconds_to_expire
 */
export function expiresAtMs(request: StoredApprovalRequest): number | null {
  if (request.seconds_to_expire === 0) return null
  return request.created_at_ms + request.seconds_to_expire * 1000
}

/**
 * Expiry is evaluated when a request is read, like Authy: a pending request past its lifetime
 * becomes `expired`, stamped with the time of this read. Returns true when it changed (save it).
 *
 * @example
 * if (expireIfDue(request, Date.now())) await store.save()
 */
export function expireIfDue(request: StoredApprovalRequest, nowMs: number): boolean {
  const expiresAt = expiresAtMs(request)
  if (request.status !== 'pending' || expiresAt === null || nowMs < expiresAt) return false
  settle(request, 'expired', nowMs)
  return true
}

/**
 * Moves a pending request to a final state. Final states never change: callers check `pending`
 * (after {@link expireIfDue}) first.
 *
 * @example
 * settle(request, 'approved', Date.now())
 */
export function settle(
  request: StoredApprovalRequest,
  status: Exclude<ApprovalStatus, 'pending'>,
  nowMs: number
): void {
  if (request.status !== 'pending')
    throw new Error(`Approval request ${request.uuid} is ${request.status}`)
  request.status = status
  request.processed_at_ms = nowMs
  request.updated_at_ms = nowMs
}

/**
 * The `approval_request` object of `GET /onetouch/json/approval_requests/{uuid}`: every field
 * of spec §2.10, in Authy's order (authy-client requires all of them).
 *
 * @example
 * jsonResponse({ approval_request: approvalStatus(app, request), success: true })
 */
export function approvalStatus(app: StoredApp, request: StoredApprovalRequest) {
  return {
    _app_name: app.name,
    _app_serial_id: app.serial_id,
    _authy_id: request.authy_id,
    _id: request.object_id,
    _user_email: request.user_email,
    app_id: app.object_id,
    created_at: isoSeconds(request.created_at_ms),
    notified: false,
    processed_at: request.processed_at_ms === null ? null : isoSeconds(request.processed_at_ms),
    seconds_to_expire: request.seconds_to_expire,
    status: request.status,
    updated_at: isoSeconds(request.updated_at_ms),
    user_id: request.user_object_id,
    uuid: request.uuid,
  }
}

/**
 * The status fields plus what the user was shown and the time left: the control API's shape.
 *
 * @example
 * approvalRequestView(appOf(store.data, request), request, Date.now()).details
 */
export function approvalRequestView(app: StoredApp, request: StoredApprovalRequest, nowMs: number) {
  const expiresAt = expiresAtMs(request)
  return {
    ...approvalStatus(app, request),
    message: request.message,
    details: request.details ?? {},
    hidden_details: request.hidden_details ?? {},
    logos: request.logos ?? [],
    expires_at: expiresAt === null ? null : isoSeconds(expiresAt),
    seconds_left:
      request.status !== 'pending' || expiresAt === null
        ? null
        : Math.max(0, Math.ceil((expiresAt - nowMs) / 1000)),
  }
}
