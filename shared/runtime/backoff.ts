/**
 * One step of capped exponential backoff with jitter: `baseMs` doubled per attempt, at most
 * `capMs`, then a random wait between half and all of it, so many clients that failed together
 * do not all retry together.
 *
 * @example
 * backoffMs({ attempt: 3, baseMs: 1000, capMs: 30_000 }) // between 2000 and 4000
 */
export function backoffMs(input: {
  /** 1 for the first retry, 2 for the second… */
  attempt: number
  baseMs: number
  capMs: number
  random?: () => number
}): number {
  const random = input.random ?? Math.random
  const step = Math.min(input.capMs, input.baseMs * 2 ** Math.max(0, input.attempt - 1))
  return Math.round(step / 2 + random() * (step / 2))
}
