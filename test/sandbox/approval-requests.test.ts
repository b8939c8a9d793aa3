import { describe, expect, it } from 'vitest'
import { createApproval, registerUser, useSandbox } from './support.js'

const STATUS_FIELDS = [
  '_app_name',
  '_app_serial_id',
  '_authy_id',
  '_id',
  '_user_email',
  'app_id',
  'created_at',
  'notified',
  'processed_at',
  'seconds_to_expire',
  'status',
  'updated_at',
  'user_id',
  'uuid',
]
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the sandbox OneTouch approval requests', () => {
  const t = useSandbox()

  it('creates a request and answers with a time-based RFC 4122 uuid', async () => {
    const { id } = await registerUser(t())
    const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Transfer Money to bob@x.com' }),
    })
    expect(answer.status).toBe(200)
    expect(answer.text).toMatch(
      /^\{"approval_request":\{"uuid":"[0-9a-f-]{36}"\},"success":true\}$/
    )
    expect(answer.json.approval_request.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
  })

  it('reports every status field, in order, with a one-day default lifetime', async () => {
    const { id, email } = await registerUser(t())
    const uuid = await createApproval(t(), id, { message: 'Log in' })
    const answer = await t().api('GET', `/onetouch/json/approval_requests/${uuid}`)
    expect(answer.status).toBe(200)
    expect(answer.json.success).toBe(true)
    const status = answer.json.approval_request
    expect(Object.keys(status)).toEqual(STATUS_FIELDS)
    expect(status).toMatchObject({
      _app_name: 'Sandbox App',
      _authy_id: id,
      _user_email: email,
      notified: false,
      processed_at: null,
      seconds_to_expire: 86400,
      status: 'pending',
      uuid,
    })
    expect(Number.isInteger(status._app_serial_id)).toBe(true)
    for (const field of ['_id', 'app_id', 'user_id'])
      expect(status[field]).toMatch(/^[0-9a-f]{24}$/)
    expect(status.created_at).toMatch(ISO_SECONDS)
    expect(status.updated_at).toBe(status.created_at)
  })

  it('answers 404 / 60049 with empty errors for an unknown uuid', async () => {
    const answer = await t().api(
      'GET',
      '/onetouch/json/approval_requests/0f0e0d0c-0000-1000-8000-000000000000'
    )
    expect(answer.status).toBe(404)
    expect(answer.text).toBe(
      '{"message":"Approval request not found: 0f0e0d0c-0000-1000-8000-000000000000","success":false,"errors":{},"error_code":"60049"}'
    )
  })

  it('answers 400 / 60004 when the message is missing or blank', async () => {
    const { id } = await registerUser(t())
    for (const body of ['{}', '{"message":"   "}', '{"message":null}']) {
      const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(answer.status, body).toBe(400)
      expect(answer.json, body).toEqual({
        message: 'Invalid parameter: message - Parameter is required',
        success: false,
        errors: { message: 'Invalid parameter: message - Parameter is required' },
        error_code: '60004',
      })
    }
  })

  it('rejects bad lifetimes, nested details and logos without a valid res or url', async () => {
    const { id } = await registerUser(t())
    for (const extra of [
      { seconds_to_expire: -1 },
      { seconds_to_expire: 'soon' },
      { seconds_to_expire: 1.5 },
      { details: { Amount: { value: 1 } } },
      { details: 'text' },
      { logos: [{ res: 'huge', url: 'https://x.example/a.png' }] },
      { logos: [{ res: 'low', url: 'javascript:alert(1)' }] },
    ]) {
      const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Hi', ...extra }),
      })
      expect(answer.status, JSON.stringify(extra)).toBe(400)
      expect(answer.json.error_code, JSON.stringify(extra)).toBe('60004')
    }
  })

  it('refuses text with a lone surrogate half with 400 / 60004 naming the parameter', async () => {
    const { id } = await registerUser(t())
    for (const [body, name] of [
      ['{"message":"hi\\udfff"}', 'message'],
      ['{"message":"hi","details":{"To":"bob\\ud800"}}', 'details.To'],
      ['{"message":"hi","details":{"To\\ud800":"bob"}}', 'details'],
      ['{"message":"hi","hidden_details":{"ip":"\\ud800"}}', 'hidden_details.ip'],
    ]) {
      const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(answer.status, body).toBe(400)
      expect(answer.json.error_code, body).toBe('60004')
      expect(answer.json.message, body).toMatch(
        new RegExp(`^Invalid parameter: ${name.replace('.', '\\.')} - Must be valid Unicode text`)
      )
    }
    expect(await t().control.approvalRequests(id)).toEqual([])
    const emoji = await createApproval(t(), id, { message: 'Pay 🐨', details: { To: '🐨' } })
    expect((await t().control.approvalRequest(emoji)).details).toEqual({ To: '🐨' })
  })

  it('refuses a detail named __proto__, in JSON or a form, instead of losing it', async () => {
    const { id } = await registerUser(t())
    for (const [type, body] of [
      ['application/json', '{"message":"x","details":{"__proto__":"y","To":"bob"}}'],
      ['application/json', '{"message":"x","details":{"To":"bob","__proto__":{"a":"1"}}}'],
      ['application/x-www-form-urlencoded', 'message=x&details[To]=bob&details[__proto__]=y'],
    ]) {
      const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
        headers: { 'content-type': type },
        body,
      })
      expect(answer.status, body).toBe(400)
      expect(answer.json, body).toMatchObject({
        message: 'Invalid parameter: details.__proto__ - Is a reserved name',
        error_code: '60004',
      })
    }
    expect(await t().control.approvalRequests(id)).toEqual([])
    expect(({} as Record<string, unknown>).a).toBeUndefined()
  })

  it('answers 404 / 60026 for an unknown user', async () => {
    const answer = await t().api('POST', '/onetouch/json/users/777777777/approval_requests', {
      headers: { 'content-type': 'application/json' },
      body: '{"message":"Hi"}',
    })
    expect(answer.status).toBe(404)
    expect(answer.json.error_code).toBe('60026')
  })

  it('creates a OneTouch request for a user who has not installed the app yet: it waits for the app', async () => {
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, { message: 'Waiting for the app' })
    expect(await t().control.approvalRequest(uuid)).toMatchObject({
      status: 'pending',
      message: 'Waiting for the app',
    })
    expect((await t().control.user(id)).registered).toBe(false)
  })

  it('refuses OneTouch for a user without a registered device', async () => {
    const { id } = await registerUser(t())
    await t().control.setDevice(id, false)
    const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
      headers: { 'content-type': 'application/json' },
      body: '{"message":"Hi"}',
    })
    expect(answer.status).toBe(400)
    expect(answer.json.error_code).toBe('60050')
  })

  it('logs an expiry once, when the sandbox first notices it, in the words of approve and deny', async () => {
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, { message: 'Too slow', seconds_to_expire: 1 })
    await sleep(1200)
    const line = `Approval request ${uuid} for user ${id} is now expired.`
    expect(t().logs).not.toContain(line)
    await t().api('GET', `/onetouch/json/approval_requests/${uuid}`)
    await t().api('GET', `/onetouch/json/approval_requests/${uuid}`)
    await t().control.approvalRequests(id)
    expect(t().logs.filter((logged) => logged === line)).toHaveLength(1)

    const listed = await createApproval(t(), id, {
      message: 'Seen in a list',
      seconds_to_expire: 1,
    })
    await sleep(1200)
    await t().control.approvalRequests(id)
    await t().control.approvalRequest(listed)
    expect(
      t().logs.filter(
        (logged) => logged === `Approval request ${listed} for user ${id} is now expired.`
      )
    ).toHaveLength(1)
  })

  it('expires a pending request on the first read after its lifetime, and keeps it expired', async () => {
    const { id } = await registerUser(t())
    const short = await createApproval(t(), id, { message: 'Quick', seconds_to_expire: 1 })
    const never = await createApproval(t(), id, { message: 'Forever', seconds_to_expire: 0 })
    await sleep(1800)
    const expired = (await t().api('GET', `/onetouch/json/approval_requests/${short}`)).json
      .approval_request
    expect(expired.status).toBe('expired')
    expect(expired.processed_at).toMatch(ISO_SECONDS)
    expect(expired.updated_at).toBe(expired.processed_at)
    expect(Date.parse(expired.processed_at)).toBeGreaterThanOrEqual(
      Date.parse(expired.created_at) + 1000
    )
    const later = (await t().api('GET', `/onetouch/json/approval_requests/${short}`)).json
      .approval_request
    expect(later).toEqual(expired)
    const forever = (await t().api('GET', `/onetouch/json/approval_requests/${never}`)).json
      .approval_request
    expect(forever.status).toBe('pending')
    expect(forever.seconds_to_expire).toBe(0)
    expect((await t().control.approvalRequest(never)).expires_at).toBeNull()
    await expect(t().control.approve(short)).rejects.toMatchObject({
      status: 409,
      errorCode: '60079',
    })
  })

  it('approves through the control API and never changes a decided request again', async () => {
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, {
      message: 'Transfer',
      details: { From: 'a@example.com' },
      hidden_details: { ref: 'T-1' },
    })
    const approved = await t().control.approve(uuid)
    expect(approved).toMatchObject({
      status: 'approved',
      message: 'Transfer',
      details: { From: 'a@example.com' },
      hidden_details: { ref: 'T-1' },
      seconds_to_expire: 86400,
      seconds_left: null,
    })
    expect(approved.processed_at).toBe(approved.updated_at)
    await expect(t().control.deny(uuid)).rejects.toMatchObject({ status: 409 })
    await expect(t().control.expire(uuid)).rejects.toMatchObject({ status: 409 })
    const status = (await t().api('GET', `/onetouch/json/approval_requests/${uuid}`)).json
      .approval_request
    expect(status.status).toBe('approved')
    expect(status.processed_at).toBe(approved.processed_at)
  })

  it('denies and expires through the control API', async () => {
    const { id } = await registerUser(t())
    const toDeny = await createApproval(t(), id, { message: 'A' })
    const toExpire = await createApproval(t(), id, { message: 'B', seconds_to_expire: 600 })
    expect((await t().control.deny(toDeny)).status).toBe('denied')
    expect((await t().control.expire(toExpire)).status).toBe('expired')
    const status = (await t().api('GET', `/onetouch/json/approval_requests/${toExpire}`)).json
      .approval_request
    expect(status.status).toBe('expired')
    await expect(t().control.approve(toExpire)).rejects.toMatchObject({ status: 409 })
  })

  it('answers 404 from the control API for an unknown uuid', async () => {
    await expect(t().control.approve('no-such-uuid')).rejects.toMatchObject({
      status: 404,
      errorCode: '60049',
    })
    await expect(t().control.approvalRequest('no-such-uuid')).rejects.toMatchObject({ status: 404 })
  })

  it("lists a user's requests newest first, with what the user saw and the time left", async () => {
    const { id } = await registerUser(t())
    const first = await createApproval(t(), id, { message: 'First', seconds_to_expire: 600 })
    const second = await createApproval(t(), id, { message: 'Second', details: { To: 'bob' } })
    const list = await t().control.approvalRequests(id)
    expect(list.map((r) => r.uuid)).toEqual([second, first])
    expect(list[0].details).toEqual({ To: 'bob' })
    expect(list[1].seconds_left).toBeGreaterThan(590)
    expect(list[1].seconds_left).toBeLessThanOrEqual(600)
    const everyone = await t().control.approvalRequests()
    expect(everyone.length).toBeGreaterThanOrEqual(2)
  })
})
