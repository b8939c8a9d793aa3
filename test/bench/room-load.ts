// A room under load (issue 11): N simulated attendees, each an application joined in the room that
// registers a user, sends one approval request and polls it once a second, and N phone pages
// holding their live-update connection (server-sent events). Measures the status read's latency
// beside a baseline taken from the same sandbox, before the room filled: one application, one
// poller. Bounded: at most MAX_ATTENDEES attendees, MAX_SECONDS of polling, and a deadline on the
// whole run; loopback only (the sandbox is a child process on 127.0.0.1).
import { spawn } from 'node:child_process'
import { once, setMaxListeners } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Agent, request, type Dispatcher } from 'undici'
import { createAuthyClient } from '../../shared/authy/index.js'
import { createRoomClient } from '../../shared/sandbox/index.js'

export const MAX_ATTENDEES = 500
export const MAX_SECONDS = 60
/** Status reads of the baseline (one application, one poller, one read after another). */
export const BASELINE_READS = 1_000
const WARMUP_READS = 200
const SET_UP_AT_ONCE = 20
/** Setting the room up may take this long at most, whatever its size. */
const SET_UP_DEADLINE_MS = 180_000

export interface RoomLoadOptions {
  /** Simulated attendees (applications, pollers and phone pages), 1 to {@link MAX_ATTENDEES}. */
  attendees: number
  /** How long every attendee polls, in seconds, 1 to {@link MAX_SECONDS}. */
  seconds: number
}

/** Latency of the status read (`GET /onetouch/json/approval_requests/{uuid}`). */
export interface ReadFigures {
  reads: number
  errors: number
  p50Ms: number
  p99Ms: number
}

export interface RoomLoadResult {
  attendees: number
  seconds: number
  setUpSeconds: number
  /** Every attendee polling at once a second, the phone pages open. */
  room: ReadFigures
  /** The same read from one application, one poller, before the room filled. */
  baseline: ReadFigures
  /** Live-update connections open at the end, and those that closed or failed before it. */
  phonePages: { held: number; dropped: number }
  /** The first problems seen (at most 5), for the report. */
  problems: string[]
}

interface Attendee {
  apiKey: string
  uuid: string
  phoneUrl: string
}

/**
 * Runs the room load against a fresh room sandbox in a child process and returns its figures.
 *
 * @example
 * const result = await runRoomLoad({ attendees: 300, seconds: 20 })
 * console.log(roomLoadReport(result).join('\n'))
 */
export async function runRoomLoad(options: RoomLoadOptions): Promise<RoomLoadResult> {
  const attendees = whole('attendees', options.attendees, MAX_ATTENDEES)
  const seconds = whole('seconds', options.seconds, MAX_SECONDS)
  const problems: string[] = []
  const note = (problem: string) => {
    if (problems.length < 5) problems.push(problem)
  }
  const server = await startRoomSandbox()
  const polls = new Agent({ keepAliveTimeout: 10_000 })
  const streams = new Agent({ bodyTimeout: 0, headersTimeout: 10_000 })
  const stop = new AbortController()
  // Every phone page's stream listens to it.
  setMaxListeners(attendees + 10, stop.signal)
  try {
    const started = Date.now()
    const first = await setUpAttendee(server, 0)
    await readInTurn(polls, server.url, first, WARMUP_READS, note)
    const baseline = figures(await readInTurn(polls, server.url, first, BASELINE_READS, note))

    const all = [first]
    for (let i = 1; i < attendees; i += SET_UP_AT_ONCE) {
      if (Date.now() - started > SET_UP_DEADLINE_MS)
        throw new Error(`Setting the room up took over ${SET_UP_DEADLINE_MS / 1000} s`)
      const size = Math.min(SET_UP_AT_ONCE, attendees - i)
      const batch = Array.from({ length: size }, (_, j) => i + j)
      all.push(...(await Promise.all(batch.map((index) => setUpAttendee(server, index)))))
    }
    const pages = await Promise.all(
      all.map((attendee) => holdPhonePage(streams, attendee.phoneUrl, stop.signal, note))
    )
    const setUpSeconds = (Date.now() - started) / 1000

    const samples = await Promise.all(
      all.map((attendee, index) =>
        pollEverySecond(polls, server.url, attendee, {
          offsetMs: Math.floor((index * 1000) / all.length),
          seconds,
          note,
        })
      )
    )
    const dropped = pages.filter((page) => page.closed()).length
    return {
      attendees,
      seconds,
      setUpSeconds,
      room: figures(samples.flat()),
      baseline,
      phonePages: { held: pages.length - dropped, dropped },
      problems,
    }
  } finally {
    stop.abort()
    await polls.close()
    await streams.destroy()
    server.stop()
  }
}

/**
 * The report's lines: the figures beside the baseline, as ratios, and any problems.
 *
 * @example
 * console.log(roomLoadReport(result).join('\n'))
 */
export function roomLoadReport(result: RoomLoadResult): string[] {
  const { room, baseline } = result
  const ms = (value: number) => `${value.toFixed(1)} ms`
  const ratio = (value: number, base: number) => (base > 0 ? (value / base).toFixed(2) : 'n/a')
  const lines = [
    `Room of ${result.attendees} attendees (set up in ${result.setUpSeconds.toFixed(1)} s), ` +
      `each polling its approval request once a second for ${result.seconds} s, ` +
      `${result.phonePages.held} phone pages holding their live updates ` +
      `(${result.phonePages.dropped} dropped):`,
    `  status read p50 ${ms(room.p50Ms).padStart(9)}   baseline ${ms(baseline.p50Ms).padStart(9)}` +
      `   ratio ${ratio(room.p50Ms, baseline.p50Ms)}`,
    `  status read p99 ${ms(room.p99Ms).padStart(9)}   baseline ${ms(baseline.p99Ms).padStart(9)}` +
      `   ratio ${ratio(room.p99Ms, baseline.p99Ms)}   (goal: p99 ≤ 50 ms)`,
    `  reads ${room.reads}, errors ${room.errors}   baseline: one application, one poller, ` +
      `${baseline.reads} reads one after another, errors ${baseline.errors}`,
  ]
  for (const problem of result.problems) lines.push(`  problem: ${problem}`)
  return lines
}

interface RoomServer {
  url: string
  code: string
  stop(): void
}

async function startRoomSandbox(): Promise<RoomServer> {
  const script = fileURLToPath(new URL('./serve-for-bench.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, 'room'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
  const { url, code } = JSON.parse(line) as { url: string; code: string }
  return { url, code, stop: () => child.kill() }
}

async function setUpAttendee(server: RoomServer, index: number): Promise<Attendee> {
  const room = createRoomClient(server.url)
  const joined = await room.join(server.code, `Attendee ${index + 1}`)
  const authy = createAuthyClient({ apiKey: joined.api_key, baseUrl: server.url })
  const email = `attendee${index + 1}@example.com`
  const { user } = await authy.registerUser({
    email,
    cellphone: `201555${String(1000 + index).padStart(4, '0')}`,
    countryCode: 1,
  })
  const { approval_request } = await authy.createApprovalRequest({
    authyId: user.id,
    message: 'Transfer money to bob@example.com',
    details: { From: email, To: 'bob@example.com', 'US Dollar Amount': '$10.00' },
    secondsToExpire: 0,
  })
  const phoneUrl = await room.forApp(joined.api_key).phoneUrl(user.id)
  return { apiKey: joined.api_key, uuid: approval_request.uuid, phoneUrl }
}

// One status read; its latency in ms, or null (noted) when it failed or was not pending.
async function readStatus(
  dispatcher: Dispatcher,
  url: string,
  attendee: Attendee,
  note: (problem: string) => void
): Promise<number | null> {
  const started = process.hrtime.bigint()
  try {
    const response = await request(`${url}/onetouch/json/approval_requests/${attendee.uuid}`, {
      headers: { 'x-authy-api-key': attendee.apiKey },
      dispatcher,
    })
    const text = await response.body.text()
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (response.statusCode !== 200 || !text.includes('"status":"pending"')) {
      note(`HTTP ${response.statusCode}: ${text.slice(0, 120)}`)
      return null
    }
    return ms
  } catch (error) {
    note(error instanceof Error ? error.message : String(error))
    return null
  }
}

async function readInTurn(
  dispatcher: Dispatcher,
  url: string,
  attendee: Attendee,
  count: number,
  note: (problem: string) => void
): Promise<(number | null)[]> {
  const samples: (number | null)[] = []
  for (let i = 0; i < count; i++) samples.push(await readStatus(dispatcher, url, attendee, note))
  return samples
}

async function pollEverySecond(
  dispatcher: Dispatcher,
  url: string,
  attendee: Attendee,
  plan: { offsetMs: number; seconds: number; note: (problem: string) => void }
): Promise<(number | null)[]> {
  const samples: (number | null)[] = []
  const start = Date.now() + plan.offsetMs
  for (let tick = 0; tick < plan.seconds; tick++) {
    const wait = start + tick * 1000 - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    samples.push(await readStatus(dispatcher, url, attendee, plan.note))
  }
  return samples
}

// Opens the phone page (installing the app, as a phone's first visit does), then its event stream,
// held until `signal` aborts. `closed()` says whether the stream ended or failed before that.
async function holdPhonePage(
  dispatcher: Dispatcher,
  phoneUrl: string,
  signal: AbortSignal,
  note: (problem: string) => void
): Promise<{ closed(): boolean }> {
  const page = await request(phoneUrl, { dispatcher })
  await page.body.dump()
  const events = await request(`${phoneUrl}/events`, { dispatcher, signal })
  let closed = false
  const close = (why: string) => {
    if (signal.aborted || closed) return
    closed = true
    note(`a phone page's live updates stopped: ${why}`)
  }
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${phoneUrl}/events sent nothing`)), 10_000)
    events.body.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('event: ready')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  events.body.on('end', () => close('the stream ended'))
  events.body.on('error', (error: Error) => close(error.message))
  await ready
  return { closed: () => closed }
}

function figures(samples: (number | null)[]): ReadFigures {
  const latencies = samples.filter((ms): ms is number => ms !== null).sort((a, b) => a - b)
  const at = (share: number) => {
    if (latencies.length === 0) return 0
    return latencies[Math.min(latencies.length - 1, Math.ceil(share * latencies.length) - 1)]!
  }
  return {
    reads: samples.length,
    errors: samples.length - latencies.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  }
}

function whole(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} must be a whole number from 1 to ${max} (it is ${value}).`)
  return value
}
