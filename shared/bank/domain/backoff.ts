import { backoffMs } from '../../runtime/backoff.js'

/** The longest `Retry-After` honoured, in ms: expiry ends any wait sooner anyway. */
const MAX_RETRY_AFTER_MS = 10 * 60 * 1000

export interface BackoffInput {
  /** 1 for the first retry, 2 for the second… */
  attempt: number
  /** The first step, doubled each attempt. */
  baseMs: number
  /** The longest backoff step (a `Retry-After` may ask for longer). */
  capMs: number
  /** What the server asked for (`Retry-After`), if anything. */
  retryAfterSeconds?: number
  random?: () => number
}

/**
 * How long to wait before trying again: the jittered backoff step, and never less than a
 * `Retry-After`.
 *
 * @example
 * retryDelayMs({ attempt: 3, baseMs: 1000, capMs: 30_000 }) // between 2000 and 4000
 * retryDelayMs({ attempt: 1, baseMs: 1000, capMs: 30_000, retryAfterSeconds: 60 }) // 60000
 */
export function retryDelayMs(input: BackoffInput): number {
  const asked = Math.min(MAX_RETRY_AFTER_MS, (input.retryAfterSeconds ?? 0) * 1000)
  return Math.max(backoffMs(input), asked)
}
