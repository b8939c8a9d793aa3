import { describe, expect, it } from 'vitest'
import { TOTP_DIGITS } from '../../shared/sandbox/index.js'
import { registerUser, useSandbox } from './support.js'

describe('the sandbox SMS, call and token endpoints', () => {
  const t = useSandbox()

  it('sends an SMS and a call without force to a newly registered user: a new number has no app', async () => {
    const { id, phone } = await registerUser(t())
    const sms = await t().api('GET', `/protected/json/sms/${id}`)
    expect(sms.json).toEqual({
      success: true,
      message: 'SMS token was sent',
      cellphone: `+1-XXX-XXX-XX${phone.slice(-2)}`,
    })
    const call = await t().api('GET', `/protected/json/call/${id}`)
    expect(call.json.message).toBe('Call started...')
    const [last, first] = await t().control.messages(1, phone)
    expect([first.channel, last.channel]).toEqual(['sms', 'call'])
  })

  it('has no app token for a newly registered user until the app is installed', async () => {
    const { id } = await registerUser(t())
    await expect(t().control.totp(id)).rejects.toMatchObject({ status: 409 })
    await t().control.setDevice(id, true)
    expect((await t().control.totp(id)).token).toMatch(/^\d{7}$/)
  })

  it('ignores an SMS request for a user who has the app, unless forced', async () => {
    const { id, phone } = await registerUser(t(), { phone: '2015550112', withApp: true })
    const before = (await t().control.messages(1, phone)).length
    const answer = await t().api('GET', `/protected/json/sms/${id}`)
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      message:
        'Ignored: SMS is not needed for smartphones. Pass force=true if you want to actually send it anyway.',
      cellphone: '+1-XXX-XXX-XX12',
      device: 'android',
      ignored: true,
      success: true,
    })
    expect(await t().control.messages(1, phone)).toHaveLength(before)
  })

  it('sends a fresh random SMS token to the phone inbox when forced', async () => {
    const { id, phone } = await registerUser(t(), { phone: '2015550134' })
    const first = await t().api('GET', `/protected/json/sms/${id}?force=true`)
    expect(first.json).toEqual({
      success: true,
      message: 'SMS token was sent',
      cellphone: '+1-XXX-XXX-XX34',
    })
    const [one] = await t().control.messages(1, phone)
    await t().api('GET', `/protected/json/sms/${id}?force=true`)
    const [two] = await t().control.messages(1, phone)
    expect(one).toMatchObject({ channel: 'sms' })
    expect(one.code).toMatch(new RegExp(`^\\d{${TOTP_DIGITS}}$`))
    expect(one.body).toContain(one.code)
    expect(two.code).toMatch(/^\d{7}$/)
    expect(new Date(two.created_at).getTime()).toBeGreaterThanOrEqual(
      new Date(one.created_at).getTime()
    )
  })

  it('sends SMS without force to a user without the app', async () => {
    const { id, phone } = await registerUser(t())
    await t().control.setDevice(id, false)
    const answer = await t().api('GET', `/protected/json/sms/${id}`)
    expect(answer.json.message).toBe('SMS token was sent')
    expect((await t().control.messages(1, phone))[0].channel).toBe('sms')
  })

  it("starts a call with a token, or ignores it with Authy's double-spaced message", async () => {
    const { id, phone } = await registerUser(t(), { phone: '2015550156', withApp: true })
    const ignored = await t().api('GET', `/protected/json/call/${id}`)
    expect(ignored.json).toMatchObject({
      ignored: true,
      device: 'android',
      cellphone: '+1-XXX-XXX-XX56',
    })
    expect(ignored.json.message).toContain('User is using  App Tokens')
    const called = await t().api('GET', `/protected/json/call/${id}?force=true`)
    expect(called.json).toEqual({
      cellphone: '+1-XXX-XXX-XX56',
      message: 'Call started...',
      success: true,
    })
    const [call] = await t().control.messages(1, phone)
    expect(call.channel).toBe('call')
    const verify = await t().api('GET', `/protected/json/verify/${call.code}/${id}`)
    expect(verify.status).toBe(200)
  })

  it('answers 404 / 60026 for SMS and calls to an unknown user', async () => {
    for (const path of ['/protected/json/sms/424242424', '/protected/json/call/424242424']) {
      const answer = await t().api('GET', path)
      expect(answer.status).toBe(404)
      expect(answer.json.error_code).toBe('60026')
    }
  })

  it('verifies the SMS code from the inbox, with compact JSON and success as the string "true"', async () => {
    const { id, phone } = await registerUser(t())
    await t().api('GET', `/protected/json/sms/${id}?force=true`)
    const [sms] = await t().control.messages(1, phone)
    const answer = await t().api('GET', `/protected/json/verify/${sms.code}/${id}`)
    expect(answer.status).toBe(200)
    expect(answer.text).toContain('"token":"is valid"')
    expect(answer.text).toContain('"success":"true"')
    expect(answer.json.message).toBe('Token is valid.')
    expect(answer.json.device.os_type).toBe('sms')
  })

  it('refuses a token that was already used with 401 / 60019', async () => {
    const { id, phone } = await registerUser(t())
    await t().api('GET', `/protected/json/sms/${id}?force=true`)
    const [sms] = await t().control.messages(1, phone)
    expect((await t().api('GET', `/protected/json/verify/${sms.code}/${id}`)).status).toBe(200)
    const again = await t().api('GET', `/protected/json/verify/${sms.code}/${id}`)
    expect(again.status).toBe(401)
    expect(again.json).toMatchObject({
      message: 'Token is invalid. Token was used recently.',
      success: false,
      error_code: '60019',
    })
  })

  it('refuses a wrong token with 401 / 60020 and token "is invalid"', async () => {
    const { id } = await registerUser(t(), { withApp: true })
    const { token } = await t().control.totp(id)
    const wrong = String((Number(token) + 5_000_000) % 10_000_000).padStart(7, '0')
    const answer = await t().api('GET', `/protected/json/verify/${wrong}/${id}?force=true`)
    expect(answer.status).toBe(401)
    expect(answer.text).toBe(
      '{"message":"Token is invalid","token":"is invalid","success":false,"errors":{"message":"Token is invalid"},"error_code":"60020"}'
    )
  })

  it('refuses a token that is not digits without asking further', async () => {
    const { id } = await registerUser(t())
    const answer = await t().api('GET', `/protected/json/verify/12ab567/${id}`)
    expect(answer.status).toBe(401)
    expect(answer.json.error_code).toBe('60020')
  })

  it('verifies the app TOTP from the control API once, and marks the user confirmed', async () => {
    const { id } = await registerUser(t(), { withApp: true })
    const { token, seconds_left } = await t().control.totp(id)
    expect(token).toMatch(/^\d{7}$/)
    expect(seconds_left).toBeGreaterThan(0)
    const answer = await t().api('GET', `/protected/json/verify/${token}/${id}`)
    expect(answer.status).toBe(200)
    expect(answer.json.device.os_type).toBe('android')
    expect((await t().api('GET', `/protected/json/verify/${token}/${id}`)).json.error_code).toBe(
      '60019'
    )
    expect((await t().api('GET', `/protected/json/users/${id}/status`)).json.status.confirmed).toBe(
      true
    )
  })

  it("does not accept another user's TOTP", async () => {
    const alice = await registerUser(t(), { withApp: true })
    const bob = await registerUser(t(), { withApp: true })
    const { token } = await t().control.totp(alice.id)
    expect((await t().api('GET', `/protected/json/verify/${token}/${bob.id}`)).status).toBe(401)
  })

  it('has no app token for a user without a registered device', async () => {
    const { id } = await registerUser(t(), { withApp: true })
    const { token } = await t().control.totp(id)
    await t().control.setDevice(id, false)
    await expect(t().control.totp(id)).rejects.toMatchObject({ status: 409 })
    expect((await t().api('GET', `/protected/json/verify/${token}/${id}`)).status).toBe(401)
  })

  it('only verifies an SMS token sent for an action with that action', async () => {
    const { id, phone } = await registerUser(t())
    await t().api(
      'GET',
      `/protected/json/sms/${id}?force=true&action=login&action_message=Log+in+to+the+bank`
    )
    const [sms] = await t().control.messages(1, phone)
    expect(sms.body).toContain('Log in to the bank')
    expect((await t().api('GET', `/protected/json/verify/${sms.code}/${id}`)).status).toBe(401)
    expect(
      (await t().api('GET', `/protected/json/verify/${sms.code}/${id}?action=login`)).status
    ).toBe(200)
  })

  it('answers 404 / 60016 when verifying for an unknown user', async () => {
    const answer = await t().api('GET', '/protected/json/verify/1234567/987654321')
    expect(answer.status).toBe(404)
    expect(answer.json).toMatchObject({ message: "User doesn't exist", error_code: '60016' })
  })
})

describe('the sandbox email token endpoint (spec §2.8)', () => {
  const t = useSandbox()

  it('sends a token to the inbox as an email and answers as Authy does', async () => {
    const { id, phone, email } = await registerUser(t())
    const answer = await t().api('POST', `/protected/json/email/${id}`)
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.json)).toEqual(['success', 'message', 'email', 'email_id'])
    expect(answer.json).toMatchObject({ success: true, message: 'Email token was sent', email })
    expect(answer.json.email_id).toMatch(/^EM[0-9a-f]{32}$/)
    const [message] = await t().control.messages(1, phone)
    expect(message.channel).toBe('email')
    expect(message.code).toMatch(/^\d{7}$/)
    expect(message.body).toContain(message.code)
    const verified = await t().api('GET', `/protected/json/verify/${message.code}/${id}`)
    expect(verified.status).toBe(200)
    expect(verified.json.device.os_type).toBe('email')
  })

  it('shows the email on the phone page, marked as an email', async () => {
    const { id, phone } = await registerUser(t())
    await t().api('POST', `/protected/json/email/${id}`)
    const [message] = await t().control.messages(1, phone)
    const page = await t().raw('GET', new URL((await t().control.user(id)).phone_url).pathname)
    expect(page.text).toContain(message.code)
    expect(page.text).toMatch(/Email ·/)
  })

  it('answers 404 / 60026 "User not found." for an unknown id', async () => {
    const answer = await t().api('POST', '/protected/json/email/424242424')
    expect(answer.status).toBe(404)
    expect(answer.text).toBe(
      '{"message":"User not found.","success":false,"errors":{"message":"User not found."},"error_code":"60026"}'
    )
  })
})
