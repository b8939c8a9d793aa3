import { beforeEach, describe, expect, it } from 'vitest'
import { createApproval, registerUser, useSandbox } from './support.js'

describe('the sandbox fault injection', () => {
  const t = useSandbox()
  beforeEach(async () => {
    await t().control.clearFaults()
  })

  it('answers the next matching request with the status in the Authy envelope, then recovers', async () => {
    const fault = await t().control.addFault({ path: '/protected/json/app/*', status: 503 })
    expect(fault).toMatchObject({
      path: '/protected/json/app/*',
      status: 503,
      count: 1,
      remaining: 1,
    })
    const failed = await t().api('GET', '/protected/json/app/details')
    expect(failed.status).toBe(503)
    expect(failed.json).toMatchObject({ success: false, error_code: '60000' })
    expect(failed.json.errors.message).toBe(failed.json.message)
    expect((await t().api('GET', '/protected/json/app/details')).status).toBe(200)
  })

  it('applies to `count` requests and only to the given method', async () => {
    await t().control.addFault({
      method: 'get',
      path: '/onetouch/json/approval_requests/*',
      status: 500,
      count: 2,
    })
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, { message: 'Hi' })
    const path = `/onetouch/json/approval_requests/${uuid}`
    expect((await t().api('GET', path)).status).toBe(500)
    expect((await t().api('GET', path)).status).toBe(500)
    expect((await t().api('GET', path)).status).toBe(200)
  })

  it('sends Retry-After with a 429', async () => {
    await t().control.addFault({ path: '/protected/json/sms/*', status: 429, retry_after: 3 })
    const answer = await t().api('GET', '/protected/json/sms/1')
    expect(answer.status).toBe(429)
    expect(answer.headers['retry-after']).toBe('3')
    expect(answer.json.error_code).toBe('60003')
  })

  it('delays the normal answer when only a delay is given', async () => {
    await t().control.addFault({ path: '/protected/json/app/details', delay_ms: 400 })
    const started = Date.now()
    const answer = await t().api('GET', '/protected/json/app/details')
    expect(Date.now() - started).toBeGreaterThanOrEqual(350)
    expect(answer.status).toBe(200)
    expect(answer.json.message).toBe('Application information.')
  })

  it('sends a truncated JSON body or an HTML error page when malformed', async () => {
    await t().control.addFault({ path: '/protected/json/app/details', malformed: true })
    const json = await t().api('GET', '/protected/json/app/details')
    expect(json.status).toBe(200)
    expect(json.headers['content-type']).toContain('application/json')
    expect(() => JSON.parse(json.text)).toThrow()

    await t().control.addFault({
      path: '/protected/json/app/details',
      malformed: 'html',
      status: 502,
    })
    const html = await t().api('GET', '/protected/json/app/details')
    expect(html.status).toBe(502)
    expect(html.headers['content-type']).toContain('text/html')
    expect(html.text).toContain('<h1>502 Bad Gateway</h1>')
  })

  it('sends a given body, JSON object or text', async () => {
    await t().control.addFault({
      path: '/protected/json/app/details',
      body: { success: true, surprise: 1 },
    })
    expect((await t().api('GET', '/protected/json/app/details')).text).toBe(
      '{"success":true,"surprise":1}'
    )
    await t().control.addFault({
      path: '/protected/json/app/details',
      status: 401,
      body: 'Requested URL was not found.',
    })
    const text = await t().api('GET', '/protected/json/app/details')
    expect(text.status).toBe(401)
    expect(text.headers['content-type']).toContain('text/plain')
    expect(text.text).toBe('Requested URL was not found.')
  })

  it('answers even unauthenticated requests, and never touches the control API or phone pages', async () => {
    await t().control.addFault({ path: '*', status: 503, count: 5 })
    expect((await t().control.app()).name).toBe('Sandbox App')
    expect((await t().raw('GET', '/phone/unknown-token')).status).toBe(404)
    expect((await t().raw('GET', '/protected/json/app/details')).status).toBe(503)
  })

  it('clears all faults with DELETE', async () => {
    await t().control.addFault({ path: '/protected/json/app/details', status: 500, count: 10 })
    await t().control.addFault({ path: '/protected/json/app/stats', status: 500 })
    expect(await t().control.clearFaults()).toBe(2)
    expect((await t().api('GET', '/protected/json/app/details')).status).toBe(200)
  })

  it('answers 201 on create and rejects an invalid fault with 400', async () => {
    const created = await t().api('POST', '/sandbox/faults', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/x', status: 500 }),
    })
    expect(created.status).toBe(201)
    expect(created.json.fault.id).toMatch(/^[0-9a-f-]{36}$/)
    for (const body of [
      { status: 500 },
      { path: '/x', status: 99 },
      { path: '/x', count: 0 },
      { path: '/x', colour: 'red' },
    ]) {
      const answer = await t().api('POST', '/sandbox/faults', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.json.error_code).toBe('60004')
    }
  })
})

describe('the sandbox fault list', () => {
  const t = useSandbox()

  it('keeps at most 100 faults waiting and refuses a pattern over 500 characters', async () => {
    const long = await t().api('POST', '/sandbox/faults', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: `/${'x'.repeat(500)}` }),
    })
    expect(long.status).toBe(400)
    expect(long.json.message).toBe('Invalid parameter: path - Must be at most 500 characters')
    for (let i = 0; i < 100; i++) await t().control.addFault({ path: `/never/${i}` })
    await expect(t().control.addFault({ path: '/never/100' })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('DELETE /sandbox/faults'),
    })
    expect(await t().control.clearFaults()).toBe(100)
    await t().control.addFault({ path: '/protected/json/app/*', status: 503 })
    expect((await t().api('GET', '/protected/json/app/details')).status).toBe(503)
  })
})

describe('the sandbox request log', () => {
  const t = useSandbox()

  it('lists the Authy API requests matching a pattern, newest first, with status and user agent', async () => {
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, { message: 'Poll me' })
    for (let i = 0; i < 3; i++) {
      await t().api('GET', `/onetouch/json/approval_requests/${uuid}?x=${i}`, {
        headers: { 'user-agent': `poller/${i}` },
      })
    }
    const polls = await t().control.requests('/onetouch/json/approval_requests/*')
    expect(polls).toHaveLength(3)
    expect(polls.map((r) => r.user_agent)).toEqual(['poller/2', 'poller/1', 'poller/0'])
    expect(polls[0]).toMatchObject({
      method: 'GET',
      path: `/onetouch/json/approval_requests/${uuid}`,
      status: 200,
      fault_id: null,
    })
    expect(Date.parse(polls[0].at)).toBeGreaterThanOrEqual(Date.parse(polls[2].at))
  })

  it('records failed, unknown and faulted requests, but not control or phone requests', async () => {
    await t().raw('GET', '/protected/json/app/details')
    await t().api('GET', '/no/such/path')
    const fault = await t().control.addFault({ path: '/protected/json/app/stats', status: 503 })
    await t().api('GET', '/protected/json/app/stats')
    await t().raw('GET', '/phone/nobody')
    const all = await t().control.requests()
    expect(all.find((r) => r.path === '/protected/json/app/details')?.status).toBe(401)
    expect(all.find((r) => r.path === '/no/such/path')?.status).toBe(404)
    expect(all.find((r) => r.path === '/protected/json/app/stats')).toMatchObject({
      status: 503,
      fault_id: fault.id,
    })
    expect(all.some((r) => r.path.startsWith('/sandbox') || r.path.startsWith('/phone'))).toBe(
      false
    )
  })

  it('matches * as any run of characters and everything else literally', async () => {
    await t().api('GET', '/protected/json/app/details')
    expect((await t().control.requests('/protected/json/app/detail')).length).toBe(0)
    expect((await t().control.requests('/protected/*/details')).length).toBeGreaterThan(0)
    expect((await t().control.requests('/protected/json/app/details.')).length).toBe(0)
  })

  it('answers a pattern full of stars at once, and refuses one over 500 characters', async () => {
    await t().api('GET', `/${'a'.repeat(70)}`)
    expect(await t().control.requests('*a*a*a*a*a*a*a*!')).toEqual([])
    expect((await t().control.requests('*a*a*a*a*a*a*a*')).length).toBeGreaterThan(0)
    const long = await t().api('GET', `/sandbox/requests?path=${'*'.repeat(501)}`)
    expect(long.status).toBe(400)
    expect(long.json).toMatchObject({
      message: 'Invalid parameter: path - Must be at most 500 characters',
      error_code: '60004',
    })
  })
})
