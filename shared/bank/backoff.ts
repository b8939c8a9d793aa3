export interface BackoffInput {
  /** 1 for the first retry, 2 for the second… */
  attempt: number
  /** The first step, doubled each attempt. */
  baseMs: number
  /** No wait is longer than this, whatever the attempt or Retry-After. */
  capMs: number
  /** What the server asked for (`Retry-After`), if anything. */
  retryAfterSeconds?: number
  random?: () => number
}

/**
 * How long to wait before trying again: capped exponential backoff with jitter (between half and
 * all of the step, so many watchers do not retry in step), and never less than a `Retry-After`.
 *
 * @example
 * retryDelayMs({ attempt: 3, baseMs: 1000, capMs: 30_000 }) // between 2000 and 4000
 */
export function retryDelayMs(input: BackoffInput): number {
  const random = input.random ?? Math.random
  const step = Math.min(input.capMs, input.baseMs * 2 ** Math.max(0, input.attempt - 1))
  const jittered = step / 2 + random() * (step / 2)
  const asked = (input.retryAfterSeconds ?? 0) * 1000
  return Math.round(Math.min(input.capMs, Math.max(jittered, asked)))
}
