// How often the bank asks Authy about a pending transfer: the configured interval until callbacks
// are known to arrive, then a slow safety net. Counted by the sandbox's request log.
import { afterEach, describe, expect, it } from 'vitest'
import { createCallbackHealth, SAFETY_NET_POLL_MS } from '../../shared/bank/domain/callback-health.js'
import {
  closeTestBanks,
  SOLUTION_STEPS,
  startTestBank,
  statusPolls,
  transferById,
  waitFor,
  type TestBank,
} from './support/bank-harness.js'

afterEach(closeTestBanks)

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function pendingTransfer(bank: TestBank) {
  const visitor = bank.visitor()
  await visitor.register()
  const { transferId } = await visitor.sendTransfer()
  return transferById(bank, transferId!)!
}

describe('the poll pace', () => {
  it('asks Authy at most once for a transfer approved after a second and a half, once a test callback confirmed callbacks', async () => {
    const bank = await startTestBank({ watcher: { safetyNetPollMs: SAFETY_NET_POLL_MS } })
    expect(bank.callbacks.confirmed).toBe(true)
    const transfer = await pendingTransfer(bank)
    await pause(1500)
    await bank.sandbox!.control.approve(transfer.approvalUuid!)
    await waitFor(() => transferById(bank, transfer.id)?.status === 'approved' || undefined, 'the approval')
    // At 100 ms a poll, a second and a half would have cost about fifteen.
    expect(await statusPolls(bank.sandbox!.control, transfer.approvalUuid!)).toBeLessThanOrEqual(1)
  })

  it('keeps the configured interval while no callback can arrive', async () => {
    const bank = await startTestBank({ inProcess: true, watcher: { safetyNetPollMs: SAFETY_NET_POLL_MS } })
    expect(bank.callbackUrl).toBeUndefined()
    expect(bank.callbacks.confirmed).toBe(false)
    const transfer = await pendingTransfer(bank)
    await pause(1000)
    expect(await statusPolls(bank.sandbox!.control, transfer.approvalUuid!)).toBeGreaterThanOrEqual(5)
  })

  it('does not confirm callbacks that step 4 refuses: polling keeps its pace', async () => {
    const bank = await startTestBank({
      watcher: { safetyNetPollMs: SAFETY_NET_POLL_MS },
      steps: {
        ...SOLUTION_STEPS,
        receiveCallback: async () => ({ accepted: false, reason: 'refused by this test' }),
      },
    })
    expect(bank.callbacksOn).toBe(true)
    expect(bank.callbacks.confirmed).toBe(false)
    expect(bank.logs.join('\n')).toContain('Callback refused: refused by this test')
  })

  it('confirms on the first accepted callback, and then gives step 3 the safety-net interval', () => {
    const lines: string[] = []
    const callbacks = createCallbackHealth({ log: (line) => lines.push(line) })
    expect(callbacks.pollIntervalMs(1000)).toBe(1000)
    callbacks.confirm()
    callbacks.confirm()
    expect(callbacks.pollIntervalMs(1000)).toBe(SAFETY_NET_POLL_MS)
    // Never faster than configured.
    expect(callbacks.pollIntervalMs(60_000)).toBe(60_000)
    expect(lines).toEqual([
      'OneTouch callbacks reach this app: step 3 now polls every 15 s, as a safety net for a callback that goes missing.',
    ])
  })
})
