import { describe, expect, it } from 'vitest'
import { otpauthUri, qrCodeDataUrl } from '../../shared/sandbox/authy-api/authenticator-qr.js'
import { base32, fromBase32 } from '../../shared/sandbox/domain/base32.js'
import { totpToken } from '../../shared/sandbox/domain/totp.js'
import { startSandboxApp } from '../../shared/sandbox/start-sandbox.js'
import { nextPhone, registerUser, send, TEST_KEY, useSandbox } from './support.js'

describe('the sandbox user endpoints', () => {
  const t = useSandbox()

  it('registers a user from a JSON body and answers with an integer id', async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: { email: 'ana@example.com', cellphone: '201-555.0199', country_code: 1 },
        send_install_link_via_sms: false,
      }),
    })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.text).toMatch(
      /^\{"message":"User created successfully\.","user":\{"id":\d+\},"success":true\}$/
    )
  })

  it('registers a user from a Rails-style form body', async () => {
    const phone = nextPhone()
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `user%5Bemail%5D=form%40example.com&user%5Bcellphone%5D=${phone}&user%5Bcountry_code%5D=1`,
    })
    expect(answer.status).toBe(200)
    const user = await t().control.user(answer.json.user.id)
    expect(user).toMatchObject({ email: 'form@example.com', cellphone: phone, country_code: 1 })
  })

  it('registers a user from the query string of a POST, as authy-php does', async () => {
    const phone = nextPhone()
    const query = new URLSearchParams({
      'user[email]': 'php@example.com',
      'user[cellphone]': phone,
      'user[country_code]': '44',
      'user[send_install_link_via_sms]': '0',
    })
    const answer = await t().api('POST', `/protected/json/users/new?${query}`)
    expect(answer.status).toBe(200)
    expect(await t().control.findUser(44, phone)).toMatchObject({ authy_id: answer.json.user.id })
    expect(await t().control.messages(44, phone)).toEqual([])
  })

  it('sends the install link by SMS unless told not to', async () => {
    const { id, phone } = await registerUser(t())
    const [message] = await t().control.messages(1, phone)
    const user = await t().control.user(id)
    expect(message.channel).toBe('sms')
    expect(message.body).toContain(user.phone_url)
  })

  it('returns the same id when the same phone registers again, and adds the email', async () => {
    const first = await registerUser(t(), { email: 'first@example.com' })
    const again = await registerUser(t(), { email: 'second@example.com', phone: first.phone })
    const other = await registerUser(t(), {
      email: 'second@example.com',
      phone: first.phone,
      countryCode: '57',
    })
    expect(again.id).toBe(first.id)
    expect(other.id).not.toBe(first.id)
    const user = await t().control.user(first.id)
    expect(user.emails).toEqual(['first@example.com', 'second@example.com'])
    expect(user.email).toBe('second@example.com')
  })

  it('treats separators in the cellphone as the same phone', async () => {
    const first = await registerUser(t(), { phone: '2015550177' })
    const again = await registerUser(t(), { phone: '201 555-0177' })
    expect(again.id).toBe(first.id)
  })

  it('rejects an invalid user with 60027 and field errors at the top level and in errors', async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { email: 'not-an-email', cellphone: '12', country_code: '1' } }),
    })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      email: 'is invalid',
      cellphone: 'is invalid',
      message: 'User was not valid',
      success: false,
      errors: { email: 'is invalid', cellphone: 'is invalid', message: 'User was not valid' },
      error_code: '60027',
    })
  })

  it.each([['3001'], ['12345'], ['282-23'], ['201-555-01'], ['201555012345']])(
    'refuses the US number %s, which has the wrong length for the US, with 60027',
    async (cellphone) => {
      const answer = await t().api('POST', '/protected/json/users/new', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          user: { email: 'short@example.com', cellphone, country_code: '1' },
        }),
      })
      expect(answer.status).toBe(400)
      expect(answer.text).toBe(
        '{"cellphone":"is invalid","message":"User was not valid","success":false,' +
          '"errors":{"cellphone":"is invalid","message":"User was not valid"},"error_code":"60027"}'
      )
    }
  )

  it('accepts a number of the right length for its country, even a fictional 555 one', async () => {
    for (const [countryCode, cellphone] of [
      ['1', '555-123-4567'],
      ['44', '07700 900123'],
      ['49', '30 123456'],
      ['57', '300 123 4512'],
    ]) {
      const answer = await t().api('POST', '/protected/json/users/new', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          user: { email: 'fine@example.com', cellphone, country_code: countryCode },
          send_install_link_via_sms: false,
        }),
      })
      expect(answer.status, `+${countryCode} ${cellphone}`).toBe(200)
    }
  })

  it('refuses a country code that belongs to no country, such as 999', async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: { email: 'nowhere@example.com', cellphone: '2015550123', country_code: '999' },
      }),
    })
    expect(answer.status).toBe(400)
    expect(answer.json).toMatchObject({ country_code: 'is invalid', error_code: '60027' })
  })

  it("says a blank email is invalid and can't be blank, and a blank phone or country code is invalid", async () => {
    const answer = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { email: '', cellphone: '', country_code: '' } }),
    })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      email: "is invalid and can't be blank",
      country_code: 'is invalid',
      cellphone: 'is invalid',
      message: 'User was not valid',
      success: false,
      errors: {
        email: "is invalid and can't be blank",
        country_code: 'is invalid',
        cellphone: 'is invalid',
        message: 'User was not valid',
      },
      error_code: '60027',
    })
    const missing = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { email: 'a@example.com', cellphone: nextPhone() } }),
    })
    expect(missing.json.country_code).toBe('is invalid')
  })

  it('reports a newly registered user as not registered, with no device: a new number has no app', async () => {
    const { id } = await registerUser(t())
    const answer = await t().api('GET', `/protected/json/users/${id}/status`)
    expect(answer.json.status).toMatchObject({
      registered: false,
      devices: [],
      detailed_devices: [],
    })
    expect((await t().control.user(id)).registered).toBe(false)
  })

  it('reports the user status with a masked phone number and the app device', async () => {
    const { id } = await registerUser(t(), { phone: '2015550142', withApp: true })
    const answer = await t().api('GET', `/protected/json/users/${id}/status`)
    expect(answer.status).toBe(200)
    expect(answer.json.message).toBe('User status.')
    expect(answer.json.success).toBe(true)
    expect(answer.json.status).toMatchObject({
      authy_id: id,
      confirmed: false,
      registered: true,
      country_code: 1,
      phone_number: 'XXX-XXX-0142',
      devices: ['android'],
      has_hard_token: false,
      account_disabled: false,
    })
  })

  it('says registered is false and lists no device once the device is unregistered', async () => {
    const { id } = await registerUser(t())
    await t().control.setDevice(id, false)
    const answer = await t().api('GET', `/protected/json/users/${id}/status`)
    expect(answer.json.status.registered).toBe(false)
    expect(answer.json.status.devices).toEqual([])
  })

  it('answers 404 / 60026 for the status of an unknown user', async () => {
    const answer = await t().api('GET', '/protected/json/users/999999999/status')
    expect(answer.status).toBe(404)
    expect(answer.text).toBe(
      '{"message":"User not found.","success":false,"errors":{"message":"User not found."},"error_code":"60026"}'
    )
  })

  it.each([
    ['/protected/json/users/{id}/remove'],
    ['/protected/json/users/{id}/delete'],
    ['/protected/json/users/delete/{id}'],
  ])('deletes a user with POST %s, and the user is gone afterwards', async (template) => {
    const { id } = await registerUser(t())
    const path = template.replace('{id}', String(id))
    const answer = await t().api('POST', path, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({ message: 'User removed from application', success: true })
    expect((await t().api('GET', `/protected/json/users/${id}/status`)).status).toBe(404)
    expect((await t().api('POST', path)).json.error_code).toBe('60026')
  })

  it('registers an activity for a known user and validates its type', async () => {
    const { id } = await registerUser(t())
    const ok = await t().api('POST', `/protected/json/users/${id}/register_activity`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'type=cookie_login&data%5Breason%5D=remembered',
    })
    expect(ok.json).toEqual({ message: 'Activity was created.', success: true })
    const missing = await t().api('POST', `/protected/json/users/${id}/register_activity`)
    expect(missing.status).toBe(400)
    expect(missing.json.message).toBe('Invalid parameter: type - Parameter is required')
    const wrong = await t().api('POST', `/protected/json/users/${id}/register_activity?type=party`)
    expect(wrong.json.error_code).toBe('60004')
    const unknown = await t().api(
      'POST',
      '/protected/json/users/999999999/register_activity?type=banned'
    )
    expect(unknown.status).toBe(404)
  })
})

describe('the sandbox extra user endpoints of spec §2.8', () => {
  const t = useSandbox()

  it('updates the email of a user, from a form or JSON, and refuses a bad one with 60027', async () => {
    const { id, email } = await registerUser(t())
    const updated = await t().api('POST', `/protected/json/users/${id}/update`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=new%40example.com',
    })
    expect(updated.status).toBe(200)
    expect(updated.text).toBe('{"message":"User was updated successfully","success":true}')
    expect(await t().control.user(id)).toMatchObject({
      email: 'new@example.com',
      emails: [email, 'new@example.com'],
    })
    await t().api('POST', `/protected/json/users/${id}/update`, {
      headers: { 'content-type': 'application/json' },
      body: '{"user":{"email":"json@example.com"}}',
    })
    expect((await t().control.user(id)).email).toBe('json@example.com')

    const bad = await t().api('POST', `/protected/json/users/${id}/update?email=nope`)
    expect(bad.status).toBe(400)
    expect(bad.json).toMatchObject({ email: 'is invalid', error_code: '60027' })
    const unknown = await t().api('POST', '/protected/json/users/999999999/update?email=a@b.co')
    expect(unknown.json.error_code).toBe('60026')
  })
})

describe('the sandbox QR code for other authenticator apps (spec §2.8)', () => {
  it('answers a QR code of the otpauth link whose tokens verify', async () => {
    const { running, sandbox } = await startSandboxApp({ apiKey: TEST_KEY, log: () => {} })
    const api = (method: string, path: string) =>
      send(method, `${running.url}${path}`, { headers: { 'x-authy-api-key': TEST_KEY } })
    try {
      const registered = await send('POST', `${running.url}/protected/json/users/new`, {
        headers: { 'x-authy-api-key': TEST_KEY, 'content-type': 'application/json' },
        body: '{"user":{"email":"qr@example.com","cellphone":"2015550190","country_code":1}}',
      })
      const id = registered.json.user.id
      await send('PUT', `${running.url}/sandbox/users/${id}/device`, {
        headers: { 'x-authy-api-key': TEST_KEY, 'content-type': 'application/json' },
        body: '{"registered":true}',
      })
      const secret = sandbox.context.store.data.users[0].totp_secret

      const answer = await api('POST', `/protected/json/users/${id}/secret?label=Ada&qr_size=200`)
      expect(answer.status).toBe(200)
      expect(Object.keys(answer.json)).toEqual(['qr_code', 'success'])
      const uri = otpauthUri('Sandbox App', 'Ada', secret)
      expect(uri).toMatch(/^otpauth:\/\/totp\/Sandbox%20App%3AAda\?secret=[A-Z2-7]{32}&/)
      expect(uri).toContain('&digits=7&period=20')
      expect(answer.json.qr_code).toBe(qrCodeDataUrl(uri, 200))
      const svg = Buffer.from(answer.json.qr_code.split(',')[1], 'base64').toString('utf8')
      expect(svg).toMatch(/^<svg width="200" height="200" /)

      const fromTheOtherApp = totpToken(secret, Date.now())
      expect((await api('GET', `/protected/json/verify/${fromTheOtherApp}/${id}`)).status).toBe(200)

      const byDefault = await api('POST', `/protected/json/users/${id}/secret`)
      expect(byDefault.json.qr_code).toBe(
        qrCodeDataUrl(otpauthUri('Sandbox App', 'qr@example.com', secret), 300)
      )
      const tiny = await api('POST', `/protected/json/users/${id}/secret?qr_size=10`)
      expect(tiny.json.message).toBe('Invalid parameter: qr_size - Must be between 50 and 1000')
      expect((await api('POST', '/protected/json/users/999999999/secret')).status).toBe(404)
    } finally {
      await running.close()
    }
  })

  it('writes and reads base32 as RFC 4648 does', () => {
    for (const [text, expected] of [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ]) {
      expect(base32(Buffer.from(text))).toBe(expected)
      expect(fromBase32(expected).toString()).toBe(text)
    }
  })
})
