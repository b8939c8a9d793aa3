import { randomUUID } from 'node:crypto'
import type { Fault, FaultInput } from './control-schemas.js'
import { faultInputSchema } from './control-schemas.js'
import { AuthyErrorAnswer, conflict } from './error-answers.js'
import { compilePathPattern, type PathMatcher } from './url-pattern.js'

/** The most faults waiting at once. */
export const FAULT_LIMIT = 100

/** The faults waiting for matching Authy API requests, in the order they were added. */
export interface FaultList {
  faults: Fault[]
  /** Each fault's path pattern, compiled once when it was added. */
  matchers: WeakMap<Fault, PathMatcher>
}

// What a fault with a status but no body answers: the Authy error a real outage would give.
const ENVELOPES: Record<number, [string, string]> = {
  400: ['60000', 'An error occurred'],
  401: ['60001', 'Invalid API key'],
  404: [
    '60000',
    'Requested URL was not found. Please check http://docs.authy.com/ to see the valid URLs',
  ],
  429: ['60003', 'DoS protection'],
  503: ['60000', 'Service unavailable'],
}

/**
 * An empty fault list.
 *
 * @example
 * const faults = createFaultList()
 */
export function createFaultList(): FaultList {
  return { faults: [], matchers: new WeakMap() }
}

/**
 * Adds a fault for the next `count` matching requests (validated with `faultInputSchema`), its
 * path pattern compiled once. Throws 409 when {@link FAULT_LIMIT} faults are waiting.
 *
 * @example
 * addFault(faults, { path: '/onetouch/json/approval_requests/*', status: 503, count: 2 }, now)
 */
export function addFault(list: FaultList, input: FaultInput, nowMs: number): Fault {
  if (list.faults.length >= FAULT_LIMIT) {
    throw conflict(
      `${FAULT_LIMIT} faults are waiting already: clear them with DELETE /sandbox/faults.`
    )
  }
  const parsed = faultInputSchema.parse(input)
  const fault: Fault = {
    id: randomUUID(),
    ...parsed,
    remaining: parsed.count,
    created_at: new Date(nowMs).toISOString(),
  }
  list.matchers.set(fault, compilePathPattern(fault.path))
  list.faults.push(fault)
  return fault
}

/**
 * Removes every fault; returns how many there were.
 *
 * @example
 * clearFaults(faults) // 2
 */
export function clearFaults(list: FaultList): number {
  const count = list.faults.length
  list.faults = []
  return count
}

/**
 * The first fault that matches this request, with one use taken from it (used-up faults are
 * removed), or undefined.
 *
 * @example
 * const fault = takeFault(faults, 'GET', '/onetouch/json/approval_requests/abc')
 */
export function takeFault(list: FaultList, method: string, path: string): Fault | undefined {
  const fault = list.faults.find(
    (f) => (f.method === undefined || f.method === method) && list.matchers.get(f)?.(path)
  )
  if (!fault) return undefined
  fault.remaining -= 1
  if (fault.remaining <= 0) list.faults = list.faults.filter((f) => f !== fault)
  return fault
}

/**
 * What a fault answers, or undefined when it only delays the normal answer.
 *
 * @example
 * faultResponse({ ...fault, status: 429, retry_after: 2 }) // 429 envelope with Retry-After: 2
 */
export function faultResponse(fault: Fault): Response | undefined {
  const headers: Record<string, string> = {}
  if (fault.retry_after !== undefined) headers['retry-after'] = String(fault.retry_after)
  const status = fault.status ?? 200
  if (fault.malformed === 'html') {
    return respond('<html><body><h1>502 Bad Gateway</h1><p>nginx</p>', status, HTML, headers)
  }
  if (fault.malformed !== undefined) {
    return respond('{"approval_request":{"status":"pend', status, JSON_TYPE, headers)
  }
  if (typeof fault.body === 'string') {
    return respond(fault.body, status, contentTypeOf(fault.body), headers)
  }
  if (fault.body !== undefined)
    return respond(JSON.stringify(fault.body), status, JSON_TYPE, headers)
  if (fault.status !== undefined) {
    const [code, message] = ENVELOPES[fault.status] ?? ['60000', 'An error occurred']
    const error = new AuthyErrorAnswer(fault.status as 400, code, message)
    return respond(JSON.stringify(error.envelope()), status, JSON_TYPE, headers)
  }
  return undefined
}

const JSON_TYPE = 'application/json; charset=utf-8'
const HTML = 'text/html; charset=utf-8'

function respond(text: string, status: number, type: string, headers: Record<string, string>) {
  // 204, 205 and 304 cannot carry a body.
  const body = status === 204 || status === 205 || status === 304 ? null : text
  return new Response(body, { status, headers: { ...headers, 'content-type': type } })
}

function contentTypeOf(body: string): string {
  try {
    JSON.parse(body)
    return JSON_TYPE
  } catch {
    return body.trimStart().startsWith('<') ? HTML : 'text/plain; charset=utf-8'
  }
}
