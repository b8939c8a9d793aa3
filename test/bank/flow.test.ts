import { afterEach, describe, expect, it } from 'vitest'
import { httpTransport, Visitor } from './support/visitor.js'
import { lanAddress } from '../../shared/runtime/hosts.js'
import {
  createSandboxControl,
  DEFAULT_SANDBOX_API_KEY,
  startSandbox,
} from '../../shared/sandbox/index.js'
import {
  closeTestBanks,
  pollsAfterTheEnd,
  startTestBank,
  statusPolls,
  transferById,
  waitFor,
  type TestBank,
} from './support/bank-harness.js'

let bank: TestBank | undefined
afterEach(closeTestBanks)

async function registeredVisitor(bank: TestBank, email = 'ada@example.com'): Promise<Visitor> {
  const visitor = bank.visitor()
  const reply = await visitor.register({ email })
  expect(reply.status).toBe(303)
  expect(reply.location).toBe('/account')
  return visitor
}

async function pendingTransfer(bank: TestBank, visitor: Visitor) {
  const sent = await visitor.sendTransfer({ recipient_email: 'bob@example.com', amount: '10.50' })
  expect(sent.status).toBe(303)
  const transfer = transferById(bank, sent.transferId!)!
  expect(transfer.status).toBe('pending')
  return { id: transfer.id, uuid: transfer.approvalUuid! }
}

const statusOf = (bank: TestBank, id: string) => transferById(bank, id)?.status

describe('the bank with the solution steps and the sandbox', () => {
  it('registers a user, shows their phone link, and binds the browser to them', async () => {
    bank = await startTestBank()
    const visitor = await registeredVisitor(bank)
    const account = await visitor.get('/account')
    expect(account.status).toBe(200)
    expect(account.body).toContain('You are registered with Authy')
    const sandboxUser = await bank.sandbox!.control.findUser(1, '5551234567')
    expect(account.body).toContain(`href="${sandboxUser.phone_url}"`)
    const form = await visitor.get('/transfers/new')
    expect(form.status).toBe(200)
    expect(form.body).toContain('ada@example.com')
  })

  it('sends a transfer for approval, shows it waiting, and shows it approved once approved on the phone', async () => {
    bank = await startTestBank()
    const visitor = await registeredVisitor(bank)
    const { id, uuid } = await pendingTransfer(bank, visitor)

    const request = await bank.sandbox!.control.approvalRequest(uuid)
    expect(request.details).toEqual({
      From: 'ada@example.com',
      To: 'bob@example.com',
      'Account Number': '12345678',
      'US Dollar Amount': '$10.50',
    })
    expect(request.seconds_to_expire).toBe(600)

    const waiting = await visitor.get(`/transfers/${id}`)
    expect(waiting.body).toContain('Waiting for approval on your phone')
    expect(waiting.body).toContain('<meta http-equiv="refresh" content="3"/>')
    expect(waiting.body).toContain('data-expires-at="')

    await bank.sandbox!.control.approve(uuid)
    await waitFor(() => statusOf(bank!, id) === 'approved', 'the approval')
    const result = await visitor.get(`/transfers/${id}`)
    expect(result.body).toContain('Money transfer approved')
    expect(result.body).toContain(uuid)
    for (const text of ['ada@example.com', 'bob@example.com', '12345678', '$10.50']) {
      expect(result.body).toContain(text)
    }
    expect(result.body).not.toContain('http-equiv="refresh"')
    expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
  })

  it('shows a denied transfer as denied, and stops asking Authy', async () => {
    bank = await startTestBank()
    await bank.sandbox!.control.setCallback(null)
    const visitor = await registeredVisitor(bank)
    const { id, uuid } = await pendingTransfer(bank, visitor)
    await bank.sandbox!.control.deny(uuid)
    await waitFor(() => statusOf(bank!, id) === 'denied', 'the denial')
    expect((await visitor.get(`/transfers/${id}`)).body).toContain('Money transfer denied')
    expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
  })

  it('finds out by polling alone that a transfer was approved when no callback comes', async () => {
    bank = await startTestBank()
    await bank.sandbox!.control.setCallback(null)
    const visitor = await registeredVisitor(bank)
    const { id, uuid } = await pendingTransfer(bank, visitor)
    await bank.sandbox!.control.approve(uuid)
    await waitFor(() => statusOf(bank!, id) === 'approved', 'the approval')
    // Only the test callback of the start: none for the transfer.
    expect((await bank.sandbox!.control.callbacks()).map((attempt) => attempt.kind)).toEqual(['ping'])
    expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
  })

  it('shows a transfer expired by Authy as expired, and stops asking', async () => {
    bank = await startTestBank()
    const visitor = await registeredVisitor(bank)
    const { id, uuid } = await pendingTransfer(bank, visitor)
    await bank.sandbox!.control.expire(uuid)
    await waitFor(() => statusOf(bank!, id) === 'expired', 'the expiry')
    expect((await visitor.get(`/transfers/${id}`)).body).toContain('Money transfer expired')
    expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
  })

  it('ends the loop at SECONDS_TO_EXPIRE when nobody answers, and stores expired', async () => {
    bank = await startTestBank({ env: { SECONDS_TO_EXPIRE: '1' } })
    const visitor = await registeredVisitor(bank)
    const { id, uuid } = await pendingTransfer(bank, visitor)
    expect((await bank.sandbox!.control.approvalRequest(uuid)).seconds_to_expire).toBe(1)
    await waitFor(() => statusOf(bank!, id) === 'expired', 'the expiry')
    expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
    expect((await visitor.get(`/transfers/${id}`)).body).toContain('Money transfer expired')
  })

  it('says in the terminal when a transfer expires, as when it is approved or denied', async () => {
    bank = await startTestBank({ env: { SECONDS_TO_EXPIRE: '1' } })
    const visitor = await registeredVisitor(bank)
    const expiring = await pendingTransfer(bank, visitor)
    const approved = await pendingTransfer(bank, visitor)
    await bank.sandbox!.control.approve(approved.uuid)
    await waitFor(() => statusOf(bank!, expiring.id) === 'expired', 'the expiry')
    await waitFor(() => statusOf(bank!, approved.id) === 'approved', 'the approval')
    // The line is printed once the decision is written, a moment after the status changes.
    const decisionLines = () =>
      bank!.logs.filter((line) => /^Transfer \S+: (approved|denied|expired)\.$/.test(line))
    await waitFor(() => decisionLines().length >= 2, 'both decisions in the terminal')
    expect(decisionLines().sort()).toEqual(
      [`Transfer ${approved.id}: approved.`, `Transfer ${expiring.id}: expired.`].sort()
    )
  })

  it('stops the poll loop at once when the signed callback brings the answer', async () => {
    // Polls are a minute apart, so only the callback can decide within this test.
    bank = await startTestBank({ env: { POLL_INTERVAL_MS: '60000' } })
    const visitor = await registeredVisitor(bank)
    const { id, uuid } = await pendingTransfer(bank, visitor)
    await bank.sandbox!.control.approve(uuid)
    await waitFor(() => statusOf(bank!, id) === 'approved', 'the callback')
    const [delivery] = await bank.sandbox!.control.callbacks()
    expect(delivery).toMatchObject({ uuid, status: 'approved', http_status: 200, ok: true })
    await waitFor(() => !bank!.watcher.isWatching(id), 'the watcher to stop')
    expect(await statusPolls(bank.sandbox!.control, uuid)).toBe(0)
  })

  it('stops every poll loop on shutdown, leaving the transfer pending for the next start', async () => {
    // A sandbox of its own, so it can still count requests once the bank is gone.
    const sandbox = await startSandbox({ apiKey: DEFAULT_SANDBOX_API_KEY, log: () => {} })
    const control = createSandboxControl({ url: sandbox.url, apiKey: sandbox.apiKey })
    try {
      bank = await startTestBank({
        env: { AUTHY_API_KEY: sandbox.apiKey, AUTHY_API_URL: sandbox.url },
      })
      // The codes go to this sandbox's phones: the bank's own sandbox only stands in for Twilio.
      const visitor = new Visitor(bank.url, httpTransport, control)
      expect((await visitor.register()).location).toBe('/account')
      const { id, uuid } = await pendingTransfer(bank, visitor)
      await waitFor(async () => (await statusPolls(control, uuid)) > 0, 'a first poll')
      const running = bank
      await running.close()
      bank = undefined
      expect(running.watcher.isWatching(id)).toBe(false)
      expect(running.store.transfersWithStatus('pending').map((t) => t.id)).toEqual([id])
      const before = await statusPolls(control, uuid)
      await new Promise((resolve) => setTimeout(resolve, running.config.pollIntervalMs * 6))
      expect(await statusPolls(control, uuid)).toBe(before)
    } finally {
      await sandbox.close()
    }
  })

  it('makes one transfer of a form sent twice', async () => {
    bank = await startTestBank()
    const visitor = await registeredVisitor(bank)
    const requestId = await visitor.requestId()
    const first = await visitor.sendTransfer({ request_id: requestId })
    const second = await visitor.sendTransfer({ request_id: requestId })
    expect(second.location).toBe(first.location)
    expect(bank.store.transfersOf(transferById(bank, first.transferId!)!.userId)).toHaveLength(1)
    expect(await bank.sandbox!.control.approvalRequests()).toHaveLength(1)
  })

  it('refuses a sixth transfer while five wait for approval, without pushing it', async () => {
    bank = await startTestBank()
    const visitor = await registeredVisitor(bank)
    for (let n = 0; n < 5; n++) expect((await visitor.sendTransfer()).status).toBe(303)
    const refused = await visitor.sendTransfer()
    expect(refused.status).toBe(429)
    expect(refused.body).toContain('Too many transfers waiting')
    expect(await bank.sandbox!.control.approvalRequests()).toHaveLength(5)
  })

  it('counts the transfers waiting on one phone across every browser registered with it', async () => {
    bank = await startTestBank()
    const browsers = [
      await registeredVisitor(bank, 'ada@example.com'),
      await registeredVisitor(bank, 'ada.again@example.com'),
      await registeredVisitor(bank, 'not.ada@example.com'),
    ]
    for (let n = 0; n < 5; n++) {
      expect((await browsers[n % 3]!.sendTransfer()).status).toBe(303)
    }
    const refused = await browsers[2]!.sendTransfer()
    expect(refused.status).toBe(429)
    expect(refused.body).toContain('Too many transfers waiting')
    expect(await bank.sandbox!.control.approvalRequests()).toHaveLength(5)
  })

  it('shows when a transfer was decided on its result page', async () => {
    bank = await startTestBank()
    const visitor = await registeredVisitor(bank)
    const { id, uuid } = await pendingTransfer(bank, visitor)
    expect((await visitor.get(`/transfers/${id}`)).body).not.toContain('Approved at')
    await bank.sandbox!.control.approve(uuid)
    await waitFor(() => statusOf(bank!, id) === 'approved', 'the approval')
    const decidedAt = transferById(bank, id)!.decidedAt!
    const page = (await visitor.get(`/transfers/${id}`)).body
    expect(page).toContain('Approved at')
    expect(page).toContain(`datetime="${decidedAt}"`)
  })
})

describe('the phone link on the account page', () => {
  it('offers no QR code a phone cannot use while the sandbox listens on 127.0.0.1, and says how to open it', async () => {
    bank = await startTestBank({ inProcess: true })
    const visitor = bank.visitor()
    await visitor.register()
    const account = (await visitor.get('/account')).body
    expect(account).not.toContain('src="data:image/svg+xml;base64,')
    expect(account).not.toContain('scan the code')
    expect(account).toContain('This link works only on this computer')
    expect(account).toContain('<code>SANDBOX_HOST=0.0.0.0 npm start</code>')
  })

  it.runIf(lanAddress())(
    'shows the QR code of a network address when the sandbox listens on every network',
    async () => {
      bank = await startTestBank({ inProcess: true, env: { SANDBOX_HOST: '0.0.0.0' } })
      const visitor = bank.visitor()
      await visitor.register()
      const account = (await visitor.get('/account')).body
      expect(account).toContain('src="data:image/svg+xml;base64,')
      expect(account).toContain(`href="http://${lanAddress()}:`)
      expect(account).not.toContain('This link works only on this computer')
    }
  )
})

describe('times on the pages', () => {
  it('shows a transfer made at 00:36 UTC as 00:36, not 24:36', async () => {
    const halfPastMidnight = Date.parse('2026-01-01T00:36:00.000Z')
    bank = await startTestBank({ inProcess: true, clock: () => halfPastMidnight })
    const visitor = bank.visitor()
    await visitor.register()
    const { transferId } = await visitor.sendTransfer()
    const page = await visitor.get(`/transfers/${transferId}`)
    expect(page.body).toContain('Jan 1, 00:36 UTC')
    expect(page.body).not.toContain('24:36')
  })
})

