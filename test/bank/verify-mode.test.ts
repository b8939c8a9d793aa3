// The finished app with PROVIDER=verify, over real HTTP: sign-up by a Verify SMS, transfers
// approved as Verify Push challenges (webhook at once, polling as the safety net), sign-in by a
// push with a texted or TOTP code as the fallback; the sandbox's Verify API and phone page stand
// in for Twilio and the phone.
import twilio from 'twilio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyIdentity } from '../../shared/bank/provider/verify/verify-service.js'
import { totpCodeAt } from '../../shared/sandbox/domain/verify/totp-codes.js'
import { createTwilioClient } from '../../shared/twilio/client.js'
import {
  closeTestBanks,
  startTestBank,
  transferById,
  waitFor,
  type TestBank,
} from './support/bank-harness.js'
import type { Visitor } from './support/visitor.js'

let phones = 0
/** A fresh phone number for each sign-up (a Verify Push phone per number). */
function nextPhone(): string {
  phones += 1
  return `201 555 02${String(phones).padStart(2, '0')}`
}

describe('the finished app with PROVIDER=verify', () => {
  let bank: TestBank
  beforeAll(async () => {
    bank = await startTestBank({ env: { PROVIDER: 'verify' } })
  })
  afterAll(closeTestBanks)

  const control = () => bank.sandbox!.control
  /** The official client, as the bank uses it, pointed at the sandbox. */
  const verifyApi = () =>
    createTwilioClient({
      accountSid: bank.config.twilio.accountSid,
      authToken: bank.config.twilio.authToken,
      hosts: { verify: bank.sandbox!.verifyUrl, api: bank.sandbox!.twilioUrl },
    })

  async function signedUp(email: string) {
    const visitor = bank.visitor()
    const phone = nextPhone()
    const reply = await visitor.register({ email, phone_number: phone })
    expect(reply.location).toBe('/account')
    const user = bank.store.findUserByEmail(email)!
    return { visitor, phone, user }
  }

  async function pendingTransfer(visitor: Visitor) {
    const sent = await visitor.sendTransfer({ recipient_email: 'bob@example.com', amount: '25.00' })
    expect(sent.status).toBe(303)
    const transfer = transferById(bank, sent.transferId!)!
    expect(transfer.status).toBe('pending')
    return transfer as typeof transfer & { approvalUuid: string }
  }

  const statusOf = (id: string) => transferById(bank, id)?.status

  it('says on /health that it uses Verify, with its webhook on', async () => {
    const health = JSON.parse((await bank.visitor().get('/health')).body)
    expect(health).toMatchObject({ ok: true, app: 'solution', provider: 'verify', callbacks: true })
  })

  it('signs up with a code from a Verify SMS, texts the confirmation, and keeps no Authy id', async () => {
    const { visitor, phone, user } = await signedUp('ada@example.com')
    expect(user.authyId).toBeNull()
    expect(user.phoneConfirmed?.by).toBe('code')
    const inbox = await control().messages(1, phone.replace(/\D/g, ''))
    expect(inbox.map((m) => m.body)).toEqual([
      'You did it! Signup complete :)',
      expect.stringMatching(/^Your OneTouch Bank verification code is: \d{6}$/),
    ])
    expect(inbox[1]!.sid).toMatch(/^VE[0-9a-f]{32}$/)
    const account = await visitor.get('/account')
    expect(account.body).toContain('You are registered with Twilio Verify')
    expect(account.body).toContain(verifyIdentity(user.id).slice(0, 12))
    const { phone_url } = await control().verify.device(1, phone.replace(/\D/g, ''))
    expect(account.body).toContain(`href="${phone_url}"`)
    // The terminal announces the new phone's page, as it does a new Authy user's.
    expect(bank.logs.some((line) => line.includes(`Verify Push phone for +1 201-555-02`) && line.includes(phone_url))).toBe(true)
    expect(account.body).toContain('Set up an authenticator app')
  })

  it('refuses a wrong sign-up code (a 200 "pending" on Verify) and counts it', async () => {
    const visitor = bank.visitor()
    const phone = nextPhone()
    const reply = await visitor.post('/register', {
      email: 'wrong-code@example.com',
      password: 'correct horse battery staple',
      country_code: '1',
      phone_number: phone,
    })
    expect(reply.location).toBe('/verify')
    const code = await visitor.latestCode('1', phone)
    const wrong = await visitor.post('/verify', { code: shifted(code) })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toContain('That code is not right')
    expect(wrong.body).toContain('4 tries left')
    const right = await visitor.post('/verify', { code })
    expect(right.location).toBe('/account')
  })

  it('sends a transfer as a push challenge with From, To, Account Number, US Dollar Amount and its expiry', async () => {
    const { visitor, user } = await signedUp('bea@example.com')
    const transfer = await pendingTransfer(visitor)
    expect(transfer.approvalUuid).toMatch(/^YC[0-9a-f]{32}$/)
    const challenge = await control().verify.challenge(transfer.approvalUuid)
    expect(challenge).toMatchObject({
      identity: verifyIdentity(user.id),
      factor_type: 'push',
      status: 'pending',
      message: 'Transfer money to bob@example.com',
      fields: [
        { label: 'From', value: 'bea@example.com' },
        { label: 'To', value: 'bob@example.com' },
        { label: 'Account Number', value: '12345678' },
        { label: 'US Dollar Amount', value: '$25.00' },
      ],
      hidden_details: { transferId: transfer.id },
    })
    // The challenge expires with the transfer (to the second).
    expect(Math.abs(Date.parse(challenge.expires_at) - Date.parse(transfer.expiresAt!))).toBeLessThan(2000)
  })

  it('approves a transfer at once from the webhook, and denies one', async () => {
    // Polling once a minute: within this test only the webhook can bring the answer.
    const slow = await startTestBank({ env: { PROVIDER: 'verify', POLL_INTERVAL_MS: '60000' } })
    const visitor = slow.visitor()
    expect((await visitor.register({ email: 'cy@example.com', phone_number: nextPhone() })).location).toBe('/account')
    const send = async () => {
      const sent = await visitor.sendTransfer({ recipient_email: 'bob@example.com', amount: '25.00' })
      return transferById(slow, sent.transferId!)! as { id: string; approvalUuid: string }
    }
    const approved = await send()
    const { webhooks } = await slow.sandbox!.control.verify.approve(approved.approvalUuid)
    expect(webhooks).toEqual([expect.objectContaining({ ok: true, http_status: 200 })])
    // The webhook answered 200 only after the bank stored the decision.
    expect(transferById(slow, approved.id)?.status).toBe('approved')
    expect(slow.logs).toContainEqual(
      `Verify webhook challenge.approved accepted for transfer ${approved.id}: changed to approved.`
    )
    expect((await visitor.get(`/transfers/${approved.id}`)).body).toContain('Money transfer approved')

    const denied = await send()
    await slow.sandbox!.control.verify.deny(denied.approvalUuid)
    expect(transferById(slow, denied.id)?.status).toBe('denied')
    expect((await visitor.get(`/transfers/${denied.id}`)).body).toContain('Money transfer denied')
  })

  it('learns of an expiry by polling the challenge: Verify sends no webhook for it', async () => {
    const { visitor } = await signedUp('dee@example.com')
    const transfer = await pendingTransfer(visitor)
    const before = (await control().verify.deliveries()).length
    await control().verify.expire(transfer.approvalUuid)
    await waitFor(() => statusOf(transfer.id) === 'expired', 'the expiry, by polling')
    expect((await control().verify.deliveries()).length).toBe(before)
    expect((await visitor.get(`/transfers/${transfer.id}`)).body).toContain('Money transfer expired')
  })

  it('finds an approval by polling when the webhook does not arrive', async () => {
    const { visitor } = await signedUp('eve@example.com')
    const services = await verifyApi().verify.v2.services.list()
    const service = services.find((s) => s.friendlyName === 'OneTouch Bank')!
    const hooks = verifyApi().verify.v2.services(service.sid).webhooks
    const [hook] = await hooks.list()
    await hooks(hook!.sid).update({ status: 'disabled' })
    try {
      const transfer = await pendingTransfer(visitor)
      const { webhooks } = await control().verify.approve(transfer.approvalUuid)
      expect(webhooks).toEqual([])
      await waitFor(() => statusOf(transfer.id) === 'approved', 'the approval, by polling')
    } finally {
      await hooks(hook!.sid).update({ status: 'enabled' })
    }
  })

  describe('its webhook', () => {
    const url = () => `${bank.url}/verify/webhook`
    /** Sends a webhook signed as Twilio signs it, with the account's Auth Token (or another). */
    async function sendWebhook(params: Record<string, string>, token = bank.config.twilio.authToken) {
      const signature = twilio.getExpectedTwilioSignature(token, url(), params)
      return bank.visitor().raw(
        'POST',
        '/verify/webhook',
        { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        new URLSearchParams(params).toString()
      )
    }

    it('refuses a wrong signature, a tampered body and a replay (403), with no session or form token', async () => {
      const { visitor, user } = await signedUp('fay@example.com')
      const transfer = await pendingTransfer(visitor)
      const params = {
        uuid: '5b0b6f0e-0000-4000-8000-000000000001',
        type: 'challenge.denied',
        entity_identity: verifyIdentity(user.id),
        challenge_sid: transfer.approvalUuid,
        challenge_status: 'denied',
      }
      expect((await sendWebhook(params, 'not-the-account-token-0000')).status).toBe(403)
      const signature = twilio.getExpectedTwilioSignature(bank.config.twilio.authToken, url(), params)
      const tampered = await bank.visitor().raw(
        'POST',
        '/verify/webhook',
        { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        new URLSearchParams({ ...params, challenge_sid: 'YC00000000000000000000000000000000' }).toString()
      )
      expect(tampered.status).toBe(403)
      // A genuine webhook is only a hint: the bank reads the challenge, which is still pending.
      expect((await sendWebhook(params)).status).toBe(200)
      expect(statusOf(transfer.id)).toBe('pending')
      expect((await sendWebhook(params)).status).toBe(403)
      expect(bank.logs).toContain('Verify webhook refused: This webhook was replayed.')
      expect(bank.logs).toContain('Verify webhook refused: The signature does not match.')
    })

    it('takes factor events without changing anything', async () => {
      const reply = await sendWebhook({
        uuid: '5b0b6f0e-0000-4000-8000-000000000002',
        type: 'factor.verified',
        entity_identity: 'someone-0000000',
        factor_sid: 'YF00000000000000000000000000000000',
      })
      expect(reply.status).toBe(200)
    })
  })

  describe('sign-in', () => {
    async function signingIn(email: string) {
      const { visitor, phone, user } = await signedUp(email)
      await visitor.post('/logout', {})
      const reply = await visitor.signIn(email)
      expect(reply.location).toBe('/login/wait')
      const signIn = bank.store.signInsWithStatus('pending').find((s) => s.userId === user.id)!
      return { visitor, phone, user, signIn: signIn as typeof signIn & { approvalUuid: string } }
    }

    it('asks the phone with a push challenge saying who signs in, and signs in once it is approved', async () => {
      const { visitor, user, signIn } = await signingIn('gus@example.com')
      const challenge = await control().verify.challenge(signIn.approvalUuid)
      expect(challenge.message).toBe('Request to sign in to OneTouch Bank')
      expect(challenge.fields.map((f) => f.label)).toEqual(['Email', 'IP Address', 'Browser', 'Time'])
      expect(challenge.fields[0]!.value).toBe(user.email)
      expect(challenge.seconds_left).toBeGreaterThan(100)
      expect(challenge.seconds_left).toBeLessThanOrEqual(120)
      await control().verify.approve(signIn.approvalUuid)
      expect(bank.store.getSignIn(signIn.id)?.status).toBe('approved')
      const complete = await visitor.get('/login/complete')
      expect(complete.location).toBe('/account')
      expect((await visitor.get('/account')).status).toBe(200)
    })

    it('falls back to a texted code when the push is denied', async () => {
      const { visitor, phone, signIn } = await signingIn('hal@example.com')
      await control().verify.deny(signIn.approvalUuid)
      expect(bank.store.getSignIn(signIn.id)?.status).toBe('denied')
      expect((await visitor.get('/login/complete')).location).toBe('/login/wait')
      expect((await visitor.post('/login/sms', {})).location).toBe('/login/wait')
      const code = await visitor.latestCode('1', phone)
      const wrong = await visitor.post('/login/token', { token: shifted(code) })
      expect(wrong.status).toBe(400)
      const right = await visitor.post('/login/token', { token: code })
      expect(right.location).toBe('/account')
    })

    it('falls back to the authenticator app’s TOTP code when the push expires', async () => {
      const { visitor, signIn, user } = await signingIn('ivy@example.com')
      await control().verify.expire(signIn.approvalUuid)
      await waitFor(() => bank.store.getSignIn(signIn.id)?.status === 'expired', 'the expiry, by polling')
      // Signed out: no authenticator could be set up, and no texted code is waiting.
      expect((await visitor.post('/login/token', { token: '123456' })).status).toBe(400)

      // Sign in by a texted code, set up the authenticator app, and sign in again with it.
      await visitor.post('/login/sms', {})
      await visitor.post('/login/token', { token: await visitor.latestCode('1', user.phoneNumber) })
      const setup = await visitor.post('/account/authenticator', {})
      expect(setup.status).toBe(200)
      const uri = /otpauth:\/\/totp\/[^<"]+/.exec(setup.body)![0].replace(/&amp;/g, '&')
      const secret = new URL(uri).searchParams.get('secret')!
      const app = { secret, alg: 'sha1' as const, codeLength: 6, timeStep: 30, skew: 1 }
      const confirmed = await visitor.post('/account/authenticator/confirm', { code: totpCodeAt(app, Date.now()) })
      expect(confirmed.location).toBe('/account')
      expect((await visitor.get('/account')).body).toContain('Replace it')

      await visitor.post('/logout', {})
      await visitor.signIn(user.email)
      const again = bank.store.signInsWithStatus('pending').find((s) => s.userId === user.id)!
      await control().verify.expire(again.approvalUuid!)
      const signedIn = await visitor.post('/login/token', { token: totpCodeAt(app, Date.now()) })
      expect(signedIn.location).toBe('/account')
    })
  })
})

describe('PROVIDER=verify settings', () => {
  afterAll(closeTestBanks)

  it('is refused for the workshop, whose steps are Authy’s', async () => {
    await expect(
      startTestBank({ variant: 'workshop', env: { PROVIDER: 'verify' } })
    ).rejects.toThrow(/PROVIDER=verify runs the finished app/)
  })

  it('wants VERIFY_SERVICE_SID with a real Twilio account, and refuses it without one', async () => {
    const real = {
      PROVIDER: 'verify',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      TWILIO_AUTH_TOKEN: 'a-real-looking-auth-token',
      TWILIO_FROM_NUMBER: '+12015550123',
    }
    await expect(startTestBank({ env: real })).rejects.toThrow(/VERIFY_SERVICE_SID is needed/)
    await expect(
      startTestBank({ env: { PROVIDER: 'verify', VERIFY_SERVICE_SID: 'VA0123456789abcdef0123456789abcdef' } })
    ).rejects.toThrow(/VERIFY_SERVICE_SID is for a real Twilio account/)
    await expect(
      startTestBank({ env: { VERIFY_SERVICE_SID: 'VA0123456789abcdef0123456789abcdef' } })
    ).rejects.toThrow(/only used with PROVIDER=verify/)
  })
})

// A code of the same length that is not this one.
function shifted(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('')
}

