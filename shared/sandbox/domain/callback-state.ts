import { Agent } from 'undici'
import type { CallbackAttempt } from './control-schemas.js'

/** In-memory side of callbacks: the attempt log, deliveries in flight, the HTTP agent. */
export interface CallbackState {
  attempts: CallbackAttempt[]
  inFlight: Set<Promise<unknown>>
  /** Bumped whenever the URL is set: answers for an older URL do not count against the new one. */
  generation: number
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
    generation: 0,
    agent: new Agent({ keepAliveTimeout: 1000 }),
  }
}
