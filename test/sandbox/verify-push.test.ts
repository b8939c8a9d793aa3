// Verify Push and TOTP in the sandbox (Entities, Factors, Challenges, Notifications) through the
// official `twilio` library, unchanged; the phone's side through the control API.
import { describe, expect, it } from 'vitest'
import { SANDBOX_ACCOUNT_SID } from '../../shared/sandbox/index.js'
import { nextPhone, useSandbox, type TestSandbox } from './support.js'
import { nextIdentity, rawVerify, refusal, TEST_VERIFY, verifyClientOf } from './verify-support.js'

const TRANSFER_FIELDS = [
  { label: 'From', value: 'alice@example.com' },
  { label: 'To', value: 'bob@example.com' },
  { label: 'Account Number', value: '981266321' },
  { label: 'US Dollar Amount', value: '$250.00' },
]

describe('Verify Push and TOTP, through the official twilio library', () => {
  let now = Date.now()
  const t = useSandbox({ verify: TEST_VERIFY, now: () => now })
  const verify = () => verifyClientOf(t()).verify.v2

  /** A Service, an identity and a verified push factor on a fresh phone (as the SDK makes it). */
  async function pushUser(sandbox: TestSandbox = t()) {
    const service = await verifyClientOf(sandbox).verify.v2.services.create({ friendlyName: 'OneTouch Bank' })
    const identity = nextIdentity()
    const phone = nextPhone()
    const factor = await sandbox.control.verify.addPushFactor(identity, {
      service_sid: service.sid,
      country_code: 1,
      phone_number: phone,
    })
    const entity = verifyClientOf(sandbox).verify.v2.services(service.sid).entities(identity)
    return { service, identity, phone, factor, entity }
  }

  async function totpUser() {
    const { service, identity, entity } = await pushUser()
    const factor = await entity.newFactors.create({ friendlyName: 'Ada', factorType: 'totp' })
    const { code } = await t().control.verify.totp(factor.sid)
    await entity.factors(factor.sid).update({ authPayload: code })
    return { service, identity, entity, factor }
  }

  it('makes a push factor on a phone as the SDK would: verified, its Entity made, listed without binding', async () => {
    const { service, identity, factor, entity } = await pushUser()
    expect(factor).toMatchObject({ identity, service_sid: service.sid, status: 'verified' })
    expect(factor.sid).toMatch(/^YF[0-9a-f]{32}$/)
    expect(factor.phone_url).toMatch(new RegExp(`^${t().sandbox.url}/phone/verify/[\\w-]{32}$`))
    const fetched = await entity.fetch()
    expect(fetched).toMatchObject({ identity, sid: expect.stringMatching(/^YE[0-9a-f]{32}$/) })
    const [listed] = await entity.factors.list()
    expect(listed).toMatchObject({ sid: factor.sid, factorType: 'push', status: 'verified' })
    expect(listed!.config).toMatchObject({ notification_platform: 'none' })
    expect((listed as unknown as { binding?: unknown }).binding).toBeUndefined()
  })

  it('creates, fetches, lists and deletes Entities; a bad identity is 60366, an unknown one 60392', async () => {
    const service = await verify().services.create({ friendlyName: 'Entities' })
    const identity = nextIdentity()
    const entity = await verify().services(service.sid).entities.create({ identity })
    expect(entity).toMatchObject({
      identity,
      accountSid: SANDBOX_ACCOUNT_SID,
      serviceSid: service.sid,
      url: `${t().sandbox.verifyUrl}/v2/Services/${service.sid}/Entities/${identity}`,
    })
    expect(entity.links.challenges).toBe(`${entity.url}/Challenges`)
    expect((await verify().services(service.sid).entities.list()).map((e) => e.identity)).toEqual([identity])
    expect(await refusal(verify().services(service.sid).entities.create({ identity: 'ada@example.com' }))).toMatchObject({
      status: 400,
      code: 60366,
    })
    await verify().services(service.sid).entities(identity).remove()
    expect(await refusal(verify().services(service.sid).entities(identity).fetch())).toMatchObject({
      status: 404,
      code: 60392,
      message: 'Entity not found',
    })
  })

  it('creates a TOTP factor with its binding once (secret and otpauth URI), and verifies it with a code', async () => {
    const { service, entity, identity } = await pushUser()
    const factor = await entity.newFactors.create({ friendlyName: 'Ada’s phone', factorType: 'totp' })
    expect(factor.status).toBe('unverified')
    const binding = factor.binding as { secret: string; uri: string }
    expect(binding.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(binding.uri).toBe(
      `otpauth://totp/OneTouch%20Bank:Ada%E2%80%99s%20phone?secret=${binding.secret}` +
        '&issuer=OneTouch%20Bank&algorithm=SHA1&digits=6&period=30'
    )
    expect(factor.config).toEqual({ alg: 'sha1', skew: 1, code_length: 6, time_step: 30 })
    expect(factor).toMatchObject({ identity, serviceSid: service.sid, factorType: 'totp' })

    const wrong = await t().control.verify.totp(factor.sid).then(({ code }) => shifted(code))
    expect(await refusal(entity.factors(factor.sid).update({ authPayload: wrong }))).toMatchObject({
      status: 403,
      code: 60311,
      message: 'Factor verification failed',
    })
    const { code } = await t().control.verify.totp(factor.sid)
    expect(await entity.factors(factor.sid).update({ authPayload: code })).toMatchObject({ status: 'verified' })
    expect(((await entity.factors(factor.sid).fetch()) as unknown as { binding?: unknown }).binding).toBeUndefined()
  })

  it('computes TOTP codes as an authenticator app does (RFC 6238 with the factor’s settings)', async () => {
    const { entity } = await pushUser()
    // RFC 6238's test secret ("12345678901234567890") in Base32.
    const factor = await entity.newFactors.create({
      friendlyName: 'RFC',
      factorType: 'totp',
      'binding.secret': 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      'config.codeLength': 8,
      'config.timeStep': 30,
    })
    now = 59_000
    try {
      expect((await t().control.verify.totp(factor.sid)).code).toBe('94287082')
    } finally {
      now = Date.now()
    }
  })

  it('refuses a TOTP factor’s codes after 5 wrong ones in 10 minutes (429 / 60310)', async () => {
    const { entity } = await pushUser()
    const factor = await entity.newFactors.create({ friendlyName: 'Ada', factorType: 'totp' })
    const { code } = await t().control.verify.totp(factor.sid)
    for (let i = 0; i < 5; i++)
      expect((await refusal(entity.factors(factor.sid).update({ authPayload: shifted(code) }))).code).toBe(60311)
    expect(await refusal(entity.factors(factor.sid).update({ authPayload: code }))).toMatchObject({ status: 429, code: 60310 })
  })

  it('allows at most 20 push factors per Entity (400 / 60315)', async () => {
    const { service, identity, phone } = await pushUser()
    for (let i = 1; i < 20; i++)
      await t().control.verify.addPushFactor(identity, { service_sid: service.sid, country_code: 1, phone_number: phone })
    const raw = await rawVerify(t(), 'POST', `/v2/Services/${service.sid}/Entities/${identity}/Factors`, {
      form: {
        FriendlyName: 'One too many',
        FactorType: 'push',
        'Binding.Alg': 'ES256',
        'Binding.PublicKey': 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE',
        'Config.AppId': 'com.example.bank',
        'Config.NotificationPlatform': 'none',
      },
    })
    expect(raw.status).toBe(400)
    expect(raw.json).toMatchObject({ code: 60315 })
  })

  it('sends a push challenge with its message, every field, hidden details and a 5-minute expiry', async () => {
    const { entity, factor, service, identity } = await pushUser()
    const before = now
    const challenge = await entity.challenges.create({
      factorSid: factor.sid,
      'details.message': 'Transfer Money to bob@example.com',
      'details.fields': TRANSFER_FIELDS,
      hiddenDetails: { transferId: 't_123' },
    })
    expect(challenge.sid).toMatch(/^YC[0-9a-f]{32}$/)
    expect(challenge).toMatchObject({
      accountSid: SANDBOX_ACCOUNT_SID,
      serviceSid: service.sid,
      identity,
      factorSid: factor.sid,
      status: 'pending',
      respondedReason: 'none',
      dateResponded: null,
      details: { message: 'Transfer Money to bob@example.com', fields: TRANSFER_FIELDS },
      hiddenDetails: { transferId: 't_123' },
      metadata: null,
      factorType: 'push',
      url: `${t().sandbox.verifyUrl}/v2/Services/${service.sid}/Entities/${identity}/Challenges/${challenge.sid}`,
    })
    const expiry = challenge.expirationDate.getTime()
    expect(expiry).toBeGreaterThanOrEqual(Math.floor((before + 5 * 60_000) / 1000) * 1000 - 1000)
    expect(expiry).toBeLessThanOrEqual(before + 5 * 60_000)
    const seen = await t().control.verify.challenge(challenge.sid)
    expect(seen).toMatchObject({ status: 'pending', fields: TRANSFER_FIELDS, hidden_details: { transferId: 't_123' } })
  })

  it('reads a push challenge approved, then denied, on the phone; answering again is 409 on the control API and 60322 on the API', async () => {
    const { entity, factor } = await pushUser()
    const create = () =>
      entity.challenges.create({ factorSid: factor.sid, 'details.message': 'Sign in?' })
    const approved = await create()
    await t().control.verify.approve(approved.sid)
    const read = await entity.challenges(approved.sid).fetch()
    expect(read).toMatchObject({ status: 'approved', respondedReason: 'none' })
    expect(read.dateResponded).toBeInstanceOf(Date)
    const denied = await create()
    expect((await t().control.verify.deny(denied.sid)).challenge.status).toBe('denied')
    expect((await entity.challenges(denied.sid).fetch()).status).toBe('denied')
    await expect(t().control.verify.approve(denied.sid)).rejects.toMatchObject({ status: 409 })
    expect(await refusal(entity.challenges(denied.sid).update({ authPayload: '123456' }))).toMatchObject({
      status: 403,
      code: 60322,
    })
  })

  it('evaluates expiry on read: expired after ExpirationDate, answers then 409 / 60323', async () => {
    const { entity, factor } = await pushUser()
    const challenge = await entity.challenges.create({
      factorSid: factor.sid,
      'details.message': 'Quick',
      expirationDate: new Date(now + 30_000),
    })
    expect((await entity.challenges(challenge.sid).fetch()).status).toBe('pending')
    now += 31_000
    try {
      expect((await entity.challenges(challenge.sid).fetch()).status).toBe('expired')
      await expect(t().control.verify.approve(challenge.sid)).rejects.toMatchObject({ status: 409 })
      expect(await refusal(entity.challenges(challenge.sid).update({ authPayload: '123456' }))).toMatchObject({
        status: 403,
        code: 60323,
      })
    } finally {
      now = Date.now()
    }
  })

  it('takes an ExpirationDate up to 60 minutes away, and refuses a later or a past one (60306)', async () => {
    const { entity, factor } = await pushUser()
    const at = new Date(Math.floor((now + 60 * 60_000) / 1000) * 1000)
    const hour = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'Hour', expirationDate: at })
    expect(hour.expirationDate).toEqual(at)
    for (const late of [new Date(now + 61 * 60_000), new Date(now - 1000)]) {
      expect(await refusal(entity.challenges.create({ factorSid: factor.sid, 'details.message': 'x', expirationDate: late }))).toMatchObject({
        status: 400,
        code: 60306,
        message: expect.stringContaining('ExpirationDate'),
      })
    }
  })

  it('refuses a push challenge without a message, with too many or too long fields (400 / 60368)', async () => {
    const { entity, factor } = await pushUser()
    const refusals = [
      entity.challenges.create({ factorSid: factor.sid }),
      entity.challenges.create({ factorSid: factor.sid, 'details.message': 'x'.repeat(257) }),
      entity.challenges.create({
        factorSid: factor.sid,
        'details.message': 'x',
        'details.fields': Array.from({ length: 21 }, (_, i) => ({ label: `F${i}`, value: 'v' })),
      }),
      entity.challenges.create({
        factorSid: factor.sid,
        'details.message': 'x',
        'details.fields': [{ label: 'L'.repeat(37), value: 'v' }],
      }),
      entity.challenges.create({
        factorSid: factor.sid,
        'details.message': 'x',
        'details.fields': [{ label: 'L', value: 'v'.repeat(129) }],
      }),
    ]
    for (const call of refusals) expect(await refusal(call)).toMatchObject({ status: 400, code: 60368 })
    expect(
      await refusal(entity.challenges.create({ factorSid: factor.sid, 'details.message': 'x', hiddenDetails: { n: 1 } as never }))
    ).toMatchObject({ status: 400, code: 60306, message: expect.stringContaining('HiddenDetails') })
  })

  it('refuses a challenge for an unverified factor (403 / 60318), an unknown one (404 / 60390), a malformed SID (60362)', async () => {
    const { entity } = await pushUser()
    const unverified = await entity.newFactors.create({ friendlyName: 'Not yet', factorType: 'totp' })
    expect(await refusal(entity.challenges.create({ factorSid: unverified.sid, authPayload: '123456' }))).toMatchObject({
      status: 403,
      code: 60318,
      message: 'Factor is unverified',
    })
    expect(await refusal(entity.challenges.create({ factorSid: 'YF00000000000000000000000000000000', 'details.message': 'x' }))).toMatchObject({
      status: 404,
      code: 60390,
    })
    expect(await refusal(entity.challenges.create({ factorSid: 'nope', 'details.message': 'x' }))).toMatchObject({
      status: 400,
      code: 60362,
    })
  })

  it('answers an unknown challenge with 404 / 60391 and a malformed SID with 400 / 60364', async () => {
    const { entity } = await pushUser()
    expect(await refusal(entity.challenges('YC00000000000000000000000000000000').fetch())).toMatchObject({
      status: 404,
      code: 60391,
      message: 'Challenge not found',
    })
    expect(await refusal(entity.challenges('YC-not-a-sid').fetch())).toMatchObject({ status: 400, code: 60364 })
  })

  it('cannot answer a push challenge through the API: the device’s signature is what counts (60324)', async () => {
    const { entity, factor } = await pushUser()
    const challenge = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'x' })
    expect(await refusal(entity.challenges(challenge.sid).update({ authPayload: 'eyJhbGciOiJFUzI1NiJ9.e30.sig' }))).toMatchObject({
      status: 403,
      code: 60324,
    })
    expect((await entity.challenges(challenge.sid).fetch()).status).toBe('pending')
  })

  it('approves a TOTP challenge by its code, at once or later; a wrong code is 403 / 60324, the 6th 429 / 60308', async () => {
    const { entity, factor } = await totpUser()
    const { code } = await t().control.verify.totp(factor.sid)
    const atOnce = await entity.challenges.create({ factorSid: factor.sid, authPayload: code })
    expect(atOnce).toMatchObject({ status: 'approved', factorType: 'totp' })
    expect(atOnce.dateResponded).toBeInstanceOf(Date)

    const later = await entity.challenges.create({ factorSid: factor.sid })
    expect(later.status).toBe('pending')
    expect(await refusal(entity.challenges(later.sid).update({ authPayload: shifted(code) }))).toMatchObject({
      status: 403,
      code: 60324,
    })
    expect((await entity.challenges(later.sid).update({ authPayload: code })).status).toBe('approved')

    for (let i = 0; i < 4; i++)
      expect((await refusal(entity.challenges.create({ factorSid: factor.sid, authPayload: shifted(code) }))).code).toBe(60324)
    expect(await refusal(entity.challenges.create({ factorSid: factor.sid, authPayload: code }))).toMatchObject({
      status: 429,
      code: 60308,
    })
  })

  it('limits challenges to 50 a factor an hour (429 / 60312)', async () => {
    const { entity, factor } = await pushUser()
    for (let i = 0; i < 50; i++) await entity.challenges.create({ factorSid: factor.sid, 'details.message': `n${i}` })
    expect(await refusal(entity.challenges.create({ factorSid: factor.sid, 'details.message': 'one more' }))).toMatchObject({
      status: 429,
      code: 60312,
    })
  })

  it('lists challenges by FactorSid and Status, in either Order, over pages', async () => {
    const { entity, factor } = await pushUser()
    const made: { sid: string }[] = []
    for (let i = 0; i < 5; i++) made.push(await entity.challenges.create({ factorSid: factor.sid, 'details.message': `n${i}` }))
    await t().control.verify.approve(made[1]!.sid)
    const pending = await entity.challenges.list({ factorSid: factor.sid, status: 'pending', pageSize: 2 })
    expect(pending.map((c) => c.sid)).toEqual([0, 2, 3, 4].map((i) => made[i]!.sid))
    const newest = await entity.challenges.list({ order: 'desc', limit: 2 })
    expect(newest.map((c) => c.sid)).toEqual([made[4]!.sid, made[3]!.sid])
    const page = await entity.challenges.page({ status: 'pending', pageSize: 2 })
    expect(page.nextPageUrl).toContain(`${t().sandbox.verifyUrl}/v2/`)
    expect(page.nextPageUrl).toContain('Status=pending')
  })

  it('sends the push again (a Notification, NT…) for a pending push challenge only', async () => {
    const { entity, factor, identity } = await pushUser()
    const challenge = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'Again' })
    const notification = await entity.challenges(challenge.sid).notifications.create({ ttl: 150 })
    expect(notification).toMatchObject({ challengeSid: challenge.sid, identity, priority: 'high', ttl: 150 })
    expect(notification.sid).toMatch(/^NT[0-9a-f]{32}$/)
    await t().control.verify.deny(challenge.sid)
    expect(await refusal(entity.challenges(challenge.sid).notifications.create())).toMatchObject({ status: 403, code: 60322 })
  })

  it('deletes a factor with its challenges', async () => {
    const { entity, factor } = await pushUser()
    const challenge = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'x' })
    await entity.factors(factor.sid).remove()
    expect(await refusal(entity.factors(factor.sid).fetch())).toMatchObject({ status: 404, code: 60390 })
    expect(await refusal(entity.challenges(challenge.sid).fetch())).toMatchObject({ status: 404, code: 60391 })
  })
})

// A code of the same length that is not this one.
function shifted(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('')
}
