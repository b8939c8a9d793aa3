// Every value a user or Authy supplies, stored with markup in it, is shown escaped on every page
// that shows it: the raw markup must be nowhere in the page.
import { describe, expect, it } from 'vitest'
import type { Transfer } from '../../shared/model/transfer.js'
import type { User } from '../../shared/model/user.js'
import { useTestBank } from './support/bank-harness.js'

const bank = useTestBank({ inProcess: true })
const MARKUP = {
  email: '<img src=x onerror=alert(1)>@example.com',
  phoneNumber: '<b>555</b> 123 4567',
  recipientEmail: '<script>alert("to")</script>@example.com',
  accountNumber: '<svg onload=alert(2)>',
  problem: '<iframe src="javascript:alert(3)"></iframe>',
}
const RAW = ['<img src=x', '<b>555</b>', '<script>alert("to")', '<svg onload', '<iframe']

/** A browser whose session is bound to a stored user with markup in every field. */
async function visitorOfMarkedUpUser() {
  const visitor = bank().visitor()
  await visitor.get('/')
  const sessionId = decodeURIComponent(/bank_session_solution=([^.;]+)/.exec(visitor.cookieHeader())![1]!)
  const user: User = {
    id: `user-${Math.random().toString(36).slice(2)}`,
    email: MARKUP.email,
    countryCode: '1',
    phoneNumber: MARKUP.phoneNumber,
    authyId: 999_999,
    createdAt: new Date().toISOString(),
    passwordHash: null,
    phoneConfirmed: { at: new Date().toISOString(), by: 'code' },
  }
  await bank().store.addUser(user)
  await bank().store.bindSession(sessionId, user.id)
  const transfer: Transfer = {
    id: `transfer-${Math.random().toString(36).slice(2)}`,
    userId: user.id,
    requestId: 'request-id-with-markup-0001',
    recipientEmail: MARKUP.recipientEmail,
    accountNumber: MARKUP.accountNumber,
    amountCents: 1234,
    status: 'failed',
    approvalUuid: null,
    secondsToExpire: 600,
    createdAt: new Date().toISOString(),
    expiresAt: null,
    decidedAt: new Date().toISOString(),
    problem: { message: MARKUP.problem, at: new Date().toISOString() },
  }
  await bank().store.addTransfer(transfer)
  return { visitor, transfer }
}

describe('values with markup in them', () => {
  it.each([
    ['the account page', () => '/account'],
    ['the transfer form and its list', () => '/transfers/new'],
    ['the transfer page', (id: string) => `/transfers/${id}`],
  ])('are escaped on %s', async (_, path) => {
    const { visitor, transfer } = await visitorOfMarkedUpUser()
    const page = await visitor.get(path(transfer.id))
    expect(page.status).toBe(200)
    for (const raw of RAW) expect(page.body, `${raw} on ${path(transfer.id)}`).not.toContain(raw)
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;@example.com')
  })

  it('are escaped on the transfer page in every field it shows', async () => {
    const { visitor, transfer } = await visitorOfMarkedUpUser()
    const page = (await visitor.get(`/transfers/${transfer.id}`)).body
    expect(page).toContain('&lt;script&gt;alert(&quot;to&quot;)&lt;/script&gt;@example.com')
    expect(page).toContain('&lt;svg onload=alert(2)&gt;')
    expect(page).toContain('&lt;iframe src=&quot;javascript:alert(3)&quot;&gt;&lt;/iframe&gt;')
    for (const raw of RAW) expect(page).not.toContain(raw)
  })

  it('are escaped when a form comes back with them', async () => {
    const visitor = bank().visitor()
    const reply = await visitor.register({ email: MARKUP.email, phone_number: MARKUP.phoneNumber })
    expect(reply.status).toBe(400)
    for (const raw of RAW) expect(reply.body).not.toContain(raw)
  })
})
