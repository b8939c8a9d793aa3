// `npm run bench`: each figure beside a baseline measured in the same run, reported as a ratio.
// Bounded: a fixed number of requests or operations per round, and a time cap on every round.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { computeCallbackSignature, toQuery } from '../../shared/authy/index.js'
import { roomLoadReport, runRoomLoad } from './room-load.js'

const ROUNDS = 3
// Rounds are timed: autocannon only stops on a count at its one-second ticks, which skews rates.
const ROUND_SECONDS = 5
const MAX_REQUESTS_PER_ROUND = 250_000
const WARMUP_SECONDS = 1
const CONCURRENCY = 32
const SIGNATURES_PER_ROUND = 20_000

interface Target {
  url: string
  path: string
  apiKey?: string
  headers?: Record<string, string>
}

async function startServer(
  kind: 'baseline' | 'sandbox' | 'verify' | 'verify-baseline',
  ...args: string[]
): Promise<{ child: ChildProcess; target: Target }> {
  const script = fileURLToPath(new URL('./serve-for-bench.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, kind, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
  return { child, target: JSON.parse(line) as Target }
}

// Loads the target for `seconds` with CONCURRENCY connections (and never more than
// MAX_REQUESTS_PER_ROUND requests); returns the requests per second. A non-2xx answer fails.
async function load(target: Target, seconds: number): Promise<number> {
  const started = process.hrtime.bigint()
  const result = await autocannon({
    url: `${target.url}${target.path}`,
    headers: { ...(target.apiKey ? { 'x-authy-api-key': target.apiKey } : {}), ...target.headers },
    connections: CONCURRENCY,
    duration: seconds,
    amount: MAX_REQUESTS_PER_ROUND,
  })
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${target.url}${target.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`
    )
  }
  return result.requests.total / elapsed
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function timeOps(count: number, op: () => void): number {
  const started = process.hrtime.bigint()
  for (let i = 0; i < count; i++) op()
  return count / (Number(process.hrtime.bigint() - started) / 1e9)
}

function row(
  name: string,
  figure: number,
  baselineName: string,
  baseline: number,
  unit: string
): string {
  const format = (value: number) => Math.round(value).toLocaleString('en-US')
  return `${name.padEnd(44)} ${format(figure).padStart(9)} ${unit}   ${baselineName.padEnd(34)} ${format(baseline).padStart(9)} ${unit}   ratio ${(figure / baseline).toFixed(2)}`
}

// The median rates of a server and its baseline, loaded in turns, after a warm-up.
async function rates(
  server: { target: Target },
  baseline: { target: Target }
): Promise<{ server: number; baseline: number }> {
  await load(baseline.target, WARMUP_SECONDS)
  await load(server.target, WARMUP_SECONDS)
  const baselineRates: number[] = []
  const serverRates: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    baselineRates.push(await load(baseline.target, ROUND_SECONDS))
    serverRates.push(await load(server.target, ROUND_SECONDS))
  }
  return { server: median(serverRates), baseline: median(baselineRates) }
}

async function benchPolling(): Promise<{ line: string; rate: number }> {
  const baseline = await startServer('baseline')
  const sandbox = await startServer('sandbox')
  try {
    const measured = await rates(sandbox, baseline)
    return {
      line: row(
        'sandbox: GET approval status (median)',
        measured.server,
        'bare Hono, same JSON (median)',
        measured.baseline,
        'req/s'
      ),
      rate: measured.server,
    }
  } finally {
    baseline.child.kill()
    sandbox.child.kill()
  }
}

// The Verify status read (a push challenge, Basic auth) beside a bare Hono answering its JSON.
async function benchVerifyPolling(): Promise<{ line: string; rate: number }> {
  const verify = await startServer('verify')
  let baseline: { child: ChildProcess; target: Target } | undefined
  try {
    const answer = await fetch(`${verify.target.url}${verify.target.path}`, {
      headers: verify.target.headers,
    })
    baseline = await startServer('verify-baseline', verify.target.path, await answer.text())
    const measured = await rates(verify, baseline)
    return {
      line: row(
        'sandbox: GET Verify challenge (median)',
        measured.server,
        'bare Hono, same JSON (median)',
        measured.baseline,
        'req/s'
      ),
      rate: measured.server,
    }
  } finally {
    verify.child.kill()
    baseline?.child.kill()
  }
}

function benchSignatures(): string {
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
  for (let round = 0; round < ROUNDS; round++) {
    hmacs.push(
      timeOps(SIGNATURES_PER_ROUND, () =>
        createHmac('sha256', apiKey).update(canonical).digest('base64')
      )
    )
    signed.push(timeOps(SIGNATURES_PER_ROUND, () => computeCallbackSignature(input)))
  }
  return row(
    'computeCallbackSignature (median)',
    median(signed),
    'HMAC-SHA256 of the same string (median)',
    median(hmacs),
    'op/s '
  )
}

// `--quick`: a smaller room (for a quick look); `--room`: the room section alone.
const quick = process.argv.includes('--quick')
const roomOnly = process.argv.includes('--room')
const ROOM = quick ? { attendees: 50, seconds: 5 } : { attendees: 300, seconds: 20 }

console.log(
  `Benchmarks on Node ${process.version}: ${ROUNDS} rounds each, medians; ratio = figure / baseline.`
)
if (!roomOnly) {
  console.log(
    `Load: ${ROUND_SECONDS} s a round (at most ${MAX_REQUESTS_PER_ROUND.toLocaleString('en-US')} requests), ${CONCURRENCY} connections.\n`
  )
  const authy = await benchPolling()
  console.log(authy.line)
  const verify = await benchVerifyPolling()
  console.log(verify.line)
  console.log(
    row('sandbox: GET Verify challenge (median)', verify.rate, 'GET approval status (median)', authy.rate, 'req/s')
  )
  console.log(benchSignatures())
  console.log('')
}
console.log(roomLoadReport(await runRoomLoad(ROOM)).join('\n'))
