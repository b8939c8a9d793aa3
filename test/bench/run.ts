// `npm run bench`: each figure beside a baseline measured in the same run, reported as a ratio.
// Bounded: a fixed number of requests, transfers or operations per section, and a time cap on
// every load round. `--quick` runs a small version of each section (well under a minute);
// `--room` the room section alone; `--only <section>` one section (status-calls, page, store,
// sandbox, verify, signatures, start, memory, room). BENCH_LOG=1 prints, for the approve → page
// section, the bank's log with the time of each line and each approval's moments (tap, sent,
// shown); BENCH_MEMORY_DETAIL=1, for the memory section, V8's and Linux's split of memory.
import { createHmac } from 'node:crypto'
import os from 'node:os'
import { computeCallbackSignature, toQuery } from '../../shared/authy/index.js'
import { benchColdStart, benchMemory } from './app-figures.js'
import { benchApproveToPage } from './approve-to-page.js'
import { startBenchServer, type BenchServer } from './bench-process.js'
import { onClientCore, PINNING } from './cpu-pinning.js'
import { loadSideBySide, type LoadPlan, type Target } from './http-load.js'
import { roomLoadReport, runRoomLoad } from './room-load.js'
import { benchStatusCalls } from './status-calls.js'
import { benchStoreWrites, median } from './store-writes.js'

const quick = process.argv.includes('--quick')
const only = process.argv.includes('--room')
  ? 'room'
  : process.argv[process.argv.indexOf('--only') + 1]
const runs = (section: string) =>
  process.argv.includes('--only') || process.argv.includes('--room') ? section === only : true

const PLAN = quick
  ? {
      rounds: 1,
      roundSeconds: 1,
      statusCalls: { transfers: 5, approveAfterMs: 3000 },
      page: { storedTransfers: 5_000, approvals: 10 },
      store: { sizes: [1_000, 10_000], writes: 200 },
      coldStarts: 1,
      memoryTransfers: 100,
      room: { attendees: 50, seconds: 3 },
    }
  : {
      rounds: 3,
      roundSeconds: 5,
      statusCalls: { transfers: 20, approveAfterMs: 3000 },
      page: { storedTransfers: 50_000, approvals: 100 },
      store: { sizes: [1_000, 10_000, 50_000], writes: 1_000 },
      coldStarts: 5,
      memoryTransfers: 1_000,
      room: { attendees: 300, seconds: 20 },
    }
const SIGNATURES_PER_ROUND = 20_000
const ON_SERVER_CORE = { serverCore: true }
const LOAD: LoadPlan = {
  connections: 50,
  rounds: PLAN.rounds,
  roundSeconds: PLAN.roundSeconds,
}

function timeOps(count: number, op: () => void): number {
  const started = process.hrtime.bigint()
  for (let i = 0; i < count; i++) op()
  return count / (Number(process.hrtime.bigint() - started) / 1e9)
}

function format(value: number, unit: string): string {
  const digits = value < 10 && unit !== 'req/s' && unit !== 'op/s' ? 1 : 0
  const number = value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
  return `${number} ${unit}`.padStart(15)
}

/** One figure, its baseline from the same run, and their ratio. */
function row(
  name: string,
  figure: number,
  baselineName: string,
  baseline: number,
  unit: string
): string {
  return `${name.padEnd(50)} ${format(figure, unit)}   ${baselineName.padEnd(40)} ${format(baseline, unit)}   ratio ${(figure / baseline).toFixed(2)}`
}

const MB = 1024 * 1024

async function withServers<T>(
  servers: Array<Promise<BenchServer<Target>>>,
  use: (targets: Target[]) => Promise<T>
): Promise<T> {
  const started = await Promise.all(servers)
  try {
    return await use(started.map((server) => server.info))
  } finally {
    await Promise.all(started.map((server) => server.stop()))
  }
}

// The sandbox's status read beside a bare node:http server answering the same bytes, and beside
// bare Hono answering the same JSON.
async function benchStatusRead(): Promise<string[]> {
  return withServers([startBenchServer<Target>(['sandbox'], ON_SERVER_CORE)], async ([sandbox]) => {
    const answer = await fetch(`${sandbox!.url}${sandbox!.path}`, {
      headers: { 'x-authy-api-key': sandbox!.apiKey! },
    })
    const bytes = Buffer.from(await answer.arrayBuffer()).toString('base64')
    const type = answer.headers.get('content-type') ?? 'application/json'
    return withServers(
      [
        startBenchServer<Target>(['bare-http', bytes, type], ON_SERVER_CORE),
        startBenchServer<Target>(['baseline'], ON_SERVER_CORE),
      ],
      async ([bare, hono]) => {
        const measured = await onClientCore(() => loadSideBySide(sandbox!, bare!, LOAD))
        const honoMeasured = await onClientCore(() => loadSideBySide(hono!, bare!, LOAD))
        const name = 'sandbox: GET approval status'
        return [
          row(`${name} (median)`, measured.server.rate, 'bare node:http, same bytes', measured.baseline.rate, 'req/s'),
          row(`${name} p99`, measured.server.p99Ms, 'bare node:http, same bytes, p99', measured.baseline.p99Ms, 'ms'),
          row('bare Hono, same JSON (median)', honoMeasured.server.rate, 'bare node:http, same bytes', honoMeasured.baseline.rate, 'req/s'),
        ]
      }
    )
  })
}

// The Verify status read (a push challenge, Basic auth) beside a bare Hono answering its JSON.
async function benchVerifyRead(): Promise<string[]> {
  return withServers([startBenchServer<Target>(['verify'], ON_SERVER_CORE)], async ([verify]) => {
    const answer = await fetch(`${verify!.url}${verify!.path}`, { headers: verify!.headers })
    return withServers(
      [startBenchServer<Target>(['verify-baseline', verify!.path, await answer.text()], ON_SERVER_CORE)],
      async ([baseline]) => {
        const measured = await onClientCore(() => loadSideBySide(verify!, baseline!, LOAD))
        return [
          row('sandbox: GET Verify challenge (median)', measured.server.rate, 'bare Hono, same JSON', measured.baseline.rate, 'req/s'),
        ]
      }
    )
  })
}

function benchSignatures(): string[] {
  const apiKey = 'bench-key-0123456789abcdef012345'
  const params = {
    authy_id: 1234567,
    callback_action: 'approval_request_status',
    device_uuid: 2102943,
    status: 'approved',
    uuid: 'b6f2c3a0-0000-0134-0000-000000000000',
    approval_request: {
      expiration_timestamp: 1_700_000_600,
      logos: null,
      app_id: '5833393871fc61111c76d84f',
      transaction: {
        created_at_time: 1_700_000_000,
        message: 'Transfer money to bob@example.com',
        status: 'approved',
        details: {
          From: 'ada@example.com',
          To: 'bob@example.com',
          'Account Number': '12345678',
          'US Dollar Amount': '$10.00',
        },
        hidden_details: null,
        reason: '',
        requester_details: null,
        uuid: 'b6f2c3a0-0000-0134-0000-000000000000',
      },
    },
  }
  const input = {
    apiKey,
    nonce: '1700000001',
    method: 'POST',
    url: 'http://127.0.0.1:4000/authy/callback',
    params,
  }
  const canonical = `${input.nonce}|POST|${input.url}|${toQuery(params)}`
  const signed: number[] = []
  const hmacs: number[] = []
  for (let round = 0; round < PLAN.rounds; round++) {
    hmacs.push(
      timeOps(SIGNATURES_PER_ROUND, () =>
        createHmac('sha256', apiKey).update(canonical).digest('base64')
      )
    )
    signed.push(timeOps(SIGNATURES_PER_ROUND, () => computeCallbackSignature(input)))
  }
  return [
    row('computeCallbackSignature (median)', median(signed), 'HMAC-SHA256 of the same string', median(hmacs), 'op/s'),
  ]
}

async function benchCalls(): Promise<string[]> {
  const { callbacks, pollingAlone, approveAfterMs } = await benchStatusCalls(PLAN.statusCalls)
  const what = `${callbacks.transfers} transfers approved after ${approveAfterMs / 1000} s`
  return [
    `Status calls per approved transfer (${what}):`,
    row('  with callbacks: average', callbacks.average, 'polling alone: average', pollingAlone.average, 'calls'),
    row('  with callbacks: most for one transfer', callbacks.max, 'polling alone: most for one', pollingAlone.max, 'calls'),
  ]
}

async function benchPage(): Promise<string[]> {
  const result = await benchApproveToPage(PLAN.page)
  if (typeof result === 'string') return [result]
  const { full, empty } = result
  const stored = full.storedTransfers.toLocaleString('en-US')
  return [
    `Approve → page in Chromium, ${full.samples} approvals each (the approval sent → the page shows it):`,
    row(`  ${stored} transfers stored: p50`, full.p50Ms, 'an empty bank: p50', empty.p50Ms, 'ms'),
    row(`  ${stored} transfers stored: p99`, full.p99Ms, 'an empty bank: p99', empty.p99Ms, 'ms'),
    row(`  from the tap on Approve, ${stored} stored: p50`, full.tapP50Ms, 'an empty bank: p50', empty.tapP50Ms, 'ms'),
    row(`  from the tap on Approve, ${stored} stored: p99`, full.tapP99Ms, 'an empty bank: p99', empty.tapP99Ms, 'ms'),
  ]
}

async function benchStore(): Promise<string[]> {
  const figures = await benchStoreWrites(PLAN.store)
  const smallest = figures[0]!
  const lines = [`A store write (a transfer stored or decided, on disk), ${PLAN.store.writes} at each size:`]
  for (const size of figures) {
    const stored = size.transfers.toLocaleString('en-US')
    lines.push(
      row(`  ${stored} transfers: one write (median)`, size.writeMs, `${smallest.transfers.toLocaleString('en-US')} transfers: one write`, smallest.writeMs, 'ms'),
      row(`  ${stored} transfers: one write (median)`, size.writeMs, 'the whole bank as one file (before)', size.wholeFileMs, 'ms'),
      `  ${stored} transfers: opening the bank ${size.openMs.toFixed(0)} ms; splitting a version 2 bank.json, once, ${size.splitMs.toFixed(0)} ms`
    )
  }
  return lines
}

async function benchStart(): Promise<string[]> {
  const { bankMs, bareMs, runs } = await benchColdStart({ runs: PLAN.coldStarts })
  return [
    row(`Cold start to the first page (median of ${runs})`, bankMs, 'a bare tsx node:http server', bareMs, 'ms'),
  ]
}

async function benchRss(): Promise<string[]> {
  const memory = await benchMemory({ transfers: PLAN.memoryTransfers })
  return [
    'Resident memory, each after forced full collections:',
    row('  the app idle (npm start)', memory.bankIdle / MB, 'a bare tsx node:http server idle', memory.bareIdle / MB, 'MB'),
    row(`  the app after ${memory.transfers.toLocaleString('en-US')} approved transfers`, memory.bankAfter / MB, 'the app idle', memory.bankIdle / MB, 'MB'),
  ]
}

const SECTIONS: Array<[string, () => Promise<string[]> | string[]]> = [
  ['status-calls', benchCalls],
  ['page', benchPage],
  ['store', benchStore],
  ['sandbox', benchStatusRead],
  ['verify', benchVerifyRead],
  ['signatures', benchSignatures],
  ['start', benchStart],
  ['memory', benchRss],
  ['room', async () => roomLoadReport(await runRoomLoad(PLAN.room))],
]

const began = performance.now()
console.log(
  `Benchmarks${quick ? ' (--quick)' : ''} on Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}: ` +
    `medians; ratio = figure / baseline.\n` +
    `Load: autocannon, ${LOAD.rounds} round(s) of ${LOAD.roundSeconds} s, ${LOAD.connections} connections, ` +
    `${PINNING ? 'the load on core 0 and the server on core 1' : 'not pinned to cores (no taskset)'}.\n`
)
for (const [name, section] of SECTIONS) {
  if (!runs(name)) continue
  const started = performance.now()
  const lines = await section()
  console.log(`${lines.join('\n')}\n  (${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
}
console.log(`Done in ${((performance.now() - began) / 1000).toFixed(0)} s.`)
