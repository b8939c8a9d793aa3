// A server for the benchmark, in its own process so it does not share a thread with the load:
// `baseline` is a bare Hono app answering a fixed approval status; `bare-http` a bare node:http
// server answering the bytes it is given (base64); `sandbox` is the real sandbox holding one
// pending approval request; `verify` is the sandbox's Verify API holding one pending push
// challenge; `verify-baseline <path> <json>` a bare Hono app answering that JSON at that path;
// `room` is a room sandbox (data file in a fresh temporary folder, removed at exit) that
// attendees join; `bank <data dir> [polling]` is the finished bank on that folder (`polling`: no
// callback reaches it). Prints one JSON line with the URL and what to load.
// Started with an IPC channel and --expose-gc, it answers the message `rss` (rss-probe.ts).
import { createServer } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import { createAuthyClient } from '../../shared/authy/index.js'
import { startBank } from '../../shared/bank/process/start-bank.js'
import { listen } from '../../shared/runtime/serve.js'
import {
  createSandboxControl,
  SANDBOX_ACCOUNT_SID,
  startSandbox,
} from '../../shared/sandbox/index.js'
import type { Steps } from '../../shared/steps/contracts.js'
import { createTwilioClient } from '../../shared/twilio/client.js'
import { registerUser } from '../../solution/steps/1-register-user.js'
import { sendApprovalRequest } from '../../solution/steps/2-send-approval-request.js'
import { waitForApproval } from '../../solution/steps/3-wait-for-approval.js'
import { receiveCallback } from '../../solution/steps/4-receive-callback.js'
import { sendSmsCode } from '../../solution/steps/5-send-sms-code.js'
import { confirmPhone } from '../../solution/steps/6-confirm-phone.js'
import { startSignIn } from '../../solution/steps/7-start-sign-in.js'
import { checkSignInCode } from '../../solution/steps/8-check-sign-in-code.js'
import './rss-probe.js'

const API_KEY = 'bench-key-0123456789abcdef012345'
const kind = process.argv[2]
process.on('SIGTERM', () => process.exit(0))

if (kind === 'baseline') {
  const body = {
    approval_request: { uuid: 'b6f2c3a0-0000-0134-0000-000000000000', status: 'pending' },
    success: true,
  }
  const app = new Hono().get('/onetouch/json/approval_requests/:uuid', (c) => c.json(body))
  const server = await listen({
    fetch: app.fetch,
    port: 0,
    host: '127.0.0.1',
    name: 'the baseline',
    portVariable: 'PORT',
  })
  console.log(
    JSON.stringify({
      url: server.url,
      path: `/onetouch/json/approval_requests/${body.approval_request.uuid}`,
    })
  )
} else if (kind === 'bare-http') {
  const body = Buffer.from(process.argv[3] ?? '', 'base64')
  const headers = { 'content-type': process.argv[4] ?? 'text/plain', 'content-length': body.length }
  const server = createServer((_, response) => {
    response.writeHead(200, headers)
    response.end(body)
  })
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number }
    console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, path: '/' }))
  })
} else if (kind === 'bank') {
  const dataDir = process.argv[3]!
  const polling = process.argv[4] === 'polling'
  const steps: Steps = {
    registerUser,
    sendApprovalRequest,
    waitForApproval,
    // Polling alone: step 4 refuses every callback, so none is ever confirmed.
    receiveCallback: polling ? async () => ({ accepted: false, reason: 'polling' }) : receiveCallback,
    sendSmsCode,
    confirmPhone,
    startSignIn,
    checkSignInCode,
  }
  const bank = await startBank({
    variant: 'solution',
    rootDir: fileURLToPath(new URL('../../', import.meta.url)),
    steps,
    env: {
      PORT: '0',
      SANDBOX_PORT: '0',
      SANDBOX_TWILIO_PORT: '0',
      SANDBOX_VERIFY_PORT: '0',
      DATA_DIR: dataDir,
    },
    log: process.env.BENCH_LOG
      ? (line) => console.error(`${(performance.timeOrigin + performance.now()).toFixed(1)} ${line}`)
      : () => {},
  })
  // Nothing then calls back at all: the sandbox is told to stop.
  if (polling) await bank.sandbox!.control.setCallback(null, 'POST')
  process.removeAllListeners('SIGTERM')
  process.on('SIGTERM', () => void bank.close().then(() => process.exit(0)))
  console.log(
    JSON.stringify({
      url: bank.url,
      sandboxUrl: bank.sandbox!.url,
      sandboxKey: bank.sandbox!.apiKey,
      callbacksConfirmed: bank.callbacks.confirmed,
    })
  )
} else if (kind === 'sandbox') {
  const sandbox = await startSandbox({ apiKey: API_KEY, log: () => {} })
  const authy = createAuthyClient({ apiKey: API_KEY, baseUrl: sandbox.url })
  const { user } = await authy.registerUser({
    email: 'bench@example.com',
    cellphone: '555-010-0000',
    countryCode: 1,
  })
  const { approval_request } = await authy.createApprovalRequest({
    authyId: user.id,
    message: 'Transfer money to bob@example.com',
    details: {
      From: 'bench@example.com',
      To: 'bob@example.com',
      'Account Number': '12345678',
      'US Dollar Amount': '$10.00',
    },
    secondsToExpire: 0,
  })
  console.log(
    JSON.stringify({
      url: sandbox.url,
      path: `/onetouch/json/approval_requests/${approval_request.uuid}`,
      apiKey: API_KEY,
    })
  )
} else if (kind === 'room') {
  const dir = mkdtempSync(join(tmpdir(), 'bench-room-'))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  process.on('SIGTERM', () => process.exit(0))
  const code = 'BENCH42'
  // Every simulated attendee joins from 127.0.0.1: the limit per address is lifted.
  const room = { code, joinsPerMinute: 100_000 }
  const sandbox = await startSandbox({
    apiKey: API_KEY,
    dataFile: join(dir, 'sandbox.json'),
    room,
    log: () => {},
  })
  console.log(JSON.stringify({ url: sandbox.url, code }))
} else if (kind === 'verify') {
  const verifyAccount = { accountSid: SANDBOX_ACCOUNT_SID, authToken: 'bench-verify-token-0123456789' }
  const sandbox = await startSandbox({ apiKey: API_KEY, log: () => {}, verify: verifyAccount })
  const client = createTwilioClient({ ...verifyAccount, hosts: { verify: sandbox.verifyUrl } })
  const service = await client.verify.v2.services.create({ friendlyName: 'OneTouch Bank' })
  const identity = 'bench-user-0000000000000000'
  const control = createSandboxControl({ url: sandbox.url, apiKey: API_KEY })
  const factor = await control.verify.addPushFactor(identity, {
    country_code: 1,
    phone_number: '555-010-0000',
  })
  const challenge = await client.verify.v2.services(service.sid).entities(identity).challenges.create({
    factorSid: factor.sid,
    'details.message': 'Transfer money to bob@example.com',
    'details.fields': [
      { label: 'From', value: 'bench@example.com' },
      { label: 'To', value: 'bob@example.com' },
      { label: 'Account Number', value: '12345678' },
      { label: 'US Dollar Amount', value: '$10.00' },
    ],
    expirationDate: new Date(Date.now() + 60 * 60_000),
  })
  const auth = Buffer.from(`${verifyAccount.accountSid}:${verifyAccount.authToken}`).toString('base64')
  console.log(
    JSON.stringify({
      url: sandbox.verifyUrl,
      path: `/v2/Services/${service.sid}/Entities/${identity}/Challenges/${challenge.sid}`,
      headers: { authorization: `Basic ${auth}` },
    })
  )
} else if (kind === 'verify-baseline') {
  const [path, body] = process.argv.slice(3) as [string, string]
  const app = new Hono().get(path, (c) => c.json(JSON.parse(body)))
  const server = await listen({
    fetch: app.fetch,
    port: 0,
    host: '127.0.0.1',
    name: 'the baseline',
    portVariable: 'PORT',
  })
  console.log(JSON.stringify({ url: server.url, path }))
} else {
  console.error(
    'Usage: serve-for-bench.ts baseline | bare-http <base64> <type> | sandbox | room | ' +
      'verify | verify-baseline <path> <json> | bank <dir> [polling]'
  )
  process.exit(2)
}
