import { describe, expect, it } from 'vitest'
import { registerUser, useSandbox } from './support.js'

describe('the sandbox request parameters', () => {
  const t = useSandbox()

  it('reads Rails bracket forms, including logos[][res] arrays and keys with spaces', async () => {
    const { id } = await registerUser(t())
    const body =
      'message=Transfer+money&details%5BAccount+Number%5D=12345&details%5BUS+Dollar+Amount%5D=%24+10' +
      '&hidden_details%5Bip%5D=10.0.0.1' +
      '&logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=https%3A%2F%2Fbank.example%2Fd.png' +
      '&logos%5B%5D%5Bres%5D=low&logos%5B%5D%5Burl%5D=https%3A%2F%2Fbank.example%2Fl.png&seconds_to_expire=600'
    const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
    expect(answer.status).toBe(200)
    const request = await t().control.approvalRequest(answer.json.approval_request.uuid)
    expect(request.details).toEqual({ 'Account Number': '12345', 'US Dollar Amount': '$ 10' })
    expect(request.hidden_details).toEqual({ ip: '10.0.0.1' })
    expect(request.logos).toEqual([
      { res: 'default', url: 'https://bank.example/d.png' },
      { res: 'low', url: 'https://bank.example/l.png' },
    ])
    expect(request.seconds_to_expire).toBe(600)
  })

  it('reads the indexed logos[0][res] form that qs writes', async () => {
    const { id } = await registerUser(t())
    const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'message=Hi&logos%5B1%5D%5Bres%5D=low&logos%5B1%5D%5Burl%5D=https%3A%2F%2Fx.example%2F2&logos%5B0%5D%5Bres%5D=default&logos%5B0%5D%5Burl%5D=https%3A%2F%2Fx.example%2F1',
    })
    const request = await t().control.approvalRequest(answer.json.approval_request.uuid)
    expect(request.logos.map((logo) => logo.res)).toEqual(['default', 'low'])
  })

  it('reads parameters from the query string of a POST and merges them with the body', async () => {
    const { id } = await registerUser(t())
    const answer = await t().api(
      'POST',
      `/onetouch/json/users/${id}/approval_requests?message=From+the+query&details%5BUsername%5D=jdoe&seconds_to_expire=120`,
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ details: { Location: 'earth' } }),
      }
    )
    const request = await t().control.approvalRequest(answer.json.approval_request.uuid)
    expect(request.message).toBe('From the query')
    // Rails merges the two hashes shallowly, the query string last: its `details` replaces the body's.
    expect(request.details).toEqual({ Username: 'jdoe' })
    expect(request.seconds_to_expire).toBe(120)
  })

  it.each([
    ['the string "600"', '"600"', 600],
    ['the number 600', '600', 600],
    ['null', 'null', 86400],
    ['an empty string', '""', 86400],
  ])('coerces seconds_to_expire given as %s', async (_, json, expected) => {
    const { id } = await registerUser(t())
    const answer = await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
      headers: { 'content-type': 'application/json' },
      body: `{"message":"Hi","details":{},"hidden_details":{},"logos":[],"seconds_to_expire":${json}}`,
    })
    expect(answer.status).toBe(200)
    expect(
      (await t().control.approvalRequest(answer.json.approval_request.uuid)).seconds_to_expire
    ).toBe(expected)
  })

  it.each([['true'], ['1'], ['on']])('coerces force=%s to true', async (force) => {
    const { id } = await registerUser(t())
    const answer = await t().api('GET', `/protected/json/sms/${id}?force=${force}`)
    expect(answer.json.ignored).toBeUndefined()
    expect(answer.json.message).toBe('SMS token was sent')
  })

  it.each([['false'], ['0']])('coerces force=%s to false', async (force) => {
    const { id } = await registerUser(t(), { withApp: true })
    const answer = await t().api('GET', `/protected/json/sms/${id}?force=${force}`)
    expect(answer.json.ignored).toBe(true)
  })

  it('reads JSON numbers and booleans in details as text', async () => {
    const { id } = await registerUser(t())
    const uuid = (
      await t().api('POST', `/onetouch/json/users/${id}/approval_requests`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Hi', details: { Amount: 10, Urgent: true, Note: null } }),
      })
    ).json.approval_request.uuid
    expect((await t().control.approvalRequest(uuid)).details).toEqual({
      Amount: '10',
      Urgent: 'true',
    })
  })

  it('reads a form body sent with GET, as the authy package does', async () => {
    const start = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'via=sms&country_code=1&phone_number=2015550188',
    })
    expect(start.status).toBe(200)
    const [sms] = await t().control.messages(1, '2015550188')
    const check = await t().api('GET', '/protected/json/phones/verification/check', {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: `phone_number=2015550188&country_code=1&verification_code=${sms.code}`,
    })
    expect(check.status).toBe(200)
    expect(check.json.message).toBe('Verification code is correct.')
  })

  it('reads a JSON body sent with GET, as authy-client does', async () => {
    await t().api('POST', '/protected/json/phones/verification/start', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ via: 'call', country_code: 1, phone_number: '2015550189' }),
    })
    const answer = await t().api('GET', '/protected/json/phones/verification/status', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ country_code: 1, phone_number: '2015550189' }),
    })
    expect(answer.status).toBe(200)
    expect(answer.json.status).toBe('pending')
  })

  it('accepts an empty JSON body and a JSON content type without a body', async () => {
    const empty = await t().api('GET', '/protected/json/app/details', {
      headers: { 'content-type': 'application/json' },
    })
    const braces = await t().api('GET', '/protected/json/app/details', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect([empty.status, braces.status]).toEqual([200, 200])
  })

  it('answers a malformed JSON body with the Authy envelope and 400', async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: '{"user": {"email": ',
    })
    expect(answer.status).toBe(400)
    expect(answer.json).toMatchObject({ success: false, error_code: '60002' })
    expect(answer.json.errors.message).toBe(answer.json.message)
  })

  it('answers a JSON body that is not an object with 400', async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: '[1,2]',
    })
    expect(answer.status).toBe(400)
  })

  it('answers a form nested too deeply with 400, not 500', async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `a${'[b]'.repeat(40)}=1`,
    })
    expect(answer.status).toBe(400)
    expect(answer.json.success).toBe(false)
  })

  it('answers a body over 1 MB with 413 in the Authy envelope', async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
    })
    expect(answer.status).toBe(413)
    expect(answer.json.success).toBe(false)
  })

  it('answers unknown paths and the xml format with a 404 envelope', async () => {
    for (const path of [
      '/nothing/here',
      '/protected/xml/app/details',
      '/onetouch/xml/approval_requests/x',
      '/protected/json/nope',
    ]) {
      const answer = await t().api('GET', path)
      expect(answer.status, path).toBe(404)
      expect(answer.json, path).toMatchObject({ success: false, error_code: '60000' })
    }
  })

  it('squeezes repeated slashes and ignores a trailing slash on Authy API paths, as Rails did', async () => {
    const { id } = await registerUser(t())
    for (const path of [
      '//protected/json/app/details',
      '/protected//json/app/details',
      '/protected/json/app/details/',
      '/protected/json/app/details//?user_ip=1',
      `/protected/json/users/${id}/status/`,
    ]) {
      const answer = await t().api('GET', path)
      expect(answer.status, path).toBe(200)
      expect(answer.json.success, path).toBe(true)
    }
    const logged = await t().control.requests('/protected/json/app/details')
    expect(logged.length).toBeGreaterThanOrEqual(4)
    expect((await t().api('GET', '/sandbox/app/')).status).toBe(404)
  })

  it('answers a known path with the wrong method with a 404 envelope', async () => {
    const answer = await t().api('GET', '/protected/json/users/new')
    expect(answer.status).toBe(404)
    expect(answer.json.success).toBe(false)
  })
})
