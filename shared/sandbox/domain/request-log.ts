import type { LoggedRequestView as LoggedRequest } from './control-schemas.js'
import { compilePathPattern } from './url-pattern.js'

/** Requests remembered (memory only). */
export const REQUEST_LOG_LIMIT = 2_000

/** A request as it is recorded: its time as epoch milliseconds, made readable when it is read. */
export type RecordedRequest = Omit<LoggedRequest, 'at'> & { atMs: number }

/**
 * The recent Authy (and Twilio) API requests, bounded: a ring of {@link REQUEST_LOG_LIMIT}
 * slots, so recording one costs the same however full it is (it is on every request's path).
 */
export interface RequestLog {
  slots: (RecordedRequest | undefined)[]
  /** The slot the next request goes into; the oldest one once the ring is full. */
  next: number
}

/**
 * An empty request log.
 *
 * @example
 * const requests = createRequestLog()
 */
export function createRequestLog(): RequestLog {
  return { slots: new Array<RecordedRequest | undefined>(REQUEST_LOG_LIMIT), next: 0 }
}

/**
 * Remembers a request, in place of the oldest once {@link REQUEST_LOG_LIMIT} are remembered.
 *
 * @example
 * recordRequest(requests, { method: 'GET', path: '/protected/json/app/details', status: 200,
 *   atMs: Date.now(), user_agent: null, fault_id: null, app_id: 1 })
 */
export function recordRequest(log: RequestLog, entry: RecordedRequest): void {
  log.slots[log.next] = entry
  log.next = (log.next + 1) % log.slots.length
}

/**
 * The requests whose path matches `pattern` (`*` = any run of characters), newest first.
 *
 * @example
 * findRequests(requests, '/onetouch/json/approval_requests/*')
 */
export function findRequests(log: RequestLog, pattern = '*'): LoggedRequest[] {
  const matches = compilePathPattern(pattern)
  const found: LoggedRequest[] = []
  const size = log.slots.length
  for (let back = 1; back <= size; back++) {
    const entry = log.slots[(log.next - back + size) % size]
    if (!entry) break
    if (!matches(entry.path)) continue
    found.push({
      method: entry.method,
      path: entry.path,
      status: entry.status,
      at: new Date(entry.atMs).toISOString(),
      user_agent: entry.user_agent,
      fault_id: entry.fault_id,
      app_id: entry.app_id,
    })
  }
  return found
}
