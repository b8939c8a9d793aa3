import { describe, expect, it } from 'vitest'
import { useSandbox } from './support.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

describe('the sandbox phone verification and phone info', () => {
  const t = useSandbox()

  it('starts a verification by SMS and puts a random 4-digit code in the inbox', async () => {
    const answer = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=sms&country_code=1&phone_number=201-555-0123',
    })
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({
      carrier: 'Sandbox Mobile',
      is_cellphone: true,
      is_ported: false,
      message: 'Text message sent to +1 201-555-0123.',
      seconds_to_expire: 600,
      success: true,
    })
    expect(answer.json.uuid).toMatch(/^[0-9a-f-]{36}$/)
    const [sms] = await t().control.messages(1, '2015550123')
    expect(sms.channel).toBe('sms')
    expect(sms.code).toMatch(/^\d{4}$/)
    expect(sms.body).toContain(sms.code)
  })

  it('honours via=call and code_length', async () => {
    const answer = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=call&country_code=44&phone_number=7700900123&code_length=6',
    })
    expect(answer.json.message).toBe('Call to +44 7700900123 initiated')
    const [call] = await t().control.messages(44, '7700900123')
    expect(call.channel).toBe('call')
    expect(call.code).toMatch(/^\d{6}$/)
  })

  it('checks a code: wrong → 401 / 60022, right → success, then nothing is pending → 404 / 60023', async () => {
    await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=sms&country_code=1&phone_number=2015550124',
    })
    const [sms] = await t().control.messages(1, '2015550124')
    const wrongCode = sms.code === '0000' ? '1111' : '0000'
    const wrong = await t().api(
      'GET',
      `/protected/json/phones/verification/check?country_code=1&phone_number=2015550124&verification_code=${wrongCode}`
    )
    expect(wrong.status).toBe(401)
    expect(wrong.text).toBe(
      '{"message":"Verification code is incorrect","success":false,' +
        '"errors":{"message":"Verification code is incorrect"},"error_code":"60022"}'
    )
    const right = await t().api(
      'GET',
      `/protected/json/phones/verification/check?country_code=1&phone_number=2015550124&verification_code=${sms.code}`
    )
    expect(right.status).toBe(200)
    expect(right.json).toEqual({ message: 'Verification code is correct.', success: true })
    const again = await t().api(
      'GET',
      `/protected/json/phones/verification/check?country_code=1&phone_number=2015550124&verification_code=${sms.code}`
    )
    expect(again.status).toBe(404)
    expect(again.json).toMatchObject({
      message: 'No pending verifications for +1 201-555-0124 found.',
      error_code: '60023',
    })
  })

  it('reports the status of a verification, and 404 / 60023 for a phone without one', async () => {
    await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'country_code=1&phone_number=2015550125',
    })
    const pending = await t().api(
      'GET',
      '/protected/json/phones/verification/status?country_code=1&phone_number=2015550125'
    )
    expect(pending.json).toMatchObject({ status: 'pending', success: true })
    expect(pending.json.seconds_to_expire).toBeGreaterThan(590)
    const none = await t().api(
      'GET',
      '/protected/json/phones/verification/status?country_code=1&phone_number=2015550126'
    )
    expect(none.status).toBe(404)
    expect(none.json.error_code).toBe('60023')
  })

  it('refuses a custom code as the real service does, and sends nothing', async () => {
    const answer = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=sms&country_code=1&phone_number=2015550127&custom_code=1234',
    })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      message: "Phone verification couldn't be created: custom codes are not allowed.",
      success: false,
      errors: { message: "Phone verification couldn't be created: custom codes are not allowed." },
      error_code: '60021',
    })
    expect(await t().control.messages(1, '2015550127')).toEqual([])
  })

  it("says which parameter is missing, in Authy's words", async () => {
    const answer = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=sms&phone_number=2015550123',
    })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({
      message: 'Invalid parameter: country_code - Parameter is required',
      success: false,
      errors: { message: 'Invalid parameter: country_code - Parameter is required' },
      error_code: '60004',
    })
  })

  it('answers 400 / 60033 for an invalid phone number and 60004 for a bad via', async () => {
    const phone = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=sms&country_code=1&phone_number=12',
    })
    expect(phone.status).toBe(400)
    expect(phone.json).toMatchObject({ message: 'Phone number is invalid', error_code: '60033' })
    const via = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=pigeon&country_code=1&phone_number=2015550123',
    })
    expect(via.json.error_code).toBe('60004')
  })

  it.each([
    ['49', '30 123456', 'a German fixed line', 'landline', 'Sandbox Landline'],
    ['1', '800 555 0199', 'a US toll-free number', 'landline', 'Sandbox Landline'],
    ['1', '900 555 0199', 'a US premium-rate number', 'landline', 'Sandbox Landline'],
    ['49', '151 12345678', 'a German mobile', 'cellphone', 'Sandbox Mobile'],
    ['44', '56 1234 5678', 'a UK VoIP number', 'voip', 'Sandbox VoIP'],
    ['1', '201 555 0123', 'a US number that may be either', 'cellphone', 'Sandbox Mobile'],
    ['1', '555 123 4567', 'a possible but unassigned number', 'cellphone', 'Sandbox Mobile'],
  ])(
    'says what kind of line +%s %s is (%s): %s',
    async (countryCode, phone, _what, type, provider) => {
      const query = new URLSearchParams({ country_code: countryCode, phone_number: phone })
      const info = await t().api('GET', `/protected/json/phones/info?${query}`)
      expect(info.json).toMatchObject({ type, provider, success: true })
      const started = await t().api('POST', `/protected/json/phones/verification/start?${query}`)
      expect(started.json).toMatchObject({ carrier: provider, is_cellphone: type === 'cellphone' })
    }
  )

  it('answers 400 / 60033 for a number of the wrong length for its country, such as 282-23', async () => {
    for (const [path, method] of [
      ['/protected/json/phones/verification/start?via=sms&', 'POST'],
      ['/protected/json/phones/info?', 'GET'],
    ]) {
      const answer = await t().api(method, `${path}country_code=1&phone_number=282-23`)
      expect(answer.status, path).toBe(400)
      expect(answer.text).toBe(
        '{"message":"Phone number is invalid","success":false,' +
          '"errors":{"message":"Phone number is invalid"},"error_code":"60033"}'
      )
    }
  })

  it('refuses a country code that belongs to no country with 60004 naming country_code', async () => {
    const answer = await t().api(
      'POST',
      '/protected/json/phones/verification/start?via=sms&country_code=999&phone_number=2015550123'
    )
    expect(answer.status).toBe(400)
    expect(answer.json).toMatchObject({
      message: 'Invalid parameter: country_code - Is not a valid country calling code',
      error_code: '60004',
    })
  })

  it('answers phone information with the dated message authy-client checks', async () => {
    const answer = await t().api(
      'GET',
      '/protected/json/phones/info?country_code=1&phone_number=2015550123'
    )
    expect(answer.status).toBe(200)
    expect(answer.json.message).toMatch(
      /^Phone number information as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/
    )
    expect(answer.json).toMatchObject({
      type: 'cellphone',
      provider: 'Sandbox Mobile',
      ported: false,
      success: true,
    })
  })
})

describe('the sandbox application endpoints', () => {
  const t = useSandbox()

  it('describes the application', async () => {
    const answer = await t().api('GET', '/protected/json/app/details')
    expect(answer.json).toEqual({
      app: {
        app_id: 1,
        name: 'Sandbox App',
        plan: 'pay_as_you_go',
        sms_enabled: true,
        phone_calls_enabled: true,
        white_label: false,
      },
      message: 'Application information.',
      success: true,
    })
  })

  it("counts this month's calls, SMS and users in the statistics", async () => {
    const before = (await t().api('GET', '/protected/json/app/stats')).json
    const register = await t().api('POST', '/protected/json/users/new', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        user: { email: 's@example.com', cellphone: '2015550190', country_code: 1 },
      }),
    })
    await t().api('GET', `/protected/json/sms/${register.json.user.id}?force=true`)
    const after = (await t().api('GET', '/protected/json/app/stats')).json
    expect(after).toMatchObject({ app_id: 1, message: 'Monthly statistics.', success: true })
    expect(after.total_users).toBe(before.total_users + 1)
    const month = after.stats[after.stats.length - 1]
    expect(Object.keys(month).sort()).toEqual([
      'api_calls_count',
      'auths_count',
      'calls_count',
      'month',
      'sms_count',
      'users_count',
      'year',
    ])
    const previous = before.stats[before.stats.length - 1] ?? {
      api_calls_count: 0,
      sms_count: 0,
      users_count: 0,
    }
    expect(month.api_calls_count).toBe(previous.api_calls_count + 3)
    expect(month.sms_count).toBe(previous.sms_count + 1)
    expect(month.users_count).toBe(previous.users_count + 1)
    expect(after.count).toBe(after.stats.length)
  })
})
