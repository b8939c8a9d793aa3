import type { LoggedRequestView as LoggedRequest } from './control-schemas.js'
import { compilePathPattern } from './url-pattern.js'

/** Requests remembered (memory only). */
export const REQUEST_LOG_LIMIT = 2_000

/** The recent Authy API requests, oldest first, bounded. */
export interface RequestLog {
  entries: LoggedRequest[]
}

/**
 * An empty request log.
 *
 * @example
 * const requests = createRequestLog()
 */
export function createRequestLog(): RequestLog {
  return { entries: [] }
}

/**
 * Remembers a request, dropping the oldest past {@link REQUEST_LOG_LIMIT}.
 *
 * @example
 * recordRequest(requests, { method: 'GET', path: '/protected/json/app/details', status: 200,
 *   at: new Date().toISOString(), user_agent: null, fault_id: null })
 */
export function recordRequest(log: RequestLog, entry: LoggedRequest): void {
  log.entries.push(entry)
  if (log.entries.length > REQUEST_LOG_LIMIT)
    log.entries.splice(0, log.entries.length - REQUEST_LOG_LIMIT)
}

/**
 * The requests whose path matches `pattern` (`*` = any run of characters), newest first.
 *
 * @example
 * findRequests(requests, '/onetouch/json/approval_requests/*')
 */
export function findRequests(log: RequestLog, pattern = '*'): LoggedRequest[] {
  const matches = compilePathPattern(pattern)
  return log.entries.filter((entry) => matches(entry.path)).reverse()
}
