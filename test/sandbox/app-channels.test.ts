import { describe, expect, it } from 'vitest'
import { registerUser, useSandbox } from './support.js'

const SMS_DISABLED =
  '{"message":"SMS is not enabled","success":false,' +
  '"errors":{"message":"SMS is not enabled"},"error_code":"60007"}'
const CALLS_DISABLED =
  '{"message":"Phone calls are not enabled on this account","success":false,' +
  '"errors":{"message":"Phone calls are not enabled on this account"},"error_code":"60006"}'

describe('an application with SMS or voice calls switched off', () => {
  const t = useSandbox()

  it('has SMS and calls on by default, and says so in the control API and app details', async () => {
    expect(await t().control.app()).toMatchObject({ sms_enabled: true, calls_enabled: true })
    const details = await t().api('GET', '/protected/json/app/details')
    expect(details.json.app).toMatchObject({ sms_enabled: true, phone_calls_enabled: true })
  })

  it('refuses SMS tokens and SMS verifications with 60007 while SMS is off, and sends nothing', async () => {
    const { id, phone } = await registerUser(t(), { email: 'nosms@example.com' })
    const app = await t().control.setApp({ sms_enabled: false })
    expect(app).toMatchObject({ sms_enabled: false, calls_enabled: true })
    const details = await t().api('GET', '/protected/json/app/details')
    expect(details.json.app).toMatchObject({ sms_enabled: false, phone_calls_enabled: true })
    const before = await t().control.messages(1, phone)

    const sms = await t().api('GET', `/protected/json/sms/${id}?force=true`)
    expect([sms.status, sms.text]).toEqual([400, SMS_DISABLED])
    const verification = await t().api(
      'POST',
      `/protected/json/phones/verification/start?via=sms&country_code=1&phone_number=${phone}`
    )
    expect([verification.status, verification.text]).toEqual([400, SMS_DISABLED])
    expect(await t().control.messages(1, phone)).toEqual(before)

    const call = await t().api('GET', `/protected/json/call/${id}`)
    expect(call.json.message).toBe('Call started...')
    await t().control.setApp({ sms_enabled: true })
    expect((await t().api('GET', `/protected/json/sms/${id}`)).json.message).toBe(
      'SMS token was sent'
    )
  })

  it('refuses call tokens and call verifications with 60006 while calls are off', async () => {
    const { id, phone } = await registerUser(t(), { email: 'nocalls@example.com' })
    await t().control.setApp({ calls_enabled: false })
    const call = await t().api('GET', `/protected/json/call/${id}`)
    expect([call.status, call.text]).toEqual([400, CALLS_DISABLED])
    const verification = await t().api(
      'POST',
      `/protected/json/phones/verification/start?via=call&country_code=1&phone_number=${phone}`
    )
    expect([verification.status, verification.text]).toEqual([400, CALLS_DISABLED])
    expect((await t().api('GET', `/protected/json/sms/${id}`)).status).toBe(200)
    await t().control.setApp({ calls_enabled: true })
  })

  it('still ignores an SMS for a user with the app while SMS is off: nothing would be sent', async () => {
    const { id } = await registerUser(t(), { withApp: true })
    await t().control.setApp({ sms_enabled: false })
    expect((await t().api('GET', `/protected/json/sms/${id}`)).json.ignored).toBe(true)
    await t().control.setApp({ sms_enabled: true })
  })

  it('keeps the callback URL and its health when only the channels change', async () => {
    await t().control.setCallback('http://127.0.0.1:9/cb', 'GET')
    const app = await t().control.setApp({ sms_enabled: false, calls_enabled: false })
    expect(app).toMatchObject({
      onetouch_callback_url: 'http://127.0.0.1:9/cb',
      onetouch_callback_method: 'GET',
      sms_enabled: false,
      calls_enabled: false,
    })
    await t().control.setApp({ sms_enabled: true, calls_enabled: true })
    await t().control.setCallback(null)
  })

  it('refuses a setting that is not a boolean with 400 / 60004', async () => {
    const answer = await t().api('PUT', '/sandbox/app', {
      headers: { 'content-type': 'application/json' },
      body: '{"sms_enabled":"no"}',
    })
    expect(answer.status).toBe(400)
    expect(answer.json.error_code).toBe('60004')
    expect((await t().control.app()).sms_enabled).toBe(true)
  })
})
