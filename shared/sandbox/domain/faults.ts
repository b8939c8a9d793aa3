import { randomUUID } from 'node:crypto'
import type { Fault, FaultInput } from './control-schemas.js'
import { faultInputSchema } from './control-schemas.js'
import { conflict } from './error-answers.js'
import { compilePathPattern, type PathMatcher } from './url-pattern.js'

/** The most faults waiting at once. */
export const FAULT_LIMIT = 100

/** The faults waiting for matching Authy API requests, in the order they were added. */
export interface FaultList {
  faults: Fault[]
  /** Each fault's path pattern, compiled once when it was added. */
  matchers: WeakMap<Fault, PathMatcher>
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
