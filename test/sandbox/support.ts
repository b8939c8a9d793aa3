// Shared helpers for the sandbox tests: a sandbox on a loopback port, raw HTTP, a callback receiver.
import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net'
import { request } from 'undici'
import { afterAll, beforeAll } from 'vitest'
import {
  createRoomClient,
  createSandboxControl,
  SANDBOX_ACCOUNT_SID,
  startSandbox,
  type JoinedApp,
  type RunningSandbox,
  type SandboxControl,
} from '../../shared/sandbox/index.js'
import type { SandboxOptions } from '../../shared/sandbox/start-sandbox.js'
import { createTwilioClient, type TwilioClient } from '../../shared/twilio/client.js'

export const TEST_KEY = 'test-key-6f1d2a9b8c7e'

/**
 * A data file of version 1 (one application), as the sandbox wrote it before rooms, parsed: two
 * users (100001 with the app, 100002 without), four approval requests (pending, approved, denied,
 * expired), inboxes with an SMS token and a Twilio text, a phone verification, a disabled GET
 * callback, calls switched off. Written by the sandbox of commit 153d92d (its key:
 * `fixture-key-0123456789`), the callback's failures then set by hand.
 *
 * @example
 * writeFileSync(dataFile, JSON.stringify(sandboxV1Fixture()))
 */
export function sandboxV1Fixture(): any {
  return JSON.parse(readFileSync(new URL('../fixtures/sandbox-v1.json', import.meta.url), 'utf8'))
}

/** The Twilio account of test sandboxes started with `twilio: TEST_TWILIO`. */
export const TEST_TWILIO = {
  accountSid: SANDBOX_ACCOUNT_SID,
  authToken: 'test-twilio-token-4b7e1c9a0d',
}

/** Where the test account's resources live on the Twilio API. */
export const ACCOUNT_PATH = `/2010-04-01/Accounts/${SANDBOX_ACCOUNT_SID}`

/** A raw answer: status, headers, the exact body text and its JSON (if it is JSON). */
export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: any
}

/** A running sandbox for one test file, with its log lines and a control client. */
export interface TestSandbox {
  sandbox: RunningSandbox
  control: SandboxControl
  logs: string[]
  /** An Authy API call with the key in the header (unless `headers` overrides it). */
  api(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string }
  ): Promise<RawAnswer>
  /** Any HTTP request to the sandbox, nothing added. */
  raw(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string }
  ): Promise<RawAnswer>
  /**
   * A request to the Twilio API (`path` from its root), with the test account's Basic auth unless
   * `headers` overrides it, and `form` sent url-encoded (a list repeats the field).
   */
  twilioApi(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; form?: Record<string, string | string[]> }
  ): Promise<RawAnswer>
}

/**
 * Starts a sandbox (in memory, port 0) before the tests of a file and closes it after them.
 *
 * @example
 * const t = useSandbox()
 * it('...', async () => { await t().api('GET', '/protected/json/app/details') })
 */
export function useSandbox(options: Partial<SandboxOptions> = {}): () => TestSandbox {
  let current: TestSandbox | undefined
  beforeAll(async () => {
    current = await startTestSandbox(options)
  })
  afterAll(async () => {
    await current?.sandbox.close()
  })
  return () => {
    if (!current) throw new Error('The sandbox did not start')
    return current
  }
}

/**
 * Starts a sandbox on 127.0.0.1 port 0 with a test key and a captured log.
 *
 * @example
 * const t = await startTestSandbox({ dataFile })
 */
export async function startTestSandbox(
  options: Partial<SandboxOptions> = {}
): Promise<TestSandbox> {
  const logs: string[] = []
  const sandbox = await startSandbox({
    apiKey: TEST_KEY,
    log: (line) => logs.push(line),
    ...options,
  })
  const raw: TestSandbox['raw'] = (method, path, init = {}) =>
    send(method, `${sandbox.url}${path}`, init)
  const twilioApi: TestSandbox['twilioApi'] = (method, path, init = {}) => {
    if (!sandbox.twilioUrl) throw new Error('This test sandbox was started without twilio')
    const form = new URLSearchParams()
    for (const [name, value] of Object.entries(init.form ?? {}))
      for (const one of [value].flat()) form.append(name, one)
    const { accountSid, authToken } = options.twilio ?? TEST_TWILIO
    return send(method, `${sandbox.twilioUrl}${path}`, {
      headers: {
        authorization: basicAuth(accountSid, authToken),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      body: init.form ? form.toString() : undefined,
    })
  }
  return {
    sandbox,
    twilioApi,
    logs,
    control: createSandboxControl({ url: sandbox.url, apiKey: sandbox.apiKey }),
    raw,
    api: (method, path, init = {}) =>
      raw(method, path, {
        ...init,
        headers: { 'x-authy-api-key': sandbox.apiKey, ...init.headers },
      }),
  }
}

/**
 * One HTTP request with undici (which, unlike fetch, can send a body with GET).
 *
 * @example
 * await send('GET', url, { headers: { 'content-type': 'application/json' }, body: '{}' })
 */
export async function send(
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string } = {}
): Promise<RawAnswer> {
  const response = await request(url, {
    method: method as 'GET',
    headers: init.headers,
    body: init.body,
  })
  const text = await response.body.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.statusCode, headers: response.headers, text, json }
}

/**
 * An HTTP Basic `Authorization` header value.
 *
 * @example
 * basicAuth('AC…', 'token') // 'Basic QUPigKY6dG9rZW4='
 */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}

/**
 * The official twilio client (unchanged, through shared/twilio/client.ts) pointed at a test
 * sandbox's Twilio API, with the test account's credentials unless others are given.
 *
 * @example
 * const client = twilioClientOf(t())
 * await client.messages.create({ to: '+12015550123', from: '+15005550006', body: 'Hi' })
 */
export function twilioClientOf(
  t: TestSandbox,
  credentials: Partial<Parameters<typeof createTwilioClient>[0]> = {}
): TwilioClient {
  return createTwilioClient({
    ...TEST_TWILIO,
    hosts: { api: t.sandbox.twilioUrl },
    ...credentials,
  })
}

/**
 * The room of test sandboxes started with `room: TEST_ROOM`: joins are limited only where a test
 * says so (every test joins from 127.0.0.1).
 */
export const TEST_ROOM = { code: 'TESTROOM42', joinsPerMinute: 10_000 }

/**
 * Joins a test sandbox's room (real HTTP, the room client) and returns the joined application's
 * credentials with a view of the sandbox that calls the Authy API with its key: `registerUser`,
 * `createApproval` and `api` then act as that application.
 *
 * @example
 * const ada = await joinAs(t(), 'Ada')
 * const { id } = await registerUser(ada.t)
 */
export async function joinAs(
  t: TestSandbox,
  name: string,
  code = TEST_ROOM.code
): Promise<JoinedApp & { t: TestSandbox }> {
  const joined = await createRoomClient(t.sandbox.url).join(code, name)
  return { ...joined, t: withKey(t, joined.api_key) }
}

/**
 * Two applications joined in a test sandbox's room, and one phone both registered: the same
 * Authy id for both. `user.withApp` installs the Authy app on it.
 *
 * @example
 * const { ada, bob, phone, id } = await twoAppsOnOnePhone(t(), ['Ada', 'Bob'])
 */
export async function twoAppsOnOnePhone(
  t: TestSandbox,
  names: [string, string],
  user: { withApp?: boolean } = {}
) {
  const ada = await joinAs(t, names[0])
  const bob = await joinAs(t, names[1])
  const phone = nextPhone()
  const { id } = await registerUser(ada.t, { phone, ...user })
  await registerUser(bob.t, { phone })
  return { ada, bob, phone, id }
}

/**
 * The same test sandbox, its `api` sending another API key (an application's).
 *
 * @example
 * await withKey(t(), ada.api_key).api('GET', '/protected/json/app/details')
 */
export function withKey(t: TestSandbox, apiKey: string): TestSandbox {
  return {
    ...t,
    api: (method, path, init = {}) =>
      t.raw(method, path, { ...init, headers: { 'x-authy-api-key': apiKey, ...init.headers } }),
  }
}

let phoneCounter = 0

/**
 * A fresh valid US test number per call (libphonenumber accepts 201-555-01xx… ranges).
 *
 * @example
 * const phone = nextPhone() // '2015550101'
 */
export function nextPhone(): string {
  phoneCounter += 1
  return `20155501${String(phoneCounter).padStart(2, '0')}`
}

/**
 * Registers a user through the real API (JSON) and returns the id and phone. A new number has no
 * Authy app; `withApp: true` then installs it through the control API (as opening the phone page
 * would).
 *
 * @example
 * const { id, phone } = await registerUser(t(), { withApp: true })
 */
export async function registerUser(
  t: TestSandbox,
  user: { email?: string; phone?: string; countryCode?: string; withApp?: boolean } = {}
): Promise<{ id: number; phone: string; countryCode: string; email: string }> {
  const phone = user.phone ?? nextPhone()
  const countryCode = user.countryCode ?? '1'
  const email = user.email ?? `user${phone.replace(/\D/g, '')}@example.com`
  const answer = await t.api('POST', '/protected/json/users/new', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: { email, cellphone: phone, country_code: countryCode } }),
  })
  if (answer.status !== 200) throw new Error(`register failed: ${answer.text}`)
  if (user.withApp) await t.control.setDevice(answer.json.user.id, true)
  return { id: answer.json.user.id, phone, countryCode, email }
}

/**
 * Creates an approval request through the real API (JSON) and returns its uuid.
 *
 * @example
 * const uuid = await createApproval(t(), id, { message: 'Hi', seconds_to_expire: 600 })
 */
export async function createApproval(
  t: TestSandbox,
  authyId: number,
  body: Record<string, unknown>
): Promise<string> {
  const answer = await t.api('POST', `/onetouch/json/users/${authyId}/approval_requests`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (answer.status !== 200) throw new Error(`approval request failed: ${answer.text}`)
  return answer.json.approval_request.uuid
}

/** A request the receiver got. */
export interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** A small HTTP server that records callbacks and answers as told. */
export interface Receiver {
  url: string
  received: Received[]
  /** What to answer: status (default 200) and an optional delay. */
  answer: { status: number; delayMs: number }
  /** Resolves with the next request (or the n-th overall). */
  waitFor(count: number): Promise<Received[]>
  close(): Promise<void>
}

/**
 * Starts a callback receiver on 127.0.0.1 port 0.
 *
 * @example
 * const receiver = await startReceiver()
 * await control.setCallback(`${receiver.url}/authy/callback`, 'POST')
 */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = []
  const waiters: { count: number; resolve: (r: Received[]) => void }[] = []
  const answer = { status: 200, delayMs: 0 }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      for (const waiter of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(received)
      }
      setTimeout(() => {
        res.statusCode = answer.status
        res.end('OK')
      }, answer.delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve(received)
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Waits until `check` returns a truthy value, polling every 25 ms (for effects that happen in the
 * background, like a callback sent after a phone page redirect).
 *
 * @example
 * await eventually(() => receiver.received.length === 1)
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error('The condition did not become true in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * Takes a free loopback port and holds it (to make a server's start fail).
 *
 * @example
 * const busy = await occupyPort()
 * busy.close()
 */
export function occupyPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createTcpServer()
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

/**
 * The port a server listens on.
 *
 * @example
 * portOf(await occupyPort()) // 41237
 */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port
}

/**
 * A loopback port that was free a moment ago.
 *
 * @example
 * await startSandbox({ apiKey, port: await freePort() })
 */
export async function freePort(): Promise<number> {
  const server = await occupyPort()
  const port = portOf(server)
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Whether a loopback port can be listened on right now (a closed server freed it).
 *
 * @example
 * expect(await isPortFree(sandbox.port)).toBe(true)
 */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createTcpServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}
