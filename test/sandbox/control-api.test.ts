import { describe, expect, it } from 'vitest'
import { createSandboxControl, SandboxControlError } from '../../shared/sandbox/index.js'
import { registerUser, useSandbox } from './support.js'

describe('the sandbox control API', () => {
  const t = useSandbox()

  it('finds a user by id and by phone, with the full phone page link', async () => {
    const { id, phone, email } = await registerUser(t())
    const byId = await t().control.user(id)
    expect(byId).toEqual({
      authy_id: id,
      country_code: 1,
      cellphone: phone,
      email,
      emails: [email],
      registered: false,
      phone_url: expect.stringMatching(
        new RegExp(`^${t().sandbox.publicUrl}/phone/[A-Za-z0-9_-]{32}$`)
      ),
    })
    expect(await t().control.findUser(1, `${phone.slice(0, 3)}-${phone.slice(3)}`)).toEqual(byId)
  })

  it('answers 404 in the Authy envelope for unknown users', async () => {
    const byId = await t().api('GET', '/sandbox/users/31337')
    expect(byId.status).toBe(404)
    expect(byId.json).toMatchObject({ success: false, error_code: '60026' })
    await expect(t().control.findUser(1, '2015559999')).rejects.toBeInstanceOf(SandboxControlError)
    await expect(t().control.totp(31337)).rejects.toMatchObject({ status: 404 })
  })

  it("registers and unregisters a user's device", async () => {
    const { id } = await registerUser(t())
    expect((await t().control.setDevice(id, false)).registered).toBe(false)
    expect((await t().control.setDevice(id, true)).registered).toBe(true)
    const bad = await t().api('PUT', `/sandbox/users/${id}/device`, {
      headers: { 'content-type': 'application/json' },
      body: '{"registered":"maybe"}',
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error_code).toBe('60004')
  })

  it("lists a phone's messages newest first, for phones with or without a user", async () => {
    const { id, phone } = await registerUser(t())
    await t().api('GET', `/protected/json/sms/${id}?force=true`)
    await t().api('GET', `/protected/json/call/${id}?force=true`)
    const messages = await t().control.messages(1, phone)
    expect(messages.map((m) => m.channel)).toEqual(['call', 'sms', 'sms'])
    expect(messages[2].code).toBeNull()
    expect(await t().control.messages(1, '2015550000')).toEqual([])
  })

  it('refuses to look up a number of the wrong length for its country', async () => {
    for (const path of ['/sandbox/users', '/sandbox/messages']) {
      const answer = await t().api('GET', `${path}?country_code=1&phone_number=282-23`)
      expect(answer.status, path).toBe(400)
      expect(answer.json.message).toBe(
        'Invalid parameter: phone_number - Is not a valid phone number'
      )
    }
  })

  it('requires country_code and phone_number for messages', async () => {
    const answer = await t().api('GET', '/sandbox/messages?country_code=1')
    expect(answer.status).toBe(400)
    expect(answer.json.message).toBe('Invalid parameter: phone_number - Parameter is required')
  })

  it('answers unknown control paths with a 404 envelope and a malformed body with 400', async () => {
    const unknown = await t().api('GET', '/sandbox/nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.json.success).toBe(false)
    const malformed = await t().api('PUT', '/sandbox/app', {
      headers: { 'content-type': 'application/json' },
      body: '{"onetouch_callback_url":',
    })
    expect(malformed.status).toBe(400)
    expect(malformed.json.error_code).toBe('60002')
  })

  it('gives the control client a clear error with the status and Authy code', async () => {
    const wrongKey = createSandboxControl({ url: t().sandbox.url, apiKey: 'wrong' })
    const error = await wrongKey.app().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SandboxControlError)
    expect(error).toMatchObject({ status: 401, errorCode: '60001' })
    expect((error as Error).message).toContain('Invalid API key')
  })

  it('serves a plain home page and never a stack trace', async () => {
    const home = await t().raw('GET', '/')
    expect(home.status).toBe(200)
    expect(home.text).toContain('Authy-compatible sandbox')
    expect(home.text).not.toContain(t().sandbox.apiKey)
  })
})
