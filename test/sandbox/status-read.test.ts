import { beforeEach, describe, expect, it } from 'vitest'
import { isPlainStatusRead } from '../../shared/sandbox/authy-api/index.js'
import {
  APPROVAL_REQUEST_LIMIT,
  createApprovalRequest,
  findApprovalRequest,
  settle,
} from '../../shared/sandbox/domain/approval-requests.js'
import { ownApp } from '../../shared/sandbox/domain/apps.js'
import { REQUEST_LOG_LIMIT } from '../../shared/sandbox/domain/request-log.js'
import { emptySandboxData } from '../../shared/sandbox/domain/store-schema.js'
import { registerUser as addUser } from '../../shared/sandbox/domain/users.js'
import { createApproval, registerUser, useSandbox } from './support.js'

// `GET /onetouch/json/approval_requests/{uuid}`, what every poll asks: made quick (its answer is
// made once per change, its request found by uuid, its log a ring), with every check kept.
const t = useSandbox()
beforeEach(async () => {
  await t().control.clearFaults()
})

async function pendingRequest(body: Record<string, unknown> = { message: 'Poll me' }) {
  const { id } = await registerUser(t(), { withApp: true })
  return createApproval(t(), id, body)
}

const statusPath = (uuid: string) => `/onetouch/json/approval_requests/${uuid}`

describe('the status read', () => {
  it('refuses a wrong key and a missing one with 401 / 60001, and logs both', async () => {
    const uuid = await pendingRequest()
    const wrong = await t().api('GET', statusPath(uuid), { headers: { 'x-authy-api-key': 'nope' } })
    const missing = await t().raw('GET', statusPath(uuid))
    for (const answer of [wrong, missing]) {
      expect(answer.status).toBe(401)
      expect(answer.json).toMatchObject({ error_code: '60001', success: false })
    }
    const logged = await t().control.requests(statusPath(uuid))
    expect(logged.map((request) => [request.status, request.app_id])).toEqual([
      [401, null],
      [401, null],
    ])
  })

  it('takes the key from the query string too', async () => {
    const uuid = await pendingRequest()
    const answer = await t().raw('GET', `${statusPath(uuid)}?api_key=${t().sandbox.apiKey}`)
    expect(answer.json.approval_request.status).toBe('pending')
  })

  it('gives an injected fault’s answer in its place, once, and logs it with the fault', async () => {
    const uuid = await pendingRequest()
    const fault = await t().control.addFault({
      method: 'GET',
      path: '/onetouch/json/approval_requests/*',
      status: 503,
      count: 1,
    })
    const faulted = await t().api('GET', statusPath(uuid))
    const next = await t().api('GET', statusPath(uuid))
    expect([faulted.status, next.status]).toEqual([503, 200])
    const logged = await t().control.requests(statusPath(uuid))
    expect(logged.map((request) => [request.status, request.fault_id])).toEqual([
      [200, null],
      [503, fault.id],
    ])
  })

  it('answers the status as it is now: pending, then approved with its time, the same bytes after', async () => {
    const uuid = await pendingRequest()
    const pending = await t().api('GET', statusPath(uuid))
    expect(pending.json.approval_request).toMatchObject({ status: 'pending', processed_at: null })
    await t().control.approve(uuid)
    const approved = await t().api('GET', statusPath(uuid))
    expect(approved.json.approval_request).toMatchObject({
      status: 'approved',
      processed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    })
    expect((await t().api('GET', statusPath(uuid))).text).toBe(approved.text)
  })

  it('evaluates expiry when read', async () => {
    const uuid = await pendingRequest({ message: 'Soon gone', seconds_to_expire: 1 })
    expect((await t().api('GET', statusPath(uuid))).json.approval_request.status).toBe('pending')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await t().api('GET', statusPath(uuid))).json.approval_request.status).toBe('expired')
  })

  it('answers alike by its own route and through the whole sandbox (a path it tidies first)', async () => {
    const uuid = await pendingRequest()
    const key = { 'x-authy-api-key': t().sandbox.apiKey }
    const read = async (path: string, headers: Record<string, string> = key) => {
      const answer = await fetch(`${t().sandbox.url}${path}`, { headers })
      const { date: _date, ...rest } = Object.fromEntries(answer.headers)
      return { status: answer.status, headers: rest, body: await answer.text() }
    }
    for (const headers of [key, {}]) {
      const direct = await read(statusPath(uuid), headers)
      expect(await read(`/${statusPath(uuid)}/`, headers)).toEqual(direct)
    }
    const logged = await t().control.requests(statusPath(uuid))
    expect(logged.map((request) => request.status)).toEqual([401, 401, 200, 200])
  })

  it('takes the plain GET of a status by its own route, and leaves every other request to the whole sandbox', () => {
    const at = (path: string, method = 'GET') =>
      isPlainStatusRead(new Request(`http://127.0.0.1:4001${path}`, { method }))
    expect(at('/onetouch/json/approval_requests/abc-123')).toBe(true)
    expect(at('/onetouch/json/approval_requests/abc-123?api_key=k')).toBe(true)
    expect(at('/onetouch/json/approval_requests/abc-123/')).toBe(false)
    expect(at('//onetouch/json/approval_requests/abc-123')).toBe(false)
    expect(at('/onetouch/json/approval_requests/abc-123', 'POST')).toBe(false)
    expect(at('/onetouch/json/users/1/approval_requests')).toBe(false)
    expect(at('/onetouch/json/approval_requests/')).toBe(false)
  })

  it('answers 404 / 60049 for an unknown uuid', async () => {
    const answer = await t().api('GET', statusPath('00000000-0000-0000-0000-000000000000'))
    expect(answer.status).toBe(404)
    expect(answer.json.error_code).toBe('60049')
  })
})

describe('the request log', () => {
  it(`keeps the newest ${REQUEST_LOG_LIMIT} requests, newest first, and lets the oldest go`, async () => {
    const uuid = await pendingRequest()
    const total = REQUEST_LOG_LIMIT + 5
    for (let start = 0; start < total; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, total - start) }, (_, i) =>
          t().api('GET', `${statusPath(uuid)}?n=${start + i}`, {
            headers: { 'user-agent': `poll ${start + i}` },
          })
        )
      )
    }
    await t().api('GET', statusPath(uuid), { headers: { 'user-agent': 'the last one' } })
    const logged = await t().control.requests()
    expect(logged).toHaveLength(REQUEST_LOG_LIMIT)
    expect(logged[0]!.user_agent).toBe('the last one')
    expect(logged.filter((request) => request.path === statusPath(uuid))).toHaveLength(
      REQUEST_LOG_LIMIT
    )
    expect(Date.parse(logged[0]!.at)).toBeGreaterThanOrEqual(Date.parse(logged.at(-1)!.at))
  })
})

describe('approval requests by uuid', () => {
  it('finds every kept request, and none of those dropped past the limit', () => {
    const now = Date.parse('2026-05-01T10:00:00Z')
    const data = emptySandboxData(now)
    const app = ownApp(data)
    const phone = { email: 'ada@example.com', cellphone: '2015550123', countryCode: 1 }
    const { user } = addUser(data, app, phone, now)
    const input = {
      message: 'm',
      details: null,
      hiddenDetails: null,
      logos: null,
      secondsToExpire: 0,
    }
    const first = createApprovalRequest(data, app, user, input, now)
    settle(first, 'approved', now)
    const made = [first]
    for (let i = 1; i <= APPROVAL_REQUEST_LIMIT; i++) {
      made.push(createApprovalRequest(data, app, user, input, now + i))
    }
    // The oldest decided one went first.
    expect(findApprovalRequest(data, first.uuid)).toBeUndefined()
    for (const request of made.slice(1)) {
      expect(findApprovalRequest(data, request.uuid)).toBe(request)
    }
    expect(data.approval_requests).toHaveLength(APPROVAL_REQUEST_LIMIT)
  })
})
