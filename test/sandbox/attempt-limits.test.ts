import { describe, expect, it } from 'vitest'
import {
  createVerifyThrottle,
  recordVerifyFailure,
  verifyBlockedForSeconds,
} from '../../shared/sandbox/domain/verify-throttle.js'
import { registerUser, useSandbox } from './support.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** A 7-digit token that is not `code`. */
function otherThan(code: string, step = 1): string {
  return String((Number(code) + step) % 10_000_000).padStart(7, '0')
}

describe('the sandbox limits on guessing codes', () => {
  const t = useSandbox()

  it('throws a phone verification away after 5 wrong codes, so the right one then finds nothing pending', async () => {
    await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=sms&country_code=1&phone_number=2015550140',
    })
    const [sms] = await t().control.messages(1, '2015550140')
    const check = (code: string) =>
      t().api(
        'GET',
        `/protected/json/phones/verification/check?country_code=1&phone_number=2015550140&verification_code=${code}`
      )
    const wrong = ['0000', '1111', '2222', '3333', '4444', '5555'].filter((c) => c !== sms.code)
    for (const code of wrong.slice(0, 5)) {
      const answer = await check(code)
      expect(answer.status, code).toBe(401)
      expect(answer.json.error_code).toBe('60022')
    }
    const late = await check(sms.code!)
    expect(late.status).toBe(404)
    expect(late.json).toMatchObject({
      message: 'No pending verifications for +1 201-555-0140 found.',
      error_code: '60023',
    })

    await t().api('POST', '/protected/json/phones/verification/start', {
      headers: FORM,
      body: 'via=sms&country_code=1&phone_number=2015550140',
    })
    const [fresh] = await t().control.messages(1, '2015550140')
    expect((await check(wrong[0] === fresh.code ? wrong[1] : wrong[0])).status).toBe(401)
    expect((await check(fresh.code!)).status).toBe(200)
  })

  it("keeps only a user's 5 newest SMS and call tokens valid", async () => {
    const { id, phone } = await registerUser(t())
    for (let i = 0; i < 3; i++) await t().api('GET', `/protected/json/sms/${id}?force=true`)
    for (let i = 0; i < 3; i++) await t().api('GET', `/protected/json/call/${id}?force=true`)
    const codes = (await t().control.messages(1, phone)).filter((m) => m.code).map((m) => m.code!)
    expect(codes).toHaveLength(6)
    const [newest, , , , , oldest] = codes
    const retired = await t().api('GET', `/protected/json/verify/${oldest}/${id}`)
    expect(retired.status).toBe(401)
    expect(retired.json.error_code).toBe('60020')
    expect((await t().api('GET', `/protected/json/verify/${newest}/${id}`)).status).toBe(200)
    expect((await t().api('GET', `/protected/json/verify/${codes[4]}/${id}`)).status).toBe(200)
  })

  it('answers 429 / 60003 "DoS protection" after 10 failed verifications of a user, even for the right token', async () => {
    const { id, phone } = await registerUser(t())
    const other = await registerUser(t(), { withApp: true })
    await t().api('GET', `/protected/json/sms/${id}?force=true`)
    const [sms] = await t().control.messages(1, phone)
    for (let i = 1; i <= 10; i++) {
      const answer = await t().api('GET', `/protected/json/verify/${otherThan(sms.code!, i)}/${id}`)
      expect(answer.status, `attempt ${i}`).toBe(401)
    }
    const blocked = await t().api('GET', `/protected/json/verify/${sms.code}/${id}`)
    expect(blocked.status).toBe(429)
    expect(blocked.json).toEqual({
      message: 'DoS protection',
      success: false,
      errors: { message: 'DoS protection' },
      error_code: '60003',
    })
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(500)
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(600)

    const { token } = await t().control.totp(other.id)
    expect((await t().api('GET', `/protected/json/verify/${token}/${other.id}`)).status).toBe(200)
  })
})

describe('the sandbox verification throttle', () => {
  const ada = { appId: 1, authyId: 7 }

  it('blocks a user at 10 failures within 10 minutes, until the oldest of them is 10 minutes old', () => {
    const throttle = createVerifyThrottle()
    const start = 1_700_000_000_000
    for (let i = 0; i < 9; i++) recordVerifyFailure(throttle, ada, start + i * 60_000)
    expect(verifyBlockedForSeconds(throttle, ada, start + 9 * 60_000)).toBe(0)
    recordVerifyFailure(throttle, ada, start + 9 * 60_000)
    expect(verifyBlockedForSeconds(throttle, ada, start + 9 * 60_000)).toBe(60)
    expect(verifyBlockedForSeconds(throttle, { ...ada, authyId: 8 }, start + 9 * 60_000)).toBe(0)
    expect(verifyBlockedForSeconds(throttle, ada, start + 10 * 60_000 - 1)).toBe(1)
    expect(verifyBlockedForSeconds(throttle, ada, start + 10 * 60_000)).toBe(0)
  })

  it("counts each application's failures apart: one application's guesses never block another", () => {
    const throttle = createVerifyThrottle()
    const start = 1_700_000_000_000
    for (let i = 0; i < 10; i++) recordVerifyFailure(throttle, ada, start)
    expect(verifyBlockedForSeconds(throttle, ada, start)).toBe(600)
    expect(verifyBlockedForSeconds(throttle, { ...ada, appId: 2 }, start)).toBe(0)
  })

  it('forgets failures older than 10 minutes', () => {
    const throttle = createVerifyThrottle()
    const start = 1_700_000_000_000
    for (let i = 0; i < 10; i++) recordVerifyFailure(throttle, ada, start)
    expect(verifyBlockedForSeconds(throttle, ada, start + 10 * 60_000 + 1)).toBe(0)
    expect(throttle.failures.size).toBe(0)
  })
})
