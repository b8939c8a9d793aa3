import { approvalStatus } from '../domain/approval-requests.js'
import type { StoredApp, StoredApprovalRequest } from '../domain/store-schema.js'

interface Made {
  text: string
  app: StoredApp
  appName: string
  status: StoredApprovalRequest['status']
  updatedAtMs: number
}

// The answer last made for each request, kept as long as the request is: a request polled once
// a second by its application changes only when it is decided, expires or its app is renamed.
const made = new WeakMap<StoredApprovalRequest, Made>()

/**
 * The body of `GET /onetouch/json/approval_requests/{uuid}` for this application's request, as
 * compact JSON: made again only when something it shows changed (the status and its times, or the
 * application's name), so a poll costs no serializing.
 *
 * @example
 * return jsonTextResponse(statusAnswer(app, request))
 */
export function statusAnswer(app: StoredApp, request: StoredApprovalRequest): string {
  const last = made.get(request)
  if (
    last !== undefined &&
    last.app === app &&
    last.appName === app.name &&
    last.status === request.status &&
    last.updatedAtMs === request.updated_at_ms
  ) {
    return last.text
  }
  const text = JSON.stringify({ approval_request: approvalStatus(app, request), success: true })
  made.set(request, {
    text,
    app,
    appName: app.name,
    status: request.status,
    updatedAtMs: request.updated_at_ms,
  })
  return text
}
