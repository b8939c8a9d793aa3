import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setTimeout as delay } from 'node:timers/promises'
import { Hono } from 'hono'
import { AuthyError, createAuthyClient, type AuthyClient } from '../../shared/authy/index.js'
import { createSandboxControl } from '../../shared/sandbox/control-api/control-client.js'
import { startSandbox } from '../../shared/sandbox/index.js'
import { listen } from '../../shared/runtime/serve.js'

const API_KEY = 'client-test-key-0123456789abcdef'

let sandbox: Awaited<ReturnType<typeof startSandbox>>
let authy: AuthyClient
let control: ReturnType<typeof createSandboxControl>
let phoneCounter = 0

function newPhone(): string {
  phoneCounter += 1
  return `555-200-${String(1000 + phoneCounter)}`
}

async function rejection(promise: Promise<unknown>): Promise<AuthyError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(AuthyError)
  return error as AuthyError
}

/** A new user; `withApp` installs the Authy app (a new number has none). */
async function newUser(
  options: { withApp?: boolean } = {}
): Promise<{ id: number; phone: string; email: string }> {
  const phone = newPhone()
  const email = `user${phoneCounter}@example.com`
  const reply = await authy.registerUser({ email, cellphone: phone, countryCode: 1 })
  if (options.withApp) await control.setDevice(reply.user.id, true)
  return { id: reply.user.id, phone, email }
}

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY, log: () => {} })
  authy = createAuthyClient({
    apiKey: API_KEY,
    baseUrl: sandbox.url,
    timeoutMs: 1000,
    retries: 2,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 1500,
  })
  control = createSandboxControl({ url: sandbox.url, apiKey: API_KEY })
})

afterAll(async () => {
  await sandbox?.close()
})

beforeEach(async () => {
  await control.clearFaults()
})

describe('the Authy client against the sandbox: users', () => {
  it('registers a user and gets the same id back for the same phone', async () => {
    const phone = newPhone()
    const first = await authy.registerUser({
      email: 'a@example.com',
      cellphone: phone,
      countryCode: '1',
    })
    const second = await authy.registerUser({
      email: 'b@example.com',
      cellphone: phone,
      countryCode: 1,
    })
    expect(first.message).toBe('User created successfully.')
    expect(Number.isInteger(first.user.id)).toBe(true)
    expect(second.user.id).toBe(first.user.id)
    const stored = await control.user(first.user.id)
    expect(stored.emails).toEqual(expect.arrayContaining(['a@example.com', 'b@example.com']))
  })

  it('turns an invalid user into an error with Authy code 60027 and the field at fault', async () => {
    const error = await rejection(
      authy.registerUser({ email: 'not-an-email', cellphone: '12', countryCode: 1 })
    )
    expect(error.kind).toBe('api')
    expect(error.status).toBe(400)
    expect(error.errorCode).toBe('60027')
    expect(error.fieldErrors.email).toBe('is invalid')
    expect(error.fieldErrors.cellphone).toBe('is invalid')
    expect(error.describe()).toContain('60027')
  })

  it('reports a wrong API key as 401 with code 60001', async () => {
    const stranger = createAuthyClient({ apiKey: 'wrong-key', baseUrl: sandbox.url, retries: 0 })
    const error = await rejection(stranger.getApplicationDetails())
    expect(error.status).toBe(401)
    expect(error.errorCode).toBe('60001')
  })

  it('reads a user status and reports an unknown user as 404 with code 60026', async () => {
    const user = await newUser({ withApp: true })
    const reply = await authy.getUserStatus({ authyId: user.id })
    expect(reply.status.authy_id).toBe(user.id)
    expect(reply.status.phone_number).toMatch(/XXX-XXX-\d{4}/)
    expect(reply.status.registered).toBe(true)
    const error = await rejection(authy.getUserStatus({ authyId: 999_999_999 }))
    expect([error.status, error.errorCode]).toEqual([404, '60026'])
  })

  it('deletes a user, after which the user is not found', async () => {
    const user = await newUser()
    const reply = await authy.deleteUser({ authyId: user.id })
    expect(reply.success).toBe(true)
    const error = await rejection(authy.getUserStatus({ authyId: user.id }))
    expect(error.errorCode).toBe('60026')
  })

  it('registers user activity', async () => {
    const user = await newUser()
    const reply = await authy.registerActivity({
      authyId: user.id,
      type: 'cookie_login',
      data: { reason: 'test' },
    })
    expect(reply.message).toBe('Activity was created.')
  })

  it('refuses a bad argument before sending anything', async () => {
    const before = (await control.requests('*')).length
    const error = await rejection(authy.getUserStatus({ authyId: Number('abc') }))
    expect(error.kind).toBe('input')
    expect(error.fieldErrors.authyId).toMatch(/positive whole number/)
    const tokenError = await rejection(authy.verifyToken({ authyId: 1, token: '12ab' }))
    expect(tokenError.fieldErrors.token).toBeDefined()
    expect((await control.requests('*')).length).toBe(before)
  })
})

describe('the Authy client against the sandbox: tokens', () => {
  it('has an SMS ignored for an app user unless forced, and a forced code verifies once', async () => {
    const user = await newUser({ withApp: true })
    const ignored = await authy.requestSms({ authyId: user.id })
    expect(ignored.ignored).toBe(true)
    const sent = await authy.requestSms({ authyId: user.id, force: true })
    expect(sent.ignored).toBeUndefined()
    expect(sent.cellphone).toMatch(/^\+1-XXX-XXX-XX\d\d$/)

    const [message] = (await control.messages('1', user.phone)).filter((m) => m.channel === 'sms')
    expect(message?.code).toMatch(/^\d{6,10}$/)
    const verified = await authy.verifyToken({ authyId: user.id, token: message!.code ?? '' })
    expect(verified.token).toBe('is valid')
    expect(verified.success).toBe('true')

    const reused = await rejection(
      authy.verifyToken({ authyId: user.id, token: message!.code ?? '' })
    )
    expect([reused.status, reused.errorCode]).toEqual([401, '60019'])
  })

  it('sends a token by call to a user without the app', async () => {
    const user = await newUser()
    await control.setDevice(user.id, false)
    const reply = await authy.requestCall({ authyId: user.id })
    expect(reply.ignored).toBeUndefined()
    const messages = await control.messages('1', user.phone)
    expect(messages[0]?.channel).toBe('call')
  })

  it('verifies the current app token and refuses a wrong one with 60020', async () => {
    const user = await newUser({ withApp: true })
    const { token } = await control.totp(user.id)
    const reply = await authy.verifyToken({ authyId: user.id, token })
    expect(reply.message).toBe('Token is valid.')
    const wrong = String((Number(token) + 1) % 10_000_000).padStart(token.length, '0')
    const error = await rejection(authy.verifyToken({ authyId: user.id, token: wrong }))
    expect([error.status, error.errorCode]).toEqual([401, '60020'])
  })
})

describe('the Authy client against the sandbox: OneTouch', () => {
  it('creates an approval request whose details reach the sandbox exactly', async () => {
    const user = await newUser()
    const created = await authy.createApprovalRequest({
      authyId: user.id,
      message: 'Transfer money to bob@example.com',
      details: {
        From: user.email,
        To: 'bob@example.com',
        'Account Number': '12345',
        'US Dollar Amount': '$10.00',
      },
      hiddenDetails: { ip: '10.0.0.1' },
      logos: [{ res: 'default', url: 'https://bank.example/logo.png' }],
      secondsToExpire: 600,
    })
    const status = await authy.getApprovalRequest({ uuid: created.approval_request.uuid })
    expect(status.approval_request.status).toBe('pending')
    expect(status.approval_request.seconds_to_expire).toBe(600)
    expect(status.approval_request.processed_at).toBeNull()

    const stored = await control.approvalRequest(created.approval_request.uuid)
    expect(stored.details).toEqual({
      From: user.email,
      To: 'bob@example.com',
      'Account Number': '12345',
      'US Dollar Amount': '$10.00',
    })
    expect(stored.hidden_details).toEqual({ ip: '10.0.0.1' })
  })

  it('reads approved and denied requests as such', async () => {
    const user = await newUser()
    for (const decision of ['approve', 'deny'] as const) {
      const { approval_request } = await authy.createApprovalRequest({
        authyId: user.id,
        message: 'Sign in?',
      })
      await control[decision](approval_request.uuid)
      const status = await authy.getApprovalRequest({ uuid: approval_request.uuid })
      expect(status.approval_request.status).toBe(decision === 'approve' ? 'approved' : 'denied')
      expect(status.approval_request.processed_at).not.toBeNull()
    }
  })

  it('sees a request expire after its seconds_to_expire, and one with 0 never expire', async () => {
    const user = await newUser()
    const short = await authy.createApprovalRequest({
      authyId: user.id,
      message: 'Quick',
      secondsToExpire: 1,
    })
    const never = await authy.createApprovalRequest({
      authyId: user.id,
      message: 'Forever',
      secondsToExpire: 0,
    })
    await delay(2200)
    const expired = await authy.getApprovalRequest({ uuid: short.approval_request.uuid })
    expect(expired.approval_request.status).toBe('expired')
    const stillPending = await authy.getApprovalRequest({ uuid: never.approval_request.uuid })
    expect(stillPending.approval_request.status).toBe('pending')
  })

  it('reports an unknown approval request as 404 with code 60049', async () => {
    const error = await rejection(authy.getApprovalRequest({ uuid: 'no-such-uuid' }))
    expect([error.status, error.errorCode]).toEqual([404, '60049'])
    expect(error.message).toBe('Approval request not found: no-such-uuid')
  })
})

describe('the Authy client against the sandbox: phones and the application', () => {
  it('starts a phone verification and checks the code from the inbox', async () => {
    const phone = newPhone()
    const started = await authy.startPhoneVerification({
      countryCode: 1,
      phoneNumber: phone,
      via: 'sms',
    })
    expect(started.message).toMatch(/^Text message sent to \+1 /)
    const status = await authy.getPhoneVerificationStatus({ countryCode: 1, phoneNumber: phone })
    expect(status.success).toBe(true)
    const [message] = await control.messages('1', phone)
    const wrong = await rejection(
      authy.checkPhoneVerification({
        countryCode: 1,
        phoneNumber: phone,
        verificationCode: '0000000',
      })
    )
    expect([wrong.status, wrong.errorCode]).toEqual([401, '60022'])
    const checked = await authy.checkPhoneVerification({
      countryCode: 1,
      phoneNumber: phone,
      verificationCode: message!.code ?? '',
    })
    expect(checked.message).toBe('Verification code is correct.')
  })

  it('reports a check without a pending verification as 404 with code 60023', async () => {
    const error = await rejection(
      authy.checkPhoneVerification({
        countryCode: 1,
        phoneNumber: newPhone(),
        verificationCode: '1234',
      })
    )
    expect([error.status, error.errorCode]).toEqual([404, '60023'])
  })

  it('reads phone information, application details and statistics', async () => {
    const info = await authy.getPhoneInfo({ countryCode: 1, phoneNumber: newPhone() })
    expect(info.message).toMatch(/^Phone number information as of \d+-\d+-\d+ \d+:\d+:\d+ UTC$/)
    const details = await authy.getApplicationDetails()
    expect(details.message).toBe('Application information.')
    expect(Number.isInteger(details.app.app_id)).toBe(true)
    const stats = await authy.getApplicationStatistics()
    expect(stats.message).toBe('Monthly statistics.')
    expect(stats.stats.length).toBeGreaterThan(0)
  })
})

describe('the Authy client against the sandbox: faults', () => {
  it('retries a GET that fails with 503 and succeeds on the third attempt', async () => {
    await control.addFault({
      method: 'GET',
      path: '/protected/json/app/details',
      status: 503,
      count: 2,
    })
    const reply = await authy.getApplicationDetails()
    expect(reply.success).toBe(true)
    expect((await control.requests('/protected/json/app/details')).length).toBeGreaterThanOrEqual(3)
  })

  it('gives up on a GET after its retries and says why', async () => {
    const before = (await control.requests('/protected/json/app/stats')).length
    await control.addFault({
      method: 'GET',
      path: '/protected/json/app/stats',
      status: 500,
      count: 5,
    })
    const error = await rejection(authy.getApplicationStatistics())
    expect(error.status).toBe(500)
    expect(error.transient).toBe(true)
    expect((await control.requests('/protected/json/app/stats')).length - before).toBe(3)
  })

  it('never sends a POST twice, even when it fails with 503', async () => {
    const user = await newUser()
    const path = `/onetouch/json/users/${user.id}/approval_requests`
    await control.addFault({ method: 'POST', path, status: 503, count: 1 })
    const error = await rejection(
      authy.createApprovalRequest({ authyId: user.id, message: 'Once' })
    )
    expect(error.status).toBe(503)
    expect((await control.requests(path)).length).toBe(1)
    expect(await control.approvalRequests(user.id)).toHaveLength(0)
  })

  it('times out a POST that gets no answer, without sending it again', async () => {
    const user = await newUser()
    const path = `/onetouch/json/users/${user.id}/approval_requests`
    await control.addFault({ method: 'POST', path, delay_ms: 3000, count: 1 })
    const error = await rejection(
      authy.createApprovalRequest({ authyId: user.id, message: 'Slow' })
    )
    expect(error.kind).toBe('timeout')
    // The sandbox logs a request when it has answered it: wait for the slow answer to finish.
    await delay(2500)
    expect((await control.requests(path)).length).toBe(1)
  })

  it('retries a GET that timed out', async () => {
    await control.addFault({
      method: 'GET',
      path: '/protected/json/app/details',
      delay_ms: 3000,
      count: 1,
    })
    const reply = await authy.getApplicationDetails()
    expect(reply.success).toBe(true)
  })

  it('honours a short Retry-After and gives up at once on a long one', async () => {
    const path = '/protected/json/app/details'
    await control.addFault({ method: 'GET', path, status: 429, retry_after: 1, count: 1 })
    expect((await authy.getApplicationDetails()).success).toBe(true)

    const before = (await control.requests(path)).length
    await control.addFault({ method: 'GET', path, status: 429, retry_after: 120, count: 1 })
    const error = await rejection(authy.getApplicationDetails())
    expect(error.status).toBe(429)
    expect(error.retryAfterSeconds).toBe(120)
    expect((await control.requests(path)).length - before).toBe(1)
  })

  it('reports a malformed 200 answer as malformed instead of crashing', async () => {
    const user = await newUser()
    const path = `/onetouch/json/users/${user.id}/approval_requests`
    await control.addFault({ method: 'POST', path, status: 200, malformed: true, count: 1 })
    const error = await rejection(
      authy.createApprovalRequest({ authyId: user.id, message: 'Garbled' })
    )
    expect(error.kind).toBe('malformed')
  })

  it('reports a 200 answer of the wrong shape as malformed', async () => {
    const user = await newUser()
    const { approval_request } = await authy.createApprovalRequest({
      authyId: user.id,
      message: 'Odd',
    })
    const path = `/onetouch/json/approval_requests/${approval_request.uuid}`
    await control.addFault({
      method: 'GET',
      path,
      status: 200,
      count: 1,
      body: {
        approval_request: { uuid: approval_request.uuid, status: 'APPROVED' },
        success: true,
      },
    })
    const error = await rejection(authy.getApprovalRequest({ uuid: approval_request.uuid }))
    expect(error.kind).toBe('malformed')
    expect(error.message).toContain('approval_request')
  })

  it('reports a non-JSON error page as an HTTP error with its status', async () => {
    await control.addFault({
      method: 'POST',
      path: '/protected/json/users/new',
      status: 502,
      body: '<html>Bad gateway</html>',
      count: 1,
    })
    const error = await rejection(
      authy.registerUser({ email: 'x@example.com', cellphone: newPhone(), countryCode: 1 })
    )
    expect(error.kind).toBe('http')
    expect(error.status).toBe(502)
  })

  it('refuses an answer larger than 1 MB as malformed instead of reading it all', async () => {
    const huge = new Hono().get('*', (c) => c.text('x'.repeat(3 * 1024 * 1024)))
    const server = await listen({
      fetch: huge.fetch,
      port: 0,
      host: '127.0.0.1',
      name: 'a test server',
      portVariable: 'PORT',
    })
    try {
      const client = createAuthyClient({ apiKey: API_KEY, baseUrl: server.url, retries: 0 })
      const error = await rejection(client.getApplicationDetails())
      expect(error.kind).toBe('malformed')
      expect(error.message).toContain('larger than 1024 KB')
    } finally {
      await server.close()
    }
  })

  it('refuses parameters that cannot be sent as JSON, before sending anything', async () => {
    const user = await newUser()
    const path = `/onetouch/json/users/${user.id}/approval_requests`
    const details = { amount: 10n } as unknown as Record<string, string>
    const error = await rejection(
      authy.createApprovalRequest({ authyId: user.id, message: 'Big', details })
    )
    expect(error.kind).toBe('input')
    expect((await control.requests(path)).length).toBe(0)
  })

  it('reports an unreachable server as a network error', async () => {
    const closed = await startSandbox({ apiKey: API_KEY, log: () => {} })
    await closed.close()
    const offline = createAuthyClient({
      apiKey: API_KEY,
      baseUrl: closed.url,
      retries: 1,
      retryBaseDelayMs: 10,
    })
    const error = await rejection(offline.getApplicationDetails())
    expect(error.kind).toBe('network')
    expect(error.transient).toBe(true)
  })

  it('stops waiting when the caller cancels', async () => {
    await control.addFault({
      method: 'GET',
      path: '/protected/json/app/details',
      delay_ms: 800,
      count: 3,
    })
    const controller = new AbortController()
    const call = authy.getApplicationDetails({}, { signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const error = await rejection(call)
    expect(error.kind).toBe('network')
    expect(error.message).toContain('cancelled')
  })
})
