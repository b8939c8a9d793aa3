import { afterEach, describe, expect, it } from 'vitest'
import {
  closeTestBanks,
  pollsAfterTheEnd,
  SOLUTION_STEPS,
  startTestBank,
  STATUS_POLLS,
  transferById,
  waitFor,
  type TestBank,
} from './support/bank-harness.js'
import type { Visitor } from './support/visitor.js'

let bank: TestBank | undefined
afterEach(closeTestBanks)

async function start(env: Record<string, string> = {}) {
  bank = await startTestBank({ env })
  // Decisions come from polling here, not callbacks.
  await bank.sandbox!.control.setCallback(null)
  const visitor = bank.visitor()
  await visitor.register()
  return { bank, visitor }
}

async function pending(bank: TestBank, visitor: Visitor) {
  const { transferId } = await visitor.sendTransfer()
  const transfer = transferById(bank, transferId!)!
  expect(transfer.status).toBe('pending')
  return { id: transfer.id, uuid: transfer.approvalUuid! }
}

const problemOf = (bank: TestBank, id: string) => transferById(bank, id)?.problem?.message

describe('when Authy fails to create the approval request', () => {
  it('marks the transfer failed and shows what Authy said and what to do', async () => {
    const { bank, visitor } = await start()
    await bank.sandbox!.control.addFault({
      method: 'POST',
      path: '/onetouch/json/users/*/approval_requests',
      status: 500,
    })
    const sent = await visitor.sendTransfer()
    expect(sent.status).toBe(303)
    const transfer = transferById(bank, sent.transferId!)!
    expect(transfer.status).toBe('failed')
    const page = await visitor.get(sent.location!)
    expect(page.body).toContain('Money transfer failed')
    expect(page.body).toContain(
      'Authy refused the approval request: An error occurred (error 60000)'
    )
    expect(page.body).toContain('Try again in a moment')
    expect(bank.watcher.isWatching(transfer.id)).toBe(false)
  })

  it.each([
    ['does not answer in time', { delay_ms: 1500 }],
    ['answers something garbled', { malformed: 'json' as const }],
  ])(
    'says the request may have reached the phone when Authy %s, and what to do',
    async (_, fault) => {
      bank = await startTestBank({ authyClient: { timeoutMs: 500 } })
      const visitor = bank.visitor()
      await visitor.register()
      await bank.sandbox!.control.addFault({
        method: 'POST',
        path: '/onetouch/json/users/*/approval_requests',
        ...fault,
      })
      const sent = await visitor.sendTransfer()
      expect(transferById(bank, sent.transferId!)!.status).toBe('failed')
      const page = (await visitor.get(sent.location!)).body
      expect(page).toContain(
        'The bank does not know whether the approval request reached your phone'
      )
      expect(page).toContain(
        'If a request for this transfer shows up on your phone, deny it; then send the transfer again.'
      )
      expect(page).not.toContain('Authy refused')
      expect(page).not.toContain('could not be sent to your phone')
    }
  )

  it('blames step 2, not Authy, when step 2 gives the client an invalid value', async () => {
    bank = await startTestBank({
      variant: 'workshop',
      steps: {
        ...SOLUTION_STEPS,
        sendApprovalRequest: async ({ authy, user, transfer, secondsToExpire }) => {
          const reply = await authy.createApprovalRequest({
            authyId: user.id as unknown as number, // the bank's user id, not the Authy id
            message: `Transfer money to ${transfer.recipientEmail}`,
            details: {},
            secondsToExpire,
          })
          return reply.approval_request.uuid
        },
      },
    })
    const visitor = bank.visitor()
    await visitor.register()
    const sent = await visitor.sendTransfer()
    expect(transferById(bank, sent.transferId!)!.status).toBe('failed')
    const page = (await visitor.get(sent.location!)).body
    expect(page).toContain('Step 2 gave the Authy client an invalid value, so nothing was sent')
    expect(page).toContain('authyId must be a positive whole number')
    expect(page).toContain('workshop/steps/2-send-approval-request.ts')
    expect(page).not.toContain('Authy refused')
    expect(await bank.sandbox!.control.approvalRequests()).toEqual([])
  })

  it('says so when the phone has no Authy app registered', async () => {
    const { bank, visitor } = await start()
    const user = await bank.sandbox!.control.findUser(1, '5551234567')
    await bank.sandbox!.control.setDevice(user.authy_id, false)
    const sent = await visitor.sendTransfer()
    expect(transferById(bank, sent.transferId!)!.status).toBe('failed')
    expect((await visitor.get(sent.location!)).body).toContain(
      'has no Authy app registered for OneTouch'
    )
  })
})

describe('when checking the status fails', () => {
  it.each([
    [
      'a 503',
      { status: 503 },
      /Could not check the approval request: Service unavailable \(error 60000\)\. Retrying in \d+ s\./,
    ],
    [
      'a timeout',
      { delay_ms: 1500 },
      /Could not check the approval request: Authy did not answer .* within 500 ms\. Retrying in \d+ s\./,
    ],
    [
      'malformed JSON',
      { malformed: 'json' as const },
      /Could not check the approval request: Authy's answer to GET .* was not in the expected shape|Could not check the approval request: Authy answered GET .* with HTTP 200 and a body that is not JSON/,
    ],
  ])(
    'shows %s as a problem on the page, keeps it pending, backs off and recovers',
    async (_, fault, message) => {
      bank = await startTestBank({ authyClient: { timeoutMs: 500 } })
      await bank.sandbox!.control.setCallback(null)
      const visitor = bank.visitor()
      await visitor.register()
      await bank.sandbox!.control.addFault({
        method: 'GET',
        path: STATUS_POLLS,
        count: 3,
        ...fault,
      })
      const { id, uuid } = await pending(bank, visitor)

      const problem = await waitFor(() => problemOf(bank!, id), 'a visible problem')
      expect(problem).toMatch(message)
      expect(transferById(bank, id)!.status).toBe('pending')
      expect((await visitor.get(`/transfers/${id}`)).body).toContain('Retrying in')

      await waitFor(() => problemOf(bank!, id) === undefined, 'the recovery')
      expect(transferById(bank, id)!.status).toBe('pending')
      // A delayed answer is logged when it ends: let all three finish before counting polls.
      const faulted = async () =>
        (await bank!.sandbox!.control.requests(STATUS_POLLS)).filter((r) => r.fault_id)
      await waitFor(async () => (await faulted()).length === 3, 'the three faulty answers')
      await bank.sandbox!.control.approve(uuid)
      await waitFor(() => transferById(bank!, id)!.status === 'approved', 'the approval')
      expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
    }
  )

  it('waits as long as Retry-After asks', async () => {
    const { bank, visitor } = await start()
    await bank.sandbox!.control.addFault({
      method: 'GET',
      path: STATUS_POLLS,
      status: 429,
      retry_after: 3,
    })
    const { id } = await pending(bank, visitor)
    expect(await waitFor(() => problemOf(bank, id), 'a visible problem')).toMatch(
      /DoS protection \(error 60003\)\. Retrying in 3 s\./
    )
  })

  it('marks the transfer failed when Authy no longer knows the request', async () => {
    const { bank, visitor } = await start()
    await bank.sandbox!.control.addFault({ method: 'GET', path: STATUS_POLLS, status: 404 })
    const { id, uuid } = await pending(bank, visitor)
    await waitFor(() => transferById(bank, id)!.status === 'failed', 'the failure')
    expect(problemOf(bank, id)).toMatch(
      /^Authy no longer knows this approval request .* Send the transfer again\.$/
    )
    expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
  })

  it('stores expired at the expiry when every status check fails until then', async () => {
    const { bank, visitor } = await start({ SECONDS_TO_EXPIRE: '1' })
    await bank.sandbox!.control.addFault({
      method: 'GET',
      path: STATUS_POLLS,
      status: 503,
      count: 10_000,
    })
    const { id, uuid } = await pending(bank, visitor)
    await waitFor(() => transferById(bank, id)!.status === 'expired', 'the expiry')
    expect(await pollsAfterTheEnd(bank, id, uuid)).toBe(0)
    await bank.sandbox!.control.clearFaults()
  })

  it('starts the backoff again after each status check that worked', async () => {
    let runs = 0
    bank = await startTestBank({
      env: { POLL_INTERVAL_MS: '50' },
      watcher: { maxBackoffMs: 30_000 },
      steps: {
        ...SOLUTION_STEPS,
        // Asks Authy (which answers), then trips over a bug of its own, every time.
        waitForApproval: async ({ authy, transfer }) => {
          runs++
          await authy.getApprovalRequest({ uuid: transfer.approvalUuid })
          throw new Error('a bug after a status check that worked')
        },
      },
    })
    await bank.sandbox!.control.setCallback(null)
    const visitor = bank.visitor()
    await visitor.register()
    await pending(bank, visitor)
    await waitFor(() => runs >= 8, 'eight runs of step 3')
    const waits = bank.logs.flatMap((line) => /Retrying in (\d+) s\./.exec(line)?.[1] ?? [])
    expect(waits.length).toBeGreaterThanOrEqual(7)
    expect(new Set(waits)).toEqual(new Set(['1']))
  })
})
