import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseRailsParams, toQuery } from '../../shared/authy/rails-params.js'
import { verifyCallbackSignature } from '../../shared/authy/signature.js'
import { deliverCallback } from '../../shared/sandbox/domain/callback-delivery.js'
import type { CallbackDeps } from '../../shared/sandbox/domain/callback-delivery.js'
import { pingPayload } from '../../shared/sandbox/domain/callback-payload.js'
import { createCallbackState } from '../../shared/sandbox/domain/callback-state.js'
import { createChangeEvents } from '../../shared/sandbox/domain/change-events.js'
import { emptySandboxData } from '../../shared/sandbox/domain/store-schema.js'
import {
  createApproval,
  registerUser,
  startReceiver,
  startTestSandbox,
  TEST_KEY,
  useSandbox,
  type Receiver,
  type Received,
} from './support.js'

const DEVICE_KEYS = [
  'city',
  'country',
  'ip',
  'region',
  'registration_city',
  'registration_country',
  'registration_ip',
  'registration_method',
  'registration_region',
  'os_type',
  'last_account_recovery_at',
  'id',
  'registration_date',
  'last_sync_date',
]

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value]
  if (Array.isArray(value)) return value.flatMap(numbersIn)
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn)
  return []
}

function header(received: Received, name: string): string {
  return String(received.headers[name])
}

describe('the sandbox OneTouch callbacks', () => {
  const t = useSandbox()
  let receiver: Receiver
  beforeAll(async () => {
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await receiver.close()
  })

  it('POSTs a signed 2017-shaped callback when a request is approved', async () => {
    await t().control.setCallback(`${receiver.url}/authy/callback`, 'POST')
    const { id } = await registerUser(t())
    const details = {
      From: 'alice@example.com',
      To: 'bob@example.com',
      'Account Number': '12345',
      'US Dollar Amount': '$ 10',
    }
    const uuid = await createApproval(t(), id, {
      message: 'Transfer Money to bob@example.com',
      details,
      seconds_to_expire: 600,
    })
    const before = receiver.received.length
    await t().control.approve(uuid)
    const [callback] = (await receiver.waitFor(before + 1)).slice(before)

    expect(callback.method).toBe('POST')
    expect(callback.url).toBe('/authy/callback')
    expect(header(callback, 'content-type')).toBe('application/json')
    expect(callback.body).not.toMatch(/": /)
    const body = JSON.parse(callback.body)
    const nonce = header(callback, 'x-authy-signature-nonce')
    expect(nonce).toMatch(/^\d{10}$/)
    expect(Math.abs(Number(nonce) - Date.now() / 1000)).toBeLessThan(10)
    expect(
      verifyCallbackSignature({
        apiKey: TEST_KEY,
        nonce,
        method: 'POST',
        url: `${receiver.url}/authy/callback`,
        params: body,
        signature: header(callback, 'x-authy-signature'),
      })
    ).toBe(true)
    expect(
      verifyCallbackSignature({
        apiKey: 'another-key',
        nonce,
        method: 'POST',
        url: `${receiver.url}/authy/callback`,
        params: body,
        signature: header(callback, 'x-authy-signature'),
      })
    ).toBe(false)

    expect(Object.keys(body)).toEqual([
      'authy_id',
      'device_uuid',
      'callback_action',
      'uuid',
      'status',
      'approval_request',
      'signature',
      'device',
    ])
    expect(body).toMatchObject({
      authy_id: id,
      callback_action: 'approval_request_status',
      uuid,
      status: 'approved',
    })
    expect(Buffer.from(body.signature, 'base64')).toHaveLength(256)
    expect(body.device_uuid).toBe(body.device.id)
    expect(Object.keys(body.device)).toEqual(DEVICE_KEYS)
    const { transaction } = body.approval_request
    expect(transaction).toMatchObject({
      details,
      hidden_details: null,
      message: 'Transfer Money to bob@example.com',
      status: 'approved',
      uuid,
      encrypted: false,
      flagged: false,
      reason: '',
      device_geolocation: '',
      device_details: {},
      requester_details: null,
    })
    expect(body.approval_request.expiration_timestamp).toBe(transaction.created_at_time + 600)
    expect(body.approval_request.logos).toBeNull()
    expect(body.approval_request.app_id).toMatch(/^[0-9a-f]{24}$/)
    expect(numbersIn(body).every(Number.isInteger)).toBe(true)
  })

  it('sends the callback as a GET with the canonical query string when configured so', async () => {
    await t().control.setCallback(`${receiver.url}/authy/get-callback`, 'GET')
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, {
      message: 'Log in',
      details: { Location: 'Lisbon' },
      logos: [{ res: 'default', url: 'https://bank.example/logo.png' }],
    })
    const before = receiver.received.length
    await t().control.deny(uuid)
    const [callback] = (await receiver.waitFor(before + 1)).slice(before)

    expect(callback.method).toBe('GET')
    expect(callback.body).toBe('')
    const [path, query] = callback.url.split('?')
    expect(path).toBe('/authy/get-callback')
    const params = parseRailsParams(query)
    expect(toQuery(params)).toBe(query)
    expect(params).toMatchObject({ status: 'denied', uuid, authy_id: String(id) })
    expect(
      verifyCallbackSignature({
        apiKey: TEST_KEY,
        nonce: header(callback, 'x-authy-signature-nonce'),
        method: 'GET',
        url: `${receiver.url}/authy/get-callback`,
        params,
        signature: header(callback, 'x-authy-signature'),
      })
    ).toBe(true)
  })

  it('sends no callback when a request expires', async () => {
    await t().control.setCallback(`${receiver.url}/authy/callback`, 'POST')
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, { message: 'Never answered' })
    const before = receiver.received.length
    await t().control.expire(uuid)
    const other = await createApproval(t(), id, { message: 'Marker' })
    await t().control.approve(other)
    const received = await receiver.waitFor(before + 1)
    expect(received.slice(before).map((r) => JSON.parse(r.body).uuid)).toEqual([other])
  })

  it('sends the callback when the phone page approves, and refuses a cross-site form', async () => {
    await t().control.setCallback(`${receiver.url}/authy/callback`, 'POST')
    const { id } = await registerUser(t())
    const user = await t().control.user(id)
    const uuid = await createApproval(t(), id, { message: 'From the phone' })
    const path = `${new URL(user.phone_url).pathname}/approval_requests/${uuid}/approve`

    const forged = await t().raw('POST', path, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
      },
      body: '',
    })
    expect(forged.status).toBe(403)
    const forgedJson = await t().raw('POST', path, {
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{}',
    })
    expect(forgedJson.status).toBe(403)
    const noOrigin = await t().raw('POST', path, {
      headers: { 'content-type': 'application/json' },
    })
    expect(noOrigin.status).toBe(403)
    expect((await t().control.approvalRequest(uuid)).status).toBe('pending')

    const before = receiver.received.length
    const answer = await t().raw('POST', path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t().sandbox.url },
      body: '',
    })
    expect(answer.status).toBe(303)
    expect(answer.headers.location).toBe(`${new URL(user.phone_url).pathname}?done=approved`)
    const [callback] = (await receiver.waitFor(before + 1)).slice(before)
    expect(JSON.parse(callback.body)).toMatchObject({ uuid, status: 'approved' })
    expect((await t().control.approvalRequest(uuid)).status).toBe('approved')
  })

  it('pings the callback URL with a signed test callback for authy_id 1234', async () => {
    await t().control.setCallback(`${receiver.url}/authy/callback`, 'POST')
    const before = receiver.received.length
    const attempt = await t().control.ping()
    expect(attempt).toMatchObject({ kind: 'ping', ok: true, http_status: 200 })
    const [callback] = (await receiver.waitFor(before + 1)).slice(before)
    const body = JSON.parse(callback.body)
    expect(body.authy_id).toBe(1234)
    expect(
      verifyCallbackSignature({
        apiKey: TEST_KEY,
        nonce: header(callback, 'x-authy-signature-nonce'),
        method: 'POST',
        url: `${receiver.url}/authy/callback`,
        params: body,
        signature: header(callback, 'x-authy-signature'),
      })
    ).toBe(true)
  })

  it('disables the URL after 3 consecutive failed deliveries, says so, and re-enables it when set again', async () => {
    await t().control.setCallback(`${receiver.url}/authy/failing`, 'POST')
    receiver.answer.status = 500
    try {
      const { id } = await registerUser(t())
      const user = await t().control.user(id)
      for (let i = 0; i < 3; i++) {
        await t().control.approve(await createApproval(t(), id, { message: `Fail ${i}` }))
      }
      const app = await t().control.app()
      expect(app).toMatchObject({
        disabled: true,
        consecutive_failures: 3,
        last_error: { message: 'HTTP 500' },
      })
      expect(app.disabled_at).not.toBeNull()
      expect(
        t().logs.some((line) => line.includes('DISABLED') && line.includes('/authy/failing'))
      ).toBe(true)

      const before = receiver.received.length
      await t().control.approve(await createApproval(t(), id, { message: 'After disable' }))
      expect(receiver.received.length).toBe(before)
      await expect(t().control.ping()).rejects.toMatchObject({ status: 409 })

      const page = await t().raw('GET', new URL(user.phone_url).pathname)
      expect(page.text).toContain('Callbacks are switched off')
      expect(page.text).toContain('/authy/failing')

      const attempts = await t().control.callbacks()
      expect(attempts.slice(0, 3).every((a) => !a.ok && a.http_status === 500)).toBe(true)
      expect(Date.parse(attempts[0].at)).toBeGreaterThanOrEqual(Date.parse(attempts[2].at))

      receiver.answer.status = 200
      const reset = await t().control.setCallback(`${receiver.url}/authy/failing`, 'POST')
      expect(reset).toMatchObject({ disabled: false, consecutive_failures: 0, last_error: null })
      await t().control.approve(await createApproval(t(), id, { message: 'Works again' }))
      expect(receiver.received.length).toBe(before + 1)
      expect((await t().raw('GET', new URL(user.phone_url).pathname)).text).not.toContain(
        'Callbacks are switched off'
      )
    } finally {
      receiver.answer.status = 200
    }
  })

  it('resets the failure count after a successful delivery', async () => {
    await t().control.setCallback(`${receiver.url}/authy/flaky`, 'POST')
    const { id } = await registerUser(t())
    receiver.answer.status = 503
    try {
      await t().control.approve(await createApproval(t(), id, { message: 'a' }))
      await t().control.approve(await createApproval(t(), id, { message: 'b' }))
      expect((await t().control.app()).consecutive_failures).toBe(2)
      receiver.answer.status = 204
      await t().control.approve(await createApproval(t(), id, { message: 'c' }))
      expect(await t().control.app()).toMatchObject({ consecutive_failures: 0, disabled: false })
    } finally {
      receiver.answer.status = 200
    }
  })

  it('counts a refused connection as a failure', async () => {
    const closed = await startReceiver()
    await closed.close()
    await t().control.setCallback(`${closed.url}/gone`, 'POST')
    const { id } = await registerUser(t())
    await t().control.approve(await createApproval(t(), id, { message: 'Nobody home' }))
    const [attempt] = await t().control.callbacks()
    expect(attempt).toMatchObject({ ok: false, http_status: null, url: `${closed.url}/gone` })
    expect(attempt.error).toContain('ECONNREFUSED')
    expect((await t().control.app()).consecutive_failures).toBe(1)
  })

  it('validates the callback URL and can clear it', async () => {
    for (const url of ['javascript:alert(1)', 'ftp://x.example/', 'not a url']) {
      await expect(t().control.setCallback(url, 'POST')).rejects.toMatchObject({
        status: 400,
        errorCode: '60004',
      })
    }
    for (const url of [
      'http://127.0.0.1:9/cb?x=1',
      'http://127.0.0.1:9/cb?',
      'http://127.0.0.1:9/cb#f',
    ]) {
      for (const method of ['POST', 'GET'] as const) {
        const error = await t()
          .control.setCallback(url, method)
          .catch((e: unknown) => e)
        expect(error, `${method} ${url}`).toMatchObject({ status: 400, errorCode: '60004' })
        expect((error as Error).message).toMatch(
          /Invalid parameter: onetouch_callback_url - Must not have a (query string|fragment)/
        )
      }
    }
    const cleared = await t().control.setCallback(null)
    expect(cleared.onetouch_callback_url).toBeNull()
    await expect(t().control.ping()).rejects.toMatchObject({ status: 409 })
    expect((await t().control.setCallback('')).onetouch_callback_url).toBeNull()
  })
})

describe('the sandbox callback delivery', () => {
  it('still resolves with the attempt when saving its outcome fails', async () => {
    const receiver = await startReceiver()
    const logs: string[] = []
    const data = emptySandboxData(Date.now())
    const app = data.apps[0]!
    app.callback.url = `${receiver.url}/authy/callback`
    const deps: CallbackDeps = {
      apiKey: TEST_KEY,
      store: {
        data,
        save: () => Promise.reject(new Error('ENOSPC: no space left on device')),
        flush: () => Promise.resolve(),
      },
      now: Date.now,
      log: (line) => logs.push(line),
      events: createChangeEvents(),
      callbacks: createCallbackState(),
      callbackTimeoutMs: 2000,
    }
    try {
      const attempt = await deliverCallback(deps, app, pingPayload(app, Date.now()), 'ping')
      expect(attempt).toMatchObject({ ok: true, http_status: 200 })
      expect(receiver.received).toHaveLength(1)
      expect(logs.some((line) => line.includes('could not be saved: ENOSPC'))).toBe(true)
      expect(deps.callbacks.inFlight.size).toBe(0)
    } finally {
      await deps.callbacks.agent.close()
      await receiver.close()
    }
  })
})

describe('the sandbox callback timeout', () => {
  it('gives up after callbackTimeoutMs and counts it as a failure', async () => {
    const receiver = await startReceiver()
    receiver.answer.delayMs = 2000
    const t = await startTestSandbox({
      callbackTimeoutMs: 300,
      onetouchCallback: { url: `${receiver.url}/slow`, method: 'POST' },
    })
    try {
      const { id } = await registerUser(t)
      await t.control.approve(await createApproval(t, id, { message: 'Slow' }))
      const [attempt] = await t.control.callbacks()
      expect(attempt.ok).toBe(false)
      expect(attempt.error).toContain('timed out')
      expect((await t.control.app()).consecutive_failures).toBe(1)
    } finally {
      await t.sandbox.close()
      await receiver.close()
    }
  })

  it('refuses a callback URL with a query string or a fragment at start', async () => {
    for (const url of ['http://127.0.0.1:9/cb?x=1', 'http://127.0.0.1:9/cb#f']) {
      await expect(startTestSandbox({ onetouchCallback: { url, method: 'GET' } })).rejects.toThrow(
        `onetouchCallback.url "${url}" cannot be used. Must not have a`
      )
    }
  })

  it('points the callback at the URL given at start', async () => {
    const t = await startTestSandbox({
      onetouchCallback: { url: 'http://127.0.0.1:9/at-start', method: 'GET' },
    })
    try {
      expect(await t.control.app()).toMatchObject({
        onetouch_callback_url: 'http://127.0.0.1:9/at-start',
        onetouch_callback_method: 'GET',
        disabled: false,
      })
    } finally {
      await t.sandbox.close()
    }
  })

  it('finishes a callback in flight before close() resolves', async () => {
    const receiver = await startReceiver()
    receiver.answer.delayMs = 300
    const t = await startTestSandbox({
      onetouchCallback: { url: `${receiver.url}/late`, method: 'POST' },
    })
    const { id } = await registerUser(t)
    const user = await t.control.user(id)
    const uuid = await createApproval(t, id, { message: 'Close while sending' })
    await t.raw('POST', `${new URL(user.phone_url).pathname}/approval_requests/${uuid}/deny`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.sandbox.url },
      body: '',
    })
    await t.sandbox.close()
    expect(receiver.received).toHaveLength(1)
    expect(t.logs.some((line) => line.includes('delivered'))).toBe(true)
    await receiver.close()
  })
})
