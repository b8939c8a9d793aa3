import { describe, expect, it } from 'vitest'
import { TEST_KEY, useSandbox } from './support.js'

const INVALID_KEY =
  '{"message":"Invalid API key","success":false,"errors":{"message":"Invalid API key"},"error_code":"60001"}'

describe('the sandbox API key check', () => {
  const t = useSandbox()

  it('accepts the key in the X-Authy-API-Key header', async () => {
    const answer = await t().raw('GET', '/protected/json/app/details', {
      headers: { 'X-Authy-API-Key': TEST_KEY },
    })
    expect(answer.status).toBe(200)
  })

  it('accepts the key as api_key in the query string', async () => {
    const answer = await t().raw('GET', `/protected/json/app/details?api_key=${TEST_KEY}`)
    expect(answer.status).toBe(200)
  })

  it('accepts a duplicated api_key in the query string', async () => {
    const answer = await t().raw(
      'GET',
      `/onetouch/json/approval_requests/x?api_key=${TEST_KEY}&api_key=${TEST_KEY}`
    )
    expect(answer.status).toBe(404)
    expect(answer.json.error_code).toBe('60049')
  })

  it('accepts the key as api_key in a form body, as go-authy sends it', async () => {
    const answer = await t().raw('POST', '/protected/json/users/999/register_activity', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `api_key=${TEST_KEY}&type=banned`,
    })
    expect(answer.status).toBe(404)
    expect(answer.json.error_code).toBe('60026')
  })

  it('accepts the key as api_key in a JSON body', async () => {
    const answer = await t().raw('GET', '/protected/json/app/details', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: TEST_KEY }),
    })
    expect(answer.status).toBe(200)
  })

  it('answers 401 / 60001 without a key', async () => {
    const answer = await t().raw('GET', '/protected/json/app/details')
    expect(answer.status).toBe(401)
    expect(answer.text).toBe(INVALID_KEY)
  })

  it('answers 401 / 60001 for a wrong key', async () => {
    const answer = await t().raw('GET', '/onetouch/json/approval_requests/abc', {
      headers: { 'X-Authy-API-Key': 'wrong' },
    })
    expect(answer.status).toBe(401)
    expect(answer.text).toBe(INVALID_KEY)
  })

  it('lets the header win over a correct key in the query string', async () => {
    const answer = await t().raw('GET', `/protected/json/app/details?api_key=${TEST_KEY}`, {
      headers: { 'X-Authy-API-Key': 'wrong' },
    })
    expect(answer.status).toBe(401)
  })

  it('lets the query string win over the body', async () => {
    const answer = await t().raw('GET', '/protected/json/app/details?api_key=wrong', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: TEST_KEY }),
    })
    expect(answer.status).toBe(401)
  })

  it('protects the control API with the same key, in the header only', async () => {
    expect((await t().raw('GET', '/sandbox/app')).status).toBe(401)
    expect((await t().raw('GET', `/sandbox/app?api_key=${TEST_KEY}`)).text).toBe(INVALID_KEY)
    expect(
      (await t().raw('GET', '/sandbox/app', { headers: { 'X-Authy-API-Key': 'nope' } })).status
    ).toBe(401)
    expect(
      (await t().raw('GET', '/sandbox/app', { headers: { 'X-Authy-API-Key': TEST_KEY } })).status
    ).toBe(200)
  })
})
