import { Agent } from 'undici'
import type { CallbackAttempt } from './control-schemas.js'

/** In-memory side of callbacks: the attempt log, deliveries in flight, the HTTP agent. */
export interface CallbackState {
  attempts: CallbackAttempt[]
  inFlight: Set<Promise<unknown>>
  /**
   * Per application, bumped whenever its URL is set: answers for an older URL do not count
   * against the new one.
   */
  generations: Map<number, number>
  agent: Agent
}

/**
 * Fresh callback state with its own keep-alive agent (closed with the sandbox).
 *
 * @example
 * const callbacks = createCallbackState()
 */
export function createCallbackState(): CallbackState {
  return {
    attempts: [],
    inFlight: new Set(),
    generations: new Map(),
    agent: new Agent({ keepAliveTimeout: 1000 }),
  }
}
