// Verify's Webhooks resource, and the events the sandbox sends: signed exactly as Twilio signs, so
// the official library's own validateRequest accepts them and refuses a tampered copy.
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_ACCOUNT_SID } from '../../shared/sandbox/index.js'
import { eventually, nextPhone, startReceiver, useSandbox, type Receiver } from './support.js'
import { nextIdentity, refusal, TEST_VERIFY, verifyClientOf } from './verify-support.js'

describe('Verify webhooks', () => {
  const t = useSandbox({ verify: TEST_VERIFY, callbackTimeoutMs: 1000 })
  const verify = () => verifyClientOf(t()).verify.v2
  let receiver: Receiver
  beforeAll(async () => {
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await receiver.close()
  })

  async function serviceWithWebhook(eventTypes: string[], url = `${receiver.url}/verify/webhook?bank=1`) {
    const service = await verify().services.create({ friendlyName: 'OneTouch Bank' })
    const webhook = await verify().services(service.sid).webhooks.create({
      friendlyName: 'bank',
      eventTypes,
      webhookUrl: url,
    })
    return { service, webhook }
  }

  /** A push factor for `identity` on a fresh phone, as the SDK makes it. */
  const pushFactor = (serviceSid: string, identity: string) =>
    t().control.verify.addPushFactor(identity, {
      service_sid: serviceSid,
      country_code: 1,
      phone_number: nextPhone(),
    })

  /** The form parameters of a received webhook. */
  const paramsOf = (body: string) => Object.fromEntries(new URLSearchParams(body))

  it('creates, fetches, updates, lists and deletes a Webhook', async () => {
    const { service, webhook } = await serviceWithWebhook(['challenge.approved', 'challenge.denied'])
    expect(webhook.sid).toMatch(/^YW[0-9a-f]{32}$/)
    expect(webhook).toMatchObject({
      accountSid: SANDBOX_ACCOUNT_SID,
      serviceSid: service.sid,
      friendlyName: 'bank',
      eventTypes: ['challenge.approved', 'challenge.denied'],
      webhookMethod: 'POST',
      status: 'enabled',
      version: 'v2',
      url: `${t().sandbox.verifyUrl}/v2/Services/${service.sid}/Webhooks/${webhook.sid}`,
    })
    const hooks = verify().services(service.sid).webhooks
    expect(await hooks(webhook.sid).update({ status: 'disabled', eventTypes: ['*'] })).toMatchObject({
      status: 'disabled',
      eventTypes: ['*'],
    })
    expect((await hooks.list()).map((w) => w.sid)).toEqual([webhook.sid])
    await hooks(webhook.sid).remove()
    expect(await refusal(hooks(webhook.sid).fetch())).toMatchObject({ status: 404, code: 20404 })
    expect(await refusal(hooks.create({ friendlyName: 'x', eventTypes: ['challenge.expired'], webhookUrl: receiver.url }))).toMatchObject({
      status: 400,
      code: 60306,
      message: expect.stringContaining('EventTypes'),
    })
    expect(await refusal(hooks.create({ friendlyName: 'x', eventTypes: ['*'], webhookUrl: 'ftp://x' }))).toMatchObject({
      status: 400,
      code: 60306,
    })
  })

  it('sends challenge.approved, signed: validateRequest accepts it, and refuses a tampered copy or the wrong token', async () => {
    const { service } = await serviceWithWebhook(['challenge.approved', 'challenge.denied'])
    const identity = nextIdentity()
    const factor = await pushFactor(service.sid, identity)
    const challenge = await verify().services(service.sid).entities(identity).challenges.create({
      factorSid: factor.sid,
      'details.message': 'Transfer Money to bob@example.com',
      'details.fields': [{ label: 'To', value: 'bob@example.com' }],
      hiddenDetails: { transferId: 't_1' },
    })
    const before = receiver.received.length
    const { webhooks } = await t().control.verify.approve(challenge.sid)
    expect(webhooks).toEqual([
      expect.objectContaining({ type: 'challenge.approved', ok: true, http_status: 200, challenge_sid: challenge.sid }),
    ])
    const [received] = receiver.received.slice(before)
    expect(received).toMatchObject({ method: 'POST', url: '/verify/webhook?bank=1' })
    expect(received!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const params = paramsOf(received!.body)
    expect(params).toMatchObject({
      type: 'challenge.approved',
      account_sid: SANDBOX_ACCOUNT_SID,
      service_sid: service.sid,
      entity_identity: identity,
      factor_sid: factor.sid,
      factor_type: 'push',
      challenge_sid: challenge.sid,
      challenge_status: 'approved',
      challenge_hidden_details: '{"transferId":"t_1"}',
    })
    expect(JSON.parse(params.challenge_details!)).toEqual({
      message: 'Transfer Money to bob@example.com',
      fields: [{ label: 'To', value: 'bob@example.com' }],
    })
    expect(params.uuid).toMatch(/^[0-9a-f-]{36}$/)

    const url = `${receiver.url}/verify/webhook?bank=1`
    const signature = received!.headers['x-twilio-signature'] as string
    expect(twilio.validateRequest(TEST_VERIFY.authToken, signature, url, params)).toBe(true)
    expect(twilio.validateRequest(TEST_VERIFY.authToken, signature, url, { ...params, challenge_status: 'denied' })).toBe(false)
    expect(twilio.validateRequest(TEST_VERIFY.authToken, signature, `${url}&x=1`, params)).toBe(false)
    expect(twilio.validateRequest('another-accounts-token-123', signature, url, params)).toBe(false)
  })

  it('sends factor.created and factor.verified for a phone’s push factor, and challenge.denied', async () => {
    const { service } = await serviceWithWebhook(['*'])
    const identity = nextIdentity()
    const before = receiver.received.length
    const factor = await pushFactor(service.sid, identity)
    const types = receiver.received.slice(before).map((r) => paramsOf(r.body).type).sort()
    expect(types).toEqual(['factor.created', 'factor.verified'])
    const challenge = await verify().services(service.sid).entities(identity).challenges.create({
      factorSid: factor.sid,
      'details.message': 'No thanks',
    })
    await t().control.verify.deny(challenge.sid)
    expect(paramsOf(receiver.received.at(-1)!.body)).toMatchObject({ type: 'challenge.denied', challenge_status: 'denied' })
  })

  it('sends challenge.approved for a TOTP challenge approved by its code, and factor.deleted', async () => {
    const { service } = await serviceWithWebhook(['challenge.approved', 'factor.deleted'])
    const identity = nextIdentity()
    const entity = verify().services(service.sid).entities(identity)
    const factor = await entity.newFactors.create({ friendlyName: 'Ada', factorType: 'totp' })
    await entity.factors(factor.sid).update({ authPayload: (await t().control.verify.totp(factor.sid)).code })
    const before = receiver.received.length
    await entity.challenges.create({ factorSid: factor.sid, authPayload: (await t().control.verify.totp(factor.sid)).code })
    await eventually(() => receiver.received.length > before)
    expect(paramsOf(receiver.received.at(-1)!.body)).toMatchObject({ type: 'challenge.approved', factor_type: 'totp' })
    await entity.factors(factor.sid).remove()
    await eventually(() => receiver.received.length > before + 1)
    expect(paramsOf(receiver.received.at(-1)!.body)).toMatchObject({ type: 'factor.deleted', factor_sid: factor.sid })
  })

  it('sends nothing to a disabled webhook, or for events it did not ask for', async () => {
    const { service, webhook } = await serviceWithWebhook(['challenge.denied'])
    const identity = nextIdentity()
    const before = receiver.received.length
    const factor = await pushFactor(service.sid, identity)
    const entity = verify().services(service.sid).entities(identity)
    const one = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'a' })
    expect((await t().control.verify.approve(one.sid)).webhooks).toEqual([])
    await verify().services(service.sid).webhooks(webhook.sid).update({ status: 'disabled' })
    const two = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'b' })
    expect((await t().control.verify.deny(two.sid)).webhooks).toEqual([])
    expect(receiver.received.length).toBe(before)
  })

  it('logs a failed delivery, lists it, and shows it on the phone page until one succeeds', async () => {
    const { service, webhook } = await serviceWithWebhook(['challenge.approved'])
    const identity = nextIdentity()
    const factor = await pushFactor(service.sid, identity)
    const entity = verify().services(service.sid).entities(identity)
    receiver.answer.status = 500
    try {
      const challenge = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'a' })
      const { webhooks } = await t().control.verify.approve(challenge.sid)
      expect(webhooks).toEqual([expect.objectContaining({ ok: false, http_status: 500, error: 'HTTP 500' })])
    } finally {
      receiver.answer.status = 200
    }
    expect(t().logs.some((line) => line.includes('Verify webhook challenge.approved') && line.includes('FAILED: HTTP 500'))).toBe(true)
    expect((await t().control.verify.deliveries())[0]).toMatchObject({ webhook_sid: webhook.sid, ok: false })
    const page = async () => (await fetch(factor.phone_url)).text()
    expect(await page()).toContain('A webhook is failing')
    expect(await page()).toContain(`${receiver.url}/verify/webhook?bank=1 did not take the last webhook (HTTP 500)`)

    const again = await entity.challenges.create({ factorSid: factor.sid, 'details.message': 'b' })
    expect((await t().control.verify.approve(again.sid)).webhooks[0]).toMatchObject({ ok: true })
    expect(await page()).not.toContain('A webhook is failing')
  })

  it('reports an unreachable webhook URL as a failed delivery, not an error', async () => {
    const { service } = await serviceWithWebhook(['challenge.approved'], 'http://127.0.0.1:1/verify/webhook')
    const identity = nextIdentity()
    const factor = await pushFactor(service.sid, identity)
    const challenge = await verify().services(service.sid).entities(identity).challenges.create({
      factorSid: factor.sid,
      'details.message': 'a',
    })
    const { webhooks, challenge: decided } = await t().control.verify.approve(challenge.sid)
    expect(decided.status).toBe('approved')
    expect(webhooks[0]).toMatchObject({ ok: false, http_status: null, error: expect.stringContaining('ECONNREFUSED') })
  })
})
