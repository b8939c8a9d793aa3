// Loading a server over loopback with autocannon, for the rate and latency figures of
// `npm run bench`. Bounded: each round is timed and capped in requests.
import type { EventEmitter } from 'node:events'
import autocannon from 'autocannon'
import { median } from './store-writes.js'

/** What to load: a URL and path, and the headers each request carries. */
export interface Target {
  url: string
  path: string
  apiKey?: string
  headers?: Record<string, string>
}

export interface LoadFigures {
  /** Requests answered a second. */
  rate: number
  /** The 99th percentile of the time to an answer, in ms (to the microsecond). */
  p99Ms: number
}

export interface LoadPlan {
  connections: number
  rounds: number
  roundSeconds: number
}

/** Rounds are timed; the count is only a cap. */
const MAX_REQUESTS_PER_ROUND = 2_000_000
const WARMUP_SECONDS = 1

const headersOf = (target: Target) => ({
  ...(target.apiKey ? { 'x-authy-api-key': target.apiKey } : {}),
  ...target.headers,
})

/**
 * A server and its baseline loaded in turns after a warm-up: the medians of their rounds.
 *
 * @example
 * const { server, baseline } = await loadSideBySide(sandbox, bare, plan)
 */
export async function loadSideBySide(
  server: Target,
  baseline: Target,
  plan: LoadPlan
): Promise<{ server: LoadFigures; baseline: LoadFigures }> {
  await load(baseline, WARMUP_SECONDS, plan)
  await load(server, WARMUP_SECONDS, plan)
  const rounds = { server: [] as LoadFigures[], baseline: [] as LoadFigures[] }
  for (let round = 0; round < plan.rounds; round++) {
    rounds.baseline.push(await load(baseline, plan.roundSeconds, plan))
    rounds.server.push(await load(server, plan.roundSeconds, plan))
  }
  const medians = (figures: LoadFigures[]) => ({
    rate: median(figures.map((figure) => figure.rate)),
    p99Ms: median(figures.map((figure) => figure.p99Ms)),
  })
  return { server: medians(rounds.server), baseline: medians(rounds.baseline) }
}

// `seconds` of load at `plan.connections` connections. Any answer but 2xx, or any error, fails
// the run. Autocannon's own percentiles count whole milliseconds, too coarse for answers of one
// or two: the p99 comes from each answer's time, which it reports to the microsecond.
async function load(target: Target, seconds: number, plan: LoadPlan): Promise<LoadFigures> {
  const times: number[] = []
  const started = process.hrtime.bigint()
  // Without a callback, autocannon answers a promise that is also its event emitter.
  const run = autocannon({
    url: `${target.url}${target.path}`,
    headers: headersOf(target),
    connections: plan.connections,
    duration: seconds,
    // A cap that keeps the round timed (`amount` would make it a count and ignore `duration`).
    maxOverallRequests: MAX_REQUESTS_PER_ROUND,
  }) as Promise<autocannon.Result> & EventEmitter
  run.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    times.push(ms)
  })
  const result = await run
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${target.url}${target.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`
    )
  }
  times.sort((a, b) => a - b)
  return {
    rate: result.requests.total / elapsed,
    p99Ms: times[Math.ceil(times.length * 0.99) - 1] ?? Number.NaN,
  }
}
