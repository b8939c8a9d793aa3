// The sandbox's Verify v2 Services, Verifications and VerificationCheck through the official
// `twilio` library, unchanged (shared/twilio/client.ts only points its HTTP client at the sandbox).
import { describe, expect, it } from 'vitest'
import { SANDBOX_ACCOUNT_SID } from '../../shared/sandbox/index.js'
import { nextPhone, startTestSandbox, useSandbox, type TestSandbox } from './support.js'
import { rawVerify, refusal, TEST_VERIFY, verifyClientOf } from './verify-support.js'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

async function newService(t: TestSandbox, friendlyName = 'OneTouch Bank') {
  return verifyClientOf(t).verify.v2.services.create({ friendlyName })
}

describe('Verify Services, through the official twilio library', () => {
  const t = useSandbox({ verify: TEST_VERIFY })
  const client = () => verifyClientOf(t())

  it('creates a Service: 201, a VA SID, its settings and links on the sandbox', async () => {
    const service = await client().verify.v2.services.create({
      friendlyName: 'OneTouch Bank',
      codeLength: 8,
      'totp.issuer': 'OneTouch',
      'totp.timeStep': 20,
    })
    expect(service.sid).toMatch(/^VA[0-9a-f]{32}$/)
    expect(service).toMatchObject({
      accountSid: SANDBOX_ACCOUNT_SID,
      friendlyName: 'OneTouch Bank',
      codeLength: 8,
      lookupEnabled: false,
      psd2Enabled: false,
      customCodeEnabled: false,
      push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
      totp: { issuer: 'OneTouch', time_step: 20, code_length: 6, skew: 1 },
      url: `${t().sandbox.verifyUrl}/v2/Services/${service.sid}`,
    })
    expect(service.links.entities).toBe(`${t().sandbox.verifyUrl}/v2/Services/${service.sid}/Entities`)
    expect(service.dateCreated).toBeInstanceOf(Date)
  })

  it('fetches, updates and lists Services, paging through next_page_url on the sandbox', async () => {
    const fresh = await startTestSandbox({ verify: TEST_VERIFY })
    try {
      const verify = verifyClientOf(fresh).verify.v2
      const made = []
      for (const name of ['One', 'Two', 'Three', 'Four', 'Five']) made.push(await verify.services.create({ friendlyName: name }))
      const updated = await verify.services(made[0]!.sid).update({ codeLength: 4, friendlyName: 'Uno' })
      expect(updated).toMatchObject({ friendlyName: 'Uno', codeLength: 4 })
      expect((await verify.services(made[0]!.sid).fetch()).friendlyName).toBe('Uno')

      const page = await verify.services.page({ pageSize: 2 })
      expect(page.instances.map((s) => s.friendlyName)).toEqual(['Uno', 'Two'])
      expect(page.nextPageUrl).toMatch(new RegExp(`^${fresh.sandbox.verifyUrl}/v2/Services\\?PageSize=2&Page=1&PageToken=PA`))
      const all = await verify.services.list({ pageSize: 2 })
      expect(all.map((s) => s.friendlyName)).toEqual(['Uno', 'Two', 'Three', 'Four', 'Five'])
      const paged = (await fresh.control.requests('/v2/Services*')).filter((r) => r.method === 'GET')
      expect(paged.length).toBeGreaterThanOrEqual(3 + 1)
    } finally {
      await fresh.sandbox.close()
    }
  })

  it('deletes a Service with everything under it: 204, then 404 for it and its verifications', async () => {
    const service = await client().verify.v2.services.create({ friendlyName: 'Short-lived' })
    const verification = await client().verify.v2.services(service.sid).verifications.create({
      to: '+12015550199',
      channel: 'sms',
    })
    expect(await client().verify.v2.services(service.sid).remove()).toBe(true)
    expect(await refusal(client().verify.v2.services(service.sid).fetch())).toMatchObject({ status: 404, code: 20404 })
    expect(
      await refusal(client().verify.v2.services(service.sid).verifications(verification.sid).fetch())
    ).toMatchObject({ status: 404, code: 20404 })
  })

  it('refuses a missing FriendlyName (20001), a bad CodeLength (60200), an unknown SID (20404)', async () => {
    const missing = await rawVerify(t(), 'POST', '/v2/Services', { form: { CodeLength: '6' } })
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual({
      code: 20001,
      message: 'Missing required parameter FriendlyName in the post body',
      more_info: 'https://www.twilio.com/docs/errors/20001',
      status: 400,
    })
    expect(await refusal(client().verify.v2.services.create({ friendlyName: 'x', codeLength: 12 }))).toMatchObject({
      status: 400,
      code: 60200,
      message: 'Invalid parameter: CodeLength (must be a whole number from 4 to 10)',
    })
    const unknown = 'VA00000000000000000000000000000000'
    expect(await refusal(client().verify.v2.services(unknown).fetch())).toEqual({
      status: 404,
      code: 20404,
      message: `The requested resource /Services/${unknown} was not found`,
      moreInfo: 'https://www.twilio.com/docs/errors/20404',
    })
  })

  it('answers wrong credentials with 401 / 20003, and takes the account’s API key', async () => {
    const wrong = verifyClientOf(t(), { authToken: 'not-the-token-at-all' })
    expect(await refusal(wrong.verify.v2.services.list())).toMatchObject({ status: 401, code: 20003 })
    const { api_key_sid, api_key_secret } = await t().control.verify.account()
    const withKey = verifyClientOf(t(), { apiKey: { sid: api_key_sid, secret: api_key_secret } })
    const service = await withKey.verify.v2.services.create({ friendlyName: 'Keyed' })
    expect(service.accountSid).toBe(SANDBOX_ACCOUNT_SID)
  })
})

describe('Verify Verifications and VerificationCheck, through the official twilio library', () => {
  let now = Date.now()
  const t = useSandbox({ verify: TEST_VERIFY, now: () => now })
  const client = () => verifyClientOf(t())

  it('texts a code to the phone’s inbox, and the right code approves it (valid: true)', async () => {
    const service = await newService(t(), 'OneTouch Bank')
    const phone = nextPhone()
    const verification = await client().verify.v2.services(service.sid).verifications.create({
      to: `+1${phone}`,
      channel: 'sms',
    })
    expect(verification.sid).toMatch(/^VE[0-9a-f]{32}$/)
    expect(verification).toMatchObject({
      serviceSid: service.sid,
      accountSid: SANDBOX_ACCOUNT_SID,
      to: `+1${phone}`,
      channel: 'sms',
      status: 'pending',
      valid: false,
      url: `${t().sandbox.verifyUrl}/v2/Services/${service.sid}/Verifications/${verification.sid}`,
    })
    expect(verification.sendCodeAttempts).toEqual([
      { time: expect.stringMatching(ISO), channel: 'SMS', attempt_sid: expect.stringMatching(/^VL[0-9a-f]{32}$/) },
    ])
    const [sms] = await t().control.messages(1, phone)
    expect(sms).toMatchObject({ channel: 'sms', from: 'OneTouch Bank', sid: verification.sid })
    expect(sms!.code).toMatch(/^\d{6}$/)
    expect(sms!.body).toBe(`Your OneTouch Bank verification code is: ${sms!.code}`)

    const check = await client().verify.v2.services(service.sid).verificationChecks.create({
      to: `+1${phone}`,
      code: sms!.code!,
    })
    expect(check).toMatchObject({ sid: verification.sid, status: 'approved', valid: true, to: `+1${phone}` })
  })

  it('answers a wrong code with 200 and status pending: a wrong code is not an error', async () => {
    const service = await newService(t())
    const phone = nextPhone()
    const verification = await client().verify.v2.services(service.sid).verifications.create({ to: `+1${phone}`, channel: 'sms' })
    const check = await client().verify.v2.services(service.sid).verificationChecks.create({
      verificationSid: verification.sid,
      code: wrongCode((await t().control.messages(1, phone))[0]!.code!),
    })
    expect(check).toMatchObject({ status: 'pending', valid: false })
    expect((await client().verify.v2.services(service.sid).verifications(verification.sid).fetch()).status).toBe('pending')
  })

  it('answers a check after approval with 404 / 20404, and so a fetch', async () => {
    const service = await newService(t())
    const phone = nextPhone()
    const verification = await client().verify.v2.services(service.sid).verifications.create({ to: `+1${phone}`, channel: 'sms' })
    const code = (await t().control.messages(1, phone))[0]!.code!
    await client().verify.v2.services(service.sid).verificationChecks.create({ to: `+1${phone}`, code })
    expect(await refusal(client().verify.v2.services(service.sid).verificationChecks.create({ to: `+1${phone}`, code }))).toEqual({
      status: 404,
      code: 20404,
      message: `The requested resource /Services/${service.sid}/VerificationCheck was not found`,
      moreInfo: 'https://www.twilio.com/docs/errors/20404',
    })
    expect(await refusal(client().verify.v2.services(service.sid).verifications(verification.sid).fetch())).toMatchObject({
      status: 404,
      code: 20404,
    })
  })

  it('answers a check after the 10 minutes with 404 / 20404', async () => {
    const service = await newService(t())
    const phone = nextPhone()
    await client().verify.v2.services(service.sid).verifications.create({ to: `+1${phone}`, channel: 'sms' })
    const code = (await t().control.messages(1, phone))[0]!.code!
    now += 10 * 60_000
    try {
      expect(await refusal(client().verify.v2.services(service.sid).verificationChecks.create({ to: `+1${phone}`, code }))).toMatchObject({
        status: 404,
        code: 20404,
      })
    } finally {
      now = Date.now()
    }
  })

  it('counts 5 wrong codes, then answers 429 / 60202 even for the right one', async () => {
    const service = await newService(t())
    const phone = nextPhone()
    await client().verify.v2.services(service.sid).verifications.create({ to: `+1${phone}`, channel: 'sms' })
    const code = (await t().control.messages(1, phone))[0]!.code!
    const statuses = []
    for (let i = 0; i < 5; i++) {
      const check = await client().verify.v2.services(service.sid).verificationChecks.create({ to: `+1${phone}`, code: wrongCode(code) })
      statuses.push(check.status)
    }
    expect(statuses).toEqual(['pending', 'pending', 'pending', 'pending', 'max_attempts_reached'])
    expect(await refusal(client().verify.v2.services(service.sid).verificationChecks.create({ to: `+1${phone}`, code }))).toMatchObject({
      status: 429,
      code: 60202,
      message: 'Max check attempts reached',
    })
  })

  it('starts again within 10 minutes as the same verification with the same code, up to 5 sends (60203)', async () => {
    const service = await newService(t())
    const phone = nextPhone()
    const verify = client().verify.v2.services(service.sid)
    const first = await verify.verifications.create({ to: `+1${phone}`, channel: 'sms' })
    const second = await verify.verifications.create({ to: `+1${phone}`, channel: 'call' })
    expect(second.sid).toBe(first.sid)
    expect(second.channel).toBe('call')
    expect(second.sendCodeAttempts.map((a: { channel: string }) => a.channel)).toEqual(['SMS', 'CALL'])
    const [call, sms] = await t().control.messages(1, phone)
    expect(call).toMatchObject({ channel: 'call', code: sms!.code })
    expect(call!.body).toContain([...sms!.code!].join(' '))
    for (let i = 0; i < 3; i++) await verify.verifications.create({ to: `+1${phone}`, channel: 'sms' })
    expect(await refusal(verify.verifications.create({ to: `+1${phone}`, channel: 'sms' }))).toMatchObject({
      status: 429,
      code: 60203,
      message: 'Max send attempts reached',
    })
  })

  it('sends an email code to the address’s own inbox (control API, phone page) and checks it by To', async () => {
    const service = await newService(t())
    const verification = await client().verify.v2.services(service.sid).verifications.create({
      to: 'Ada@Example.com',
      channel: 'email',
    })
    expect(verification).toMatchObject({ to: 'Ada@Example.com', channel: 'email' })
    const [email] = await t().control.verify.emails('ada@example.com')
    expect(email).toMatchObject({ channel: 'email', sid: verification.sid, to: 'ada@example.com' })
    const check = await client().verify.v2.services(service.sid).verificationChecks.create({
      to: 'ada@example.com',
      code: email!.code!,
    })
    expect(check.status).toBe('approved')
  })

  it('cancels, and approves without a code; either way the verification is then gone', async () => {
    const service = await newService(t())
    const verify = client().verify.v2.services(service.sid)
    const one = await verify.verifications.create({ to: `+1${nextPhone()}`, channel: 'sms' })
    expect(await verify.verifications(one.sid).update({ status: 'canceled' })).toMatchObject({ status: 'canceled', valid: false })
    expect(await refusal(verify.verifications(one.sid).fetch())).toMatchObject({ status: 404, code: 20404 })
    const two = await verify.verifications.create({ to: `+1${nextPhone()}`, channel: 'sms' })
    expect(await verify.verifications(two.sid).update({ status: 'approved' })).toMatchObject({ status: 'approved', valid: true })
    expect(await refusal(verify.verifications(two.sid).fetch())).toMatchObject({ status: 404, code: 20404 })
  })

  it('refuses an invalid To (60200), a channel it does not deliver (60223), no target (60221), a bad Code (60200)', async () => {
    const service = await newService(t())
    const verify = client().verify.v2.services(service.sid)
    expect(await refusal(verify.verifications.create({ to: '5551234', channel: 'sms' }))).toMatchObject({
      status: 400,
      code: 60200,
      message: expect.stringContaining('Invalid parameter: To'),
    })
    expect(await refusal(verify.verifications.create({ to: 'not-an-email', channel: 'email' }))).toMatchObject({ status: 400, code: 60200 })
    expect(await refusal(verify.verifications.create({ to: `+1${nextPhone()}`, channel: 'whatsapp' }))).toMatchObject({
      status: 400,
      code: 60223,
      message: 'Delivery channel disabled: WHATSAPP',
    })
    expect(await refusal(verify.verifications.create({ to: `+1${nextPhone()}`, channel: 'pigeon' }))).toMatchObject({ status: 400, code: 60200 })
    expect(await refusal(verify.verificationChecks.create({ code: '123456' }))).toMatchObject({
      status: 400,
      code: 60221,
      message: 'No target verification specified',
    })
    expect(await refusal(verify.verificationChecks.create({ to: '+1 nope', code: '123456' }))).toMatchObject({ status: 400, code: 60200 })
    expect(await refusal(verify.verificationChecks.create({ to: `+1${nextPhone()}`, code: '12' }))).toMatchObject({
      status: 400,
      code: 60200,
      message: 'Invalid parameter: Code (must be 4 to 10 characters)',
    })
  })

  it('takes a custom code only when the Service allows custom codes', async () => {
    const service = await newService(t())
    const verify = client().verify.v2.services(service.sid)
    expect(await refusal(verify.verifications.create({ to: `+1${nextPhone()}`, channel: 'sms', customCode: '424242' }))).toMatchObject({
      status: 400,
      code: 60200,
    })
    await verify.update({ customCodeEnabled: true })
    const phone = nextPhone()
    await verify.verifications.create({ to: `+1${phone}`, channel: 'sms', customCode: '424242' })
    expect((await t().control.messages(1, phone))[0]!.code).toBe('424242')
  })

  it('keeps a Service’s code length for its codes', async () => {
    const service = await client().verify.v2.services.create({ friendlyName: 'Long codes', codeLength: 10 })
    const phone = nextPhone()
    await client().verify.v2.services(service.sid).verifications.create({ to: `+1${phone}`, channel: 'sms' })
    expect((await t().control.messages(1, phone))[0]!.code).toMatch(/^\d{10}$/)
  })
})

// A code of the same length that is not this one.
function wrongCode(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('')
}
