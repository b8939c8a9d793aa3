import { describe, expect, it } from 'vitest'
import { deliverMessage, MESSAGE_LIMIT } from '../../shared/sandbox/domain/inbox.js'
import {
  startVerification,
  VERIFICATION_LIMIT,
} from '../../shared/sandbox/domain/phone-verifications.js'
import { emptySandboxData } from '../../shared/sandbox/domain/store-schema.js'
import { createApproval, registerUser, useSandbox, type TestSandbox } from './support.js'

const JSON_TYPE = { 'content-type': 'application/json' }

async function approvalAnswer(t: TestSandbox, id: number, body: Record<string, unknown>) {
  return t.api('POST', `/onetouch/json/users/${id}/approval_requests`, {
    headers: JSON_TYPE,
    body: JSON.stringify({ message: 'Hi', ...body }),
  })
}

function hashOf(size: number, value = 'v'): Record<string, string> {
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, value]))
}

/** A valid address of exactly `length` characters. */
function emailOf(length: number): string {
  const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.example.com`
  return `${'a'.repeat(length - domain.length - 1)}@${domain}`
}

describe('the sandbox limits on what a request may store', () => {
  const t = useSandbox()

  it('refuses an approval request past its limits with 400 / 60004 naming the parameter', async () => {
    const { id } = await registerUser(t())
    const logo = { res: 'low', url: 'https://bank.example/logo.png' }
    for (const [body, message] of [
      [{ message: 'x'.repeat(1025) }, 'message - Must be at most 1024 characters'],
      [{ details: hashOf(51) }, 'details - Must have at most 50 entries'],
      [{ details: { ['k'.repeat(257)]: 'v' } }, 'details - Keys must be at most 256 characters'],
      [{ details: { To: 'x'.repeat(1025) } }, 'details.To - Must be at most 1024 characters'],
      [
        { hidden_details: hashOf(10, 'x'.repeat(1000)) },
        'hidden_details - Must be at most 8192 characters in all, keys and values',
      ],
      [{ logos: Array(11).fill(logo) }, 'logos - Must have at most 10 elements'],
      [
        { logos: [{ res: 'low', url: `https://bank.example/${'x'.repeat(480)}` }] },
        'logos.0.url - Must be at most 500 characters',
      ],
    ] as const) {
      const answer = await approvalAnswer(t(), id, body)
      expect(answer.status, message).toBe(400)
      expect(answer.json, message).toMatchObject({
        message: `Invalid parameter: ${message}`,
        error_code: '60004',
      })
    }
    expect(await t().control.approvalRequests(id)).toEqual([])
  })

  it('accepts an approval request right at its limits', async () => {
    const { id } = await registerUser(t())
    const uuid = await createApproval(t(), id, {
      message: 'x'.repeat(1024),
      details: { ...hashOf(49, 'v'), ['k'.repeat(256)]: 'x'.repeat(1024) },
      hidden_details: hashOf(50),
      logos: Array(10).fill({ res: 'low', url: `https://bank.example/${'x'.repeat(479)}` }),
    })
    const view = await t().control.approvalRequest(uuid)
    expect(Object.keys(view.details)).toHaveLength(50)
    expect(view.logos).toHaveLength(10)
  })

  it('accepts what the bank sends for the longest recipient address', async () => {
    const { id, email } = await registerUser(t())
    const to = emailOf(254)
    const uuid = await createApproval(t(), id, {
      message: `Transfer money to ${to}`,
      details: {
        From: email,
        To: to,
        'Account Number': '1'.repeat(30),
        'US Dollar Amount': '$10.00',
      },
      seconds_to_expire: 600,
    })
    expect((await t().control.approvalRequest(uuid)).details.To).toBe(to)
  })

  it('refuses an email over 254 characters with a 60027 field error, and keeps 20 emails per user', async () => {
    const tooLong = await t().api('POST', '/protected/json/users/new', {
      headers: JSON_TYPE,
      body: JSON.stringify({
        user: { email: emailOf(255), cellphone: '2015550180', country_code: 1 },
      }),
    })
    expect(tooLong.status).toBe(400)
    expect(tooLong.json).toMatchObject({
      email: 'is too long (maximum is 254 characters)',
      message: 'User was not valid',
      error_code: '60027',
    })

    const phone = '2015550181'
    const { id } = await registerUser(t(), { phone, email: emailOf(254) })
    for (let i = 1; i <= 24; i++) await registerUser(t(), { phone, email: `u${i}@example.com` })
    await registerUser(t(), { phone, email: 'u10@example.com' })
    const user = await t().control.user(id)
    expect(user.emails).toHaveLength(20)
    expect(user.emails[0]).toBe('u5@example.com')
    expect(user.emails.at(-1)).toBe('u10@example.com')
    expect(user.email).toBe('u10@example.com')
  })

  it('refuses a custom verification message over 1024 characters', async () => {
    const answer = await t().api('POST', '/protected/json/phones/verification/start', {
      headers: JSON_TYPE,
      body: JSON.stringify({
        via: 'sms',
        country_code: 1,
        phone_number: '2015550182',
        custom_message: 'x'.repeat(1025),
      }),
    })
    expect(answer.status).toBe(400)
    expect(answer.json.message).toBe(
      'Invalid parameter: custom_message - Must be at most 1024 characters'
    )
    expect(await t().control.messages(1, '2015550182')).toEqual([])
  })

  it('refuses a fault body over 64 KB', async () => {
    const answer = await t().api('POST', '/sandbox/faults', {
      headers: JSON_TYPE,
      body: JSON.stringify({ path: '/x', body: 'x'.repeat(65_537) }),
    })
    expect(answer.status).toBe(400)
    expect(answer.json.message).toBe('Invalid parameter: body - Must be at most 65536 characters')
  })
})

describe('the sandbox caps on stored messages and verifications', () => {
  it('keeps the newest 10,000 messages in all, dropping the oldest whatever the phone', () => {
    const data = emptySandboxData(0)
    for (let i = 0; i <= MESSAGE_LIMIT; i++) {
      deliverMessage(data, { phoneKey: `+1 ${i}`, channel: 'sms', body: `m${i}`, code: null }, i)
    }
    expect(data.messages).toHaveLength(MESSAGE_LIMIT)
    expect(data.messages[0].body).toBe('m1')
    expect(data.messages.at(-1)?.body).toBe(`m${MESSAGE_LIMIT}`)
  })

  it('keeps the newest 1,000 verifications in all', () => {
    const data = emptySandboxData(0)
    for (let i = 0; i <= VERIFICATION_LIMIT; i++) {
      const cellphone = String(2015550000 + i)
      const input = { countryCode: 1, cellphone, via: 'sms' as const, codeLength: 4 }
      startVerification(data, data.apps[0]!, input, 1000)
    }
    expect(data.verifications).toHaveLength(VERIFICATION_LIMIT)
    expect(data.verifications[0].cellphone).toBe('2015550001')
  })
})
