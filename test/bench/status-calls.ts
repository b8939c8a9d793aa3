// Status calls to Authy per approved transfer (issue 10, part 1): learners each send a transfer
// and approve it on their phone after a few seconds, with callbacks working, and the same with
// polling alone (no callback reaches the bank) as the baseline. Counted by the sandbox's request
// log. Each bank is the finished app in a process of its own. Bounded: a fixed number of
// transfers, each waited for at most 20 s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchBank, sendTransfer, signUp, untilShown, type BenchBank } from './bank-driver.js'
import { startBenchServer } from './bench-process.js'

/** Status calls per approved transfer. */
export interface StatusCallFigures {
  average: number
  max: number
  transfers: number
}

export interface StatusCallResult {
  callbacks: StatusCallFigures
  pollingAlone: StatusCallFigures
  approveAfterMs: number
}

/**
 * Measures both ways: with callbacks, then with polling alone.
 *
 * @example
 * const result = await benchStatusCalls({ transfers: 20, approveAfterMs: 3000 })
 */
export async function benchStatusCalls(plan: {
  transfers: number
  approveAfterMs: number
}): Promise<StatusCallResult> {
  return {
    callbacks: await measure(plan, false),
    pollingAlone: await measure(plan, true),
    approveAfterMs: plan.approveAfterMs,
  }
}

async function measure(
  plan: { transfers: number; approveAfterMs: number },
  polling: boolean
): Promise<StatusCallFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-calls-'))
  const server = await startBenchServer<{
    url: string
    sandboxUrl: string
    sandboxKey: string
    callbacksConfirmed: boolean
  }>(['bank', dir, ...(polling ? ['polling'] : [])])
  try {
    if (server.info.callbacksConfirmed === polling) {
      throw new Error(`The bank's callbacks are ${polling ? 'confirmed' : 'not confirmed'}.`)
    }
    const bank = benchBank(server.info)
    const calls = await Promise.all(
      Array.from({ length: plan.transfers }, (_, index) => oneTransfer(bank, index, plan))
    )
    return {
      average: calls.reduce((sum, count) => sum + count, 0) / calls.length,
      max: Math.max(...calls),
      transfers: calls.length,
    }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

// One learner's transfer, approved `approveAfterMs` after it was sent: the status calls it cost.
async function oneTransfer(
  bank: BenchBank,
  index: number,
  plan: { approveAfterMs: number }
): Promise<number> {
  const learner = await signUp(bank, index)
  const sentAt = Date.now()
  const { transferId, uuid } = await sendTransfer(bank, learner)
  await new Promise((resolve) => setTimeout(resolve, sentAt + plan.approveAfterMs - Date.now()))
  await bank.control.approve(uuid)
  await untilShown(learner, transferId, 'approved')
  const logged = await bank.control.requests(`/onetouch/json/approval_requests/${uuid}`)
  return logged.filter((request) => request.method === 'GET').length
}
